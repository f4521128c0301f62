package app

import (
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/threatboard/threatboard/model"
)

// benchApp opens a window on a synthetic diagram of 1,000 elements, 1,500
// flows and 20 boundaries with one element selected. Scheduled work (the
// debounced panel refresh, lint) never runs unless the benchmark runs it;
// background work runs on goroutines, and what it hands back to the UI
// thread waits in the queue (see uiQueue).
func benchApp(b *testing.B) (*App, *model.Diagram, string) {
	a, d, id, _ := benchAppQueued(b)
	return a, d, id
}

func benchAppQueued(b *testing.B) (*App, *model.Diagram, string, *uiQueue) {
	m := model.Synthetic(1000, 1500, 20, 1)
	q := &uiQueue{}
	a := New(test.NewTempApp(b), m, "", Options{RecoveryDir: b.TempDir(), files: &fakeFiles{}, ask: &fakeAsk{},
		background: q.background, ui: q.ui, later: func(time.Duration, func()) {}})
	b.Cleanup(a.autosave.wait)
	b.Cleanup(q.wg.Wait)
	d := m.Diagrams[0]
	id := d.Elements[0].ID
	a.selectObject(d.ID, id)
	q.run()
	return a, d, id, q
}

// uiQueue stands in for the UI thread's queue: background work runs on
// goroutines, and what it hands back waits until run runs it on the
// caller's goroutine, as the UI thread would (the test driver's fyne.Do
// would run it on the background goroutine, beside the benchmark).
type uiQueue struct {
	wg sync.WaitGroup
	mu sync.Mutex
	fs []func()
}

func (q *uiQueue) background(f func()) { q.wg.Go(f) }

func (q *uiQueue) ui(f func()) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.fs = append(q.fs, f)
}

// run waits for the background work and runs what it handed back.
func (q *uiQueue) run() {
	q.wg.Wait()
	q.mu.Lock()
	fs := q.fs
	q.fs = nil
	q.mu.Unlock()
	for _, f := range fs {
		f()
	}
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
