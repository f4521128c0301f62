package drawing

import (
	"math"
	"testing"
	"unicode/utf8"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

// FuzzElement draws an element of any name, kind and size, and a flow
// between two of them: no panic, no NaN in the list, every wrapped line
// within its shape and at most NameLines of them.
func FuzzElement(f *testing.F) {
	for _, s := range []string{"Web API", "", "a\nb\nc\nd", "Zoë Łódź → ≤", "\xff\xfe", "    ", "𝄞 above U+FFFF", "long " + string(make([]byte, 300))} {
		f.Add(s, uint8(1), 120.0, 60.0, true)
	}
	f.Fuzz(func(t *testing.T, name string, kind uint8, w, h float64, bidi bool) {
		if math.IsNaN(w) || math.IsNaN(h) || math.IsInf(w, 0) || math.IsInf(h, 0) || math.Abs(w) > 1e6 || math.Abs(h) > 1e6 {
			t.Skip() // the model refuses these on load
		}
		k := model.Kind(kind%5 + 1)
		a := &model.Element{ID: "a", Kind: k, Bounds: model.Rect{W: w, H: h}, Common: model.Common{Name: name}}
		b := &model.Element{ID: "b", Kind: k, Bounds: model.Rect{X: 300, Y: 40, W: w, H: h}}
		fl := &model.Flow{ID: "f", From: "a", To: "b", Bidirectional: bidi, Common: model.Common{Name: name}}
		d := &model.Diagram{Elements: []*model.Element{a, b}, Flows: []*model.Flow{fl}}
		l := Diagram(d)
		lines := 0
		for _, it := range l.Items {
			for _, v := range []float64{it.Box.X, it.Box.Y, it.Box.W, it.Box.H, it.Width, it.Size} {
				if math.IsNaN(v) {
					t.Fatalf("NaN in %+v", it)
				}
			}
			if it.Kind == Text && it.ID == "a" {
				lines++
				if !utf8.ValidString(it.Text) && utf8.ValidString(name) {
					t.Errorf("line %q is not valid UTF-8", it.Text)
				}
			}
		}
		if lines > NameLines {
			t.Errorf("%d lines of name, at most %d", lines, NameLines)
		}
		_ = Wrap(name, assets.Italic, NameSize, w, 3)
	})
}
