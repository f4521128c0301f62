package app

import (
	"image"
	"math"

	"fyne.io/fyne/v2"
	fcanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/drawing"
	"github.com/threatboard/threatboard/model"
)

// treeView draws an attack tree as a tree, top-down, from the display list
// the drawing package lays out (the one the PDF report draws too). A click
// selects a node, a double click folds or unfolds its subtree, dragging a
// node onto another moves the subtree there, dragging the background pans
// and ctrl+scroll zooms.
type treeView struct {
	widget.BaseWidget

	list      *drawing.List
	err       string
	selected  string
	collapsed map[string]bool
	zoom      float64
	off       model.Point // the unit at the view's top-left corner

	// OnSelect, OnFold and OnMove report what the user did; the owner edits
	// the document through model commands and calls show again.
	OnSelect func(id string)
	OnFold   func(id string)
	OnMove   func(id, parentID string)

	dragging string // the node being dragged, "" when panning
	dragFrom fyne.Position
	dragAt   fyne.Position
	ctrl     bool // scrolling zooms, as with ctrl held (tests set it)
}

var (
	_ fyne.Tappable       = (*treeView)(nil)
	_ fyne.DoubleTappable = (*treeView)(nil)
	_ fyne.Draggable      = (*treeView)(nil)
	_ fyne.Scrollable     = (*treeView)(nil)
)

func newTreeView() *treeView {
	v := &treeView{zoom: 1, collapsed: map[string]bool{}}
	v.ExtendBaseWidget(v)
	return v
}

// show lays out tree t (nil: no tree) and redraws.
func (v *treeView) show(t *model.AttackTree, selected string) {
	v.selected = selected
	v.list, v.err = nil, ""
	if t != nil && t.Root != nil {
		l, err := drawing.Tree(t, drawing.TreeOptions{Collapsed: v.collapsed})
		if err != nil {
			v.err = err.Error()
		} else {
			v.list = l
		}
	}
	v.Refresh()
}

// fit zooms so that the whole tree shows, at most at actual size.
func (v *treeView) fit() {
	if v.list == nil || v.Size().Width <= 0 {
		return
	}
	b := v.list.Bounds.Inset(-20)
	v.zoom = math.Min(1, math.Min(float64(v.Size().Width)/b.W, float64(v.Size().Height)/b.H))
	v.off = model.Point{X: b.X - (float64(v.Size().Width)/v.zoom-b.W)/2, Y: b.Y}
	v.Refresh()
}

// unit is the diagram unit under a position of the widget.
func (v *treeView) unit(p fyne.Position) model.Point {
	return model.Point{X: v.off.X + float64(p.X)/v.zoom, Y: v.off.Y + float64(p.Y)/v.zoom}
}

// nodeAt is the node whose box holds p, or "".
func (v *treeView) nodeAt(p fyne.Position) string {
	if v.list == nil {
		return ""
	}
	u := v.unit(p)
	for i := len(v.list.Items) - 1; i >= 0; i-- {
		it := &v.list.Items[i]
		if it.Kind == drawing.Rect && it.Outline && u.X >= it.Box.X && u.X <= it.Box.X+it.Box.W && u.Y >= it.Box.Y && u.Y <= it.Box.Y+it.Box.H {
			return it.ID
		}
	}
	return ""
}

func (v *treeView) Tapped(e *fyne.PointEvent) {
	if id := v.nodeAt(e.Position); id != "" && v.OnSelect != nil {
		v.OnSelect(id)
	}
}

func (v *treeView) DoubleTapped(e *fyne.PointEvent) {
	if id := v.nodeAt(e.Position); id != "" {
		v.toggleFold(id)
	}
}

// toggleFold folds the subtree of node id, or unfolds it.
func (v *treeView) toggleFold(id string) {
	if v.collapsed[id] {
		delete(v.collapsed, id)
	} else {
		v.collapsed[id] = true
	}
	if v.OnFold != nil {
		v.OnFold(id)
	}
}

func (v *treeView) Dragged(e *fyne.DragEvent) {
	if v.dragFrom == (fyne.Position{}) && v.dragAt == (fyne.Position{}) {
		start := e.Position.Subtract(e.Dragged)
		v.dragFrom, v.dragging = start, v.nodeAt(start)
	}
	v.dragAt = e.Position
	if v.dragging == "" {
		v.off.X -= float64(e.Dragged.DX) / v.zoom
		v.off.Y -= float64(e.Dragged.DY) / v.zoom
		v.Refresh()
	}
}

func (v *treeView) DragEnd() {
	id, at := v.dragging, v.dragAt
	v.dragging, v.dragFrom, v.dragAt = "", fyne.Position{}, fyne.Position{}
	if id == "" {
		return
	}
	if target := v.nodeAt(at); target != "" && target != id && v.OnMove != nil {
		v.OnMove(id, target)
	}
}

// Scrolled pans, or zooms about the pointer with ctrl held.
func (v *treeView) Scrolled(e *fyne.ScrollEvent) {
	if v.zooming() {
		before := v.unit(e.Position)
		v.zoom = math.Max(0.1, math.Min(4, v.zoom*math.Pow(1.1, float64(e.Scrolled.DY)/40)))
		after := v.unit(e.Position)
		v.off.X += before.X - after.X
		v.off.Y += before.Y - after.Y
	} else {
		v.off.X -= float64(e.Scrolled.DX) / v.zoom
		v.off.Y -= float64(e.Scrolled.DY) / v.zoom
	}
	v.Refresh()
}

// zooming reports whether ctrl (cmd) is held: scrolling then zooms.
func (v *treeView) zooming() bool {
	if v.ctrl {
		return true
	}
	d, ok := fyne.CurrentApp().Driver().(desktop.Driver)
	return ok && d.CurrentKeyModifiers()&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0
}

// visible is the display list cut to what the view shows, in the view's
// own frame, with the selected node drawn selected: the frame's work is
// proportional to what is on screen, not to the tree.
func (v *treeView) visible(w, h int) *drawing.List {
	area := model.Rect{X: v.off.X, Y: v.off.Y, W: float64(w) / v.scale(), H: float64(h) / v.scale()}
	out := &drawing.List{Bounds: area}
	if v.list == nil {
		return out
	}
	for _, it := range v.list.Items {
		if !overlaps(reachOf(it), area) {
			continue
		}
		if it.ID == v.selected {
			it = it.Selected()
		}
		out.Items = append(out.Items, it)
	}
	return out
}

// scale is pixels per unit: the zoom times the screen's pixel density.
func (v *treeView) scale() float64 {
	s := v.zoom
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil {
		s *= float64(c.Scale())
	}
	return s
}

func reachOf(it drawing.Item) model.Rect {
	if it.Kind == drawing.Line || it.Kind == drawing.Polygon || it.Kind == drawing.Arrow {
		return model.Bounds(it.Points).Inset(-it.Size*2 - it.Width)
	}
	return it.Box.Inset(-it.Width)
}

func overlaps(a, b model.Rect) bool {
	return a.X <= b.X+b.W && b.X <= a.X+a.W && a.Y <= b.Y+b.H && b.Y <= a.Y+a.H
}

func (v *treeView) palette() *drawing.Palette {
	if fyne.CurrentApp().Settings().ThemeVariant() == theme.VariantDark {
		return &drawing.Dark
	}
	return &drawing.Light
}

func (v *treeView) CreateRenderer() fyne.WidgetRenderer {
	r := &treeViewRenderer{v: v, msg: widget.NewLabel("")}
	r.img = fcanvas.NewRaster(func(w, h int) image.Image {
		return drawing.Raster(v.visible(w, h), v.palette(), v.scale(), 0)
	})
	r.img.ScaleMode = fcanvas.ImageScaleFastest
	return r
}

type treeViewRenderer struct {
	v   *treeView
	img *fcanvas.Raster
	msg *widget.Label
}

func (r *treeViewRenderer) Layout(s fyne.Size) {
	r.img.Resize(s)
	r.msg.Move(fyne.NewPos(theme.Padding(), theme.Padding()))
	r.msg.Resize(r.msg.MinSize())
}

func (r *treeViewRenderer) MinSize() fyne.Size { return fyne.NewSize(100, 100) }

func (r *treeViewRenderer) Refresh() {
	switch {
	case r.v.err != "":
		r.msg.SetText(r.v.err)
	case r.v.list == nil:
		r.msg.SetText("No attack tree: add one in the Attack trees panel.")
	default:
		r.msg.SetText("")
	}
	r.Layout(r.v.Size())
	r.img.Refresh()
}

func (r *treeViewRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.img, r.msg} }
func (r *treeViewRenderer) Destroy()                     {}

// selectNode marks the node id (or none) as selected.
func (v *treeView) selectNode(id string) {
	if v.selected != id {
		v.selected = id
		v.Refresh()
	}
}

// newDrawn builds the drawn-tree tab: the tree view and the node actions
// that act on the node selected in it.
func (p *treesPanel) newDrawn() fyne.CanvasObject {
	p.view = newTreeView()
	p.view.OnSelect = func(id string) { p.tree.Select(id) }
	p.view.OnFold = func(string) { p.view.show(p.current(), p.nodeID) }
	p.view.OnMove = func(id, target string) {
		if t := p.current(); t != nil {
			parent, at := dropPlace(t, id, target)
			p.do(model.MoveNode(t.ID, id, parent, at))
		}
	}
	fold := widget.NewButton("Fold / unfold", func() {
		if p.nodeID != "" {
			p.view.toggleFold(p.nodeID)
		}
	})
	bar := container.NewHBox(
		widget.NewButton("+ AND", func() { p.addChild(model.And) }),
		widget.NewButton("+ OR", func() { p.addChild(model.Or) }),
		widget.NewButton("+ Leaf", func() { p.addChild(model.Leaf) }),
		widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), p.editNode),
		fold,
		widget.NewButtonWithIcon("Fit", theme.ZoomFitIcon(), p.view.fit),
	)
	// The hint wraps, so that it never widens the window.
	help := hint("Click a node to select it, double-click to fold it, drag it onto an AND/OR node to move it under it, onto a sibling to reorder; " +
		"drag the background to pan, ctrl+scroll to zoom. Dashed: the likeliest path; highlighted: the cheapest.")
	return container.NewBorder(container.NewVBox(bar, help), nil, nil, nil, p.view)
}

// dropPlace says where node id goes when dropped on node target: onto a
// sibling, it takes that sibling's place (dropped on a later sibling it
// goes after it, on an earlier one before it: siblings reorder); onto a
// leaf elsewhere, it goes just before that leaf; onto any other AND or OR
// node, it becomes its last child.
func dropPlace(t *model.AttackTree, id, target string) (parent string, at int) {
	tn, tp := t.Node(target), t.Parent(target)
	sibling := tp != nil && tp == t.Parent(id)
	if tn == nil || tp == nil || tn.Type != model.Leaf && !sibling {
		return target, -1
	}
	at = 0
	movedBefore := false
	for _, c := range tp.Children {
		if c.ID == target {
			break
		}
		if c.ID == id {
			movedBefore = true
			continue // positions count without the moved node
		}
		at++
	}
	if sibling && movedBefore {
		at++
	}
	return tp.ID, at
}

// drawn is the drawn-tree tab's content.
func (p *treesPanel) drawn() fyne.CanvasObject { return p.drawnObj }
