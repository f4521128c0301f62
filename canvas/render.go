package canvas

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"github.com/threatboard/threatboard/model"
)

// view is the pooled drawing of one element, flow or boundary.
type view struct {
	pool
	visible bool
	live    bool // drawn as objects during a drag that draws the rest into the layer
	seen    int  // the refresh generation that last found the object in the diagram
}

// editorRenderer draws the editor's diagram. It reads the editor's state and
// the theme; it never edits the document.
type editorRenderer struct {
	ed      *Editor
	bg      *canvas.Rectangle
	col     colors
	elems   map[string]*view
	flows   map[string]*view
	bounds  map[string]*view
	order   []*view // paint order: boundaries, flows, elements back to front
	overlay pool    // handles, rubber band, previews
	layer   layer   // the static part of the diagram during a drag
	layered bool    // the layer stands in for the views that are not live
	objects []fyne.CanvasObject
	gen     int
	size    fyne.Size
	clip    clipRect
}

func newEditorRenderer(e *Editor) *editorRenderer {
	r := &editorRenderer{
		ed:     e,
		bg:     &canvas.Rectangle{},
		elems:  make(map[string]*view),
		flows:  make(map[string]*view),
		bounds: make(map[string]*view),
	}
	r.layer.raster = canvas.NewRaster(r.layer.generate)
	return r
}

func (r *editorRenderer) Destroy() {}

func (r *editorRenderer) MinSize() fyne.Size { return r.ed.MinSize() }

func (r *editorRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *editorRenderer) Layout(size fyne.Size) {
	if size == r.size {
		return
	}
	r.size = size
	r.Refresh() // culling depends on the size
}

// Refresh redraws everything: after outside edits, selection, zoom, pan and theme changes.
func (r *editorRenderer) Refresh() {
	r.col = themeColors(r.ed.Theme())
	r.bg.FillColor = r.col.bg
	r.bg.Resize(r.size)
	r.gen++
	r.clip = clipRect{min: fyne.NewPos(-20, -20), max: fyne.NewPos(r.size.Width+20, r.size.Height+20)}
	r.overlay.clip = &r.clip
	r.order = r.order[:0]
	live := r.ed.g.live // nil unless a drag draws its static part into the layer
	if d := r.ed.diagram(); d != nil {
		for _, b := range d.Boundaries {
			v := r.view(r.bounds, b.ID)
			r.drawBoundary(v, b)
			v.live = live[b.ID]
			r.order = append(r.order, v)
		}
		for _, f := range d.Flows {
			v := r.view(r.flows, f.ID)
			r.drawFlow(v, d, f)
			v.live = live[f.ID]
			r.order = append(r.order, v)
		}
		for _, e := range d.Elements {
			v := r.view(r.elems, e.ID)
			r.drawElement(v, e)
			v.live = live[e.ID]
			r.order = append(r.order, v)
		}
	}
	r.prune(r.bounds)
	r.prune(r.flows)
	r.prune(r.elems)
	if r.layered = live != nil; r.layered {
		r.layer.set(r.ed.Theme(), r.size, r.order)
	} else {
		r.layer.release()
		r.layer.img = nil // a window-sized image is not kept between drags
	}
	r.drawOverlay()
	r.flatten()
	canvas.Refresh(r.bg)
}

func (r *editorRenderer) view(m map[string]*view, id string) *view {
	v := m[id]
	if v == nil {
		v = &view{}
		v.clip = &r.clip
		m[id] = v
	}
	v.seen = r.gen
	return v
}

// prune forgets the views of objects no longer in the diagram.
func (r *editorRenderer) prune(m map[string]*view) {
	for id, v := range m {
		if v.seen != r.gen {
			delete(m, id)
		}
	}
}

// flatten lists what the painter gets: the background, the visible views in
// paint order (during a drag: the layer, then the live views), the overlay
// and the rename entry.
func (r *editorRenderer) flatten() {
	objs := append(r.objects[:0], r.bg)
	if r.layered {
		objs = append(objs, r.layer.raster)
	}
	for _, v := range r.order {
		if v.visible && (v.live || !r.layered) {
			objs = append(objs, v.objs...)
		}
	}
	objs = append(objs, r.overlay.objs...)
	if rn := r.ed.renaming; rn != nil {
		objs = append(objs, rn.entry)
	}
	r.objects = objs
}

// onScreen reports whether the screen rectangle at pos with size, grown by
// margin pixels, overlaps the widget: objects that do not are culled.
func (r *editorRenderer) onScreen(pos fyne.Position, size fyne.Size, margin float32) bool {
	return pos.X-margin <= r.size.Width && pos.Y-margin <= r.size.Height &&
		pos.X+size.Width+margin >= 0 && pos.Y+size.Height+margin >= 0
}

func (r *editorRenderer) drawElement(v *view, e *model.Element) {
	vp := r.ed.vp
	pos, size := vp.rectToScreen(e.Bounds)
	v.reset()
	v.visible = r.onScreen(pos, size, 12)
	if !v.visible {
		return
	}
	drawElement(&v.pool, &r.col, e, pos, size, float32(vp.zoom), r.ed.sel.has(e.ID))
}

func (r *editorRenderer) drawFlow(v *view, d *model.Diagram, f *model.Flow) {
	v.reset()
	path := r.ed.sc.path(f.ID)
	v.visible = false
	if len(path) < 2 {
		return
	}
	vp := r.ed.vp
	bb := model.Bounds(path)
	lr := labelRect(f, path)
	if f.Name != "" {
		bb = bb.Union(lr)
	}
	pos, size := vp.rectToScreen(bb)
	if v.visible = r.onScreen(pos, size, arrowSize*2); !v.visible {
		return
	}
	stroke, width := r.col.fg, float32(strokeWidth)
	if r.ed.sel.has(f.ID) {
		stroke, width = r.col.primary, selectedWidth
	}
	prev := vp.toScreen(path[0])
	first := prev
	for _, q := range path[1:] {
		s := vp.toScreen(q)
		if f.OutOfScope {
			dashLine(&v.pool, stroke, width, prev, s, dashOn, dashOff)
		} else {
			v.line(stroke, width, prev, s)
		}
		prev = s
	}
	drawArrow(&v.pool, stroke, vp.toScreen(path[len(path)-2]), prev, arrowSize)
	if f.Bidirectional {
		drawArrow(&v.pool, stroke, vp.toScreen(path[1]), first, arrowSize)
	}
	if f.Name != "" {
		r.drawLabel(&v.pool, f.Name, lr, stroke)
	}
}

// drawLabel draws a flow's name on a plate of the background colour, so the
// line under it does not strike the text through.
func (r *editorRenderer) drawLabel(p *pool, name string, lr model.Rect, c color.Color) {
	vp := r.ed.vp
	ts := float32(labelSize * vp.zoom)
	if ts < minTextPx {
		return
	}
	pos, size := vp.rectToScreen(lr)
	p.rect(r.col.labelBack, nil, 0, pos, size)
	p.text(name, c, ts, fyne.TextAlignCenter, pos, size)
}

func (r *editorRenderer) drawBoundary(v *view, b *model.Boundary) {
	vp := r.ed.vp
	v.reset()
	var bb model.Rect
	switch b.Shape {
	case model.BoundaryLine:
		bb = model.Bounds(b.Points)
	case model.BoundaryBox:
		bb = b.Bounds
	}
	pos, size := vp.rectToScreen(bb)
	if v.visible = r.onScreen(pos, size, 20); !v.visible {
		return
	}
	c, width := r.col.boundary, float32(strokeWidth)
	if r.ed.sel.has(b.ID) {
		c, width = r.col.primary, selectedWidth
	}
	var namePos fyne.Position
	switch b.Shape {
	case model.BoundaryLine:
		// Dotted: short dashes with wide gaps.
		for i := 1; i < len(b.Points); i++ {
			dashLine(&v.pool, c, width, vp.toScreen(b.Points[i-1]), vp.toScreen(b.Points[i]), dotOn, dotOff)
		}
		if len(b.Points) > 0 {
			namePos = vp.toScreen(b.Points[0]).AddXY(4, 2)
		}
	case model.BoundaryBox:
		dashRect(&v.pool, c, width, pos, size)
		namePos = pos.AddXY(6, 4)
	}
	if ts := float32(labelSize * vp.zoom); ts >= minTextPx && b.Name != "" {
		t := v.text(b.Name, c, ts, fyne.TextAlignLeading, namePos, fyne.NewSize(ts*0.6*float32(len(b.Name))+ts, ts*1.4))
		t.TextStyle.Italic = true
	}
}

// update redraws only the given elements and boundaries, the flows attached
// to those elements, the given flows and the overlay: one drag step touches
// what moved, not the whole diagram.
func (r *editorRenderer) update(d *model.Diagram, ids []string) {
	changed := false
	redraw := func(v *view, draw func()) {
		n, was := len(v.objs), v.visible
		draw()
		changed = changed || n != len(v.objs) || was != v.visible
	}
	for _, id := range ids {
		if e := r.ed.sc.element(d, id); e != nil {
			if v := r.elems[id]; v != nil {
				redraw(v, func() { r.drawElement(v, e) })
			}
			for _, f := range r.ed.sc.flowsOf[id] {
				if v := r.flows[f.ID]; v != nil {
					redraw(v, func() { r.drawFlow(v, d, f) })
				}
			}
		} else if g := r.ed.sc.geom(id); g != nil {
			if v := r.flows[id]; v != nil {
				redraw(v, func() { r.drawFlow(v, d, g.f) })
			}
		} else if b := d.Boundary(id); b != nil {
			if v := r.bounds[id]; v != nil {
				redraw(v, func() { r.drawBoundary(v, b) })
			}
		}
	}
	n := len(r.overlay.objs)
	r.drawOverlay()
	if changed || n != len(r.overlay.objs) {
		r.flatten()
	} else {
		// Same objects in the same places of the list: only the overlay's
		// part of it may hold different objects of the same count.
		copy(r.objects[len(r.objects)-len(r.overlay.objs)-r.entryCount():], r.overlay.objs)
	}
	canvas.Refresh(r.bg) // marks the canvas dirty; lines moved without Move calls
}

func (r *editorRenderer) entryCount() int {
	if r.ed.renaming != nil {
		return 1
	}
	return 0
}
