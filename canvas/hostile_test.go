package canvas

import (
	"image"
	"image/color"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/threatboard/threatboard/model"
)

// hostileEditor shows the diagonal hostile model (one dashed line boundary
// of 100,000 long overlapping segments) fitted in a 1600×1000 window.
func hostileEditor(t testing.TB) (*Editor, *model.Model) {
	newApp(t, theme.VariantLight)
	m := model.SyntheticDiagonal(2000, 2000, 100000, 1)
	ed, _, _ := showEditor(t, m, 1600, 1000)
	ed.ZoomToFit()
	ed.Refresh()
	return ed, m
}

// maxHostileObjects bounds what one refresh of the hostile diagram hands
// the painter: the 2,000 elements and 2,000 flows at a few objects each,
// and the boundary as one image.
const maxHostileObjects = 30000

func TestHostileBoundaryObjectsBounded(t *testing.T) {
	ed, m := hostileEditor(t)
	r := rendererOf(ed)
	for _, tc := range []struct {
		name string
		zoom float64
	}{
		{"fitted", ed.vp.zoom},
		{"100 %", 1},
		{"zoomed in", 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ed.vp = viewport{zoom: tc.zoom}
			ed.invalidate(changedView)
			ed.Refresh()
			if n := len(r.objects); n > maxHostileObjects {
				t.Fatalf("%d canvas objects after a refresh, want at most %d", n, maxHostileObjects)
			}
			v := r.bounds[m.Diagrams[0].Boundaries[0].ID]
			if v == nil || !v.visible {
				t.Fatal("the boundary is not drawn")
			}
			if len(v.objs) > maxViewObjects {
				t.Fatalf("the boundary's view hands the painter %d objects, want at most %d", len(v.objs), maxViewObjects)
			}
			// The boundary's image is handed to the painter, or drawn into the
			// layer's when the whole diagram is.
			if v.flat == nil || !slices.Contains(r.objects, fyne.CanvasObject(v.flat.raster)) &&
				!(r.layered && slices.Contains(r.layer.objs, fyne.CanvasObject(v.flat.raster))) {
				t.Fatal("the boundary's segments are not drawn as one image")
			}
			img := v.flat.generate(int(r.size.Width), int(r.size.Height))
			if !inked(img) {
				t.Fatal("the boundary's image is blank")
			}
		})
	}
}

// inked reports whether any pixel of img is not transparent.
func inked(img interface {
	Bounds() image.Rectangle
	At(x, y int) color.Color
}) bool {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if _, _, _, a := img.At(x, y).RGBA(); a != 0 {
				return true
			}
		}
	}
	return false
}

// BenchmarkRefreshHostile is a full redraw of the hostile diagram, fitted:
// the objects of every view, no painting.
func BenchmarkRefreshHostile(b *testing.B) {
	ed, _ := hostileEditor(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		ed.invalidate(changedView)
		ed.Refresh()
	}
	b.ReportMetric(float64(len(rendererOf(ed).objects)), "objects")
}

// BenchmarkPaintHostile draws the hostile boundary's image, fitted, at the
// window's size: what the painter waits for after each redraw.
func BenchmarkPaintHostile(b *testing.B) {
	ed, m := hostileEditor(b)
	r := rendererOf(ed)
	v := r.bounds[m.Diagrams[0].Boundaries[0].ID]
	w, h := int(r.size.Width), int(r.size.Height)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		v.flat.drawn = false
		v.flat.generate(w, h)
	}
}

// A big diagram zoomed out is painted as the layer's one image; zoomed in,
// as objects again.
func TestBigDiagramDrawnAsOneImage(t *testing.T) {
	newApp(t, theme.VariantLight)
	ed, _, _ := showEditor(t, model.Synthetic(1000, 1500, 20, 1), 1600, 1000)
	r := rendererOf(ed)
	for _, tc := range []struct {
		name    string
		fit     bool
		layered bool
	}{
		{"fitted", true, true},
		{"100 %", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.fit {
				ed.ZoomToFit()
			} else {
				ed.vp = viewport{zoom: 1}
				ed.invalidate(changedView)
			}
			ed.Refresh()
			inLayer := slices.Contains(r.objects, fyne.CanvasObject(r.layer.raster))
			if r.layered != tc.layered || inLayer != tc.layered {
				t.Fatalf("layered %v (raster listed %v), want %v", r.layered, inLayer, tc.layered)
			}
			if n := len(r.objects); n > maxSceneObjects {
				t.Fatalf("the painter gets %d objects, want at most %d", n, maxSceneObjects)
			}
			if tc.layered && (len(r.layer.objs) <= maxSceneObjects || !inked(r.layer.generate(1600, 1000))) {
				t.Fatalf("the layer holds %d objects or draws nothing", len(r.layer.objs))
			}
		})
	}
}

// BenchmarkPaintBigFitted draws the fitted 1,000-element diagram into the
// layer's image: what a pan or zoom step of it waits for.
func BenchmarkPaintBigFitted(b *testing.B) {
	ed, _, _ := bigEditor(b, 1000)
	r := rendererOf(ed)
	if !r.layered {
		b.Fatal("the fitted diagram is not drawn as one image")
	}
	w, h := int(r.size.Width), int(r.size.Height)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		r.layer.drawn = false
		r.layer.generate(w, h)
	}
	b.ReportMetric(float64(len(r.layer.objs)), "objects")
}

// An out-of-scope (dashed) process a million units wide, zoomed in to the
// most, would be drawn as millions of dashes round its circle.
func TestHugeDashedCircleBounded(t *testing.T) {
	newApp(t, theme.VariantLight)
	m := model.Synthetic(0, 0, 0, 1)
	d := m.Diagrams[0]
	d.Elements = append(d.Elements, &model.Element{ID: "huge", Kind: model.MultiProcess, Common: model.Common{Name: "Huge", OutOfScope: true},
		Bounds: model.Rect{X: 0, Y: 0, W: 1e6, H: 1e6}})
	ed, _, _ := showEditor(t, m, 800, 600)
	ed.vp = viewport{zoom: maxZoom, offset: model.Point{X: -4e6 + 400, Y: -300}} // its centre in view
	ed.invalidate(changedDocument)
	ed.Refresh()
	r := rendererOf(ed)
	v := r.elems["huge"]
	if v == nil || !v.visible {
		t.Fatal("the process is not drawn")
	}
	if n := len(r.objects); n > maxViewObjects {
		t.Fatalf("%d canvas objects, want at most %d", n, maxViewObjects)
	}
	if v.nl > maxDashes {
		t.Fatalf("the circles were drawn with %d dashes, want at most %d", v.nl, maxDashes)
	}
}
