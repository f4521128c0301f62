package app

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/model"
)

// propertiesPanel edits what is selected: an element's or flow's name,
// property table, controls and tags; a boundary's name; the diagram and the
// model's own details when nothing is selected. Every change is a command on
// the history, so it can be undone.
//
// Building a form is most of the cost of a selection (every label measures
// its text), so the form of each kind of object is built once and reused:
// its widgets read and edit whatever object did and id name at the time,
// and a selection only points them at another object and reloads them.
type propertiesPanel struct {
	a       *App
	content *fyne.Container
	shown   string // the selection the widgets show; only reloaded while it stays
	b       *binder

	did, id  string               // the object the reused forms edit
	forms    map[string]*propForm // by formKey
	relayout bool                 // a field changed its height
}

// propForm is the reusable form of one kind of object.
type propForm struct {
	objects []fyne.CanvasObject
	b       *binder
}

func newPropertiesPanel(a *App) *propertiesPanel {
	return &propertiesPanel{a: a, content: container.NewVBox(), forms: map[string]*propForm{}}
}

func (p *propertiesPanel) object() fyne.CanvasObject { return container.NewVScroll(p.content) }

// show displays the selection t. When it is what is shown already the
// widgets are only reloaded, so typing in a field is not interrupted.
func (p *propertiesPanel) show(t target) {
	fk := formKey(t)
	key := t.key() + "|" + fk // an element whose kind changed needs another form
	if key == p.shown && p.b != nil {
		p.b.sync()
		p.layout()
		return
	}
	p.shown = key
	if fk == "" {
		p.b = p.newBinder()
		p.setObjects(p.build(t))
		return
	}
	p.did, p.id = t.d.ID, t.ids[0]
	form := p.forms[fk]
	if form == nil {
		form = p.buildForm(t)
		p.forms[fk] = form
	}
	p.b = form.b
	// Another object: every field shows its value, the focused one too.
	p.b.syncAll()
	if len(p.content.Objects) == 0 || p.content.Objects[0] != form.objects[0] {
		p.setObjects(form.objects)
		p.relayout = false
	}
	p.layout()
}

// layout lays the panel out again when a field changed its height.
func (p *propertiesPanel) layout() {
	if p.relayout {
		p.relayout = false
		p.content.Refresh()
	}
}

func (p *propertiesPanel) setObjects(objs []fyne.CanvasObject) {
	p.content.Objects = objs
	p.content.Refresh()
}

func (p *propertiesPanel) newBinder() *binder {
	return &binder{focused: p.a.win.Canvas().Focused}
}

// syncAll reloads every field, the focused one included (after undo/redo).
func (p *propertiesPanel) syncAll() {
	if p.b != nil {
		p.b.syncAll()
	}
}

// formKey names the reusable form that edits the single object selected in
// t, or is "" when t is not one object.
func formKey(t target) string {
	if t.d == nil || len(t.ids) != 1 {
		return ""
	}
	id := t.ids[0]
	if e := t.d.Element(id); e != nil {
		return "element:" + e.Kind.String()
	}
	if t.d.Flow(id) != nil {
		return "flow"
	}
	if t.d.Boundary(id) != nil {
		return "boundary"
	}
	return ""
}

// build makes the widgets of a selection that has no reusable form.
func (p *propertiesPanel) build(t target) []fyne.CanvasObject {
	switch {
	case t.d == nil:
		return []fyne.CanvasObject{widget.NewLabel("No diagram.")}
	case len(t.ids) == 0:
		return p.buildModel(t.d)
	case len(t.ids) > 1:
		return []fyne.CanvasObject{widget.NewLabel(plural(len(t.ids), "object", "objects") + " selected.")}
	}
	return []fyne.CanvasObject{widget.NewLabel("Nothing to edit.")}
}

// buildForm makes the reusable form for the single object selected in t.
func (p *propertiesPanel) buildForm(t target) *propForm {
	f := &propForm{b: p.newBinder()}
	saved := p.b
	p.b = f.b
	defer func() { p.b = saved }()
	id := t.ids[0]
	switch {
	case t.d.Element(id) != nil:
		f.objects = p.buildElement(t.d.Element(id).Kind)
	case t.d.Flow(id) != nil:
		f.objects = p.buildFlow()
	default:
		f.objects = p.buildBoundary()
	}
	return f
}

// elem, flow and common are the object the forms edit, or nil when it is
// gone (a form may outlive its object by an edit).
func (p *propertiesPanel) elem() *model.Element {
	if d := p.a.doc.m.Diagram(p.did); d != nil {
		return d.Element(p.id)
	}
	return nil
}

func (p *propertiesPanel) flow() *model.Flow {
	if d := p.a.doc.m.Diagram(p.did); d != nil {
		return d.Flow(p.id)
	}
	return nil
}

func (p *propertiesPanel) common() *model.Common {
	if e := p.elem(); e != nil {
		return &e.Common
	}
	if f := p.flow(); f != nil {
		return &f.Common
	}
	return nil
}

// heading is a panel's title; it wraps, as it often holds a name of any
// length and must not widen the side panel.
func heading(s string) *widget.Label {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

func (p *propertiesPanel) buildElement(k model.Kind) []fyne.CanvasObject {
	form := widget.NewForm()
	form.Append("Name", p.nameEntry(func() string {
		if e := p.elem(); e != nil {
			return e.Name
		}
		return ""
	}))
	for _, prop := range model.ElementProperties(k) {
		form.Append(prop.Label, p.propWidget(prop, func() (any, bool) {
			if e := p.elem(); e != nil {
				return e.Prop(prop.Key)
			}
			return nil, false
		}))
	}
	out := []fyne.CanvasObject{heading(kindTitle(k)), form}
	if k == model.Note {
		return out
	}
	if k == model.MultiProcess {
		out = append(out, p.inDepthButton())
	}
	return append(out, p.tagsAndControls()...)
}

func (p *propertiesPanel) buildFlow() []fyne.CanvasObject {
	form := widget.NewForm()
	form.Append("Label", p.nameEntry(func() string {
		if f := p.flow(); f != nil {
			return f.Name
		}
		return ""
	}))
	ends := widget.NewLabel("")
	ends.Wrapping = fyne.TextWrapWord
	p.b.syncs = append(p.b.syncs, func() {
		text := ""
		if f, d := p.flow(), p.a.doc.m.Diagram(p.did); f != nil && d != nil {
			if from, to := d.Element(f.From), d.Element(f.To); from != nil && to != nil {
				text = from.Name + " → " + to.Name
			}
		}
		if ends.Text != text {
			ends.SetText(text)
			p.relayout = true
		}
	})
	form.Append("From → to", ends)
	for _, prop := range model.FlowProperties() {
		form.Append(prop.Label, p.propWidget(prop, func() (any, bool) {
			if f := p.flow(); f != nil {
				return f.Prop(prop.Key)
			}
			return nil, false
		}))
	}
	return append([]fyne.CanvasObject{heading("Data flow"), form}, p.tagsAndControls()...)
}

func (p *propertiesPanel) buildBoundary() []fyne.CanvasObject {
	boundary := func() *model.Boundary {
		if d := p.a.doc.m.Diagram(p.did); d != nil {
			return d.Boundary(p.id)
		}
		return nil
	}
	title := heading("")
	p.b.syncs = append(p.b.syncs, func() {
		kind := "Trust boundary (line)"
		if b := boundary(); b != nil && b.Shape == model.BoundaryBox {
			kind = "Trust boundary (box)"
		}
		if title.Text != kind {
			title.SetText(kind)
			p.relayout = true
		}
	})
	form := widget.NewForm()
	form.Append("Name", p.nameEntry(func() string {
		if b := boundary(); b != nil {
			return b.Name
		}
		return ""
	}))
	return []fyne.CanvasObject{title, form}
}

func (p *propertiesPanel) nameEntry(get func() string) *widget.Entry {
	return p.b.entry(false, get, func(s string) {
		p.a.typed(model.Rename(p.did, p.id, s))
	})
}

// propWidget is a check box for a yes/no property, a choice for one with
// options and an entry for text; typing into a text property is one undo step.
func (p *propertiesPanel) propWidget(prop model.Property, get func() (any, bool)) fyne.CanvasObject {
	str := func() string {
		v, _ := get()
		s, _ := v.(string)
		return s
	}
	switch {
	case prop.Options != nil:
		return p.b.choice(prop.Options, str, func(v string) {
			p.a.do(model.SetProp(p.did, p.id, prop.Key, v))
		})
	case prop.Text:
		return p.b.entry(prop.Key == "description", str, func(v string) {
			p.a.typed(model.SetProp(p.did, p.id, prop.Key, v))
		})
	default:
		c := p.b.check("", func() bool { v, _ := get(); b, _ := v.(bool); return b }, func(v bool) {
			p.a.do(model.SetProp(p.did, p.id, prop.Key, v))
		})
		// The help wraps beside the box so that it never widens the panel.
		help := widget.NewLabel(prop.Help)
		help.Wrapping = fyne.TextWrapWord
		help.Importance = widget.LowImportance
		return container.NewBorder(nil, nil, c, nil, help)
	}
}

// tagsAndControls edits the tags (comma separated) and the controls table.
// The table has a row per control; its rows are made again only when the
// number of controls changes.
func (p *propertiesPanel) tagsAndControls() []fyne.CanvasObject {
	tags := p.b.entry(false, func() string {
		if c := p.common(); c != nil {
			return strings.Join(c.Tags, ", ")
		}
		return ""
	}, func(s string) {
		p.a.typed(model.SetTags(p.did, p.id, splitTags(s)))
	})
	tags.SetPlaceHolder("comma, separated")
	form := widget.NewForm(widget.NewFormItem("Tags", tags))

	// Rows are kept once made, and as many shown as there are controls;
	// each has its own binder so that hidden rows are not reloaded.
	var made []fyne.CanvasObject
	var binders []*binder
	rows := container.NewVBox()
	b := p.b
	b.syncs = append(b.syncs, func() {
		n := len(p.controls())
		for len(made) < n {
			rb := p.newBinder()
			made = append(made, p.controlRow(rb, len(made)))
			binders = append(binders, rb)
		}
		for _, rb := range binders[:n] {
			if b.all {
				rb.syncAll()
			} else {
				rb.sync()
			}
		}
		if len(rows.Objects) != n {
			rows.Objects = made[:n:n]
			p.relayout = true
		}
	})
	add := widget.NewButtonWithIcon("Add control", theme.ContentAddIcon(), func() {
		p.a.do(model.SetControls(p.did, p.id, append(p.controls(), model.Control{Name: "New control"})))
	})
	return []fyne.CanvasObject{form, heading("Security controls"), rows, add}
}

// controls is a copy of the edited object's controls, to change and set.
func (p *propertiesPanel) controls() []model.Control {
	if c := p.common(); c != nil {
		return slices.Clone(c.Controls)
	}
	return nil
}

// controlRow makes row i of the controls table, its fields bound by b.
func (p *propertiesPanel) controlRow(b *binder, i int) fyne.CanvasObject {
	// set changes row i of the object's controls through apply: typed for
	// text (a word is one undo step), do for a click.
	set := func(apply func(model.Command), change func(*model.Control)) {
		cs := p.controls()
		if i < len(cs) {
			change(&cs[i])
			apply(model.SetControls(p.did, p.id, cs))
		}
	}
	name := b.entry(false, func() string { return controlAt(p.controls(), i).Name }, func(s string) {
		set(p.a.typed, func(c *model.Control) { c.Name = s })
	})
	name.SetPlaceHolder("Control, e.g. TLS")
	notes := b.entry(false, func() string { return controlAt(p.controls(), i).Notes }, func(s string) {
		set(p.a.typed, func(c *model.Control) { c.Notes = s })
	})
	notes.SetPlaceHolder("Notes")
	inPlace := b.check("In place", func() bool { return controlAt(p.controls(), i).InPlace }, func(v bool) {
		set(p.a.do, func(c *model.Control) { c.InPlace = v })
	})
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		cs := p.controls()
		if i < len(cs) {
			p.a.do(model.SetControls(p.did, p.id, slices.Delete(cs, i, i+1)))
		}
	})
	return container.NewBorder(nil, nil, nil, container.NewHBox(inPlace, remove),
		container.NewGridWithColumns(2, name, notes))
}

func controlAt(cs []model.Control, i int) model.Control {
	if i < len(cs) {
		return cs[i]
	}
	return model.Control{}
}

func splitTags(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

func kindTitle(k model.Kind) string {
	switch k {
	case model.Actor:
		return "Actor"
	case model.Process:
		return "Process"
	case model.MultiProcess:
		return "Multi-process"
	case model.Store:
		return "Data store"
	case model.Note:
		return "Note"
	}
	return k.String()
}

// buildModel edits the diagram's title and the model's details, shown when
// nothing is selected.
func (p *propertiesPanel) buildModel(d *model.Diagram) []fyne.CanvasObject {
	did := d.ID
	diagram := widget.NewForm(widget.NewFormItem("Title", p.b.entry(false, func() string {
		if d := p.a.doc.m.Diagram(did); d != nil {
			return d.Title
		}
		return ""
	}, func(s string) {
		p.a.typed(model.RenameDiagram(did, s))
	})))
	// The checklist is offered by name; "" in the file means STRIDE.
	var names []string
	ids := map[string]string{}
	for _, cl := range p.a.cat.Checklists() {
		names = append(names, cl.Name)
		ids[cl.Name] = cl.ID
	}
	diagram.Append("Checklist", p.b.choice(names, func() string {
		if d := p.a.doc.m.Diagram(did); d != nil {
			return p.a.checklist(d).Name
		}
		return ""
	}, func(name string) {
		if d := p.a.doc.m.Diagram(did); d != nil && p.a.checklist(d).Name != name {
			p.a.do(model.SetChecklist(did, ids[name]))
		}
	}))

	m := func() *model.Model { return p.a.doc.m }
	info := func() model.Info {
		m := m()
		return model.Info{Title: m.Title, Owner: m.Owner, Description: m.Description, Scope: m.Scope,
			Classification: m.Classification, Version: m.Version, NextSession: m.NextSession}
	}
	field := func(key string, multi bool, get func(model.Info) string, set func(*model.Info, string)) *widget.Entry {
		return p.b.entry(multi, func() string { return get(info()) }, func(s string) {
			in := info()
			set(&in, s)
			p.a.typed(model.SetInfo(in))
		})
	}
	next := widget.NewEntry()
	next.SetPlaceHolder("YYYY-MM-DD, Enter to set")
	next.SetText(m().NextSession.String())
	next.Validator = func(s string) error { _, err := model.ParseDate(s); return err }
	p.b.syncs = append(p.b.syncs, func() {
		if p.b.all || p.b.focused() != next {
			next.SetText(m().NextSession.String())
		}
	})
	next.OnSubmitted = func(s string) {
		day, err := model.ParseDate(s)
		if err != nil {
			p.a.ask.Error(err)
			return
		}
		in := info()
		in.NextSession = day
		p.a.do(model.SetInfo(in))
	}
	doc := widget.NewForm(
		widget.NewFormItem("Title", field("title", false, func(i model.Info) string { return i.Title }, func(i *model.Info, s string) { i.Title = s })),
		widget.NewFormItem("Owner", field("owner", false, func(i model.Info) string { return i.Owner }, func(i *model.Info, s string) { i.Owner = s })),
		widget.NewFormItem("Classification", field("classification", false, func(i model.Info) string { return i.Classification }, func(i *model.Info, s string) { i.Classification = s })),
		widget.NewFormItem("Version", field("version", false, func(i model.Info) string { return i.Version }, func(i *model.Info, s string) { i.Version = s })),
		widget.NewFormItem("Scope", field("scope", true, func(i model.Info) string { return i.Scope }, func(i *model.Info, s string) { i.Scope = s })),
		widget.NewFormItem("Description", field("description", true, func(i model.Info) string { return i.Description }, func(i *model.Info, s string) { i.Description = s })),
		widget.NewFormItem("Next session", next),
	)
	return []fyne.CanvasObject{heading("Diagram"), diagram, heading("Threat model"), doc}
}

// inDepthButton opens the diagram behind a multi-process, creating it (as
// one undoable step) the first time.
func (p *propertiesPanel) inDepthButton() fyne.CanvasObject {
	btn := widget.NewButton("", func() {
		el := p.elem()
		if el == nil {
			return
		}
		if el.Child != "" {
			p.a.showDiagram(el.Child)
			return
		}
		child := &model.Diagram{Title: el.Name + " in depth", Checklist: p.a.doc.m.Diagram(p.did).Checklist}
		p.a.do(model.AddChildDiagram(p.did, p.id, child))
	})
	p.b.syncs = append(p.b.syncs, func() {
		text, icon := "Model it in depth", theme.ContentAddIcon()
		if el := p.elem(); el != nil && el.Child != "" {
			text, icon = "Open its diagram", theme.NavigateNextIcon()
		}
		if btn.Text != text {
			btn.SetText(text)
			btn.SetIcon(icon)
		}
	})
	return btn
}
