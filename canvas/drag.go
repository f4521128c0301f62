package canvas

import (
	"math"

	"fyne.io/fyne/v2"

	"github.com/threatboard/threatboard/model"
)

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
		if m != modeIdle && m != modePanning {
			e.SelectPhoto(isPhoto(h))
		}
		*g = gesture{active: true, mode: m, hit: h, start: e.vp.toModel(start), cur: e.vp.toModel(start)}
		if m == modeIdle {
			return
		}
		e.begin(d)
		e.lift(d)
	}
	if g.mode == modeIdle {
		return
	}
	g.cur = e.vp.toModel(ev.Position)
	switch g.mode {
	case modePanning:
		e.vp = e.vp.panBy(ev.Dragged.DX, ev.Dragged.DY)
		e.redraw()
	case modeMoving:
		delta := moveDelta(g.start, g.cur, g.anchor, e.snap)
		step := delta.Sub(g.applied)
		if step.X == 0 && step.Y == 0 {
			return
		}
		if e.dragStep(model.Move(e.diagramID, g.ids, step)) {
			g.applied = delta
			e.updated(g.ids)
		}
	case modeResizing:
		e.dragResize(d)
	case modePhotoMove, modePhotoSize:
		e.dragPhoto()
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
		if e.dragStep(model.SetWaypoints(e.diagramID, g.hit.id, withPoint(g.origPts, g.hit.index, p))) {
			e.updated([]string{g.hit.id})
		}
	case modeLabel:
		off := g.origOffset.Add(g.cur.Sub(g.start))
		if e.dragStep(model.MoveLabel(e.diagramID, g.hit.id, off)) {
			e.updated([]string{g.hit.id})
		}
	case modePoint:
		if e.dragStep(model.SetPoints(e.diagramID, g.hit.id, withPoint(g.origPts, g.hit.index, e.snapped(g.cur)))) {
			e.updated([]string{g.hit.id})
		}
	}
}

// dragStep applies one step of a drag: the first is an undo step of its
// own, the later ones merge into it, so that the drag is one undo step.
func (e *Editor) dragStep(c model.Command) bool {
	apply := e.h.Do
	if e.g.stepped {
		apply = e.h.Merge
	}
	if !e.apply(c, apply) {
		return false
	}
	e.g.stepped = true
	return true
}

// begin prepares the gesture's mode once, at the first drag event.
func (e *Editor) begin(d *model.Diagram) {
	g := &e.g
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
	case modePhotoMove, modePhotoSize:
		g.orig = d.Background.Bounds
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

// lift decides what the drag changes, so that the rest of the diagram is
// drawn once into one image for the drag's duration and only what moves is
// painted as canvas objects on top (see layer). A pan moves everything and
// stays as objects.
func (e *Editor) lift(d *model.Diagram) {
	g := &e.g
	if e.objectsOnly {
		return
	}
	live := make(map[string]bool)
	withFlows := func(id string) {
		live[id] = true
		for _, f := range e.sc.flowsOf[id] {
			live[f.ID] = true
		}
	}
	switch g.mode {
	case modeMoving:
		for _, id := range g.ids {
			withFlows(id)
		}
	case modeResizing:
		withFlows(g.hit.id)
	case modeWaypoint, modeLabel, modePoint:
		live[g.hit.id] = true
	case modeConnecting, modeRubberBand, modePhotoMove, modePhotoSize:
		// Only the overlay changes, or the photo beneath every shape.
	default:
		return
	}
	g.live = live
	e.redraw()
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
	if e.dragStep(model.Resize(e.diagramID, g.hit.id, r)) {
		e.updated([]string{g.hit.id})
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
	if d != nil {
		e.sc.compact(d)
	}
	e.redraw() // the layer goes: every view is drawn as objects again
}

// updated redraws what an edit of the editor's own changed, without the whole diagram.
func (e *Editor) updated(ids []string) { e.invalidate(changedObjects, ids...) }
