package canvas

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// TestRenderShapes compares the drawing of every shape kind, in both theme
// variants and with a selection, with golden images.
func TestRenderShapes(t *testing.T) {
	cases := map[string]struct {
		variant fyne.ThemeVariant
		zoom    float64
		sel     []string
	}{
		"light":          {variant: theme.VariantLight, zoom: 1},
		"dark":           {variant: theme.VariantDark, zoom: 1},
		"light-selected": {variant: theme.VariantLight, zoom: 1, sel: []string{"proc", "f3", "b2", "b1"}},
		"dark-zoomed":    {variant: theme.VariantDark, zoom: 1.5},
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
