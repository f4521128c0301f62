package drawing

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	gotext "github.com/go-text/typesetting/font"

	"github.com/threatboard/threatboard/assets"
)

// The embedded Noto Sans faces, parsed once: text is measured with the
// font the canvas and the exports draw it in.
var (
	facesOnce sync.Once
	faces     [3]*gotext.Face
	facesErr  error
	// asciiAdvance holds each face's advance of the printable ASCII
	// characters, per unit of font size: names are mostly ASCII, and the
	// canvas measures them on every redraw.
	asciiAdvance [3][128]float64
)

// Face is the parsed face of the given style, shared and read-only; the
// regular face stands in for styles there is no face for.
func Face(s assets.FontStyle) (*gotext.Face, error) {
	facesOnce.Do(func() {
		for i, st := range []assets.FontStyle{assets.Regular, assets.Bold, assets.Italic} {
			f, err := gotext.ParseTTF(bytes.NewReader(assets.Font(st)))
			if err != nil {
				facesErr = fmt.Errorf("parse the %v font: %w", st, err)
				return
			}
			faces[i] = f
			for r := rune(0); r < 128; r++ {
				g, _ := f.NominalGlyph(r)
				asciiAdvance[i][r] = float64(f.HorizontalAdvance(g)) / float64(f.Upem())
			}
		}
	})
	if facesErr != nil {
		return nil, facesErr
	}
	if s < 0 || int(s) >= len(faces) {
		s = assets.Regular
	}
	return faces[s], nil
}

// Metrics are a face's vertical measures at a size, in units.
type Metrics struct {
	Ascent, Descent float64 // both positive
}

// Height is the height of a line of text without leading.
func (m Metrics) Height() float64 { return m.Ascent + m.Descent }

// FontMetrics are the vertical measures of the face of style s at size.
func FontMetrics(s assets.FontStyle, size float64) Metrics {
	f, err := Face(s)
	if err != nil {
		return Metrics{Ascent: size * 0.8, Descent: size * 0.2}
	}
	ext, _ := f.FontHExtents()
	k := size / float64(f.Upem())
	return Metrics{Ascent: float64(ext.Ascender) * k, Descent: -float64(ext.Descender) * k}
}

// TextWidth is the advance width of s in the face of style st at size: the
// sum of its glyphs' advances. Characters the face lacks count as its
// missing-glyph box, which is what renderers draw for them.
func TextWidth(s string, st assets.FontStyle, size float64) float64 {
	f, err := Face(st)
	if err != nil {
		return float64(utf8.RuneCountInString(s)) * size * 0.6
	}
	if st < 0 || int(st) >= len(faces) {
		st = assets.Regular
	}
	adv := &asciiAdvance[st]
	w, k := 0.0, size/float64(f.Upem())
	for _, r := range s {
		if r < 128 {
			w += adv[r] * size
			continue
		}
		g, _ := f.NominalGlyph(r)
		w += float64(f.HorizontalAdvance(g)) * k
	}
	return w
}

// Wrap breaks s at spaces into lines no wider than width at size, at most n
// of them; a line cut short, and the last one shown when text is left over,
// ends in an ellipsis. Line breaks in s are kept.
func Wrap(s string, st assets.FontStyle, size, width float64, n int) []string {
	if n <= 0 {
		return nil
	}
	fits := func(l string) bool { return TextWidth(l, st, size) <= width }
	if !strings.ContainsRune(s, '\n') && fits(s) && strings.TrimSpace(s) == s && !strings.Contains(s, "  ") {
		return []string{s} // the usual short name, without splitting it
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			switch {
			case line == "":
				line = w
			case fits(line + " " + w):
				line += " " + w
			default:
				out = append(out, line)
				line = w
			}
		}
		out = append(out, line)
	}
	cut := len(out) > n
	if cut {
		out = out[:n]
	}
	for i, l := range out {
		if !fits(l) || cut && i == n-1 {
			out[i] = Ellipsize(l, st, size, width)
		}
	}
	return out
}

// Ellipsize shortens s until it fits width at size with an ellipsis after
// it, and adds the ellipsis: the mark of text cut off.
func Ellipsize(s string, st assets.FontStyle, size, width float64) string {
	r := []rune(strings.TrimRight(s, " "))
	for len(r) > 1 && TextWidth(string(r)+"…", st, size) > width {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ") + "…"
}
