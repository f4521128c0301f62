package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/model"
)

// The UI thread's share of the work on the 10,000-element model
// (docs/PERFORMANCE.md): what one keystroke in a text field and one drag
// step cost it at once, and what it does once when a burst of them ends
// (the side panel, lint's snapshot, the recovery copy's encoding); lint and
// the writing of the copy run in the background.

// bigApp opens a window on the synthetic model of 10,000 elements, 20,000
// flows and 200 boundaries with one element selected; scheduled work is
// collected, not run.
func bigApp(b *testing.B) (*App, *model.Diagram, *model.Element) {
	m := model.Synthetic(10_000, 20_000, 200, 1)
	a := New(test.NewTempApp(b), m, "", Options{RecoveryDir: b.TempDir(), files: &fakeFiles{}, ask: &fakeAsk{},
		background: func(func()) {}, later: func(time.Duration, func()) {}})
	b.Cleanup(a.autosave.wait)
	a.win.Resize(fyne.NewSize(1500, 920))
	d := m.Diagrams[0]
	e := d.Elements[len(d.Elements)/2]
	a.selectObject(d.ID, e.ID)
	a.refreshPanels()
	return a, d, e
}

// BenchmarkUIKeystroke10k types into the selected element's name field: a
// letter, then a backspace, each one keystroke and one edit.
func BenchmarkUIKeystroke10k(b *testing.B) {
	a, _, e := bigApp(b)
	var name *widget.Entry
	for _, o := range test.LaidOutObjects(a.side) {
		if en, ok := o.(*widget.Entry); ok && en.Text == e.Name {
			name = en
			break
		}
	}
	if name == nil {
		b.Fatal("no name field in the side panel")
	}
	a.win.Canvas().Focus(name)
	name.CursorColumn = len([]rune(name.Text))
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if i%2 == 0 {
			name.TypedRune('x')
		} else {
			name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
		}
	}
	b.StopTimer()
	if b.N%2 == 1 && e.Name == name.Text[:len(name.Text)-1] {
		return
	}
	if e.Name != name.Text {
		b.Fatalf("the field says %q, the model %q: typing did not edit", name.Text, e.Name)
	}
}

// BenchmarkUIDragStep10k drags the selected element back and forth in the
// app's editor: the move command, the editor's redraw of the element and
// its flows, and the window's bookkeeping after an edit.
func BenchmarkUIDragStep10k(b *testing.B) {
	a, _, e := bigApp(b)
	ed := a.editor()
	ed.Resize(fyne.NewSize(1000, 700))
	ed.ZoomToSelection()
	at := fyne.NewPos(500, 350) // the selection's centre, where zooming put it
	drag := func(dx float32) {
		at = at.AddXY(dx, 0)
		ed.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at}, Dragged: fyne.NewDelta(dx, 0)})
	}
	x0 := e.Bounds.X
	drag(2)
	if e.Bounds.X == x0 {
		b.Fatal("the first drag event did not pick the element up")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		drag(float32(1 - 2*(i&1)))
	}
	b.StopTimer()
	ed.DragEnd()
}

// BenchmarkUIBurstEnd10k is what the UI thread does once after a burst of
// edits, each part on its own.
func BenchmarkUIBurstEnd10k(b *testing.B) {
	a, _, _ := bigApp(b)
	b.Run("panels", func(b *testing.B) {
		for b.Loop() {
			a.refreshPanels()
		}
	})
	b.Run("lint-snapshot", func(b *testing.B) {
		for b.Loop() {
			a.doc.m.Clone()
		}
	})
	b.Run("recovery-encode", func(b *testing.B) {
		for b.Loop() {
			if _, err := model.Encode(a.doc.m); err != nil {
				b.Fatal(err)
			}
		}
	})
}
