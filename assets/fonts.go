package assets

import (
	_ "embed"
	"strconv"
)

// The Noto Sans faces the screen uses (Fyne ships the same ones), embedded so
// that the headless renderers (the PNG and SVG exports, the PDF) measure and
// draw text as the canvas does. Licence: assets/fonts/OFL.txt.
var (
	//go:embed fonts/NotoSans-Regular.ttf
	notoRegular []byte
	//go:embed fonts/NotoSans-Bold.ttf
	notoBold []byte
	//go:embed fonts/NotoSans-Italic.ttf
	notoItalic []byte
)

// FontStyle picks one of the embedded faces.
type FontStyle int

const (
	Regular FontStyle = iota
	Bold
	Italic
)

// String names the style as the font files do.
func (s FontStyle) String() string {
	switch s {
	case Regular:
		return "Regular"
	case Bold:
		return "Bold"
	case Italic:
		return "Italic"
	}
	return "FontStyle(" + strconv.Itoa(int(s)) + ")"
}

// Font returns the TrueType bytes of the Noto Sans face of the given style,
// and nil for a style there is no face for. The slice is shared, not a copy:
// callers must not change it (parsers only read it).
func Font(s FontStyle) []byte {
	switch s {
	case Regular:
		return notoRegular
	case Bold:
		return notoBold
	case Italic:
		return notoItalic
	}
	return nil
}

// DejaVuSans draws the characters Noto Sans as shipped lacks: arrows,
// mathematical relations (≤, ≥), geometric shapes (Bitstream Vera licence,
// assets/fonts/DejaVu-LICENSE.txt). The slice is shared, not a copy.
//
//go:embed fonts/DejaVuSans.ttf
var DejaVuSans []byte
