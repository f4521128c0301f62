package drawing

import (
	"fmt"
	"image"
	"math"
	"testing"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

// edgeCases is a list of shapes that cross many bands: a tall thin line
// (the rasteriser switches to floating-point arithmetic above 512 pixels,
// so cutting it to a band would change its pixels), a long slanted line, a
// big circle, dashed and dotted outlines, an unaligned filled box and text
// standing out of a box too small for it.
func edgeCases() *List {
	l := &List{Items: []Item{
		{Kind: Line, Points: []model.Point{{X: 10.3, Y: 0}, {X: 10.3, Y: 900}}, Stroke: Ink, Width: 1.5},
		{Kind: Line, Points: []model.Point{{X: 0, Y: 5}, {X: 700, Y: 880}, {X: 20, Y: 890}}, Stroke: Ink, Width: 2},
		{Kind: Circle, Box: model.Rect{X: 100.5, Y: 100.25, W: 500, H: 500}, Fill: Fill, Stroke: Ink, Width: 2, Dash: Dashed},
		{Kind: Rect, Box: model.Rect{X: 30.5, Y: 60.5, W: 300.2, H: 700.7}, Fill: Fill, Stroke: Ink, Width: 1, Dash: Dotted},
		{Kind: Polygon, Points: []model.Point{{X: 400, Y: 10}, {X: 690, Y: 450}, {X: 420, Y: 870}}, Fill: Selection, Stroke: Ink, Width: 3},
		{Kind: Arrow, Points: []model.Point{{X: 0, Y: 0}, {X: 300, Y: 128}}, Stroke: Ink, Size: 9},
		{Kind: Text, Box: model.Rect{X: 50, Y: 126, W: 40, H: 2}, Text: "Łódź → Zoë ≤", Stroke: Ink, Size: 30},
		{Kind: Badge, Box: model.Rect{X: 200, Y: 250, W: 20, H: 20}, Fill: Marker, Stroke: Ink, Text: "12", Size: 11, Font: assets.Bold},
	}}
	l.finish()
	return l
}

// TestPaintInBands paints lists whole and in bands of several heights and
// wants the same pixels, byte for byte.
func TestPaintInBands(t *testing.T) {
	m, err := model.Decode(assets.Example())
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string]*List{"edge cases": edgeCases(), "synthetic": Diagram(model.Synthetic(150, 220, 6, 3).Diagrams[0])}
	for i, d := range m.Diagrams {
		lists[fmt.Sprintf("example diagram %d", i+1)] = Diagram(d)
	}
	for i, tr := range m.AttackTrees {
		if l, err := Tree(tr, TreeOptions{}); err == nil {
			lists[fmt.Sprintf("example tree %d", i+1)] = l
		}
	}
	for name, l := range lists {
		scales := []float64{0.37, 1.5}
		if name == "edge cases" {
			scales = []float64{0.37, 1, 2.25}
		}
		for _, scale := range scales {
			for _, pal := range []*Palette{&Light, &Dark} {
				// One-row bands cut every shape: the hardest case, and
				// the slowest, as each band rasterises every shape whole.
				bands := []int{13, 128}
				switch {
				case scale < 1:
					bands = append(bands, 1)
				case scale > 2:
					bands = bands[1:]
				}
				pic := NewPicture(l, pal, scale, 20)
				whole := image.NewRGBA(pic.Bounds())
				pic.Paint(whole)
				for _, rows := range bands {
					t.Run(fmt.Sprintf("%s/scale %v/%d rows", name, scale, rows), func(t *testing.T) {

						b := pic.Bounds()
						for y := b.Min.Y; y < b.Max.Y; y += rows {
							band := whole.SubImage(image.Rect(b.Min.X, y, b.Max.X, min(y+rows, b.Max.Y))).(*image.RGBA)
							got := image.NewRGBA(band.Rect)
							pic.Paint(got)
							for yy := band.Rect.Min.Y; yy < band.Rect.Max.Y; yy++ {
								for x := b.Min.X; x < b.Max.X; x++ {
									if g, w := got.RGBAAt(x, yy), whole.RGBAAt(x, yy); g != w {
										t.Fatalf("pixel %d,%d: %v painted in a band, %v whole", x, yy, g, w)
									}
								}
							}
						}
					})
				}
			}
		}
	}
}

// FuzzPaintInBands paints a shape of any kind, place, size, stroke and
// dash, with a text of any size, whole and in bands of any height, and
// wants the same pixels.
func FuzzPaintInBands(f *testing.F) {
	f.Add(uint8(0), 10.5, 3.25, 200.0, 180.0, 2.0, uint8(0), 1.0, uint8(13), "Zoë")
	f.Add(uint8(1), 0.0, 0.0, 90.0, 90.0, 1.5, uint8(1), 2.5, uint8(1), "")
	f.Add(uint8(2), 5.0, 0.0, 5.2, 300.0, 1.0, uint8(2), 1.7, uint8(128), "≤ →")
	f.Add(uint8(6), 40.0, 10.0, 120.0, 250.0, 3.0, uint8(0), 0.6, uint8(7), "long label text")
	f.Fuzz(func(t *testing.T, kind uint8, x, y, w, h, width float64, dash uint8, scale float64, rows uint8, text string) {
		for _, v := range []float64{x, y, w, h, width, scale} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Skip()
			}
		}
		// Keep the picture small: the test paints it many times.
		x, y = math.Mod(math.Abs(x), 200), math.Mod(math.Abs(y), 200)
		w, h = math.Mod(math.Abs(w), 200), math.Mod(math.Abs(h), 200)
		width = math.Mod(math.Abs(width), 12)
		scale = 0.2 + math.Mod(math.Abs(scale), 2)
		k := []Kind{Rect, Circle, Line, Arrow, Text, Badge, Polygon}[int(kind)%7]
		it := Item{Kind: k, Box: model.Rect{X: x, Y: y, W: w, H: h}, Fill: Fill, Stroke: Ink, Width: width,
			Dash: Dash(dash % 3), Text: text, Size: 4 + width*3,
			Points: []model.Point{{X: x, Y: y}, {X: x + w, Y: y + h}, {X: x + w/3, Y: y + h*0.9}}}
		if k == Arrow {
			it.Points = it.Points[:2]
		}
		l := &List{Items: []Item{it, {Kind: Text, Box: model.Rect{X: x, Y: y + h/2, W: w, H: 1}, Text: text, Stroke: Ink, Size: 12}}}
		l.finish()
		pic := NewPicture(l, &Light, scale, 5)
		whole := image.NewRGBA(pic.Bounds())
		pic.Paint(whole)
		b := pic.Bounds()
		step := max(1+int(rows)%64, b.Dy()/100) // at most a hundred bands
		for y0 := b.Min.Y; y0 < b.Max.Y; y0 += step {
			band := image.NewRGBA(image.Rect(b.Min.X, y0, b.Max.X, min(y0+step, b.Max.Y)))
			pic.Paint(band)
			for yy := band.Rect.Min.Y; yy < band.Rect.Max.Y; yy++ {
				for xx := b.Min.X; xx < b.Max.X; xx++ {
					if g, w := band.RGBAAt(xx, yy), whole.RGBAAt(xx, yy); g != w {
						t.Fatalf("%v item, bands of %d rows: pixel %d,%d is %v in a band, %v whole", k, step, xx, yy, g, w)
					}
				}
			}
		}
	})
}
