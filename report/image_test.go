package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/drawing"
	"github.com/threatboard/threatboard/model"
)

func exampleModel(t testing.TB) *model.Model {
	t.Helper()
	m, err := model.Decode(assets.Example())
	if err != nil {
		t.Fatalf("decode the example: %v", err)
	}
	return m
}

// exampleDrawings are the display lists of the example's diagrams and
// attack trees, named for their golden files.
func exampleDrawings(t testing.TB) map[string]*drawing.List {
	m := exampleModel(t)
	out := map[string]*drawing.List{}
	for i, d := range m.Diagrams {
		out["diagram"+string(rune('1'+i))] = drawing.Diagram(d)
	}
	for i, tr := range m.AttackTrees {
		l, err := drawing.Tree(tr, drawing.TreeOptions{})
		if err != nil {
			t.Fatalf("draw tree %q: %v", tr.Title, err)
		}
		out["tree"+string(rune('1'+i))] = l
	}
	return out
}

func sameBytes(want, got []byte) error {
	if !bytes.Equal(want, got) {
		return errors.New("bytes differ")
	}
	return nil
}

// samePixels compares two PNG images pixel for pixel: the encoder's bytes
// may change with the Go release, the picture may not.
func samePixels(want, got []byte) error {
	a, err := png.Decode(bytes.NewReader(want))
	if err != nil {
		return err
	}
	b, err := png.Decode(bytes.NewReader(got))
	if err != nil {
		return err
	}
	if a.Bounds() != b.Bounds() {
		return errors.New("sizes differ: " + a.Bounds().String() + " and " + b.Bounds().String())
	}
	n := 0
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				n++
			}
		}
	}
	if n > 0 {
		return fmt.Errorf("%d pixels differ", n)
	}
	return nil
}

func TestWriteSVGGolden(t *testing.T) {
	for name, l := range exampleDrawings(t) {
		for _, dark := range []bool{false, true} {
			file := name + "-light.svg"
			if dark {
				file = name + "-dark.svg"
			}
			t.Run(file, func(t *testing.T) {
				var buf bytes.Buffer
				if err := WriteSVG(&buf, l, ImageOptions{Dark: dark}); err != nil {
					t.Fatal(err)
				}
				wellFormed(t, buf.Bytes())
				golden(t, file, buf.Bytes(), sameBytes)
			})
		}
	}
}

func TestWritePNGGolden(t *testing.T) {
	for name, l := range exampleDrawings(t) {
		t.Run(name, func(t *testing.T) {
			dark := strings.HasPrefix(name, "tree")
			var buf bytes.Buffer
			opt := ImageOptions{Dark: dark, Scale: 1}
			if name == "diagram1" {
				opt.Scale = 1.5
			}
			if err := WritePNG(&buf, l, opt); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatalf("the PNG does not decode: %v", err)
			}
			area := l.Area(defaultImageMargin)
			if w := img.Bounds().Dx(); w != int(math.Ceil(area.W*opt.Scale)) {
				t.Errorf("width %d px, want %v", w, math.Ceil(area.W*opt.Scale))
			}
			golden(t, name+".png", buf.Bytes(), samePixels)
		})
	}
}

// wellFormed parses the SVG as XML, element by element.
func wellFormed(t *testing.T, b []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
	}
}

func TestSVGEscapesText(t *testing.T) {
	d := &model.Diagram{Elements: []*model.Element{
		{ID: "a\"<b>", Kind: model.Actor, Bounds: model.Rect{W: 300, H: 60}, Common: model.Common{Name: "R&D <team> \"x\" \x01 Zoë"}},
	}}
	var buf bytes.Buffer
	if err := WriteSVG(&buf, drawing.Diagram(d), ImageOptions{}); err != nil {
		t.Fatal(err)
	}
	wellFormed(t, buf.Bytes())
	for _, want := range []string{"R&amp;D &lt;team&gt; &quot;x&quot; \uFFFD Zoë", `data-id="a&quot;&lt;b&gt;"`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("no %q in\n%s", want, buf.String())
		}
	}
}

func TestImageOptionsRejected(t *testing.T) {
	l := drawing.Diagram(exampleModel(t).Diagrams[0])
	tests := map[string]struct {
		l    *drawing.List
		opt  ImageOptions
		want string
	}{
		"negative scale":  {l, ImageOptions{Scale: -1}, "scale"},
		"NaN scale":       {l, ImageOptions{Scale: math.NaN()}, "scale"},
		"huge scale":      {l, ImageOptions{Scale: 100}, "scale"},
		"negative margin": {l, ImageOptions{Margin: -5}, "margin"},
		"too many pixels": {&drawing.List{Bounds: model.Rect{W: 1e6, H: 1e6}}, ImageOptions{}, "too big"},
		"no drawing":      {nil, ImageOptions{}, "no drawing"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			for format, write := range map[string]func(io.Writer, *drawing.List, ImageOptions) error{"SVG": WriteSVG, "PNG": WritePNG} {
				var buf bytes.Buffer
				err := write(&buf, tc.l, tc.opt)
				if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), format) {
					t.Errorf("%s: error %v, want one about %q", format, err, tc.want)
				}
				if buf.Len() != 0 {
					t.Errorf("%s: %d bytes written despite the error", format, buf.Len())
				}
			}
		})
	}
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestImageWriteErrors(t *testing.T) {
	l := drawing.Diagram(exampleModel(t).Diagrams[0])
	for format, write := range map[string]func(io.Writer, *drawing.List, ImageOptions) error{"SVG": WriteSVG, "PNG": WritePNG} {
		if err := write(failWriter{}, l, ImageOptions{}); err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("%s: error %v, want the writer's", format, err)
		}
	}
}

// TestPNGMatchesSVGGeometry checks the PNG against the list it paints: the
// pixel at the centre of every element's outline edge is not background.
func TestPNGDrawsOutlines(t *testing.T) {
	d := exampleModel(t).Diagrams[0]
	l := drawing.Diagram(d)
	var buf bytes.Buffer
	if err := WritePNG(&buf, l, ImageOptions{}); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	bg := drawing.Light.Color(drawing.Background)
	origin := l.Area(defaultImageMargin)
	for _, e := range d.Elements {
		if e.Kind == model.Note {
			continue // a note's frame is nearly the background's colour
		}
		top := image.Pt(int(e.Bounds.Center().X-origin.X), int(math.Round(e.Bounds.Y-origin.Y)))
		if e.Kind == model.Process || e.Kind == model.MultiProcess {
			top.Y = int(math.Round(e.Bounds.Center().Y - math.Min(e.Bounds.W, e.Bounds.H)/2 - origin.Y))
		}
		hit := false
		for dy := -1; dy <= 1; dy++ {
			r, g, b, _ := img.At(top.X, top.Y+dy).RGBA()
			hit = hit || r>>8 != uint32(bg.R) || g>>8 != uint32(bg.G) || b>>8 != uint32(bg.B)
		}
		if !hit {
			t.Errorf("no outline drawn at the top of %s (%v)", e.Name, top)
		}
	}
}

var benchModel = model.Synthetic(1000, 1500, 20, 1)

// BenchmarkSVG exports the 1,000-element synthetic diagram, the display
// list included (target: < 100 ms).
func BenchmarkSVG(b *testing.B) {
	d := benchModel.Diagrams[0]
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteSVG(io.Discard, drawing.Diagram(d), ImageOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPNG exports the 1,000-element synthetic diagram at scale 1, the
// display list included (target: < 500 ms).
func BenchmarkPNG(b *testing.B) {
	d := benchModel.Diagrams[0]
	b.ReportAllocs()
	for b.Loop() {
		if err := WritePNG(io.Discard, drawing.Diagram(d), ImageOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
