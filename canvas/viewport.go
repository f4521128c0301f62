package canvas

import (
	"math"

	"fyne.io/fyne/v2"

	"github.com/threatboard/threatboard/model"
)

// Zoom limits: at 2% a 10,000-element diagram fits a screen, above 8× one
// element fills it.
const (
	minZoom  = 0.02
	maxZoom  = 8
	zoomStep = 1.25
)

// viewport maps diagram units to the widget's pixels: screen = model·zoom + offset.
type viewport struct {
	zoom   float64
	offset model.Point // screen position of the diagram's origin
}

func newViewport() viewport { return viewport{zoom: 1} }

func (v viewport) toScreen(p model.Point) fyne.Position {
	return fyne.NewPos(float32(p.X*v.zoom+v.offset.X), float32(p.Y*v.zoom+v.offset.Y))
}

func (v viewport) toModel(p fyne.Position) model.Point {
	return model.Point{X: (float64(p.X) - v.offset.X) / v.zoom, Y: (float64(p.Y) - v.offset.Y) / v.zoom}
}

// rectToScreen returns the top-left corner and size of r on screen.
func (v viewport) rectToScreen(r model.Rect) (fyne.Position, fyne.Size) {
	return v.toScreen(model.Point{X: r.X, Y: r.Y}), fyne.NewSize(float32(r.W*v.zoom), float32(r.H*v.zoom))
}

// zoomAbout sets the zoom to z while the diagram point under the screen
// position at stays where it is.
func (v viewport) zoomAbout(at fyne.Position, z float64) viewport {
	z = math.Max(minZoom, math.Min(maxZoom, z))
	p := v.toModel(at)
	return viewport{zoom: z, offset: model.Point{X: float64(at.X) - p.X*z, Y: float64(at.Y) - p.Y*z}}
}

// panBy moves the view by a screen distance.
func (v viewport) panBy(dx, dy float32) viewport {
	v.offset = model.Point{X: v.offset.X + float64(dx), Y: v.offset.Y + float64(dy)}
	return v
}

// fit shows r whole and centred in a widget of the given size, with margin
// pixels around it, never zooming in beyond 100% so that a lone element is
// not blown up to fill the screen.
func (v viewport) fit(r model.Rect, size fyne.Size, margin float32) viewport {
	w, h := float64(size.Width-2*margin), float64(size.Height-2*margin)
	if w <= 0 || h <= 0 {
		return v
	}
	z := 1.0
	if r.W > 0 {
		z = math.Min(z, w/r.W)
	}
	if r.H > 0 {
		z = math.Min(z, h/r.H)
	}
	z = math.Max(minZoom, z)
	c := r.Center()
	return viewport{zoom: z, offset: model.Point{
		X: float64(size.Width)/2 - c.X*z,
		Y: float64(size.Height)/2 - c.Y*z,
	}}
}
