package app

import (
	"testing"

	"fyne.io/fyne/v2"
)

// TestNudgeKeepsKeyboardFocus presses the arrow keys where the window
// sends them, to the focused object, after selecting an element: each
// nudge moves it, and the side panel's refresh after each edit leaves the
// focus on the canvas, so the next key nudges again.
func TestNudgeKeepsKeyboardFocus(t *testing.T) {
	f := newFixture(t, testModel())
	f.a.win.Resize(fyne.NewSize(1400, 900))
	f.a.selectObject("d1", "e2")
	ed := f.a.editor()
	el := f.a.doc.m.Diagrams[0].Element("e2")
	x0 := el.Bounds.X
	for i := 1; i <= 3; i++ {
		focused := f.a.win.Canvas().Focused()
		if focused != ed {
			t.Fatalf("before key %d the focus is on %T, not the canvas", i, focused)
		}
		focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
		if got := el.Bounds.X - x0; got != float64(i) {
			t.Fatalf("after %d nudges the element moved by %v", i, got)
		}
	}
	if focused := f.a.win.Canvas().Focused(); focused != ed {
		t.Errorf("after the nudges the focus is on %T, not the canvas", focused)
	}
}
