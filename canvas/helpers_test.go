package canvas

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/threatboard/threatboard/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// variantTheme is Fyne's default theme fixed to one variant, light or dark.
type variantTheme struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}

// newApp starts a headless test app with the default theme in variant v.
func newApp(t testing.TB, v fyne.ThemeVariant) fyne.App {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), v})
	return a
}

// showEditor opens an editor of the model's first diagram in a test window of the given size.
func showEditor(t testing.TB, m *model.Model, w, h float32) (*Editor, fyne.Window, *model.History) {
	t.Helper()
	hist := model.NewHistory(m)
	ed := NewEditor(hist, m.Diagrams[0].ID, &Clipboard{})
	win := test.NewTempWindow(t, ed)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	return ed, win, hist
}

// drag drags the editor from one point to another in steps, as a real
// pointer does: MouseDown, then Dragged events with deltas, then DragEnd.
func drag(ed *Editor, from, to fyne.Position, steps int, mods fyne.KeyModifier) {
	ed.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary, Modifier: mods})
	prev := from
	for i := 1; i <= steps; i++ {
		f := float32(i) / float32(steps)
		p := fyne.NewPos(from.X+(to.X-from.X)*f, from.Y+(to.Y-from.Y)*f)
		ed.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: p}, Dragged: fyne.NewDelta(p.X-prev.X, p.Y-prev.Y)})
		prev = p
	}
	ed.DragEnd()
}

// tapAt taps the editor at pos with the modifiers held.
func tapAt(ed *Editor, pos fyne.Position, mods fyne.KeyModifier) {
	ed.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}, Button: desktop.MouseButtonPrimary, Modifier: mods})
	ed.Tapped(&fyne.PointEvent{Position: pos})
}

// assertGolden compares img with testdata/name, or writes it with -update.
func assertGolden(t *testing.T, name string, img image.Image) {
	t.Helper()
	path := filepath.Join("testdata", name)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatalf("encode %s: %v", name, err)
	}
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatalf("write golden: %v", err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden (run with -update to create it): %v", err)
	}
	wimg, err := png.Decode(bytes.NewReader(want))
	if err != nil {
		t.Fatalf("decode golden %s: %v", name, err)
	}
	if diff := pixelDiff(wimg, img); diff > 0 {
		failed := filepath.Join("testdata", "failed", name)
		_ = os.MkdirAll(filepath.Dir(failed), 0o755)
		_ = os.WriteFile(failed, buf.Bytes(), 0o644)
		t.Errorf("%s: %d pixels differ from the golden; the new image is in %s", name, diff, failed)
	}
}

// pixelDiff counts the pixels that differ by more than a rounding error.
func pixelDiff(a, b image.Image) int {
	if a.Bounds() != b.Bounds() {
		return a.Bounds().Dx() * a.Bounds().Dy()
	}
	n := 0
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if absDiff(r1, r2) > 0x0800 || absDiff(g1, g2) > 0x0800 || absDiff(b1, b2) > 0x0800 || absDiff(a1, a2) > 0x0800 {
				n++
			}
		}
	}
	return n
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// shapesModel has one diagram with every shape kind the canvas draws.
func shapesModel() *model.Model {
	el := func(id string, k model.Kind, x, y, w, h float64, name string) *model.Element {
		return &model.Element{ID: id, Kind: k, Bounds: model.Rect{X: x, Y: y, W: w, H: h}, Common: model.Common{Name: name}}
	}
	actor := el("actor", model.Actor, 20, 40, 120, 60, "Employee")
	proc := el("proc", model.Process, 240, 20, 100, 100, "Web API")
	proc.Threats = []*model.Threat{{ID: "t1", Title: "Spoofed token"}, {ID: "t2", Title: "Replay"}, {ID: "t3", Title: "Done", Status: model.Done}}
	multi := el("multi", model.MultiProcess, 440, 20, 100, 100, "Identity provider")
	store := el("store", model.Store, 420, 220, 140, 60, "User store")
	note := el("note", model.Note, 20, 240, 160, 50, "Static files are public")
	out := el("out", model.Actor, 20, 330, 120, 60, "Out of scope")
	out.OutOfScope = true
	outProc := el("outproc", model.Process, 240, 300, 90, 90, "Legacy")
	outProc.OutOfScope = true
	return &model.Model{ID: "m", Title: "Shapes", Diagrams: []*model.Diagram{{
		ID: "d", Title: "Every shape",
		Elements: []*model.Element{actor, proc, multi, store, note, out, outProc},
		Flows: []*model.Flow{
			{ID: "f1", From: "actor", To: "proc", Common: model.Common{Name: "login"}},
			{ID: "f2", From: "proc", To: "multi", Bidirectional: true, Common: model.Common{Name: "OIDC"}},
			{ID: "f3", From: "multi", To: "store", Waypoints: []model.Point{{X: 590, Y: 170}}, Common: model.Common{Name: "lookup"}, LabelOffset: model.Point{X: 10, Y: -12}},
			{ID: "f4", From: "proc", To: "outproc", Common: model.Common{Name: "legacy call", OutOfScope: true}},
		},
		Boundaries: []*model.Boundary{
			{ID: "b1", Name: "Internet", Shape: model.BoundaryLine, Points: []model.Point{{X: 190, Y: 10}, {X: 200, Y: 200}, {X: 190, Y: 420}}},
			{ID: "b2", Name: "Data centre", Shape: model.BoundaryBox, Bounds: model.Rect{X: 400, Y: 5, W: 200, H: 300}},
		},
	}}}
}

// rendererOf is the editor's renderer, for tests that look at what it hands the painter.
func rendererOf(ed *Editor) *editorRenderer { return test.WidgetRenderer(ed).(*editorRenderer) }
