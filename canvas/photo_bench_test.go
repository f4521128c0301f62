package canvas

import (
	"bytes"
	"image"
	"image/jpeg"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/threatboard/threatboard/model"
	"github.com/threatboard/threatboard/photo"
)

// whiteboard12MP is a 4000×3000 JPEG photo, decoded and scaled down as the
// app does it.
func whiteboard12MP(b *testing.B) *photo.Photo {
	img := image.NewYCbCr(image.Rect(0, 0, 4000, 3000), image.YCbCrSubsampleRatio420)
	for i := range img.Y {
		img.Y[i] = uint8(150 + i%37)
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
		b.Fatal(err)
	}
	p, err := photo.Decode(&buf, photo.DefaultLimits)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkDragOverPhoto is one drag step of an element on the 1,000-element
// diagram, without and with a 12-megapixel photo behind it: "step" is the
// widget's work (the move command and the redraw of what moved), "paint"
// adds painting the window with Fyne's software test painter.
// Target: with the photo within 10 % of without.
func BenchmarkDragOverPhoto(b *testing.B) {
	for _, paint := range []bool{false, true} {
		for _, with := range []bool{false, true} {
			name := map[bool]string{false: "step", true: "paint"}[paint] + "/" + map[bool]string{false: "without", true: "with"}[with]
			b.Run(name, func(b *testing.B) {
				ed, win, m := bigEditor(b, 1000)
				d := m.Diagrams[0]
				if with {
					p := whiteboard12MP(b)
					var r model.Rect
					for i, e := range d.Elements {
						if i == 0 {
							r = e.Bounds
						} else {
							r = r.Union(e.Bounds)
						}
					}
					d.Background = &model.Background{Path: "whiteboard.jpg", Bounds: r, Opacity: 0.4}
					ed.SetBackgroundImage(p.Image, "", "whiteboard.jpg#0")
				}
				e := d.Elements[len(d.Elements)/2]
				at := ed.vp.toScreen(e.Bounds.Center())
				drag := func(dx float32) {
					at = at.AddXY(dx, 0)
					ed.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at}, Dragged: fyne.NewDelta(dx, 0)})
				}
				if paint {
					win.Canvas().Capture()
				}
				drag(2) // picks the element up
				if ed.g.mode != modeMoving {
					b.Fatalf("drag mode %v, want moving", ed.g.mode)
				}
				b.ResetTimer()
				for i := range b.N {
					drag(float32(1 - 2*(i&1)))
					if paint {
						win.Canvas().Capture()
					}
				}
				b.StopTimer()
				ed.DragEnd()
			})
		}
	}
}

// BenchmarkPhotoDragStep is one drag step of the 12-megapixel photo itself
// behind the 1,000-element diagram: the move command and a Move of the
// photo's one image object, with every shape left alone.
func BenchmarkPhotoDragStep(b *testing.B) {
	ed, _, m := bigEditor(b, 1000)
	d := m.Diagrams[0]
	p := whiteboard12MP(b)
	r := d.Elements[0].Bounds
	for _, e := range d.Elements[1:] {
		r = r.Union(e.Bounds)
	}
	d.Background = &model.Background{Path: "whiteboard.jpg", Bounds: r, Opacity: 0.4}
	ed.SetBackgroundImage(p.Image, "", "whiteboard.jpg#0")
	// Grab the photo where no shape, flow or boundary lies over it.
	var at fyne.Position
	for y := float32(10); at.IsZero() && y < 1000; y += 7 {
		for x := float32(10); x < 1600; x += 7 {
			if ed.hitAt(fyne.NewPos(x, y)).part == partPhoto {
				at = fyne.NewPos(x, y)
				break
			}
		}
	}
	drag := func(dx float32) {
		at = at.AddXY(dx, 0)
		ed.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at}, Dragged: fyne.NewDelta(dx, 0)})
	}
	drag(2) // picks the photo up
	if ed.g.mode != modePhotoMove {
		b.Fatalf("drag mode %v, want photo-moving", ed.g.mode)
	}
	b.ResetTimer()
	for i := range b.N {
		drag(float32(1 - 2*(i&1)))
	}
	b.StopTimer()
	ed.DragEnd()
}
