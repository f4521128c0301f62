package app

import (
	"fmt"
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
type propertiesPanel struct {
	a       *App
	content *fyne.Container
	shown   string // what the widgets were built for; rebuilt only when it changes
	b       *binder
}

func newPropertiesPanel(a *App) *propertiesPanel {
	return &propertiesPanel{a: a, content: container.NewVBox()}
}

func (p *propertiesPanel) object() fyne.CanvasObject { return container.NewVScroll(p.content) }

// show displays the selection t. When it is what is shown already the
// widgets are only reloaded, so typing in a field is not interrupted.
func (p *propertiesPanel) show(t target) {
	key := t.key() + "|" + p.shape(t)
	if key == p.shown && p.b != nil {
		p.b.sync()
		return
	}
	p.shown = key
	p.b = &binder{focused: p.a.win.Canvas().Focused}
	p.content.Objects = p.build(t)
	p.content.Refresh()
}

// syncAll reloads every field, the focused one included (after undo/redo).
func (p *propertiesPanel) syncAll() {
	if p.b != nil {
		p.b.syncAll()
	}
}

// shape is the part of the selection's state that changes which widgets the
// panel has (the number of control rows), so it is rebuilt when it changes.
func (p *propertiesPanel) shape(t target) string {
	c := t.common()
	if c == nil {
		return ""
	}
	child := ""
	if e := t.d.Element(t.ids[0]); e != nil {
		child = e.Child
	}
	return fmt.Sprint(len(c.Controls), child)
}

func (p *propertiesPanel) build(t target) []fyne.CanvasObject {
	switch {
	case t.d == nil:
		return []fyne.CanvasObject{widget.NewLabel("No diagram.")}
	case len(t.ids) == 0:
		return p.buildModel(t.d)
	case len(t.ids) > 1:
		return []fyne.CanvasObject{widget.NewLabel(plural(len(t.ids), "object", "objects") + " selected.")}
	}
	id := t.ids[0]
	if e := t.d.Element(id); e != nil {
		return p.buildElement(t.d, e)
	}
	if f := t.d.Flow(id); f != nil {
		return p.buildFlow(t.d, f)
	}
	if bd := t.d.Boundary(id); bd != nil {
		return p.buildBoundary(t.d, bd)
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

func (p *propertiesPanel) buildElement(d *model.Diagram, e *model.Element) []fyne.CanvasObject {
	did, id := d.ID, e.ID
	elem := func() *model.Element { return p.a.doc.m.Diagram(did).Element(id) }
	form := widget.NewForm()
	form.Append("Name", p.nameEntry(did, id, func() string { return elemOr(elem(), func(e *model.Element) string { return e.Name }) }))
	for _, prop := range model.ElementProperties(e.Kind) {
		form.Append(prop.Label, p.propWidget(did, id, prop, func() (any, bool) {
			if e := elem(); e != nil {
				return e.Prop(prop.Key)
			}
			return nil, false
		}))
	}
	out := []fyne.CanvasObject{heading(kindTitle(e.Kind)), form}
	if e.Kind == model.Note {
		return out
	}
	if e.Kind == model.MultiProcess {
		out = append(out, p.inDepthButton(did, e))
	}
	common := func() *model.Common {
		if e := elem(); e != nil {
			return &e.Common
		}
		return nil
	}
	return append(out, p.tagsAndControls(did, id, common)...)
}

func (p *propertiesPanel) buildFlow(d *model.Diagram, f *model.Flow) []fyne.CanvasObject {
	did, id := d.ID, f.ID
	flow := func() *model.Flow { return p.a.doc.m.Diagram(did).Flow(id) }
	form := widget.NewForm()
	form.Append("Label", p.nameEntry(did, id, func() string {
		if f := flow(); f != nil {
			return f.Name
		}
		return ""
	}))
	if from, to := d.Element(f.From), d.Element(f.To); from != nil && to != nil {
		form.Append("From → to", widget.NewLabel(from.Name+" → "+to.Name))
	}
	for _, prop := range model.FlowProperties() {
		form.Append(prop.Label, p.propWidget(did, id, prop, func() (any, bool) {
			if f := flow(); f != nil {
				return f.Prop(prop.Key)
			}
			return nil, false
		}))
	}
	common := func() *model.Common {
		if f := flow(); f != nil {
			return &f.Common
		}
		return nil
	}
	return append([]fyne.CanvasObject{heading("Data flow"), form}, p.tagsAndControls(did, id, common)...)
}

func (p *propertiesPanel) buildBoundary(d *model.Diagram, bd *model.Boundary) []fyne.CanvasObject {
	did, id := d.ID, bd.ID
	form := widget.NewForm()
	form.Append("Name", p.nameEntry(did, id, func() string {
		if b := p.a.doc.m.Diagram(did).Boundary(id); b != nil {
			return b.Name
		}
		return ""
	}))
	kind := "Trust boundary (line)"
	if bd.Shape == model.BoundaryBox {
		kind = "Trust boundary (box)"
	}
	return []fyne.CanvasObject{heading(kind), form}
}

func (p *propertiesPanel) nameEntry(did, id string, get func() string) *widget.Entry {
	return p.b.entry(false, get, func(s string) {
		p.a.typed(model.Rename(did, id, s))
	})
}

// propWidget is a check box for a yes/no property, a choice for one with
// options and an entry for text; typing into a text property is one undo step.
func (p *propertiesPanel) propWidget(did, id string, prop model.Property, get func() (any, bool)) fyne.CanvasObject {
	str := func() string {
		v, _ := get()
		s, _ := v.(string)
		return s
	}
	switch {
	case prop.Options != nil:
		return p.b.choice(prop.Options, str, func(v string) {
			p.a.do(model.SetProp(did, id, prop.Key, v))
		})
	case prop.Text:
		return p.b.entry(prop.Key == "description", str, func(v string) {
			p.a.typed(model.SetProp(did, id, prop.Key, v))
		})
	default:
		c := p.b.check("", func() bool { v, _ := get(); b, _ := v.(bool); return b }, func(v bool) {
			p.a.do(model.SetProp(did, id, prop.Key, v))
		})
		// The help wraps beside the box so that it never widens the panel.
		help := widget.NewLabel(prop.Help)
		help.Wrapping = fyne.TextWrapWord
		help.Importance = widget.LowImportance
		return container.NewBorder(nil, nil, c, nil, help)
	}
}

// tagsAndControls edits the tags (comma separated) and the controls table.
func (p *propertiesPanel) tagsAndControls(did, id string, common func() *model.Common) []fyne.CanvasObject {
	tags := p.b.entry(false, func() string {
		if c := common(); c != nil {
			return strings.Join(c.Tags, ", ")
		}
		return ""
	}, func(s string) {
		p.a.typed(model.SetTags(did, id, splitTags(s)))
	})
	tags.SetPlaceHolder("comma, separated")
	form := widget.NewForm(widget.NewFormItem("Tags", tags))

	controls := func() []model.Control {
		if c := common(); c != nil {
			return slices.Clone(c.Controls)
		}
		return nil
	}
	rows := container.NewVBox()
	n := len(controls())
	for i := range n {
		name := p.b.entry(false, func() string { return controlAt(controls(), i).Name }, func(s string) {
			cs := controls()
			if i < len(cs) {
				cs[i].Name = s
				p.a.typed(model.SetControls(did, id, cs))
			}
		})
		name.SetPlaceHolder("Control, e.g. TLS")
		notes := p.b.entry(false, func() string { return controlAt(controls(), i).Notes }, func(s string) {
			cs := controls()
			if i < len(cs) {
				cs[i].Notes = s
				p.a.typed(model.SetControls(did, id, cs))
			}
		})
		notes.SetPlaceHolder("Notes")
		inPlace := p.b.check("In place", func() bool { return controlAt(controls(), i).InPlace }, func(v bool) {
			cs := controls()
			if i < len(cs) {
				cs[i].InPlace = v
				p.a.do(model.SetControls(did, id, cs))
			}
		})
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			cs := controls()
			if i < len(cs) {
				p.a.do(model.SetControls(did, id, slices.Delete(cs, i, i+1)))
			}
		})
		rows.Add(container.NewBorder(nil, nil, nil, container.NewHBox(inPlace, remove),
			container.NewGridWithColumns(2, name, notes)))
	}
	add := widget.NewButtonWithIcon("Add control", theme.ContentAddIcon(), func() {
		p.a.do(model.SetControls(did, id, append(controls(), model.Control{Name: "New control"})))
	})
	return []fyne.CanvasObject{form, heading("Security controls"), rows, add}
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

func elemOr(e *model.Element, f func(*model.Element) string) string {
	if e == nil {
		return ""
	}
	return f(e)
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
func (p *propertiesPanel) inDepthButton(did string, e *model.Element) fyne.CanvasObject {
	id := e.ID
	if e.Child != "" {
		return widget.NewButtonWithIcon("Open its diagram", theme.NavigateNextIcon(), func() {
			if el := p.a.doc.m.Diagram(did).Element(id); el != nil {
				p.a.showDiagram(el.Child)
			}
		})
	}
	return widget.NewButtonWithIcon("Model it in depth", theme.ContentAddIcon(), func() {
		el := p.a.doc.m.Diagram(did).Element(id)
		if el == nil {
			return
		}
		child := &model.Diagram{Title: el.Name + " in depth", Checklist: p.a.doc.m.Diagram(did).Checklist}
		p.a.do(model.AddChildDiagram(did, id, child))
	})
}
