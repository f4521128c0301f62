package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/canvas"
	"github.com/threatboard/threatboard/model"
)

// diagramView is the tab of one diagram and its editor.
type diagramView struct {
	diagramID string
	ed        *canvas.Editor
	tab       *container.TabItem
	fitted    bool // zoomed to fit the first time it was shown
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
	ed.OnError = a.ask.Error
	ed.SetSnap(a.fy.Preferences().Bool(snapKey))
	ed.OnZoomChanged = func(z float64) {
		if a.editor() == ed {
			a.status.zoom.SetText(zoomText(z))
		}
	}
	title := ""
	if d := a.doc.m.Diagram(diagramID); d != nil {
		title = d.Title
	}
	return &diagramView{diagramID: diagramID, ed: ed, tab: container.NewTabItem(tabTitle(title), ed)}
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

// newDiagramTab is the tab bar's + button: it adds a diagram through the
// history and returns nil, as syncTabs has made its tab already.
func (a *App) newDiagramTab() *container.TabItem {
	a.addDiagram()
	return nil
}

func (a *App) addDiagram() {
	d := &model.Diagram{ID: model.NewID(), Title: fmt.Sprintf("Use case %d", len(a.doc.m.Diagrams)+1)}
	a.do(model.AddDiagram(d))
}

// confirmDeleteDiagram is the tab's close button: closing a tab deletes the
// diagram (undoable), so it asks first.
func (a *App) confirmDeleteDiagram(item *container.TabItem) {
	for _, v := range a.views {
		if v.tab == item {
			a.deleteDiagram(v.diagramID)
			return
		}
	}
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
