package canvas

import (
	"image"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"github.com/threatboard/threatboard/model"
)

// TestLayerLooksLikeObjects draws the whole shapes diagram, with a
// selection, into the drag layer and compares it with the canvas objects
// painted by Fyne's software painter: they may differ only in anti-aliasing
// (glyphs are rasterised by another library, circles are Bézier arcs).
func TestLayerLooksLikeObjects(t *testing.T) {
	cases := map[string]struct {
		variant fyne.ThemeVariant
		zoom    float64
	}{
		"light":       {variant: theme.VariantLight, zoom: 1},
		"dark":        {variant: theme.VariantDark, zoom: 1},
		"dark-zoomed": {variant: theme.VariantDark, zoom: 1.5},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			newApp(t, tc.variant)
			ed, win, _ := showEditor(t, shapesModel(), 640, 440)
			ed.Select("proc", "f3", "b2")
			if tc.zoom != 1 {
				ed.zoomAbout(fyne.NewPos(0, 0), tc.zoom)
			}
			want := win.Canvas().Capture()
			ed.g.live = map[string]bool{} // a drag that changes nothing: everything in the layer
			ed.Refresh()
			if !slices.Contains(rendererOf(ed).objects, fyne.CanvasObject(rendererOf(ed).layer.raster)) {
				t.Fatal("the layer is not among the painted objects")
			}
			if n := len(rendererOf(ed).objects) - len(rendererOf(ed).overlay.objs); n != 2 {
				t.Errorf("%d objects besides the overlay, want 2 (background and layer)", n)
			}
			assertLooksAlike(t, want, win.Canvas().Capture())
		})
	}
}

// TestDragUsesLayer drags an element: during the drag the painter gets the
// layer plus the element, its flow and the overlay; after DragEnd it gets
// the usual objects again and the picture is the one an editor opened on
// the result shows.
func TestDragUsesLayer(t *testing.T) {
	newApp(t, theme.VariantLight)
	ed, win, h := showEditor(t, shapesModel(), 640, 440)
	normal := len(rendererOf(ed).objects)
	from := ed.vp.toScreen(h.Model().Diagrams[0].Element("actor").Bounds.Center())
	to := from.AddXY(0, 80)

	press(ed, from)
	ed.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: from.AddXY(0, 4)}, Dragged: fyne.NewDelta(0, 4)})
	ed.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(0, 76)})
	r := rendererOf(ed)
	if !r.layered || !slices.Contains(r.objects, fyne.CanvasObject(r.layer.raster)) {
		t.Fatal("the drag does not paint the static diagram as one layer")
	}
	live := 0
	for _, v := range r.order {
		if v.live {
			live++
		}
	}
	if live != 2 { // the actor and its flow "login"
		t.Errorf("%d live views during the drag, want 2", live)
	}
	if len(r.objects) >= normal/2 {
		t.Errorf("the painter gets %d objects during the drag, %d without the layer", len(r.objects), normal)
	}
	during := win.Canvas().Capture()

	// The same drag drawn as objects throughout looks the same.
	newApp(t, theme.VariantLight)
	flat, flatWin, _ := showEditor(t, shapesModel(), 640, 440)
	flat.objectsOnly = true
	press(flat, from)
	flat.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: from.AddXY(0, 4)}, Dragged: fyne.NewDelta(0, 4)})
	flat.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(0, 76)})
	if rendererOf(flat).layered {
		t.Fatal("objectsOnly drew a layer")
	}
	assertLooksAlike(t, flatWin.Canvas().Capture(), during)
	flat.DragEnd()

	ed.DragEnd()
	if r.layered || slices.Contains(r.objects, fyne.CanvasObject(r.layer.raster)) || len(r.layer.objs) != 0 {
		t.Error("the layer outlives the drag")
	}
	if len(r.objects) != len(rendererOf(flat).objects) {
		t.Errorf("after the drag the painter gets %d objects, want %d", len(r.objects), len(rendererOf(flat).objects))
	}
	after := win.Canvas().Capture()
	if d := pixelDiff(flatWin.Canvas().Capture(), after); d != 0 {
		t.Errorf("after DragEnd %d pixels differ from the drawing without the layer", d)
	}
	if got := h.Model().Diagrams[0].Element("actor").Bounds.Y; got != 120 {
		t.Errorf("actor at y %v after the drag, want 120", got)
	}
}

func press(ed *Editor, at fyne.Position) {
	ed.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}, Button: desktop.MouseButtonPrimary})
}

// assertLooksAlike fails when more than 0.1% of the pixels differ by more
// than a quarter of a channel's range, or the mean difference exceeds 0.25%:
// anti-aliasing differs, shapes and text do not move.
func assertLooksAlike(t *testing.T, want, got image.Image) {
	t.Helper()
	if want.Bounds() != got.Bounds() {
		t.Fatalf("image bounds %v, want %v", got.Bounds(), want.Bounds())
	}
	r := want.Bounds()
	far, sum := 0, 0.0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, a1 := want.At(x, y).RGBA()
			r2, g2, b2, a2 := got.At(x, y).RGBA()
			d := max(absDiff(r1, r2), absDiff(g1, g2), absDiff(b1, b2), absDiff(a1, a2))
			if d > 0x4000 {
				far++
			}
			sum += float64(d) / 0xffff
		}
	}
	n := r.Dx() * r.Dy()
	mean := sum / float64(n)
	t.Logf("%d of %d pixels differ by more than 25%%, mean difference %.3f%%", far, n, 100*mean)
	if float64(far) > 0.001*float64(n) || mean > 0.0025 {
		t.Errorf("%d pixels differ by more than 25%% (at most %d allowed), mean difference %.3f%% (at most 0.25%%)", far, n/1000, 100*mean)
	}
}

// TestOutsideEditDuringDrag renames an element that the drag layer shows,
// as a collaborator's undo or the side panel could while the pointer is
// down: the layer must be drawn again, not keep the old name.
func TestOutsideEditDuringDrag(t *testing.T) {
	newApp(t, theme.VariantLight)
	ed, _, h := showEditor(t, shapesModel(), 640, 440)
	from := ed.vp.toScreen(h.Model().Diagrams[0].Element("actor").Bounds.Center())
	press(ed, from)
	ed.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: from.AddXY(0, 4)}, Dragged: fyne.NewDelta(0, 4)})
	r := rendererOf(ed)
	if !r.layered {
		t.Fatal("the drag does not use the layer")
	}
	cases := map[string]struct {
		id       string
		targeted bool
	}{
		"a live element":   {id: "actor", targeted: true},
		"one in the layer": {id: "store"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			gen := r.gen
			if err := h.Do(model.Rename("d", tc.id, "Renamed "+tc.id)); err != nil {
				t.Fatal(err)
			}
			ed.DocumentChanged()
			if targeted := r.gen == gen; targeted != tc.targeted {
				t.Errorf("redrawn in part: %v, want %v", targeted, tc.targeted)
			}
			if !tc.targeted && (r.layer.drawn || !slices.Contains(r.layer.objs, fyne.CanvasObject(r.elems[tc.id].objs[len(r.elems[tc.id].objs)-1]))) {
				t.Error("the layer was not listed again with the renamed element")
			}
		})
	}
	ed.DragEnd()
}
