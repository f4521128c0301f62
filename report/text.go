package report

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"

	"github.com/threatboard/threatboard/assets"
)

// The report's text goes through embedded fonts: Noto Sans (regular, bold,
// italic) for text and DejaVu Sans for the symbols Noto Sans as shipped
// lacks (→, ≤, ●). gofpdf indexes its width tables by rune up to U+FFFF and
// panics past that, and prints a character its font lacks as nothing. So
// every string is cleaned before gofpdf sees it: a character one of the two
// families can draw stays, anything else becomes Replacement, so that the
// reader sees something was there; and the writer switches to the symbol
// face for the runs Noto Sans cannot draw.

// Replacement stands for a character neither font can print.
const Replacement = '□'

// coverage records which runes of the Basic Multilingual Plane a font family
// has glyphs for: one bit per rune, 8 KiB.
type coverage [0x10000 / 64]uint64

func (c *coverage) has(r rune) bool {
	return r >= 0 && r < 0x10000 && c[r>>6]&(1<<(uint(r)&63)) != 0
}

// coverageOf is the set of runes every one of faces has a glyph for. A face
// that does not parse covers nothing (the embedded faces are tested to parse).
func coverageOf(faces ...[]byte) *coverage {
	var all coverage
	for i := range all {
		all[i] = ^uint64(0)
	}
	for _, data := range faces {
		var c coverage
		if f, err := sfnt.Parse(data); err == nil {
			var buf sfnt.Buffer
			for r := rune(0x20); r < 0x10000; r++ {
				if g, err := f.GlyphIndex(&buf, r); err == nil && g != 0 {
					c[r>>6] |= 1 << (uint(r) & 63)
				}
			}
		}
		for i := range all {
			all[i] &= c[i]
		}
	}
	return &all
}

// fontCoverage holds, once per process, what the text faces (all three
// Noto Sans styles, so that bold and italic never lack what regular has) and
// the symbol face can draw.
var fontCoverage = sync.OnceValue(func() *struct{ text, symbol *coverage } {
	return &struct{ text, symbol *coverage }{
		text:   coverageOf(assets.Font(assets.Regular), assets.Font(assets.Bold), assets.Font(assets.Italic)),
		symbol: coverageOf(assets.DejaVuSans),
	}
})

// printable cleans s for the report's fonts: control characters become
// spaces (newlines are kept when keepNewlines), invalid UTF-8 and characters
// neither family has become Replacement. A string that needs no change is
// returned as it is, without an allocation.
func printable(s string, keepNewlines bool) string {
	cov := fontCoverage()
	clean := true
	for _, r := range s {
		if !drawable(cov.text, cov.symbol, r, keepNewlines) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		switch {
		case drawable(cov.text, cov.symbol, r, keepNewlines):
			b.WriteRune(r)
		case r == '\r' && keepNewlines && strings.HasPrefix(s[i+1:], "\n"):
			// \r\n is one line break.
		case r == '\r' && keepNewlines:
			b.WriteByte('\n')
		case unicode.IsControl(r) || unicode.IsSpace(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(Replacement)
		}
	}
	return b.String()
}

func drawable(text, symbol *coverage, r rune, keepNewlines bool) bool {
	if r == '\n' {
		return keepNewlines
	}
	return r != utf8.RuneError && (text.has(r) || symbol.has(r))
}

// textRun is a piece of cleaned text drawn in one face.
type textRun struct {
	text   string
	symbol bool // drawn in the symbol face
}

// runs splits cleaned text into the pieces the text face and the symbol
// face draw. Text without symbols is one run, without an allocation of its
// string.
func runs(s string, out []textRun) []textRun {
	text := fontCoverage().text
	start, symbol := 0, false
	for i, r := range s {
		sym := !text.has(r) && r != '\n'
		if i > start && sym != symbol {
			out = append(out, textRun{s[start:i], symbol})
			start = i
		}
		symbol = sym
	}
	if start < len(s) {
		out = append(out, textRun{s[start:], symbol})
	}
	return out
}
