package canvas

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

// The markup goldens check what the editor hands the painter (which
// objects, where, in which colour role) under Fyne's test theme, which
// names the theme's colours: a Fyne update that changes how things are
// painted, or the default theme's colours, leaves them as they are. The few
// PNG goldens (render_test.go) check the look itself.

// assertMarkup compares the markup of what c renders with testdata/name,
// or writes it there with -update.
func assertMarkup(t *testing.T, name string, c fyne.Canvas) {
	t.Helper()
	if *update {
		path := filepath.Join("testdata", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(test.RenderToMarkup(c)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	test.AssertRendersToMarkup(t, name, c)
}

func exampleModel(t *testing.T) *model.Model {
	t.Helper()
	m, err := model.Decode(assets.Example())
	if err != nil {
		t.Fatalf("decode the example: %v", err)
	}
	return m
}

// TestEditorMarkup renders the example's first diagram and the shapes
// diagram, plain, with a selection and zoomed, under the test theme.
func TestEditorMarkup(t *testing.T) {
	cases := map[string]struct {
		model func(t *testing.T) *model.Model
		sel   func(d *model.Diagram) []string
		zoom  float64 // 0 fits the diagram to the window
	}{
		"example": {model: exampleModel},
		"example-selected": {model: exampleModel, sel: func(d *model.Diagram) []string {
			return []string{d.Elements[1].ID, d.Flows[0].ID, d.Boundaries[0].ID}
		}},
		"shapes-selected": {model: func(*testing.T) *model.Model { return shapesModel() }, zoom: 1,
			sel: func(*model.Diagram) []string { return []string{"proc", "f3", "b2", "b1"} }},
		"shapes-zoomed": {model: func(*testing.T) *model.Model { return shapesModel() }, zoom: 1.5},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			test.NewTempApp(t) // the test theme
			m := tc.model(t)
			ed, win, _ := showEditor(t, m, 640, 440)
			if tc.zoom == 0 {
				ed.ZoomToFit()
			} else {
				ed.zoomAbout(fyne.NewPos(0, 0), tc.zoom)
			}
			if tc.sel != nil {
				ed.Select(tc.sel(m.Diagrams[0])...)
			}
			assertMarkup(t, "markup/editor-"+name+".xml", win.Canvas())
		})
	}
}

// TestPaletteMarkup renders the palette with the process tool chosen.
func TestPaletteMarkup(t *testing.T) {
	test.NewTempApp(t)
	ed := NewEditor(model.NewHistory(shapesModel()), "d", nil)
	ed.SetTool(ToolProcess)
	pal := NewPalette(func() *Editor { return ed })
	win := test.NewTempWindow(t, pal)
	win.Resize(fyne.NewSize(240, 420))
	assertMarkup(t, "markup/palette.xml", win.Canvas())
}
