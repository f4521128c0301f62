package canvas

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"github.com/threatboard/threatboard/drawing"
	"github.com/threatboard/threatboard/model"
)

// view is the pooled drawing of one element, flow or boundary.
type view struct {
	pool
	items   []drawing.Item // the object's display list, rebuilt on every draw
	visible bool
	live    bool   // drawn as objects during a drag that draws the rest into the layer
	seen    int    // the refresh generation that last found the object in the diagram
	flat    *layer // the view's objects as one image, when there are too many (see bound)
}

// maxViewObjects is the most canvas objects one view hands the painter.
// Fyne walks every object on every frame and its GL painter issues a draw
// call for each: a hostile file's boundary of 100,000 segments would stall
// the window for minutes. A view needing more is drawn into one image.
const maxViewObjects = 2048

// maxSceneObjects is the most canvas objects the diagram hands the painter
// outside a drag; more are drawn into one image (see drawAll).
const maxSceneObjects = 4096

// bound hands the painter the view's objects as one image when they are
// more than maxViewObjects, drawn by the same rasteriser as the drag layer.
func (r *editorRenderer) bound(v *view) {
	if len(v.objs) <= maxViewObjects {
		v.flat = nil
		return
	}
	if v.flat == nil {
		v.flat = &layer{}
		v.flat.raster = canvas.NewRaster(v.flat.generate)
	}
	v.flat.list(r.ed.Theme(), r.size, v.objs)
	v.objs = append(v.objs[:0], v.flat.raster)
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
	order   []*view        // paint order: boundaries, flows, elements back to front
	overlay pool           // handles, rubber band, previews
	ghost   []drawing.Item // the display list of a palette item being placed
	layer   layer          // the static part of the diagram during a drag
	layered bool           // the layer stands in for the views that are not live
	objects []fyne.CanvasObject
	entry   fyne.CanvasObject // the rename entry listed in objects, or nil
	drawn   bool              // every view was drawn at least once
	gen     int
	size    fyne.Size
	clip    clipRect
	photo   photoObjects
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
	r.drawAll() // culling depends on the size
}

// Refresh draws what the editor recorded as changed (see Editor.invalidate):
// the overlay, the objects edited in place, or every view.
func (r *editorRenderer) Refresh() {
	p := r.ed.takeRedraw()
	switch {
	case !r.drawn:
		r.drawAll() // a new renderer has no views to update
	case p.what == changedOverlay:
		r.update(nil)
	case p.what == changedObjects && r.drawsLive(p.ids):
		r.update(p.ids)
	default:
		r.drawAll()
	}
}

// drawsLive reports whether the objects are drawn as objects now, not
// into the layer, whose image would keep showing them as they were.
func (r *editorRenderer) drawsLive(ids []string) bool {
	if !r.layered {
		return true
	}
	live := r.ed.g.live
	for _, id := range ids {
		if !live[id] {
			return false
		}
	}
	return true
}

// drawAll redraws every view: after a change of the document's structure,
// the selection, zoom, pan, size or theme.
func (r *editorRenderer) drawAll() {
	r.drawn = true
	r.col = themeColors(r.ed.Theme())
	r.bg.FillColor = r.col.bg
	r.bg.Resize(r.size)
	r.gen++
	r.clip = clipRect{min: fyne.NewPos(-20, -20), max: fyne.NewPos(r.size.Width+20, r.size.Height+20)}
	r.overlay.clip = &r.clip
	r.order = r.order[:0]
	live := r.ed.g.live // nil unless a drag draws its static part into the layer
	total := 0          // the objects of the visible views
	if d := r.ed.diagram(); d != nil {
		for _, b := range d.Boundaries {
			v := r.view(r.bounds, b.ID)
			r.drawBoundary(v, b)
			total += len(v.objs)
			v.live = live[b.ID]
			r.order = append(r.order, v)
		}
		for _, f := range d.Flows {
			v := r.view(r.flows, f.ID)
			r.drawFlow(v, f)
			total += len(v.objs)
			v.live = live[f.ID]
			r.order = append(r.order, v)
		}
		for _, e := range d.Elements {
			v := r.view(r.elems, e.ID)
			r.drawElement(v, e)
			total += len(v.objs)
			v.live = live[e.ID]
			r.order = append(r.order, v)
		}
	}
	r.prune(r.bounds)
	r.prune(r.flows)
	r.prune(r.elems)
	// A diagram that would hand the painter more than maxSceneObjects (a
	// big one zoomed out) is painted as the layer's one image, as during a
	// drag: a software GL spends a draw call and working memory on each
	// object, most of them a few pixels at that zoom.
	scene := live == nil && total > maxSceneObjects && !r.ed.objectsOnly
	if r.layered = live != nil || scene; r.layered {
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
	objs := r.drawPhoto(append(r.objects[:0], r.bg))
	if r.layered {
		objs = append(objs, r.layer.raster)
	}
	for _, v := range r.order {
		if v.visible && (v.live || !r.layered) {
			objs = append(objs, v.objs...)
		}
	}
	objs = append(objs, r.overlay.objs...)
	r.entry = nil
	if rn := r.ed.renaming; rn != nil {
		r.entry = rn.entry
		objs = append(objs, r.entry)
	}
	r.objects = objs
}

// onScreen reports whether the screen rectangle at pos with size, grown by
// margin pixels, overlaps the widget: objects that do not are culled.
func (r *editorRenderer) onScreen(pos fyne.Position, size fyne.Size, margin float32) bool {
	return pos.X-margin <= r.size.Width && pos.Y-margin <= r.size.Height &&
		pos.X+size.Width+margin >= 0 && pos.Y+size.Height+margin >= 0
}

// The views translate the display list of their object (package drawing),
// built afresh for that object alone: a drag step rebuilds what moved.

func (r *editorRenderer) drawElement(v *view, e *model.Element) {
	defer r.bound(v)
	vp := r.ed.vp
	pos, size := vp.rectToScreen(e.Bounds)
	v.reset()
	v.visible = r.onScreen(pos, size, 12)
	if !v.visible {
		return
	}
	if drawing.NameSize*vp.zoom < minTextPx {
		v.items = drawing.AppendOutline(v.items[:0], e) // no name to wrap
	} else {
		v.items = drawing.AppendElement(v.items[:0], e)
	}
	if r.ed.Coverage != nil {
		v.items = drawing.AppendCoverage(v.items, e, r.ed.Coverage(e.ID))
	}
	emit(&v.pool, &r.col, vp, v.items, look{selected: r.ed.sel.has(e.ID)})
}

func (r *editorRenderer) drawFlow(v *view, f *model.Flow) {
	defer r.bound(v)
	v.reset()
	g := r.ed.sc.geom(f.ID)
	v.visible = false
	if g == nil || len(g.path) < 2 {
		return
	}
	vp := r.ed.vp
	pos, size := vp.rectToScreen(g.reach())
	if v.visible = r.onScreen(pos, size, arrowSize*2); !v.visible {
		return
	}
	v.items = drawing.AppendFlow(v.items[:0], f, g.path)
	emit(&v.pool, &r.col, vp, v.items, look{selected: r.ed.sel.has(f.ID)})
}

func (r *editorRenderer) drawBoundary(v *view, b *model.Boundary) {
	defer r.bound(v)
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
	v.items = drawing.AppendBoundary(v.items[:0], b)
	emit(&v.pool, &r.col, vp, v.items, look{selected: r.ed.sel.has(b.ID)})
}

// update redraws only the given elements and boundaries, the flows attached
// to those elements, the given flows and the overlay: one drag step, or one
// keystroke in the side panel, touches what changed, not the whole diagram.
func (r *editorRenderer) update(ids []string) {
	d := r.ed.diagram()
	if d == nil {
		return
	}
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
					redraw(v, func() { r.drawFlow(v, f) })
				}
			}
		} else if g := r.ed.sc.geom(id); g != nil {
			if v := r.flows[id]; v != nil {
				redraw(v, func() { r.drawFlow(v, g.f) })
			}
		} else if b := d.Boundary(id); b != nil {
			if v := r.bounds[id]; v != nil {
				redraw(v, func() { r.drawBoundary(v, b) })
			}
		}
	}
	changed = r.movePhoto() || changed
	n, entry := len(r.overlay.objs), r.entry
	r.drawOverlay()
	var now fyne.CanvasObject
	if rn := r.ed.renaming; rn != nil {
		now = rn.entry
	}
	if changed || n != len(r.overlay.objs) || now != entry {
		r.flatten()
	} else {
		// Same objects in the same places of the list: only the overlay's
		// part of it may hold different objects of the same count.
		at := len(r.objects) - len(r.overlay.objs)
		if entry != nil {
			at--
		}
		copy(r.objects[at:], r.overlay.objs)
	}
	canvas.Refresh(r.bg) // marks the canvas dirty; lines moved without Move calls
}
