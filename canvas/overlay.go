package canvas

import (
	"fyne.io/fyne/v2"

	"github.com/threatboard/threatboard/drawing"
	"github.com/threatboard/threatboard/model"
)

// drawOverlay draws what is not part of the document: selection handles,
// the rubber band, a flow or boundary line being drawn, the palette's ghost.
func (r *editorRenderer) drawOverlay() {
	ed, vp, o := r.ed, r.ed.vp, &r.overlay
	o.reset()
	d := ed.diagram()
	if d == nil {
		return
	}
	hs := fyne.NewSquareSize(2 * handleRadius)
	handle := func(p model.Point) {
		s := vp.toScreen(p)
		o.rect(r.col.handleFill, r.col.primary, 1.5, s.SubtractXY(handleRadius, handleRadius), hs)
	}
	connector := func(p model.Point) {
		s := vp.toScreen(p)
		o.circle(r.col.primary, r.col.handleFill, 1, s.SubtractXY(handleRadius-1, handleRadius-1), fyne.NewSquareSize(2*handleRadius-2))
	}
	r.drawPhotoFrame(handle)
	for _, id := range ed.sel.ids {
		if e := r.ed.sc.element(d, id); e != nil {
			for _, c := range corners(e.Bounds) {
				handle(c)
			}
			if e.Kind.Connectable() {
				for _, c := range connectors(e.Bounds) {
					connector(c)
				}
			}
		} else if g := ed.sc.geom(id); g != nil {
			for _, w := range g.f.Waypoints {
				handle(w)
			}
		} else if b := d.Boundary(id); b != nil {
			if b.Shape == model.BoundaryBox {
				for _, c := range corners(b.Bounds) {
					handle(c)
				}
			} else {
				for _, p := range b.Points {
					handle(p)
				}
			}
		}
	}
	if e := r.ed.sc.element(d, ed.hover); e != nil && !ed.sel.has(e.ID) && e.Kind.Connectable() {
		for _, c := range connectors(e.Bounds) {
			connector(c)
		}
	}
	g := &ed.g
	switch g.mode {
	case modeRubberBand:
		pos, size := vp.rectToScreen(model.RectBetween(g.start, g.cur))
		o.rect(r.col.selection, r.col.primary, 1, pos, size)
	case modeConnecting:
		r.drawConnectPreview(d, g.hit.id, g.cur, g.target)
	}
	if ed.flowFrom != "" {
		if e := r.ed.sc.element(d, ed.flowFrom); e != nil {
			pos, size := vp.rectToScreen(e.Bounds)
			o.rect(nil, r.col.target, 2, pos.SubtractXY(3, 3), size.AddWidthHeight(6, 6))
		}
	}
	if len(ed.line) > 0 {
		pts := append(ed.line, vp.toModel(ed.pointer))
		for i := 1; i < len(pts); i++ {
			dashLine(o, r.col.boundary, strokeWidth, vp.toScreen(pts[i-1]), vp.toScreen(pts[i]), dotOn, dotOff)
		}
		for _, p := range ed.line {
			handle(p)
		}
	}
	if gh := ed.ghost; gh != nil {
		r.drawGhost(gh)
	}
	if rn := ed.renaming; rn != nil {
		pos, size := ed.renameBox(rn.id, rn.entry.MinSize())
		rn.entry.Move(pos)
		rn.entry.Resize(size)
	}
}

// drawConnectPreview draws the flow being dragged out of from, and
// highlights the element it would connect to.
func (r *editorRenderer) drawConnectPreview(d *model.Diagram, from string, to model.Point, target string) {
	vp, o := r.ed.vp, &r.overlay
	src := r.ed.sc.element(d, from)
	if src == nil {
		return
	}
	end := to
	if t := r.ed.sc.element(d, target); t != nil {
		pos, size := vp.rectToScreen(t.Bounds)
		o.rect(nil, r.col.target, 2, pos.SubtractXY(3, 3), size.AddWidthHeight(6, 6))
		end = t.Border(src.Bounds.Center())
		to = t.Bounds.Center()
	}
	a, b := vp.toScreen(src.Border(to)), vp.toScreen(end)
	dashLine(o, r.col.primary, strokeWidth, a, b, dashOn, dashOff)
	drawArrow(o, r.col.primary, a, b, arrowSize)
}

// drawGhost previews where a palette item being dragged would land.
func (r *editorRenderer) drawGhost(gh *ghost) {
	vp, o := r.ed.vp, &r.overlay
	switch {
	case gh.tool.Kind() != 0:
		e := newGhostElement(gh.tool.Kind(), gh.at)
		r.ghost = drawing.AppendShape(r.ghost[:0], "", e.Kind, e.Bounds, true)
		emit(o, &r.col, vp, r.ghost, look{outline: r.col.primary})
	case gh.tool == ToolBoundaryBox:
		pos, size := vp.rectToScreen(newBoxBoundary(gh.at).Bounds)
		dashRect(o, r.col.primary, strokeWidth, pos, size, dashOn, dashOff)
	default:
		s := vp.toScreen(gh.at)
		o.circle(nil, r.col.primary, 2, s.SubtractXY(6, 6), fyne.NewSquareSize(12))
	}
}
