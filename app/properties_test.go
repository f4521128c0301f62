package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/model"
)

// panelModel has two objects of most kinds with different values, so that
// a form reused from one object to the next shows any value it kept.
func panelModel() *model.Model {
	el := func(id string, k model.Kind, x float64, c model.Common) *model.Element {
		return &model.Element{ID: id, Kind: k, Bounds: model.Rect{X: x, Y: 40, W: 80, H: 60}, Common: c}
	}
	api := el("p1", model.Process, 200, model.Common{Name: "Web API", Description: "Serves the app",
		Controls: []model.Control{{Name: "TLS", InPlace: true}, {Name: "WAF"}}})
	api.WebApplication, api.PrivilegeLevel = true, "root"
	worker := el("p2", model.Process, 400, model.Common{Name: "Worker", Owner: "Ops"})
	worker.PrivilegeLevel = "service account"
	users := el("s1", model.Store, 200, model.Common{Name: "Users", Controls: []model.Control{{Name: "Backups"}}})
	users.EncryptedAtRest = true
	return &model.Model{ID: "m1", Title: "Panel", Diagrams: []*model.Diagram{{ID: "d1", Title: "Main",
		Elements: []*model.Element{
			el("a1", model.Actor, 0, model.Common{Name: "Customer"}),
			api, worker, users,
			el("s2", model.Store, 400, model.Common{Name: "Cache"}),
			el("n1", model.Note, 600, model.Common{Name: "Remember the CDN"}),
		},
		Flows: []*model.Flow{
			{ID: "f1", From: "a1", To: "p1", Common: model.Common{Name: "Sign in"}, Protocol: "HTTPS", Encrypted: true,
				Classification: model.DataConfidential},
			{ID: "f2", From: "p1", To: "s1", Common: model.Common{Name: "Query"}},
		},
		Boundaries: []*model.Boundary{
			{ID: "b1", Name: "Internet", Shape: model.BoundaryLine, Points: []model.Point{{X: 150, Y: 0}, {X: 150, Y: 300}}},
			{ID: "b2", Name: "Data centre", Shape: model.BoundaryBox, Bounds: model.Rect{X: 180, Y: 20, W: 400, H: 200}},
		},
	}}}
}

// formField is the widget the properties panel shows for the field label.
func formField(t *testing.T, o fyne.CanvasObject, label string) fyne.CanvasObject {
	t.Helper()
	for _, c := range test.LaidOutObjects(o) {
		if f, ok := c.(*widget.Form); ok {
			for _, it := range f.Items {
				if it.Text == label {
					return it.Widget
				}
			}
		}
	}
	t.Fatalf("the panel has no field %q", label)
	return nil
}

func entryField(t *testing.T, o fyne.CanvasObject, label string) *widget.Entry {
	t.Helper()
	e, ok := formField(t, o, label).(*widget.Entry)
	if !ok {
		t.Fatalf("field %q is not an entry", label)
	}
	return e
}

func checkField(t *testing.T, o fyne.CanvasObject, label string) *widget.Check {
	t.Helper()
	if box, ok := formField(t, o, label).(*fyne.Container); ok {
		for _, c := range box.Objects {
			if ch, ok := c.(*widget.Check); ok {
				return ch
			}
		}
	}
	t.Fatalf("field %q has no check box", label)
	return nil
}

// panelState is what the panel shows, read from its widgets.
func panelState(t *testing.T, p *propertiesPanel) (heading string, values map[string]any) {
	t.Helper()
	values = map[string]any{}
	for _, c := range test.LaidOutObjects(p.content) {
		switch w := c.(type) {
		case *widget.Label:
			if heading == "" && w.TextStyle.Bold {
				heading = w.Text
			}
		case *widget.Form:
			for _, it := range w.Items {
				switch v := it.Widget.(type) {
				case *widget.Entry:
					values[it.Text] = v.Text
				case *widget.Select:
					values[it.Text] = v.Selected
				case *widget.Label:
					values[it.Text] = v.Text
				case *fyne.Container:
					for _, o := range v.Objects {
						if ch, ok := o.(*widget.Check); ok {
							values[it.Text] = ch.Checked
						}
					}
				}
			}
		}
	}
	return heading, values
}

func controlNames(p *propertiesPanel) []string {
	var out []string
	for _, c := range test.LaidOutObjects(p.content) {
		if e, ok := c.(*widget.Entry); ok && e.PlaceHolder == "Control, e.g. TLS" && e.Visible() {
			out = append(out, e.Text)
		}
	}
	return out
}

// The panel reuses one form per kind of object; whatever order objects are
// selected in, it shows each one's own values and only its fields.
func TestPanelShowsEachSelection(t *testing.T) {
	want := map[string]struct {
		heading  string
		values   map[string]any
		absent   []string
		controls []string
	}{
		"a1": {"Actor", map[string]any{"Name": "Customer", "Human": false, "Description": ""}, []string{"Web application"}, nil},
		"p1": {"Process", map[string]any{"Name": "Web API", "Web application": true, "Privilege level": "root",
			"Description": "Serves the app", "Owner": ""}, []string{"Human", "Encrypted at rest"}, []string{"TLS", "WAF"}},
		"p2": {"Process", map[string]any{"Name": "Worker", "Web application": false, "Privilege level": "service account",
			"Description": "", "Owner": "Ops"}, nil, nil},
		"s1": {"Data store", map[string]any{"Name": "Users", "Encrypted at rest": true}, []string{"Privilege level"}, []string{"Backups"}},
		"s2": {"Data store", map[string]any{"Name": "Cache", "Encrypted at rest": false}, nil, nil},
		"n1": {"Note", map[string]any{"Name": "Remember the CDN"}, []string{"Description", "Tags"}, nil},
		"f1": {"Data flow", map[string]any{"Label": "Sign in", "Protocol": "HTTPS", "Encrypted": true,
			"Data classification": "confidential", "From → to": "Customer → Web API"}, []string{"Name"}, nil},
		"f2": {"Data flow", map[string]any{"Label": "Query", "Protocol": "", "Encrypted": false,
			"Data classification": "", "From → to": "Web API → Users"}, nil, nil},
		"b1": {"Trust boundary (line)", map[string]any{"Name": "Internet"}, []string{"Description"}, nil},
		"b2": {"Trust boundary (box)", map[string]any{"Name": "Data centre"}, nil, nil},
	}
	// Every object after every other of the same or another kind.
	order := []string{"p1", "p2", "p1", "a1", "s1", "s2", "f1", "f2", "p2", "b1", "b2", "n1", "f1", "b1", "s1", "p1", "", "p2"}
	f := newFixture(t, panelModel())
	for i, id := range order {
		if id == "" {
			f.a.currentView().ed.Select()
			if es := entries(f.a.props.content); len(es) == 0 || es[0].Text != "Main" {
				t.Fatalf("step %d, nothing selected: first entry %q, want the diagram's title", i, textOf(es))
			}
			continue
		}
		f.a.selectObject("d1", id)
		w := want[id]
		heading, values := panelState(t, f.a.props)
		if heading != w.heading {
			t.Errorf("step %d, %s: heading %q, want %q", i, id, heading, w.heading)
		}
		for label, v := range w.values {
			if values[label] != v {
				t.Errorf("step %d, %s: %s shows %#v, want %#v", i, id, label, values[label], v)
			}
		}
		for _, label := range w.absent {
			if _, ok := values[label]; ok {
				t.Errorf("step %d, %s: the panel shows %s", i, id, label)
			}
		}
		if got := controlNames(f.a.props); !equalStrings(got, w.controls) {
			t.Errorf("step %d, %s: controls %q, want %q", i, id, got, w.controls)
		}
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// A reused widget edits the object selected now, never the one it was
// built for or showed before; also when it keeps the keyboard focus
// across the switch.
func TestPanelEditsTheObjectSelectedNow(t *testing.T) {
	f := newFixture(t, panelModel())
	d := func() *model.Diagram { return f.a.doc.m.Diagram("d1") }
	ed := f.a.currentView().ed

	f.a.selectObject("d1", "p1")
	desc := entryField(t, f.a.props.content, "Description")
	f.a.win.Canvas().Focus(desc)
	desc.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	test.Type(desc, " fast")
	// The selection changes on the canvas while the field keeps the focus.
	ed.Select("p2")
	if desc != entryField(t, f.a.props.content, "Description") {
		t.Fatal("the process form was not reused") // the rest of the test would prove nothing
	}
	if desc.Text != "" {
		t.Fatalf("after switching to the worker the focused description shows %q", desc.Text)
	}
	test.Type(desc, "Runs jobs")
	if got := d().Element("p2").Description; got != "Runs jobs" {
		t.Errorf("worker description = %q", got)
	}
	if got := d().Element("p1").Description; got != "Serves the app fast" {
		t.Errorf("web API description = %q, want only the first edit", got)
	}

	web := checkField(t, f.a.props.content, "Web application")
	test.TapAt(web, fyne.NewPos(8, web.Size().Height/2))
	if !d().Element("p2").WebApplication || !d().Element("p1").WebApplication {
		t.Errorf("web application: worker %v, web API %v; want both set", d().Element("p2").WebApplication, d().Element("p1").WebApplication)
	}

	// Controls: the web API's second row edits the web API's second control.
	f.a.selectObject("d1", "p1")
	if got := controlNames(f.a.props); !equalStrings(got, []string{"TLS", "WAF"}) {
		t.Fatalf("controls %q", got)
	}
	f.a.selectObject("d1", "s1")
	f.a.selectObject("d1", "p1")
	var rows []*widget.Entry
	for _, e := range entries(f.a.props.content) {
		if e.PlaceHolder == "Control, e.g. TLS" {
			rows = append(rows, e)
		}
	}
	test.Type(rows[1], "Rate limit ")
	if got := d().Element("p1").Controls[1].Name; got != "Rate limit WAF" {
		t.Errorf("web API control = %q", got)
	}
	if got := d().Element("s1").Controls[0].Name; got != "Backups" {
		t.Errorf("store control = %q", got)
	}

	// A flow's label after a flow and an element.
	f.a.selectObject("d1", "f1")
	f.a.selectObject("d1", "f2")
	label := entryField(t, f.a.props.content, "Label")
	test.Type(label, "SQL ")
	if d().Flow("f2").Name != "SQL Query" || d().Flow("f1").Name != "Sign in" {
		t.Errorf("flows: %q, %q", d().Flow("f1").Name, d().Flow("f2").Name)
	}
	choice := formField(t, f.a.props.content, "Data classification").(*widget.Select)
	choice.SetSelected("secret")
	if d().Flow("f2").Classification != model.DataSecret || d().Flow("f1").Classification != model.DataConfidential {
		t.Errorf("classification: f1 %v, f2 %v", d().Flow("f1").Classification, d().Flow("f2").Classification)
	}

	// Undo goes back step by step, and the panel follows on the object shown.
	f.a.undo() // classification
	f.a.undo() // label
	if _, values := panelState(t, f.a.props); values["Label"] != "Query" || values["Data classification"] != "" {
		t.Errorf("after undo the flow shows %v, %v", values["Label"], values["Data classification"])
	}
	f.a.selectObject("d1", "b2")
	test.Type(entryField(t, f.a.props.content, "Name"), "EU ")
	f.a.selectObject("d1", "b1")
	if _, values := panelState(t, f.a.props); values["Name"] != "Internet" {
		t.Errorf("the line boundary shows %v", values["Name"])
	}
	if d().Boundary("b2").Name != "EU Data centre" || d().Boundary("b1").Name != "Internet" {
		t.Errorf("boundaries: %q, %q", d().Boundary("b1").Name, d().Boundary("b2").Name)
	}
}

// Adding and removing controls shows and hides rows of the reused form.
func TestPanelControlRowsFollowTheCount(t *testing.T) {
	f := newFixture(t, panelModel())
	f.a.selectObject("d1", "p2")
	add := buttons(f.a.props.content, "Add control")
	if len(add) != 1 {
		t.Fatal("no Add control button")
	}
	test.Tap(add[0])
	test.Tap(add[0])
	if got := controlNames(f.a.props); !equalStrings(got, []string{"New control", "New control"}) {
		t.Fatalf("after two adds: %q", got)
	}
	f.a.selectObject("d1", "p1")
	if got := controlNames(f.a.props); !equalStrings(got, []string{"TLS", "WAF"}) {
		t.Fatalf("web API: %q", got)
	}
	f.a.undo()
	f.a.undo()
	f.a.selectObject("d1", "p2")
	if got := controlNames(f.a.props); len(got) != 0 {
		t.Errorf("after undoing both adds the worker shows %q", got)
	}
}

// The panel's fields are the property table's, for every kind and flows.
func TestPanelListsThePropertyTable(t *testing.T) {
	f := newFixture(t, panelModel())
	labels := func() []string {
		var out []string
		for _, c := range test.LaidOutObjects(f.a.props.content) {
			if form, ok := c.(*widget.Form); ok {
				for _, it := range form.Items {
					out = append(out, it.Text)
				}
				break // the first form; tags follow in another
			}
		}
		return out
	}
	tests := map[string]struct {
		id    string
		first []string
		props []model.Property
	}{
		"actor":   {"a1", []string{"Name"}, model.ElementProperties(model.Actor)},
		"process": {"p1", []string{"Name"}, model.ElementProperties(model.Process)},
		"store":   {"s1", []string{"Name"}, model.ElementProperties(model.Store)},
		"note":    {"n1", []string{"Name"}, model.ElementProperties(model.Note)},
		"flow":    {"f1", []string{"Label", "From → to"}, model.FlowProperties()},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			f.a.selectObject("d1", tc.id)
			want := tc.first
			for _, p := range tc.props {
				want = append(want, p.Label)
			}
			if got := labels(); !equalStrings(got, want) {
				t.Errorf("fields %q\nwant   %q", got, want)
			}
		})
	}
}
