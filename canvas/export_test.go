package canvas

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/theme"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/drawing"
	"github.com/threatboard/threatboard/model"
	"github.com/threatboard/threatboard/report"
)

// TestExportLooksLikeCanvas renders each diagram of the example through the
// PNG export and through the editor (Fyne's software painter), at 100 % and
// with the same origin, and holds the two within a small difference.
//
// The bound: at most 0.15 % of the pixels may differ by more than a
// quarter of the colour range from every pixel within one pixel of the same
// place in the other picture, and the mean difference of the pixels in
// place stays under 2.5 %. Both draw the same display list with the same
// font, so what differs is rasterisation alone: Fyne rounds objects to whole
// pixels and strokes 1.5 units as 2 pixels, covers slanted lines twice and
// shapes text with kerning, where the export keeps sub-pixel positions and
// widths. That moves and softens edges by up to a pixel (hence the
// one-pixel tolerance and the mean of 1.3 to 1.7 % measured); what stays
// beyond it, about 0.01 to 0.08 %, is the anti-aliased rim of slanted
// lines and circles. A shape, arrowhead or badge that is missing or out of
// place is thousands of pixels off and fails; a missing short label may
// not, and the golden tests of each renderer are there for that.
func TestExportLooksLikeCanvas(t *testing.T) {
	m, err := model.Decode(assets.Example())
	if err != nil {
		t.Fatal(err)
	}
	for _, style := range []struct {
		name    string
		dark    bool
		variant int
	}{{"light", false, 0}, {"dark", true, 1}} {
		for i, d := range m.Diagrams {
			t.Run(style.name+"/"+d.Title, func(t *testing.T) {
				v := theme.VariantLight
				if style.dark {
					v = theme.VariantDark
				}
				newApp(t, v)
				l := drawing.Diagram(d)
				var buf bytes.Buffer
				const margin = 20
				if err := report.WritePNG(&buf, l, report.ImageOptions{Dark: style.dark, Margin: margin}); err != nil {
					t.Fatal(err)
				}
				exported, err := png.Decode(&buf)
				if err != nil {
					t.Fatal(err)
				}
				b := exported.Bounds()
				one := &model.Model{Diagrams: []*model.Diagram{m.Diagrams[i]}}
				ed, win, _ := showEditor(t, one, float32(b.Dx()), float32(b.Dy()))
				ed.setView(viewport{zoom: 1, offset: model.Point{X: -l.Area(margin).X, Y: -l.Area(margin).Y}})
				shown := win.Canvas().Capture()
				far, mean := imageDifference(exported, shown)
				t.Logf("%d of %d pixels differ by more than 25%%, mean difference %.3f%%", far, b.Dx()*b.Dy(), 100*mean)
				if float64(far) > 0.0015*float64(b.Dx()*b.Dy()) || mean > 0.025 {
					keepPair(t, style.name+"-"+d.ID, exported, shown)
					t.Errorf("the export and the canvas differ: %d pixels by more than 25%% (at most 0.15%%), mean %.3f%% (at most 2.5%%)", far, 100*mean)
				}
			})
		}
	}
}

// imageDifference compares a and b allowing for a pixel of rounding: far
// counts the pixels of either image that differ by more than a quarter of
// the range, in some channel, from every pixel within one pixel of the same
// place in the other; mean is the mean difference of the pixels in place
// (0..1).
func imageDifference(a, b image.Image) (far int, mean float64) {
	r := a.Bounds().Intersect(b.Bounds())
	na, nb := toNRGBA(a), toNRGBA(b)
	sum := 0.0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			sum += float64(channelDiff(na, nb, x, y, x, y)) / 0xff
			if !nearMatch(na, nb, x, y) || !nearMatch(nb, na, x, y) {
				far++
			}
		}
	}
	return far, sum / float64(r.Dx()*r.Dy())
}

func toNRGBA(img image.Image) *image.NRGBA {
	out := image.NewNRGBA(img.Bounds())
	draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Src)
	return out
}

// channelDiff is the largest channel difference between a at (x, y) and b at (u, v).
func channelDiff(a, b *image.NRGBA, x, y, u, v int) uint8 {
	p, q := a.NRGBAAt(x, y), b.NRGBAAt(u, v)
	d := func(s, t uint8) uint8 { return max(s, t) - min(s, t) }
	return max(d(p.R, q.R), d(p.G, q.G), d(p.B, q.B))
}

// nearMatch reports whether a's pixel at (x, y) is within a quarter of the
// range of some pixel of b at most one pixel away.
func nearMatch(a, b *image.NRGBA, x, y int) bool {
	for v := y - 1; v <= y+1; v++ {
		for u := x - 1; u <= x+1; u++ {
			if (image.Point{u, v}).In(b.Bounds()) && channelDiff(a, b, x, y, u, v) <= 0x40 {
				return true
			}
		}
	}
	return false
}

// keepPair writes both images of a failed comparison under testdata/failed.
func keepPair(t *testing.T, name string, exported, shown image.Image) {
	dir := filepath.Join("testdata", "failed")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Log(err)
		return
	}
	for suffix, img := range map[string]image.Image{"-export.png": exported, "-canvas.png": shown} {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err == nil {
			_ = os.WriteFile(filepath.Join(dir, name+suffix), buf.Bytes(), 0o644)
		}
	}
	t.Logf("the two images are in %s", dir)
}
