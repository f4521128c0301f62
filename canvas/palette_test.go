package canvas

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/threatboard/threatboard/model"
)

// TestRenderPalette compares the palette, whose icons are drawn with the
// canvas's own shapes, with a golden image; the process item is highlighted
// as the chosen tool. The dark variant's shapes are checked by the canvas's
// own dark golden, the palette's structure by its markup golden.
func TestRenderPalette(t *testing.T) {
	for name, v := range map[string]fyne.ThemeVariant{"light": theme.VariantLight} {
		t.Run(name, func(t *testing.T) {
			newApp(t, v)
			m := &model.Model{ID: "m", Diagrams: []*model.Diagram{{ID: "d"}}}
			ed := NewEditor(model.NewHistory(m), "d", nil)
			ed.SetTool(ToolProcess)
			pal := NewPalette(func() *Editor { return ed })
			win := test.NewTempWindow(t, pal)
			win.Resize(fyne.NewSize(240, 420))
			assertGolden(t, "palette-"+name+".png", win.Canvas().Capture())
		})
	}
}

// TestPaletteWithoutEditor does nothing, rather than fail, when no diagram is open.
func TestPaletteWithoutEditor(t *testing.T) {
	newApp(t, theme.VariantLight)
	pal := NewPalette(func() *Editor { return nil })
	test.NewTempWindow(t, pal)
	it := pal.items[0]
	it.Tapped(&fyne.PointEvent{})
	it.Dragged(&fyne.DragEvent{Dragged: fyne.NewDelta(5, 5)})
	it.DragEnd()
}
