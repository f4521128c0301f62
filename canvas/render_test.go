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

func TestCountLabel(t *testing.T) {
	tests := map[string]struct {
		n    int
		want string
	}{
		"one":      {1, "1"},
		"nine":     {9, "9"},
		"ten":      {10, "10"},
		"99":       {99, "99"},
		"over 99":  {100, "99+"},
		"far over": {1234, "99+"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := countLabel(tc.n); got != tc.want {
				t.Errorf("countLabel(%d) = %q, want %q", tc.n, got, tc.want)
			}
			if a := testing.AllocsPerRun(10, func() { countLabel(tc.n) }); a != 0 {
				t.Errorf("countLabel(%d) allocates %v times", tc.n, a)
			}
		})
	}
}
