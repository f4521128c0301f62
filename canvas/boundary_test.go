package canvas

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/threatboard/threatboard/model"
)

func TestBoxBoundaryMoveAndResize(t *testing.T) {
	newApp(t, theme.VariantLight)
	m := shapesModel()
	ed, _, h := showEditor(t, m, 640, 440)
	b := m.Diagrams[0].Boundary("b2")
	before := b.Bounds

	// Dragging inside the box moves the element there, not the box.
	drag(ed, fyne.NewPos(490, 250), fyne.NewPos(490, 240), 2, 0)
	if b.Bounds != before {
		t.Fatalf("dragging the store moved the box to %+v", b.Bounds)
	}
	_ = h.Undo()

	// Dragging its edge moves the box.
	drag(ed, fyne.NewPos(401, 150), fyne.NewPos(391, 160), 3, 0)
	if want := before.Moved(model.Point{X: -10, Y: 10}); b.Bounds != want {
		t.Fatalf("box at %+v after dragging its edge, want %+v", b.Bounds, want)
	}
	if !sameIDs(ed.Selection(), "b2") {
		t.Errorf("selection %v", ed.Selection())
	}
	// Its bottom-right handle resizes it; boxes need not stay square.
	br := fyne.NewPos(float32(b.Bounds.X+b.Bounds.W), float32(b.Bounds.Y+b.Bounds.H))
	drag(ed, br, br.AddXY(30, -50), 3, 0)
	if b.Bounds.W != before.W+30 || b.Bounds.H != before.H-50 {
		t.Errorf("resized box %+v", b.Bounds)
	}
	_ = h.Undo()
	_ = h.Undo()
	if b.Bounds != before {
		t.Errorf("two undos leave %+v, want %+v", b.Bounds, before)
	}
}

func TestSnapToGrid(t *testing.T) {
	newApp(t, theme.VariantLight)
	m := shapesModel()
	ed, _, _ := showEditor(t, m, 640, 440)
	ed.SetSnap(true)
	drag(ed, fyne.NewPos(80, 70), fyne.NewPos(93, 84), 3, 0)
	got := m.Diagrams[0].Element("actor").Bounds
	if got.X != 30 || got.Y != 50 {
		t.Errorf("snapped actor at %v,%v; want its corner on the grid at 30,50", got.X, got.Y)
	}
	ed.SetTool(ToolActor)
	tapAt(ed, fyne.NewPos(333, 217), 0)
	d := m.Diagrams[0]
	placed := d.Elements[len(d.Elements)-1].Bounds
	if int(placed.X)%gridSize != 0 || int(placed.Y)%gridSize != 0 {
		t.Errorf("placed with snap at %v,%v", placed.X, placed.Y)
	}
}

func TestZoomToSelection(t *testing.T) {
	newApp(t, theme.VariantLight)
	ed, _, _ := showEditor(t, shapesModel(), 640, 440)
	ed.Select("note")
	ed.ZoomToSelection()
	checkNoteCentred(t, ed)
	ed.ZoomIn()
	if !closeTo(ed.Zoom(), zoomStep) {
		t.Errorf("zoom in from 100%% gives %v", ed.Zoom())
	}
	ed.ZoomOut()
	ed.ZoomOut()
	if !closeTo(ed.Zoom(), 1/zoomStep) {
		t.Errorf("zoom out twice gives %v", ed.Zoom())
	}
}

// checkNoteCentred checks that the note sits in the middle of the
// 640×440 view.
func checkNoteCentred(t *testing.T, ed *Editor) {
	t.Helper()
	pos, size := ed.vp.rectToScreen(shapesModel().Diagrams[0].Element("note").Bounds)
	c := pos.AddXY(size.Width/2, size.Height/2)
	if !closeTo(float64(c.X), 320) || !closeTo(float64(c.Y), 220) {
		t.Errorf("selected note centred at %v, want the middle of the view", c)
	}
}

func TestCentreOnSelectionKeepsZoom(t *testing.T) {
	newApp(t, theme.VariantLight)
	ed, _, _ := showEditor(t, shapesModel(), 640, 440)
	ed.ZoomIn()
	want := ed.Zoom()
	ed.Select("note")
	ed.CentreOnSelection()
	checkNoteCentred(t, ed)
	if ed.Zoom() != want {
		t.Errorf("zoom %v after centring, want %v", ed.Zoom(), want)
	}
}

// TestThemeSwitch checks that colours are read at refresh, not kept from construction.
func TestThemeSwitch(t *testing.T) {
	a := newApp(t, theme.VariantLight)
	ed, _, _ := showEditor(t, shapesModel(), 640, 440)
	light := rendererOf(ed).bg.FillColor
	a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantDark})
	ed.Refresh()
	dark := rendererOf(ed).bg.FillColor
	if light == dark {
		t.Fatalf("background %v in both themes", light)
	}
	if want := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark); dark != want {
		t.Errorf("dark background %v, want %v", dark, want)
	}
}

func TestRefreshAfterOutsideEdit(t *testing.T) {
	newApp(t, theme.VariantLight)
	m := shapesModel()
	ed, _, h := showEditor(t, m, 640, 440)
	ed.Select("proc", "f1")
	// Another part of the application deletes the process through the history.
	if err := h.Do(model.Delete("d", []string{"proc"})); err != nil {
		t.Fatal(err)
	}
	ed.Refresh()
	if len(ed.Selection()) != 0 {
		t.Errorf("selection keeps deleted objects: %v", ed.Selection())
	}
	if ed.sc.geom("f1") != nil {
		t.Error("scene keeps the deleted flow")
	}
	if h := ed.hitAt(fyne.NewPos(290, 70)); h.part != partNone {
		t.Errorf("the deleted process is still hit: %+v", h)
	}
}
