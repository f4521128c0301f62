package canvas

import (
	"fyne.io/fyne/v2"

	"github.com/threatboard/threatboard/model"
)

// fitMargin is the space left around a diagram zoomed to fit, in pixels.
const fitMargin = 40

// Zoom is the current zoom factor: 1 is 100%.
func (e *Editor) Zoom() float64 { return e.vp.zoom }

// ZoomIn zooms in one step about the middle of the view.
func (e *Editor) ZoomIn() { e.zoomAbout(e.middle(), e.vp.zoom*zoomStep) }

// ZoomOut zooms out one step about the middle of the view.
func (e *Editor) ZoomOut() { e.zoomAbout(e.middle(), e.vp.zoom/zoomStep) }

// ZoomReset returns to 100% about the middle of the view.
func (e *Editor) ZoomReset() { e.zoomAbout(e.middle(), 1) }

// ZoomToFit shows the whole diagram.
func (e *Editor) ZoomToFit() {
	if r, ok := e.extent(nil); ok {
		e.fit(r)
	}
}

// ZoomToSelection shows the selected objects; with nothing selected it fits the whole diagram.
func (e *Editor) ZoomToSelection() {
	if e.sel.len() == 0 {
		e.ZoomToFit()
		return
	}
	if r, ok := e.extent(e.sel.has); ok {
		e.fit(r)
	}
}

// CentreOnSelection pans, at the zoom the user chose, so that the selected
// objects sit in the middle of the view: a walk through the diagram follows
// its steps without the picture jumping in size.
func (e *Editor) CentreOnSelection() {
	r, ok := e.extent(e.sel.has)
	if e.sel.len() == 0 || !ok {
		return
	}
	m, c := e.middle(), r.Center()
	e.setView(viewport{zoom: e.vp.zoom, offset: model.Point{
		X: float64(m.X) - c.X*e.vp.zoom,
		Y: float64(m.Y) - c.Y*e.vp.zoom,
	}})
}

func (e *Editor) middle() fyne.Position {
	s := e.Size()
	return fyne.NewPos(s.Width/2, s.Height/2)
}

func (e *Editor) zoomAbout(at fyne.Position, z float64) {
	e.setView(e.vp.zoomAbout(at, z))
}

func (e *Editor) fit(r model.Rect) {
	e.setView(e.vp.fit(r, e.Size(), fitMargin))
}

func (e *Editor) setView(vp viewport) {
	was := e.vp.zoom
	e.vp = vp
	e.redraw()
	if vp.zoom != was && e.OnZoomChanged != nil {
		e.OnZoomChanged(vp.zoom)
	}
}

// extent is the rectangle holding every object for which want is true (all
// when want is nil), and whether there was any.
func (e *Editor) extent(want func(string) bool) (model.Rect, bool) {
	d := e.diagram()
	if d == nil {
		return model.Rect{}, false
	}
	var r model.Rect
	any := false
	add := func(s model.Rect) {
		if !any {
			r, any = s, true
			return
		}
		r = r.Union(s)
	}
	for _, el := range d.Elements {
		if want == nil || want(el.ID) {
			add(el.Bounds)
		}
	}
	for _, f := range d.Flows {
		if path := e.sc.path(f.ID); len(path) > 0 && (want == nil || want(f.ID)) {
			add(model.Bounds(path))
		}
	}
	for _, b := range d.Boundaries {
		if want != nil && !want(b.ID) {
			continue
		}
		if b.Shape == model.BoundaryLine {
			add(model.Bounds(b.Points))
		} else {
			add(b.Bounds)
		}
	}
	return r, any
}
