package app

import (
	"slices"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/threatboard/threatboard/model"
)

// suggestModel is the test model with suggestions for the web API (e2) and
// the store (e3).
func suggestModel() *model.Model {
	m := testModel()
	api := m.Diagram("d1").Element("e2")
	api.WebApplication, api.ParsesUntrustedInput = true, true
	store := m.Diagram("d1").Element("e3")
	store.StoresCredentials, store.StoresPersonalData = true, true
	return m
}

// queued is a window whose background work and whose hand-backs to the UI
// thread wait in queues that the test runs, in the order it chooses.
type queued struct {
	a          *App
	background []func()
	ui         []func()
}

func newQueued(t *testing.T, m *model.Model) *queued {
	q := &queued{}
	q.a = New(test.NewTempApp(t), m, "", Options{RecoveryDir: t.TempDir(), files: &fakeFiles{}, ask: &fakeAsk{},
		background: func(f func()) { q.background = append(q.background, f) },
		ui:         func(f func()) { q.ui = append(q.ui, f) },
		later:      func(_ time.Duration, f func()) { f() },
		now:        func() time.Time { return time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC) }})
	return q
}

// drain runs the queued background work, and what it queues meanwhile, then
// what it handed back to the UI thread, in order.
func (q *queued) drain() {
	for len(q.background) > 0 {
		f := q.background[0]
		q.background = q.background[1:]
		f()
	}
	for _, f := range q.ui {
		f()
	}
}

// suggested lists the suggestions the Threats panel shows (their Add as
// threat buttons) and whether it says it is looking for them.
func suggested(a *App) (n int, looking bool) {
	p := a.threats
	if p.acc != nil {
		for _, it := range p.acc.Items {
			it.Open = true
		}
		p.acc.Refresh()
	}
	return len(buttons(p.content, "Add as threat")), slices.Contains(texts(p.content), lookingText)
}

func TestSuggestionsFoundInTheBackground(t *testing.T) {
	q := newQueued(t, suggestModel())
	a := q.a
	want := len(a.cat.SuggestFor(a.doc.m, "d1", "e2"))
	if want < 2 {
		t.Fatalf("the catalog suggests %d threats for the web API; the test needs two", want)
	}
	q.background = nil // lint and the recovery copy of the window's start
	a.selectObject("d1", "e2")
	// The selection shows at once what is recorded and that suggestions
	// are being looked for; the rules have not run on the UI thread.
	if n, looking := suggested(a); n != 0 || !looking {
		t.Fatalf("right after selecting: %d suggestions shown, looking %v", n, looking)
	}
	if len(q.background) != 1 || len(q.ui) != 0 {
		t.Fatalf("%d searches queued, %d results, want 1 and 0", len(q.background), len(q.ui))
	}
	q.background[0]()
	q.ui[0]()
	if n, looking := suggested(a); n != want || looking {
		t.Fatalf("after the search: %d suggestions shown (want %d), looking %v", n, want, looking)
	}

	// Adding one as a threat takes it off at once; the others stay while
	// the suggestions are looked for again.
	q.background, q.ui = nil, nil
	test.Tap(buttons(a.threats.content, "Add as threat")[0])
	if n, looking := suggested(a); n != want-1 || looking {
		t.Fatalf("after Add as threat: %d suggestions shown (want %d), looking %v", n, want-1, looking)
	}
	q.drain()
	if n, looking := suggested(a); n != want-1 || looking {
		t.Fatalf("after the second search: %d suggestions shown (want %d), looking %v", n, want-1, looking)
	}
}

func TestStaleSuggestionsDropped(t *testing.T) {
	tests := map[string]struct {
		order []int // the order in which the two searches' results arrive
	}{
		"in order":               {[]int{0, 1}},
		"the older arrives last": {[]int{1, 0}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			q := newQueued(t, suggestModel())
			a := q.a
			store := len(a.cat.SuggestFor(a.doc.m, "d1", "e3"))
			api := len(a.cat.SuggestFor(a.doc.m, "d1", "e2"))
			if store == api || store == 0 {
				t.Fatalf("the store has %d suggestions, the web API %d; the test tells them apart by number", store, api)
			}
			q.background = nil
			a.selectObject("d1", "e2")
			a.selectObject("d1", "e3") // before the web API's search ended
			if len(q.background) != 2 {
				t.Fatalf("%d searches, want 2", len(q.background))
			}
			for _, f := range q.background {
				f()
			}
			for _, i := range tc.order {
				q.ui[i]()
				n, looking := suggested(a)
				if n == api {
					t.Fatalf("the web API's %d suggestions show with the store selected", n)
				}
				if i == 1 && (n != store || looking) {
					t.Fatalf("the store's search ended: %d suggestions shown (want %d), looking %v", n, store, looking)
				}
			}
		})
	}
}

// TestSuggestionsWhileEditing looks for suggestions on real goroutines
// while the model is edited and selected anew (run it with -race): the
// search reads a snapshot, never the model being edited.
func TestSuggestionsWhileEditing(t *testing.T) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var ui []func()
	a := New(test.NewTempApp(t), suggestModel(), "", Options{RecoveryDir: t.TempDir(), files: &fakeFiles{}, ask: &fakeAsk{},
		background: func(f func()) { wg.Go(f) },
		ui: func(f func()) {
			mu.Lock()
			ui = append(ui, f)
			mu.Unlock()
		},
		later: func(time.Duration, func()) {}})
	t.Cleanup(a.autosave.wait)
	for i, id := range []string{"e2", "e3", "e2"} {
		a.selectObject("d1", id)
		a.do(model.Rename("d1", id, []string{"Web API v2", "Users and roles", "Web API v3"}[i]))
		a.refreshPanels()
	}
	wg.Wait()
	for _, f := range ui {
		f()
	}
	want := a.cat.SuggestFor(a.doc.m, "d1", "e2")
	got, looking := a.threats.sugs.of("d1", "e2", func() { t.Error("a search ran again") })
	if looking || len(got) != len(want) {
		t.Fatalf("%d suggestions (looking %v), want %d", len(got), looking, len(want))
	}
	for i := range want {
		if got[i].Key != want[i].Key || got[i].Title != want[i].Title {
			t.Errorf("suggestion %d is %q, want %q", i, got[i].Title, want[i].Title)
		}
	}
}

func TestSessionModeSuggestionsInTheBackground(t *testing.T) {
	q := newQueued(t, suggestModel())
	a := q.a
	q.background = nil
	a.startSessionMode()
	w := a.walk
	if w == nil {
		t.Fatal("session mode did not start")
	}
	// Walk to the web API's first step that has a suggestion.
	for w.i < len(w.steps) && w.steps[w.i].ID() != "e2" {
		w.i++
	}
	if w.i == len(w.steps) {
		t.Fatal("no step for the web API")
	}
	w.show()
	if !slices.Contains(texts(w.found), lookingText) {
		t.Fatalf("the step shows %v while its suggestions are looked for", texts(w.found))
	}
	q.drain()
	if slices.Contains(texts(w.found), lookingText) {
		t.Fatalf("still looking after the search ended: %v", texts(w.found))
	}
}

func TestRestoreAllDismissedSuggestions(t *testing.T) {
	tests := map[string]struct {
		confirm  bool
		restored bool
	}{
		"confirmed": {confirm: true, restored: true},
		"cancelled": {confirm: false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			m := suggestModel()
			d := m.Diagram("d1")
			d.Element("e2").Dismissed = []string{"R-1", "R-2"}
			d.Flow("f1").Dismissed = []string{"R-3"}
			f := newFixture(t, m)
			f.ask.confirm = tc.confirm
			item := f.a.menus.restore
			if item.Disabled {
				t.Fatal("Restore Dismissed Suggestions is off with three dismissed")
			}
			item.Action()
			if want := []string{"confirm:Restore 3 dismissed suggestions?"}; !slices.Equal(f.ask.asked, want) {
				t.Fatalf("asked %q, want %q", f.ask.asked, want)
			}
			if got, want := f.a.doc.m.DismissedCount(), map[bool]int{true: 0, false: 3}[tc.restored]; got != want {
				t.Fatalf("%d dismissed afterwards, want %d", got, want)
			}
			if item.Disabled != tc.restored {
				t.Errorf("menu item off: %v, want %v", item.Disabled, tc.restored)
			}
			if !tc.restored {
				return
			}
			// One undo step gives all three back.
			f.a.undo()
			if got := f.a.doc.m.DismissedCount(); got != 3 || item.Disabled {
				t.Fatalf("after undo: %d dismissed, menu item off %v", got, item.Disabled)
			}
		})
	}
}

func TestRestoreDismissedOffWhenNone(t *testing.T) {
	f := newFixture(t, suggestModel())
	if !f.a.menus.restore.Disabled {
		t.Fatal("Restore Dismissed Suggestions is on with nothing dismissed")
	}
	f.a.do(model.Dismiss("d1", "e2", "R-1", true))
	if f.a.menus.restore.Disabled {
		t.Fatal("still off after a dismissal")
	}
	f.a.menus.restore.Action()
	if got := f.ask.asked; len(got) != 1 || got[0] != "confirm:Restore 1 dismissed suggestion?" {
		t.Errorf("asked %q", got)
	}
}
