package canvas

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/threatboard/threatboard/drawing"
)

// TestRenderShapes compares the drawing of every shape kind, in both theme
// variants, with golden images: the look. A selection and zooming are
// checked by markup goldens (markup_test.go), which a change of Fyne's
// painter or of its default theme's colours does not break.
func TestRenderShapes(t *testing.T) {
	cases := map[string]struct {
		variant fyne.ThemeVariant
		zoom    float64
		sel     []string
	}{
		"light": {variant: theme.VariantLight, zoom: 1},
		"dark":  {variant: theme.VariantDark, zoom: 1},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			newApp(t, tc.variant)
			ed, win, _ := showEditor(t, shapesModel(), 640, 440)
			ed.Select(tc.sel...)
			if tc.zoom != 1 {
				ed.zoomAbout(fyne.NewPos(0, 0), tc.zoom)
			}
			assertGolden(t, "shapes-"+name+".png", win.Canvas().Capture())
		})
	}
}

// TestPalettesMatchTheme keeps the exports' light and dark palettes the
// colours the canvas takes from the default theme for the same roles.
func TestPalettesMatchTheme(t *testing.T) {
	cases := map[string]struct {
		variant fyne.ThemeVariant
		pal     *drawing.Palette
	}{
		"light": {theme.VariantLight, &drawing.Light},
		"dark":  {theme.VariantDark, &drawing.Dark},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			a := newApp(t, tc.variant)
			col := themeColors(a.Settings().Theme())
			for r := drawing.Ink; r <= drawing.Likeliest; r++ {
				want := color.NRGBAModel.Convert(col.role(r)).(color.NRGBA)
				if got := tc.pal.Color(r); got != want {
					t.Errorf("role %d: palette %v, theme %v", r, got, want)
				}
			}
		})
	}
}
