package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/drawing"
	"github.com/threatboard/threatboard/model"
)

// newFixtureAt is newFixture with the clock fixed at now.
func newFixtureAt(t *testing.T, m *model.Model, now time.Time) *fixture {
	t.Helper()
	fy := test.NewTempApp(t)
	f := &fixture{ask: &fakeAsk{}, files: &fakeFiles{}}
	inline := func(work func()) { work() }
	f.a = New(fy, m, "", Options{RecoveryDir: t.TempDir(), files: f.files, ask: f.ask,
		background: inline, later: func(_ time.Duration, work func()) { work() },
		now: func() time.Time { return now }})
	t.Cleanup(f.a.autosave.wait)
	return f
}

var sessionDay = time.Date(2026, 12, 5, 14, 0, 0, 0, time.UTC)

func TestActionFromThreat(t *testing.T) {
	m := testModel()
	th := m.Diagrams[0].Flows[0].Threats[0]
	th.Mitigation, th.Owner = "Lock the account after five failures.", "Web team"
	f := newFixtureAt(t, m, sessionDay)
	f.a.addActionFor(th)
	if n := len(f.a.doc.m.Actions); n != 2 {
		t.Fatalf("%d actions, want 2", n)
	}
	ac := f.a.doc.m.Actions[1]
	if ac.ThreatID != "t1" || ac.Notes != th.Mitigation || ac.Title != "Mitigate: Password guessing" || ac.Owner != "Web team" {
		t.Errorf("action = %+v", ac)
	}
	if f.a.actions.selected != ac.ID || f.a.bottom.Selected().Text != "Actions" {
		t.Error("the new action is not shown in the Actions tab")
	}
	if err := f.a.doc.h.Undo(); err != nil || len(f.a.doc.m.Actions) != 1 {
		t.Errorf("undo: %v, %d actions", err, len(f.a.doc.m.Actions))
	}
}

func TestActionsRegister(t *testing.T) {
	m := testModel()
	m.Actions = append(m.Actions,
		&model.Action{ID: "a2", Title: "Rotate keys", Due: model.Date{Year: 2026, Month: 12, Day: 1}},
		&model.Action{ID: "a3", Title: "Patch", Due: model.Date{Year: 2026, Month: 12, Day: 1}, Status: model.Done})
	f := newFixtureAt(t, m, sessionDay)
	v := f.a.actions
	tests := map[string]struct {
		row     int
		overdue bool
	}{
		"no due date":   {0, false},
		"past and open": {1, true},
		"past but done": {2, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if v.overdue[tc.row] != tc.overdue || strings.Contains(v.cells[tc.row][4], "overdue") != tc.overdue {
				t.Errorf("row %d: overdue %v, due cell %q", tc.row, v.overdue[tc.row], v.cells[tc.row][4])
			}
		})
	}
	// Select a row; the buttons act on it.
	v.table.Select(widget.TableCellID{Row: 1, Col: 0})
	if v.selected != "a2" || v.edit.Disabled() {
		t.Fatalf("selected %q", v.selected)
	}
	v.save(reviewed(*v.current(), model.Date{Year: 2026, Month: 12, Day: 5}, " Keys rotated. "))
	ac := f.a.doc.m.Actions[1]
	if ac.Status != model.Verified || ac.Reviewed != (model.Date{Year: 2026, Month: 12, Day: 5}) || ac.ReviewNote != "Keys rotated." {
		t.Errorf("after the review: %+v", ac)
	}
	if got := v.cells[1][6]; got != "verified 2026-12-05: Keys rotated." {
		t.Errorf("reviewed cell = %q", got)
	}
	test.Tap(v.del)
	if len(f.a.doc.m.Actions) != 2 || v.selected != "" || !v.edit.Disabled() {
		t.Errorf("after delete: %d actions, selected %q", len(f.a.doc.m.Actions), v.selected)
	}
}

func TestActionForm(t *testing.T) {
	m := testModel()
	f := newActionForm(m, *m.Actions[0])
	if f.threat.Selected != "Password guessing (Authentication)" {
		t.Errorf("threat shown as %q", f.threat.Selected)
	}
	f.title.SetText("  Rate-limit sign-in per IP ")
	f.owner.SetText("Ops")
	f.status.SetSelected("in-progress")
	due := time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC)
	f.due.SetDate(&due)
	f.threat.SetSelectedIndex(0)
	got := f.action()
	want := model.Action{ID: "a1", Title: "Rate-limit sign-in per IP", Owner: "Ops", Status: model.InProgress,
		Due: model.Date{Year: 2027, Month: 1, Day: 15}}
	if got != want {
		t.Errorf("action = %+v\nwant %+v", got, want)
	}
}

func TestSessionForm(t *testing.T) {
	m := testModel()
	m.Sessions = []*model.Session{{ID: "s1", Date: model.Date{Year: 2026, Month: 9, Day: 1}, Duration: 60,
		Participants: []model.Participant{{Name: "Ann", Role: "developer"}, {Name: "Bo", Role: "security"}}}}
	f := newFixtureAt(t, m, sessionDay)
	s := f.a.newSession()
	if s.Date != (model.Date{Year: 2026, Month: 12, Day: 5}) || s.Duration != 60 || len(s.Participants) != 2 {
		t.Fatalf("new session = %+v, want today with the last one's people and length", s)
	}
	form := newSessionForm(f.a.doc.m, s)
	if !strings.Contains(form.missing.Text, "Nobody for: operations, product owner") {
		t.Errorf("hint = %q", form.missing.Text)
	}
	form.addRow(model.Participant{})
	form.rows[2].name.SetText("Ann") // a known name brings their role
	form.addRow(model.Participant{Name: "Cy", Role: "operations"})
	form.addRow(model.Participant{Name: "Di", Role: "Product Owner"})
	form.actual.SetText("75")
	if form.missing.Text != "" {
		t.Errorf("hint with every role there = %q", form.missing.Text)
	}
	if form.rows[2].role.Text != "developer" {
		t.Errorf("known person's role = %q", form.rows[2].role.Text)
	}
	if people := f.a.doc.m.People(); len(people) != 2 || people[0].Name != "Ann" {
		t.Errorf("people offered = %v", people)
	}
	f.a.saveSession(form.session())
	if n := len(f.a.doc.m.Sessions); n != 2 {
		t.Fatalf("%d sessions", n)
	}
	got := f.a.doc.m.Sessions[1]
	if got.Actual != 75 || len(got.Participants) != 5 || got.Participants[4].Name != "Di" {
		t.Errorf("saved session = %+v", got)
	}
	f.a.openSessions()
	if rows := len(f.a.sessions.list.Objects); rows != 2 {
		t.Errorf("the Sessions window lists %d sessions", rows)
	}
}

// walkFixture is a window in session mode on the test model's first use case.
func walkFixture(t *testing.T, m *model.Model) (*fixture, *sessionMode) {
	t.Helper()
	f := newFixtureAt(t, m, sessionDay)
	f.a.startSessionMode()
	if f.a.walk == nil {
		t.Fatal("session mode did not start")
	}
	return f, f.a.walk
}

func key(w *sessionMode, k fyne.KeyName) { w.a.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k}) }

func stepName(w *sessionMode) string {
	s := w.steps[w.i]
	return s.ID() + ":" + s.Category.ID
}

func TestSessionModeOrderAndKeys(t *testing.T) {
	f, w := walkFixture(t, testModel())
	// Actor first, then the flow from it, then the process it reaches.
	var order []string
	for _, s := range w.steps {
		if len(order) == 0 || order[len(order)-1] != s.ID() {
			order = append(order, s.ID())
		}
	}
	if got := strings.Join(order, " "); got != "e1 f1 e2 e3" {
		t.Errorf("walk order %s, want e1 f1 e2 e3", got)
	}
	if len(f.a.doc.m.Sessions) != 1 || f.a.doc.m.Sessions[0].Date != (model.Date{Year: 2026, Month: 12, Day: 5}) {
		t.Errorf("no session of today was recorded: %+v", f.a.doc.m.Sessions)
	}
	if sel := f.a.editor().Selection(); len(sel) != 1 || sel[0] != "e1" {
		t.Errorf("selection %v, want the actor", sel)
	}
	if stepName(w) != "e1:spoofing" || !strings.Contains(w.category.Text, "Spoofing") {
		t.Errorf("first step %s, panel %q", stepName(w), w.category.Text)
	}
	key(w, fyne.KeyF) // nothing found
	if d, ok := f.a.doc.m.Diagrams[0].Element("e1").Discussion("spoofing"); !ok || d.Outcome != model.NothingFound {
		t.Errorf("nothing found was not recorded: %+v %v", d, ok)
	}
	if stepName(w) != "e1:repudiation" {
		t.Errorf("after F: %s", stepName(w))
	}
	key(w, fyne.KeyS) // skip: nothing recorded
	if _, ok := f.a.doc.m.Diagrams[0].Element("e1").Discussion("repudiation"); ok {
		t.Error("skip recorded a discussion")
	}
	if stepName(w) != "f1:tampering" {
		t.Errorf("after S: %s", stepName(w))
	}
	key(w, fyne.KeyLeft)
	if stepName(w) != "e1:repudiation" {
		t.Errorf("after ←: %s", stepName(w))
	}
	key(w, fyne.KeyN)
	key(w, fyne.KeyRight)
	if stepName(w) != "f1:information-disclosure" {
		t.Errorf("after N, →: %s", stepName(w))
	}
	// The quick threat: A, a title, Enter, then M and H.
	key(w, fyne.KeyA)
	if w.quick.stage != quickTitle || f.a.win.Canvas().Focused() != w.title {
		t.Fatal("A does not start a threat")
	}
	test.Type(w.title, "Token in the URL")
	w.title.OnSubmitted(w.title.Text)
	key(w, fyne.KeyM)
	if !strings.Contains(w.prompt.Text, "impact?") {
		t.Errorf("prompt = %q", w.prompt.Text)
	}
	key(w, fyne.KeyH)
	fl := f.a.doc.m.Diagrams[0].Flow("f1")
	th := fl.Threats[len(fl.Threats)-1]
	if th.Title != "Token in the URL" || th.Category != "information-disclosure" || th.Likelihood != model.Medium || th.Impact != model.High {
		t.Errorf("threat = %+v", th)
	}
	if d, ok := fl.Discussion("information-disclosure"); !ok || d.Outcome != model.ThreatsFound {
		t.Errorf("coverage = %+v %v", d, ok)
	}
	// Adding a threat and its coverage is one undo step.
	n := len(fl.Threats)
	if err := f.a.doc.h.Undo(); err != nil || len(fl.Threats) != n-1 || len(fl.Discussed) != 0 {
		t.Errorf("undo left %d threats, coverage %v", len(fl.Threats), fl.Discussed)
	}
	if !strings.Contains(w.pace.Text, "steps left") {
		t.Errorf("pace = %q", w.pace.Text)
	}
	key(w, fyne.KeyEscape)
	if f.a.walk != nil || f.a.win.Content() == w.content {
		t.Error("Esc does not end session mode")
	}
}

func TestSessionModeResumes(t *testing.T) {
	f, w := walkFixture(t, testModel())
	for range 3 {
		key(w, fyne.KeyF)
	}
	stopped := stepName(w)
	w.stop()
	f.a.startSessionMode()
	if got := stepName(f.a.walk); got != stopped {
		t.Errorf("resumed at %s, want %s where it stopped", got, stopped)
	}
	if len(f.a.doc.m.Sessions) != 1 {
		t.Errorf("resuming on the same day made another session: %d", len(f.a.doc.m.Sessions))
	}
}

func TestPace(t *testing.T) {
	tests := map[string]struct {
		elapsed, planned time.Duration
		left             int
		want             string
	}{
		"on time":    {38 * time.Minute, time.Hour, 14, "38 min in · 14 steps left, 22 minutes: about 94 s each"},
		"over time":  {70 * time.Minute, time.Hour, 3, "70 min in: the 60 minutes planned are up, 3 steps left"},
		"no plan":    {5 * time.Minute, 0, 3, "5 min in, 3 steps left"},
		"all walked": {30 * time.Minute, time.Hour, 0, "30 min in, 30 minutes left: every step done"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := pace(tc.elapsed, tc.planned, tc.left); got != tc.want {
				t.Errorf("pace = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestReviewBanner(t *testing.T) {
	withSession := func() *model.Model {
		m := testModel()
		m.Sessions = []*model.Session{{ID: "s1", Date: model.Date{Year: 2026, Month: 9, Day: 1}, Duration: 60,
			Participants: []model.Participant{{Name: "Ann", Role: "developer"}}}}
		return m
	}
	tests := map[string]struct {
		m    func() *model.Model
		now  time.Time
		want bool
	}{
		"three months after the last session": {withSession, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC), true},
		"the day before":                      {withSession, time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), false},
		"a later date planned": {func() *model.Model {
			m := withSession()
			m.NextSession = model.Date{Year: 2027, Month: 1, Day: 10}
			return m
		}, sessionDay, false},
		"no session ever": {testModel, sessionDay, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			f := newFixtureAt(t, tc.m(), tc.now)
			if got := len(f.a.banner.Objects) > 0; got != tc.want {
				t.Errorf("banner shown = %v, want %v", got, tc.want)
			}
		})
	}
	// Start session: a session of today with the last one's people.
	f := newFixtureAt(t, withSession(), sessionDay)
	f.a.startReviewSession()
	form := newSessionForm(f.a.doc.m, f.a.newSession())
	f.a.saveSession(form.session())
	last := f.a.doc.m.LastSession()
	if last.Date != (model.Date{Year: 2026, Month: 12, Day: 5}) || len(last.Participants) != 1 {
		t.Errorf("the review's session = %+v", last)
	}
}

func TestReviewView(t *testing.T) {
	m := testModel()
	m.Actions[0].Due = model.Date{Year: 2026, Month: 11, Day: 1}
	f := newFixtureAt(t, m, sessionDay)
	box := f.a.reviewView().(*fyne.Container)
	var texts []string
	for _, o := range box.Objects {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	got := strings.Join(texts, "|")
	for _, want := range []string{"Overdue actions (1)", "Threats with no decision (1)", "Elements not discussed yet (3)"} {
		if !strings.Contains(got, want) {
			t.Errorf("review lacks %q: %s", want, got)
		}
	}
}

func TestExportInvitation(t *testing.T) {
	m := testModel()
	m.NextSession = model.Date{Year: 2027, Month: 3, Day: 5}
	f := newFixtureAt(t, m, sessionDay)
	f.files.save = filepath.Join(t.TempDir(), "next.ics")
	f.a.exportInvitation()
	data, err := os.ReadFile(f.files.save)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "DTSTART:20270305T100000\r\n") || len(f.ask.errs) > 0 {
		t.Errorf("invitation:\n%s\nerrors %v", data, f.ask.errs)
	}
	f2 := newFixtureAt(t, testModel(), sessionDay)
	f2.a.exportInvitation()
	if len(f2.ask.errs) != 1 || !strings.Contains(f2.ask.errs[0].Error(), "plan one first") {
		t.Errorf("export without a date: %v", f2.ask.errs)
	}
}

func TestCoverageMarks(t *testing.T) {
	f, w := walkFixture(t, testModel())
	ed := f.a.editor()
	if ed.Coverage == nil {
		t.Fatal("session mode shows no coverage")
	}
	if got := ed.Coverage("e1"); got != drawing.NotDiscussed {
		t.Errorf("before: %v", got)
	}
	key(w, fyne.KeyF)
	f.a.refreshPanels()
	if got := ed.Coverage("e1"); got != drawing.Partly {
		t.Errorf("after one of two categories: %v, want partly", got)
	}
	key(w, fyne.KeyF)
	f.a.refreshPanels()
	if got := ed.Coverage("e1"); got != drawing.Discussed {
		t.Errorf("after both: %v, want discussed", got)
	}
	w.stop()
	if ed.Coverage != nil {
		t.Error("the marks stay after session mode while Show Coverage is off")
	}
	item := f.a.coverageItem()
	item.Action()
	if ed.Coverage == nil || !item.Checked {
		t.Error("Show Coverage shows nothing")
	}
}

func TestRegisterFiltersOnCoverage(t *testing.T) {
	m := testModel()
	m.Diagrams[0].Elements[1].Threats = []*model.Threat{{ID: "t2", Title: "Forged token", Category: "spoofing"}}
	m.Diagrams[0].Flows[0].Discussed = []model.Discussion{{Category: "spoofing", Outcome: model.ThreatsFound}}
	f := newFixtureAt(t, m, sessionDay)
	r := f.a.register
	var c *choice
	for _, ch := range r.filters.choices {
		if ch.any == "Discussed or not" {
			c = ch
		}
	}
	if c == nil {
		t.Fatal("no coverage filter")
	}
	tests := map[string]struct {
		option string
		want   string
	}{
		"discussed":     {"discussed", "Password guessing"},
		"not discussed": {"not discussed", "Forged token"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c.sel.SetSelected(tc.option)
			if len(r.cells) != 1 || r.cells[0][colThreat] != tc.want {
				t.Errorf("rows %v, want only %q", r.cells, tc.want)
			}
		})
	}
}
