package canvas

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

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
	return hitTest(e.diagram(), &e.sc, &e.sel, e.hover, e.vp.toModel(pos), e.vp.zoom)
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
	e.h.Seal()
	if e.edit(model.AddElement(e.diagramID, el)) {
		e.Select(el.ID)
	}
	e.resetTool()
}

func (e *Editor) placeBox(p model.Point) {
	b := newBoxBoundary(e.snapped(p))
	e.h.Seal()
	if e.edit(model.AddBoundary(e.diagramID, b)) {
		e.Select(b.ID)
	}
	e.resetTool()
}

// connect adds a flow from one element to another and selects it.
func (e *Editor) connect(from, to string) bool {
	f := &model.Flow{ID: model.NewID(), From: from, To: to}
	e.h.Seal()
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
			e.h.Seal()
			e.do(model.SetWaypoints(e.diagramID, f.ID, deletePoint(f.Waypoints, h.index)))
			e.h.Seal()
			e.Refresh()
		}
		return
	case partElement, partResize, partConnector:
		if el := e.sc.element(d, h.id); el != nil && el.Kind == model.MultiProcess && el.Child != "" && e.OnOpenDiagram != nil {
			e.OnOpenDiagram(el.Child)
			return
		}
	case partNone:
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
		e.h.Seal()
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

// Dragged runs the interaction state machine: the first event decides the
// mode from what lies under the drag's start, later ones follow the pointer.
func (e *Editor) Dragged(ev *fyne.DragEvent) {
	d := e.diagram()
	if d == nil {
		return
	}
	g := &e.g
	e.pointer = ev.Position
	if !g.active {
		start := ev.Position.Subtract(ev.Dragged)
		e.commitRename()
		h := e.hitAt(start)
		m := beginMode(h, e.tool, e.button, e.held.space)
		*g = gesture{active: true, mode: m, hit: h, start: e.vp.toModel(start), cur: e.vp.toModel(start)}
		if m == modeIdle {
			return
		}
		e.begin(d)
	}
	if g.mode == modeIdle {
		return
	}
	g.cur = e.vp.toModel(ev.Position)
	switch g.mode {
	case modePanning:
		e.vp = e.vp.panBy(ev.Dragged.DX, ev.Dragged.DY)
		e.BaseWidget.Refresh()
	case modeMoving:
		delta := moveDelta(g.start, g.cur, g.anchor, e.snap)
		step := delta.Sub(g.applied)
		if step.X == 0 && step.Y == 0 {
			return
		}
		if e.do(model.Move(e.diagramID, g.ids, step)) {
			g.applied = delta
			e.updated(d, g.ids)
		}
	case modeResizing:
		e.dragResize(d)
	case modeConnecting:
		g.target = ""
		h := hitTest(d, &e.sc, &selection{}, "", g.cur, e.vp.zoom)
		if t := e.sc.element(d, h.id); t != nil && h.part == partElement && t.ID != g.hit.id && t.Kind.Connectable() {
			g.target = t.ID
		}
		e.redrawOverlay()
	case modeRubberBand:
		e.redrawOverlay()
	case modeWaypoint:
		p := e.snapped(g.cur)
		if e.do(model.SetWaypoints(e.diagramID, g.hit.id, withPoint(g.origPts, g.hit.index, p))) {
			e.updated(d, []string{g.hit.id})
		}
	case modeLabel:
		off := g.origOffset.Add(g.cur.Sub(g.start))
		if e.do(model.MoveLabel(e.diagramID, g.hit.id, off)) {
			e.updated(d, []string{g.hit.id})
		}
	case modePoint:
		if e.do(model.SetPoints(e.diagramID, g.hit.id, withPoint(g.origPts, g.hit.index, e.snapped(g.cur)))) {
			e.updated(d, []string{g.hit.id})
		}
	}
}

// begin prepares the gesture's mode once, at the first drag event.
func (e *Editor) begin(d *model.Diagram) {
	g := &e.g
	e.h.Seal() // a drag is one undo step of its own
	switch g.mode {
	case modeMoving:
		if !e.sel.has(g.hit.id) {
			if e.shiftOrCtrl() {
				e.sel.toggle(g.hit.id)
			} else {
				e.sel.replace(g.hit.id)
			}
			e.selectionChanged()
			e.redraw()
		}
		g.ids = e.sel.list()
		if el := e.sc.element(d, g.hit.id); el != nil {
			g.anchor = model.Point{X: el.Bounds.X, Y: el.Bounds.Y}
		} else if b := d.Boundary(g.hit.id); b != nil {
			g.anchor = model.Point{X: b.Bounds.X, Y: b.Bounds.Y}
			if b.Shape == model.BoundaryLine && len(b.Points) > 0 {
				g.anchor = b.Points[0]
			}
		}
	case modeResizing:
		if el := e.sc.element(d, g.hit.id); el != nil {
			g.orig = el.Bounds
		} else if b := d.Boundary(g.hit.id); b != nil {
			g.orig = b.Bounds
		}
	case modeWaypoint:
		f := d.Flow(g.hit.id)
		g.origPts = f.Waypoints
		if g.hit.part != partWaypoint {
			// Dragging a flow's line bends it: a new waypoint where it was grabbed.
			g.hit.index = segmentAt(e.sc.path(f.ID), g.start)
			g.origPts = insertPoint(f.Waypoints, g.hit.index, g.start)
			g.hit.part = partWaypoint
			if !e.sel.has(f.ID) {
				e.Select(f.ID)
			}
		}
	case modeLabel:
		f := d.Flow(g.hit.id)
		g.origOffset = f.LabelOffset
	case modePoint:
		g.origPts = d.Boundary(g.hit.id).Points
	}
}

// segmentAt is the index of the waypoint a bend at p becomes: the number of
// the path's segment nearest to p.
func segmentAt(path []model.Point, p model.Point) int {
	best, at := math.Inf(1), 0
	for i := 1; i < len(path); i++ {
		if dd := model.DistToPolyline(p, path[i-1:i+1]); dd < best {
			best, at = dd, i-1
		}
	}
	return at
}

func (e *Editor) dragResize(d *model.Diagram) {
	g := &e.g
	delta := g.cur.Sub(g.start)
	square := false
	if el := e.sc.element(d, g.hit.id); el != nil {
		square = el.Kind == model.Process || el.Kind == model.MultiProcess
	}
	r := resizeRect(g.orig, g.hit.index, delta, square)
	if e.snap {
		tl := snapPoint(model.Point{X: r.X, Y: r.Y}, gridSize)
		br := snapPoint(model.Point{X: r.X + r.W, Y: r.Y + r.H}, gridSize)
		r = model.Rect{X: tl.X, Y: tl.Y, W: math.Max(minSide, br.X-tl.X), H: math.Max(minSide, br.Y-tl.Y)}
		if square {
			r.H = r.W
		}
	}
	if e.do(model.Resize(e.diagramID, g.hit.id, r)) {
		e.updated(d, []string{g.hit.id})
	}
}

// DragEnd finishes the gesture: connects, selects what the rubber band
// holds, and seals the history so the drag stays one undo step.
func (e *Editor) DragEnd() {
	g := e.g
	e.g = gesture{}
	d := e.diagram()
	switch g.mode {
	case modeIdle:
		return
	case modeConnecting:
		if g.target != "" {
			e.connect(g.hit.id, g.target)
		}
		if e.tool == ToolFlow {
			e.resetTool()
		}
	case modeRubberBand:
		ids := inRect(d, &e.sc, model.RectBetween(g.start, g.cur))
		if e.shiftOrCtrl() {
			for _, id := range ids {
				if !e.sel.has(id) {
					e.sel.toggle(id)
				}
			}
			e.selectionChanged()
		} else if !e.sel.replace(ids...) {
			break
		} else {
			e.selectionChanged()
		}
	}
	e.mods = 0
	e.h.Seal()
	e.Refresh()
}

// updated redraws what an edit of the editor's own changed, without the whole diagram.
func (e *Editor) updated(d *model.Diagram, ids []string) {
	for _, id := range ids {
		e.sc.moved(d, id)
		for _, f := range e.sc.flowsOf[id] {
			e.sc.updatePath(d, f)
			e.sc.moved(d, f.ID)
		}
		if g := e.sc.geom(id); g != nil { // the scene finds flows in O(1)
			e.sc.measure(d, g)
		}
	}
	if e.rend != nil {
		e.rend.update(d, ids)
	}
}

// redrawOverlay redraws handles and previews only.
func (e *Editor) redrawOverlay() {
	if d := e.diagram(); e.rend != nil && d != nil {
		e.rend.update(d, nil)
	}
}

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
	e.BaseWidget.Refresh()
}

// TappedSecondary selects what lies under the pointer and opens the context menu.
func (e *Editor) TappedSecondary(ev *fyne.PointEvent) {
	h := e.hitAt(ev.Position)
	if h.part != partNone && !e.sel.has(h.id) {
		e.Select(h.id)
	}
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
