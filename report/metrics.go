package report

import (
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/threatboard/threatboard/assets"
)

// The report measures its own text. Asking gofpdf would mean selecting a
// font for every measurement, and gofpdf writes each font change into the
// page: wrapping a table cell wrote more font switches than text. The
// advance widths come from the same font tables gofpdf embeds, once per
// process, in thousandths of an em as PDF widths are.

// face is one of the embedded faces.
type face int

const (
	faceRegular face = iota
	faceBold
	faceItalic
	faceSymbol
	faceCount
)

func styleFace(style string) face {
	switch style {
	case "B":
		return faceBold
	case "I":
		return faceItalic
	}
	return faceRegular
}

var advances = sync.OnceValue(func() *[faceCount][]uint16 {
	var out [faceCount][]uint16
	for i, data := range [faceCount][]byte{assets.Font(assets.Regular), assets.Font(assets.Bold), assets.Font(assets.Italic), assets.DejaVuSans} {
		out[i] = advanceTable(data)
	}
	return &out
})

// advanceTable is the advance width of every rune of the Basic Multilingual
// Plane the face has, in thousandths of an em (0 where it has none).
func advanceTable(data []byte) []uint16 {
	table := make([]uint16, 0x10000)
	f, err := sfnt.Parse(data)
	if err != nil {
		return table
	}
	var buf sfnt.Buffer
	upem := fixed.Int26_6(f.UnitsPerEm())
	for r := rune(0x20); r < 0x10000; r++ {
		g, err := f.GlyphIndex(&buf, r)
		if err != nil || g == 0 {
			continue
		}
		adv, err := f.GlyphAdvance(&buf, g, upem, font.HintingNone)
		if err != nil {
			continue
		}
		table[r] = uint16((int64(adv)*1000 + int64(upem)/2) / int64(upem))
	}
	return table
}

// textWidth is the width in millimetres of cleaned text in a style and size,
// each rune measured in the face that draws it.
func textWidth(s, style string, size float64) float64 {
	adv := advances()
	text := fontCoverage().text
	f := styleFace(style)
	var units int
	for _, r := range s {
		if r < 0 || r >= 0x10000 {
			continue
		}
		if text.has(r) {
			units += int(adv[f][r])
		} else {
			units += int(adv[faceSymbol][r])
		}
	}
	return float64(units) * size / 1000 * ptToMM
}
