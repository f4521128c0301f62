package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/threatboard/threatboard/model"
)

// benchApp opens a window on a synthetic diagram of 1,000 elements, 1,500
// flows and 20 boundaries with one element selected. Scheduled work (the
// debounced panel refresh, lint) never runs unless the benchmark runs it.
func benchApp(b *testing.B) (*App, *model.Diagram, string) {
	m := model.Synthetic(1000, 1500, 20, 1)
	a := New(test.NewTempApp(b), m, "", Options{RecoveryDir: b.TempDir(), files: &fakeFiles{}, ask: &fakeAsk{},
		later: func(time.Duration, func()) {}})
	b.Cleanup(a.autosave.wait)
	d := m.Diagrams[0]
	id := d.Elements[0].ID
	a.selectObject(d.ID, id)
	return a, d, id
}

// BenchmarkEditStep is one edit made outside the diagram editor (a property
// change, an undo from the menu) on a 1,000-element diagram: the command and
// what the window updates at once — the editor's full redraw, title, menus,
// status bar. The side panel and register follow once per panelDelay.
func BenchmarkEditStep(b *testing.B) {
	a, d, id := benchApp(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		a.do(model.Move(d.ID, []string{id}, model.Point{X: float64(1 - 2*(i%2))}))
	}
}

// BenchmarkPanelsRefresh is the debounced update of the side panel, threat
// register and status bar after an edit that leaves them unchanged (a move).
func BenchmarkPanelsRefresh(b *testing.B) {
	a, d, id := benchApp(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		a.doc.m.Diagram(d.ID).Element(id).Bounds.X += float64(1 - 2*(i%2))
		a.refreshPanels()
	}
}
