package app

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/canvas"
	"github.com/threatboard/threatboard/model"
)

// diagramView is the tab of one diagram and its editor.
type diagramView struct {
	diagramID string
	ed        *canvas.Editor
	tab       *container.TabItem
	// crumbs leads from a child diagram back up to the diagrams above it;
	// it is hidden for a top-level diagram.
	crumbs *fyne.Container
	shown  string // the path the crumbs show, to rebuild them only on a change
	fitted bool   // zoomed to fit the first time it was shown
	bg     resolvedBackground
}

// fitOnce zooms the view to show its whole diagram the first time it is on
// screen (and so has a size), but never beyond 100%.
func (v *diagramView) fitOnce() {
	if v.fitted || v.ed.Size().IsZero() {
		return
	}
	v.fitted = true
	v.ed.ZoomToFit()
	if v.ed.Zoom() > 1 {
		v.ed.ZoomReset()
	}
}

func (a *App) newView(diagramID string) *diagramView {
	ed := canvas.NewEditor(a.doc.h, diagramID, a.clip)
	ed.OnSelectionChanged = func([]string) { a.selectionChanged() }
	ed.OnOpenDiagram = func(id string) { a.showDiagram(id) }
	ed.OnBackgroundImage = a.backgroundDialog
	ed.OnError = a.ask.Error
	ed.SetSnap(a.settings.v.SnapToGrid)
	ed.OnZoomChanged = func(z float64) {
		if a.editor() == ed {
			a.status.zoom.SetText(zoomText(z))
		}
	}
	title := ""
	if d := a.doc.m.Diagram(diagramID); d != nil {
		title = d.Title
	}
	v := &diagramView{diagramID: diagramID, ed: ed, crumbs: container.NewHBox()}
	v.crumbs.Hide()
	v.tab = container.NewTabItem(tabTitle(title), container.NewBorder(v.crumbs, nil, nil, nil, ed))
	a.updateCrumbs(v)
	return v
}

// crumb is one step of the way up from a child diagram: the diagram and
// the multi-process in it that opens the diagram below.
type crumb struct {
	diagram *model.Diagram
	element *model.Element
}

// ancestors lists the diagrams above d, the top one first; it stops at a
// parent that is missing or at a loop.
func ancestors(m *model.Model, d *model.Diagram) []crumb {
	var out []crumb
	seen := map[string]bool{d.ID: true}
	for d.Parent != "" {
		var up crumb
		for _, pd := range m.Diagrams {
			if e := pd.Element(d.Parent); e != nil {
				up = crumb{pd, e}
				break
			}
		}
		if up.diagram == nil || seen[up.diagram.ID] {
			break
		}
		seen[up.diagram.ID] = true
		out = append(out, up)
		d = up.diagram
	}
	slices.Reverse(out)
	return out
}

// updateCrumbs shows the way back up from v's diagram: each diagram above
// it is a button that opens it with the multi-process selected.
func (a *App) updateCrumbs(v *diagramView) {
	d := a.doc.m.Diagram(v.diagramID)
	var path []crumb
	if d != nil {
		path = ancestors(a.doc.m, d)
	}
	key := ""
	for _, c := range path {
		key += c.diagram.ID + "\x00" + c.diagram.Title + "\x00" + c.element.Name + "\x00"
	}
	if key == v.shown {
		return
	}
	v.shown = key
	v.crumbs.Objects = nil
	if len(path) == 0 {
		v.crumbs.Hide()
		return
	}
	for _, c := range path {
		did, eid := c.diagram.ID, c.element.ID
		b := widget.NewButtonWithIcon(tabTitle(c.diagram.Title), theme.NavigateBackIcon(), func() { a.selectObject(did, eid) })
		b.Importance = widget.LowImportance
		v.crumbs.Add(b)
		v.crumbs.Add(widget.NewLabel("› " + c.element.Name + " ›"))
	}
	v.crumbs.Add(widget.NewLabelWithStyle(tabTitle(d.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	v.crumbs.Show()
	v.crumbs.Refresh()
}

func tabTitle(s string) string {
	if s == "" {
		return "Untitled diagram"
	}
	return s
}

// syncTabs makes the tabs match the model's diagrams after an edit, undo or
// redo added, removed or renamed one, keeping each editor (and its zoom and
// selection) for the diagrams that stay.
func (a *App) syncTabs() {
	byID := make(map[string]*diagramView, len(a.views))
	for _, v := range a.views {
		byID[v.diagramID] = v
	}
	selected := ""
	if v := a.currentView(); v != nil {
		selected = v.diagramID
	}
	same := len(a.views) == len(a.doc.m.Diagrams)
	views := make([]*diagramView, 0, len(a.doc.m.Diagrams))
	for i, d := range a.doc.m.Diagrams {
		v := byID[d.ID]
		if v == nil {
			v = a.newView(d.ID)
			selected = d.ID // a diagram just added is the one to show
		}
		if same && a.views[i] != v {
			same = false
		}
		if t := tabTitle(d.Title); v.tab.Text != t {
			v.tab.Text = t
			same = false
		}
		a.updateCrumbs(v)
		views = append(views, v)
	}
	if same {
		return
	}
	a.views = views
	items := make([]*container.TabItem, len(views))
	sel := 0
	for i, v := range views {
		items[i] = v.tab
		if v.diagramID == selected {
			sel = i
		}
	}
	a.tabs.SetItems(items)
	if len(items) > 0 {
		a.tabs.SelectIndex(sel)
	}
}

func (a *App) addDiagram() {
	d := &model.Diagram{ID: model.NewID(), Title: fmt.Sprintf("Use case %d", len(a.doc.m.Diagrams)+1)}
	a.do(model.AddDiagram(d))
}

func (a *App) deleteDiagram(id string) {
	d := a.doc.m.Diagram(id)
	if d == nil {
		return
	}
	a.ask.Confirm("Delete diagram", fmt.Sprintf("Delete the diagram “%s” with its %s and %s? You can undo this.",
		d.Title, plural(len(d.Elements), "element", "elements"), plural(len(d.Flows), "flow", "flows")), func(ok bool) {
		if ok {
			a.do(model.DeleteDiagram(id))
		}
	})
}

// renameDiagram asks for a new title for the current diagram.
func (a *App) renameDiagram() {
	v := a.currentView()
	if v == nil {
		return
	}
	d := a.doc.m.Diagram(v.diagramID)
	e := widget.NewEntry()
	e.SetText(d.Title)
	dialog.ShowForm("Rename diagram", "Rename", "Cancel", []*widget.FormItem{widget.NewFormItem("Title", e)}, func(ok bool) {
		if ok && e.Text != d.Title {
			a.do(model.RenameDiagram(v.diagramID, e.Text))
		}
	}, a.win)
	a.win.Canvas().Focus(e)
}

// showDiagram selects the tab of the diagram with the given ID.
func (a *App) showDiagram(id string) {
	for i, v := range a.views {
		if v.diagramID == id {
			a.tabs.SelectIndex(i)
			return
		}
	}
}

var _ fyne.CanvasObject = (*canvas.Editor)(nil)
