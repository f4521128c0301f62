package canvas

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"github.com/threatboard/threatboard/model"
)

// TestRandomInteraction drives the editor with long random sequences of
// clicks, drags, keys and shortcuts, then checks that nothing panicked,
// that the selection holds only existing objects, that the saved file
// still loads, and that undoing every step gives back the original bytes.
func TestRandomInteraction(t *testing.T) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			newApp(t, theme.VariantLight)
			m := shapesModel()
			m.Diagrams = append(m.Diagrams, &model.Diagram{ID: "d2", Title: "Other"})
			orig, err := model.Encode(m)
			if err != nil {
				t.Fatal(err)
			}
			ed, _, h := showEditor(t, m, 640, 440)
			rng := rand.New(rand.NewPCG(seed, 7))
			pos := func() fyne.Position { return fyne.NewPos(rng.Float32()*640, rng.Float32()*440) }
			mods := []fyne.KeyModifier{0, 0, 0, fyne.KeyModifierShift}
			keys := []fyne.KeyName{fyne.KeyDelete, fyne.KeyLeft, fyne.KeyDown, fyne.KeyEscape, fyne.KeyReturn}
			tools := append([]Tool{ToolSelect, ToolSelect, ToolSelect}, paletteTools...)
			for step := range 300 {
				switch rng.IntN(10) {
				case 0, 1:
					tapAt(ed, pos(), mods[rng.IntN(len(mods))])
				case 2, 3, 4:
					drag(ed, pos(), pos(), 1+rng.IntN(4), mods[rng.IntN(len(mods))])
				case 5:
					ed.TypedKey(&fyne.KeyEvent{Name: keys[rng.IntN(len(keys))]})
				case 6:
					ed.SetTool(tools[rng.IntN(len(tools))])
				case 7:
					ed.DoubleTapped(&fyne.PointEvent{Position: pos()})
					if ed.Renaming() && rng.IntN(2) == 0 {
						ed.renaming.entry.SetText(fmt.Sprint("name ", step))
						ed.renaming.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
					}
				case 8:
					switch rng.IntN(5) {
					case 0:
						ed.Copy()
					case 1:
						ed.Paste()
					case 2:
						ed.Duplicate()
					case 3:
						ed.Cut()
					case 4:
						ed.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault})
					}
				case 9:
					ed.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: pos()}, Scrolled: fyne.NewDelta(0, rng.Float32()*40-20)})
				}
				for _, id := range ed.Selection() {
					if !ed.exists(id) {
						t.Fatalf("step %d: selection holds %q, which is not in the diagram", step, id)
					}
				}
			}
			ed.commitRename()
			data, err := model.Encode(m)
			if err != nil {
				t.Fatalf("encode after editing: %v", err)
			}
			if _, err := model.Decode(data); err != nil {
				t.Fatalf("the edited model does not load again: %v", err)
			}
			undone := 0
			for h.CanUndo() {
				if err := h.Undo(); err != nil {
					t.Fatal(err)
				}
				undone++
			}
			if undone < 20 {
				t.Errorf("only %d undo steps after 300 random actions: the test is not editing", undone)
			}
			t.Logf("%d undo steps, %d elements at the end", undone, len(m.Diagrams[0].Elements))
			back, err := model.Encode(m)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(back, orig) {
				t.Errorf("undoing everything does not restore the original document")
			}
		})
	}
}
