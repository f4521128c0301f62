package canvas

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/model"
)

// MouseDown remembers the button and modifiers of a press: Fyne's tap and
// drag events carry neither. It also takes the keyboard focus.
func (e *Editor) MouseDown(ev *desktop.MouseEvent) {
	e.button, e.mods = ev.Button, ev.Modifier
	e.pointer = ev.Position
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil && c.Focused() != e {
		c.Focus(e)
	}
}

// MouseUp is part of desktop.Mouseable.
func (e *Editor) MouseUp(*desktop.MouseEvent) {}

// MouseIn is part of desktop.Hoverable.
func (e *Editor) MouseIn(ev *desktop.MouseEvent) { e.MouseMoved(ev) }

// MouseMoved follows the pointer: the boundary line being drawn follows it,
// and the element under it shows its connect handles.
func (e *Editor) MouseMoved(ev *desktop.MouseEvent) {
	e.pointer = ev.Position
	redraw := len(e.line) > 0
	e.overConnector = e.tool == ToolSelect && e.hitAt(ev.Position).part == partConnector
	if hv := e.hoverAt(ev.Position); hv != e.hover {
		e.hover = hv
		redraw = true
	}
	if redraw {
		e.redrawOverlay()
	}
}

// hoverAt is the connectable element under pos whose connect handles
// should show, or "".
func (e *Editor) hoverAt(pos fyne.Position) string {
	d := e.diagram()
	if d == nil || e.g.active || (e.tool != ToolSelect && e.tool != ToolFlow) {
		return ""
	}
	h := e.hitAt(pos)
	if h.part != partElement && h.part != partConnector {
		return ""
	}
	if el := e.sc.element(d, h.id); el != nil && el.Kind.Connectable() {
		return el.ID
	}
	return ""
}

// MouseOut hides the hovered element's connect handles.
func (e *Editor) MouseOut() {
	if e.hover != "" {
		e.hover = ""
		e.redrawOverlay()
	}
}

// Cursor is a crosshair where a press adds something: with a placing tool
// and over a connect handle.
func (e *Editor) Cursor() desktop.Cursor {
	if e.tool != ToolSelect || e.g.mode == modeConnecting || e.overConnector {
		return desktop.CrosshairCursor
	}
	return desktop.DefaultCursor
}

// ctrlDown asks a desktop driver whether ctrl or cmd is down: scroll events
// carry no modifiers, and the editor may not have the focus to see the key.
func (e *Editor) ctrlDown() bool {
	d, ok := fyne.CurrentApp().Driver().(desktop.Driver)
	return ok && d.CurrentKeyModifiers()&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0
}

func (e *Editor) shiftOrCtrl() bool {
	return e.mods&(fyne.KeyModifierShift|fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0
}

func (e *Editor) hitAt(pos fyne.Position) hit {
	p := e.vp.toModel(pos)
	return e.hitPhoto(hitTest(e.diagram(), &e.sc, &e.sel, e.hover, p, e.vp.zoom), p)
}

// Tapped selects, toggles with shift or ctrl, or places what the tool places.
func (e *Editor) Tapped(ev *fyne.PointEvent) {
	defer func() { e.mods = 0 }()
	e.commitRename()
	p := e.vp.toModel(ev.Position)
	switch e.tool {
	case ToolSelect:
		h := e.hitAt(ev.Position)
		e.tapSelect(h)
	case ToolFlow:
		h := e.hitAt(ev.Position)
		e.tapFlow(h)
	case ToolBoundaryLine:
		e.line = append(e.line, e.snapped(p))
		e.pointer = ev.Position
		e.redrawOverlay()
	case ToolBoundaryBox:
		e.placeBox(p)
	default:
		if k := e.tool.Kind(); k != 0 {
			e.placeElement(k, p)
		}
	}
}

func (e *Editor) tapSelect(h hit) {
	if isPhoto(h) {
		e.SelectPhoto(true)
		return
	}
	e.SelectPhoto(false)
	switch {
	case h.part == partNone:
		if e.sel.len() > 0 && !e.shiftOrCtrl() {
			e.Select()
		}
	case e.shiftOrCtrl():
		e.sel.toggle(h.id)
		e.selectionChanged()
		e.redraw()
	case !e.sel.has(h.id) || e.sel.len() > 1:
		e.Select(h.id)
	}
}

// tapFlow connects two elements clicked one after the other.
func (e *Editor) tapFlow(h hit) {
	d := e.diagram()
	el := e.sc.element(d, h.id)
	if el == nil || !el.Kind.Connectable() || h.part != partElement {
		e.flowFrom = ""
		e.redrawOverlay()
		return
	}
	if e.flowFrom == "" || e.flowFrom == el.ID {
		e.flowFrom = el.ID
		e.redrawOverlay()
		return
	}
	from := e.flowFrom
	e.flowFrom = ""
	e.connect(from, el.ID)
	e.resetTool()
}

// placeElement adds an element of kind k centred on p and selects it.
func (e *Editor) placeElement(k model.Kind, p model.Point) {
	el := newElement(k, p)
	if e.snap {
		tl := snapPoint(model.Point{X: el.Bounds.X, Y: el.Bounds.Y}, gridSize)
		el.Bounds.X, el.Bounds.Y = tl.X, tl.Y
	}
	if e.edit(model.AddElement(e.diagramID, el)) {
		e.Select(el.ID)
	}
	e.resetTool()
}

func (e *Editor) placeBox(p model.Point) {
	b := newBoxBoundary(e.snapped(p))
	if e.edit(model.AddBoundary(e.diagramID, b)) {
		e.Select(b.ID)
	}
	e.resetTool()
}

// connect adds a flow from one element to another and selects it.
func (e *Editor) connect(from, to string) bool {
	f := &model.Flow{ID: model.NewID(), From: from, To: to}
	if !e.edit(model.AddFlow(e.diagramID, f)) {
		return false
	}
	e.Select(f.ID)
	return true
}

// DoubleTapped opens a multi-process's child diagram, ends a boundary line
// being drawn, removes a waypoint, or renames what it lands on.
func (e *Editor) DoubleTapped(ev *fyne.PointEvent) {
	e.mods = 0
	if e.tool == ToolBoundaryLine {
		e.finishLine(e.vp.toModel(ev.Position))
		return
	}
	d := e.diagram()
	h := e.hitAt(ev.Position)
	switch h.part {
	case partWaypoint:
		if f := d.Flow(h.id); f != nil {
			e.edit(model.SetWaypoints(e.diagramID, f.ID, deletePoint(f.Waypoints, h.index)))
		}
		return
	case partElement, partResize, partConnector:
		if el := e.sc.element(d, h.id); el != nil && el.Kind == model.MultiProcess && el.Child != "" && e.OnOpenDiagram != nil {
			e.OnOpenDiagram(el.Child)
			return
		}
	case partNone:
		return
	case partPhoto, partPhotoSize:
		if e.OnBackgroundImage != nil {
			e.OnBackgroundImage()
		}
		return
	}
	e.Select(h.id)
	e.StartRename(h.id)
}

// finishLine adds the boundary line drawn so far. The double click's own
// position repeats the last tap's, so it is added only when it differs.
func (e *Editor) finishLine(p model.Point) {
	pts := e.line
	p = e.snapped(p)
	if n := len(pts); n == 0 || math.Hypot(pts[n-1].X-p.X, pts[n-1].Y-p.Y) > 2/e.vp.zoom {
		pts = append(pts, p)
	}
	e.line = nil
	if len(pts) >= 2 {
		b := &model.Boundary{ID: model.NewID(), Name: "Trust boundary", Shape: model.BoundaryLine, Points: pts}
		if e.edit(model.AddBoundary(e.diagramID, b)) {
			e.Select(b.ID)
		}
	}
	e.resetTool()
	e.redrawOverlay()
}

func deletePoint(pts []model.Point, i int) []model.Point {
	out := append([]model.Point(nil), pts[:i]...)
	return append(out, pts[i+1:]...)
}

// redrawOverlay redraws handles and previews only.
func (e *Editor) redrawOverlay() { e.invalidate(changedOverlay) }

// Scrolled pans the view, or zooms about the pointer with ctrl (cmd) held.
func (e *Editor) Scrolled(ev *fyne.ScrollEvent) {
	if e.held.ctrl || e.ctrlDown() {
		at := ev.Position
		if at == (fyne.Position{}) {
			at = e.pointer // some drivers (Fyne's test one) leave the position out
		}
		f := math.Pow(zoomStep, float64(ev.Scrolled.DY)/40)
		e.zoomAbout(at, e.vp.zoom*f)
		return
	}
	e.vp = e.vp.panBy(ev.Scrolled.DX, ev.Scrolled.DY)
	e.redraw()
}

// TappedSecondary selects what lies under the pointer and opens the context menu.
func (e *Editor) TappedSecondary(ev *fyne.PointEvent) {
	h := e.hitAt(ev.Position)
	if isPhoto(h) {
		e.SelectPhoto(true)
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
			widget.ShowPopUpMenuAtPosition(e.photoMenu(), c, ev.AbsolutePosition)
		}
		return
	}
	if h.part != partNone && !e.sel.has(h.id) {
		e.Select(h.id)
	}
	e.SelectPhoto(false)
	e.showMenu(ev.AbsolutePosition, e.vp.toModel(ev.Position))
}

// showGhost previews a palette item under the pointer at pos (editor coordinates).
func (e *Editor) showGhost(t Tool, pos fyne.Position) {
	if e.ghostOff {
		return
	}
	e.ghost = &ghost{tool: t, at: e.snapped(e.vp.toModel(pos))}
	e.redrawOverlay()
}

func (e *Editor) hideGhost() {
	if e.ghost != nil {
		e.ghost = nil
		e.redrawOverlay()
	}
}

// drop adds what a palette item dropped at pos (editor coordinates) stands
// for: an element or box centred there, a short boundary line through it,
// or, for a flow, the flow tool with the element under the pointer as source.
func (e *Editor) drop(t Tool, pos fyne.Position) {
	p := e.vp.toModel(pos)
	switch {
	case t.Kind() != 0:
		e.placeElement(t.Kind(), p)
	case t == ToolBoundaryBox:
		e.placeBox(p)
	case t == ToolBoundaryLine:
		p = e.snapped(p)
		e.line = []model.Point{{X: p.X - 100, Y: p.Y}}
		e.finishLine(model.Point{X: p.X + 100, Y: p.Y})
	case t == ToolFlow:
		e.SetTool(ToolFlow)
		if h := e.hitAt(pos); h.part == partElement {
			e.tapFlow(h)
		}
	}
}
