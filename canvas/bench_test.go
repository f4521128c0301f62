package canvas

import (
	"fmt"
	"math"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/threatboard/threatboard/model"
)

// The sizes the issue asks about: elements, with 1.5 flows per element and
// 20 boundaries.
var benchSizes = []int{100, 1000, 5000}

// bigEditor shows a synthetic diagram of n elements in a 1600×1000 window,
// zoomed to fit: everything on screen, the worst case for drawing.
func bigEditor(b testing.TB, n int) (*Editor, fyne.Window, *model.Model) {
	newApp(b, theme.VariantLight)
	m := model.Synthetic(n, n*3/2, 20, 1)
	ed, win, _ := showEditor(b, m, 1600, 1000)
	ed.ZoomToFit()
	return ed, win, m
}

// BenchmarkDragStep is one drag event moving one element: the move command
// on the history plus redrawing that element and its flows.
func BenchmarkDragStep(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ed, _, m := bigEditor(b, n)
			d := m.Diagrams[0]
			e := d.Elements[len(d.Elements)/2]
			for _, f := range d.FlowsOf(e.ID) {
				f.Waypoints = nil // a moving element's flows then bend nowhere
			}
			ed.Refresh()
			at := ed.vp.toScreen(e.Bounds.Center())
			drag := func(dx float32) {
				at = at.AddXY(dx, 0)
				ed.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at}, Dragged: fyne.NewDelta(dx, 0)})
			}
			drag(2) // the first event picks the element up
			if ed.g.mode != modeMoving {
				b.Fatalf("drag mode %v, want moving", ed.g.mode)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				drag(float32(1 - 2*(i&1))) // back and forth
			}
			b.StopTimer()
			ed.DragEnd()
		})
	}
}

// BenchmarkRefresh is a full redraw of the widget's objects, no painting.
func BenchmarkRefresh(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ed, _, _ := bigEditor(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				ed.Refresh()
			}
			b.ReportMetric(float64(len(rendererOf(ed).objects)), "objects")
		})
	}
}

// BenchmarkHitTest hit-tests a point in an empty gap of the grid, where
// every shape, flow and boundary has to be tried.
func BenchmarkHitTest(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m := model.Synthetic(n, n*3/2, 20, 1)
			d := m.Diagrams[0]
			var sc scene
			sc.rebuild(d)
			ext := d.Elements[0].Bounds
			for _, e := range d.Elements {
				ext = ext.Union(e.Bounds)
			}
			p := model.Point{X: ext.X + ext.W/2 + 1, Y: ext.Y + ext.H/2 + 3}
			sel := &selection{}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				hitTest(d, &sc, sel, "", p, 1)
			}
		})
	}
}

// cullRatio is the share of the objects of the whole diagram that the
// widget hands the painter when zoomed onto a tenth of its area.
func cullRatio(t testing.TB, n int) (whole, tenth int) {
	ed, _, _ := bigEditor(t, n)
	ed.objectsOnly = true // counts objects, not drawn into the layer's image
	ed.Refresh()
	whole = len(rendererOf(ed).Objects())
	ext, _ := ed.extent(nil)
	// The zoom at which the window shows a tenth of the diagram's area.
	s := ed.Size()
	z := math.Sqrt(float64(s.Width) * float64(s.Height) * 10 / (ext.W * ext.H))
	ed.zoomAbout(ed.middle(), z)
	return whole, len(rendererOf(ed).Objects())
}

func TestCulling(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 5,000-element diagram")
	}
	whole, tenth := cullRatio(t, 5000)
	t.Logf("whole diagram %d objects, a tenth of it %d (%.1f%%)", whole, tenth, 100*float64(tenth)/float64(whole))
	if r := float64(tenth) / float64(whole); r > 0.15 {
		t.Errorf("zoomed onto a tenth the painter gets %d of %d objects (%.1f%%), want at most 15%%", tenth, whole, 100*r)
	}
}

func BenchmarkCulling(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var whole, tenth int
			for range b.N {
				whole, tenth = cullRatio(b, n)
			}
			b.ReportMetric(100*float64(tenth)/float64(whole), "%objects")
		})
	}
}

// BenchmarkPaint paints the widget with Fyne's software painter, next to
// the same primitives placed bare in a container, alternating the two in
// every iteration so that the load of a shared machine falls on both alike:
// the ratio is what the widget adds to painting.
func BenchmarkPaint(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			ed, win, _ := bigEditor(b, n)
			objs := rendererOf(ed).Objects()
			bare := test.NewTempWindow(b, container.NewWithoutLayout(cloneObjects(objs)...))
			bare.SetPadded(false)
			bare.Resize(fyne.NewSize(1600, 1000))
			var widget, plain time.Duration
			b.ResetTimer()
			for range b.N {
				t0 := time.Now()
				win.Canvas().Capture()
				t1 := time.Now()
				bare.Canvas().Capture()
				widget, plain = widget+t1.Sub(t0), plain+time.Since(t1)
			}
			b.ReportMetric(float64(widget.Milliseconds())/float64(b.N), "widget-ms/op")
			b.ReportMetric(float64(plain.Milliseconds())/float64(b.N), "bare-ms/op")
			b.ReportMetric(float64(widget)/float64(plain), "ratio")
			b.ReportMetric(float64(len(objs)), "objects")
		})
	}
}

// cloneObjects copies the widget's primitives, so that the bare window gets
// objects of its own in the same places rather than sharing the widget's.
func cloneObjects(objs []fyne.CanvasObject) []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, 0, len(objs))
	for _, o := range objs {
		switch o := o.(type) {
		case *canvas.Rectangle:
			c := *o
			out = append(out, &c)
		case *canvas.Circle:
			c := *o
			out = append(out, &c)
		case *canvas.Line:
			c := *o
			out = append(out, &c)
		case *canvas.Text:
			c := *o
			out = append(out, &c)
		case *canvas.Polygon:
			c := *o
			out = append(out, &c)
		}
	}
	return out
}

// BenchmarkDragPaint is a drag frame painted by Fyne's software painter:
// one drag step moving one element, then a capture of the window. "layer"
// draws the static part of the diagram into one image when the drag starts
// (the default); "objects" paints every object in every frame. The drag's
// first frame, which draws the layer, is reported apart as first-ms.
func BenchmarkDragPaint(b *testing.B) {
	for _, n := range benchSizes {
		for _, way := range []string{"layer", "objects"} {
			b.Run(fmt.Sprintf("%d/%s", n, way), func(b *testing.B) {
				ed, win, m := bigEditor(b, n)
				ed.objectsOnly = way == "objects"
				d := m.Diagrams[0]
				e := d.Elements[len(d.Elements)/2]
				at := ed.vp.toScreen(e.Bounds.Center())
				drag := func(dx float32) {
					at = at.AddXY(dx, 0)
					ed.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at}, Dragged: fyne.NewDelta(dx, 0)})
				}
				win.Canvas().Capture()
				t0 := time.Now()
				drag(2) // picks the element up
				win.Canvas().Capture()
				first := time.Since(t0)
				if ed.g.mode != modeMoving {
					b.Fatalf("drag mode %v, want moving", ed.g.mode)
				}
				b.ResetTimer()
				for i := range b.N {
					drag(float32(1 - 2*(i&1)))
					win.Canvas().Capture()
				}
				b.StopTimer()
				b.ReportMetric(float64(first.Microseconds())/1000, "first-ms")
				b.ReportMetric(float64(len(rendererOf(ed).objects)), "objects")
				ed.DragEnd()
			})
		}
	}
}
