package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/canvas"
	"github.com/threatboard/threatboard/model"
)

// fakeFiles answers the file dialogs with fixed paths.
type fakeFiles struct{ open, save string }

func (f *fakeFiles) Open(done func(string))           { done(f.open) }
func (f *fakeFiles) Save(_ string, done func(string)) { done(f.save) }
func (f *fakeFiles) Import(done func(string))         { done(f.open) }
func (f *fakeFiles) Image(done func(string))          { done(f.open) }
func (f *fakeFiles) Export(_, _ string, done func(string)) {
	done(f.save)
}

// fakeAsk answers every question with fixed choices and records the errors.
type fakeAsk struct {
	unsaved unsavedChoice
	confirm bool
	asked   []string
	errs    []error
	told    []string // the texts shown by Inform
}

func (f *fakeAsk) UnsavedChanges(title string, done func(unsavedChoice)) {
	f.asked = append(f.asked, "unsaved:"+title)
	done(f.unsaved)
}

func (f *fakeAsk) Confirm(title, _ string, done func(bool)) {
	f.asked = append(f.asked, "confirm:"+title)
	done(f.confirm)
}

func (f *fakeAsk) Error(err error) { f.errs = append(f.errs, err) }

func (f *fakeAsk) Inform(title, text string) { f.told = append(f.told, title+"\n"+text) }

func testModel() *model.Model {
	return &model.Model{
		ID: "m1", Title: "Podcast feed",
		Diagrams: []*model.Diagram{
			{ID: "d1", Title: "Authentication", Elements: []*model.Element{
				{ID: "e1", Kind: model.Actor, Bounds: model.Rect{X: 40, Y: 40, W: 120, H: 60}, Common: model.Common{Name: "Employee"}},
				{ID: "e2", Kind: model.Process, Bounds: model.Rect{X: 300, Y: 30, W: 80, H: 80}, Common: model.Common{Name: "Web API"}},
				{ID: "e3", Kind: model.Store, Bounds: model.Rect{X: 300, Y: 200, W: 120, H: 50}, Common: model.Common{Name: "Users"}},
			}, Flows: []*model.Flow{
				{ID: "f1", From: "e1", To: "e2", Common: model.Common{Name: "Login",
					Threats: []*model.Threat{{ID: "t1", Title: "Password guessing", Category: "spoofing", Likelihood: model.High, Impact: model.Medium}}}},
			}},
			{ID: "d2", Title: "Listen to an episode"},
		},
		Actions: []*model.Action{{ID: "a1", Title: "Rate-limit sign-in", ThreatID: "t1", Owner: "Web team"}},
	}
}

type fixture struct {
	a     *App
	ask   *fakeAsk
	files *fakeFiles
}

func newFixture(t *testing.T, m *model.Model) *fixture {
	t.Helper()
	fy := test.NewTempApp(t)
	f := &fixture{ask: &fakeAsk{}, files: &fakeFiles{}}
	// Background work runs inline, so every step of a test is finished
	// when it returns; TestSaveInBackground covers the real goroutine.
	inline := func(work func()) { work() }
	f.a = New(fy, m, "", Options{RecoveryDir: t.TempDir(), files: f.files, ask: f.ask,
		background: inline, later: func(_ time.Duration, work func()) { work() }})
	t.Cleanup(f.a.autosave.wait)
	return f
}

func TestWindowShowsModel(t *testing.T) {
	f := newFixture(t, testModel())
	if got, want := f.a.win.Title(), "Podcast feed — Threatboard"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	var tabs []string
	for _, it := range f.a.tabs.Items {
		tabs = append(tabs, it.Text)
	}
	if got := strings.Join(tabs, ", "); got != "Authentication, Listen to an episode" {
		t.Errorf("tabs = %s", got)
	}
	if rows, _ := f.a.register.table.Length(); rows != 1 {
		t.Errorf("register has %d rows, want 1", rows)
	}
	if rows, _ := f.a.actions.table.Length(); rows != 1 || f.a.actions.cells[0][1] != "Password guessing" {
		t.Errorf("actions: %d rows %v", rows, f.a.actions.cells)
	}
}

func TestDiagramTabsFollowTheHistory(t *testing.T) {
	f := newFixture(t, testModel())
	f.a.addDiagram()
	if n := len(f.a.tabs.Items); n != 3 {
		t.Fatalf("after adding a diagram: %d tabs, want 3", n)
	}
	if f.a.tabs.SelectedIndex() != 2 {
		t.Errorf("the new diagram's tab is not selected")
	}
	f.a.undo()
	if n := len(f.a.tabs.Items); n != 2 {
		t.Fatalf("after undo: %d tabs, want 2", n)
	}
	f.ask.confirm = true
	f.a.deleteDiagram("d2")
	if n := len(f.a.tabs.Items); n != 1 || f.a.tabs.Items[0].Text != "Authentication" {
		t.Fatalf("after deleting a diagram: %d tabs", n)
	}
}

// entries lists the entries the object shows, in layout order.
func entries(o fyne.CanvasObject) []*widget.Entry {
	var out []*widget.Entry
	for _, c := range test.LaidOutObjects(o) {
		if e, ok := c.(*widget.Entry); ok {
			out = append(out, e)
		}
	}
	return out
}

func TestSelectionDrivesSidePanel(t *testing.T) {
	f := newFixture(t, testModel())
	f.a.selectObject("d1", "e2")
	es := entries(f.a.props.content)
	if len(es) == 0 || es[0].Text != "Web API" {
		t.Fatalf("properties show %d entries, first %q; want the process's name", len(es), textOf(es))
	}
	if got := f.a.status.selection.Text; got != "Process “Web API”" {
		t.Errorf("status = %q", got)
	}
	f.a.selectObject("d1", "f1")
	if es := entries(f.a.props.content); len(es) == 0 || es[0].Text != "Login" {
		t.Fatalf("after selecting the flow, first entry %q", textOf(es))
	}
	threats := test.LaidOutObjects(f.a.threats.content)
	found := false
	for _, o := range threats {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "Password guessing") {
			found = true
		}
	}
	if !found {
		t.Error("threats panel does not list the flow's threat")
	}
}

// checkBeside finds the check box laid out beside the given help text.
func checkBeside(o fyne.CanvasObject, help string) *widget.Check {
	for _, c := range test.LaidOutObjects(o) {
		box, ok := c.(*fyne.Container)
		if !ok {
			continue
		}
		var check *widget.Check
		found := false
		for _, o := range box.Objects {
			switch w := o.(type) {
			case *widget.Check:
				check = w
			case *widget.Label:
				found = found || w.Text == help
			}
		}
		if found && check != nil {
			return check
		}
	}
	return nil
}

func textOf(es []*widget.Entry) string {
	if len(es) == 0 {
		return ""
	}
	return es[0].Text
}

func TestPropertyEditsAreUndoable(t *testing.T) {
	f := newFixture(t, testModel())
	f.a.selectObject("d1", "e2")
	e2 := f.a.doc.m.Diagram("d1").Element("e2")

	name := entries(f.a.props.content)[0]
	name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	test.Type(name, " v2")
	if e2.Name != "Web API v2" {
		t.Fatalf("name = %q after typing", e2.Name)
	}
	if !strings.HasPrefix(f.a.win.Title(), "• ") {
		t.Errorf("title %q lacks the unsaved marker", f.a.win.Title())
	}
	web := checkBeside(f.a.props.content, "Serves HTTP to browsers or clients.")
	if web == nil {
		t.Fatal("no web application check box")
	}
	test.TapAt(web, fyne.NewPos(8, web.Size().Height/2))
	if !e2.WebApplication {
		t.Fatalf("check box did not set the property (checked %v, errors %v)", web.Checked, f.ask.errs)
	}
	f.a.undo()
	if e2.WebApplication || web.Checked {
		t.Fatalf("undo left the property %v, box %v", e2.WebApplication, web.Checked)
	}
	f.a.undo() // the whole typed name is one step
	if e2.Name != "Web API" || name.Text != "Web API" {
		t.Fatalf("undo left name %q, entry %q", e2.Name, name.Text)
	}
	if f.a.doc.dirty() || strings.HasPrefix(f.a.win.Title(), "• ") {
		t.Errorf("undoing every edit leaves the document dirty: %q", f.a.win.Title())
	}
	f.a.redo()
	if e2.Name != "Web API v2" {
		t.Fatalf("redo: name %q", e2.Name)
	}
}

func TestSaveRemembersRecentFile(t *testing.T) {
	f := newFixture(t, testModel())
	path := filepath.Join(t.TempDir(), "feed.threatboard.json")
	f.files.save = path
	f.a.do(model.Rename("d1", "e1", "Staff member"))
	f.a.save(nil)
	if len(f.ask.errs) > 0 {
		t.Fatal(f.ask.errs)
	}
	if f.a.doc.path != path || f.a.doc.dirty() {
		t.Fatalf("after save: path %q dirty %v", f.a.doc.path, f.a.doc.dirty())
	}
	if r := recentFiles(f.a.settings); len(r) == 0 || r[0] != path {
		t.Fatalf("recent = %v", r)
	}
	if got := f.a.win.Title(); got != "Podcast feed — Threatboard" {
		t.Errorf("title after save = %q", got)
	}
	m, err := model.Load(path)
	if err != nil || m.Diagram("d1").Element("e1").Name != "Staff member" {
		t.Fatalf("saved file: %v", err)
	}
}

func TestSaveInBackground(t *testing.T) {
	ask := &fakeAsk{}
	path := filepath.Join(t.TempDir(), "feed.json")
	a := New(test.NewTempApp(t), testModel(), "", Options{RecoveryDir: t.TempDir(), files: &fakeFiles{save: path}, ask: ask,
		later: func(time.Duration, func()) {}})
	t.Cleanup(a.autosave.wait)
	a.do(model.Rename("d1", "e1", "Staff member"))
	saved := make(chan bool)
	a.save(func(ok bool) { saved <- ok })
	if !<-saved || len(ask.errs) > 0 {
		t.Fatalf("not saved: %v", ask.errs)
	}
	if a.status.busy.Visible() || a.status.jobs != 0 {
		t.Error("the progress bar stays after the save")
	}
	if a.doc.dirty() || a.doc.path != path {
		t.Fatalf("after save: dirty %v, path %q", a.doc.dirty(), a.doc.path)
	}
	if _, err := model.Load(path); err != nil {
		t.Fatal(err)
	}
}

func TestUnsavedChangesPrompt(t *testing.T) {
	tests := map[string]struct {
		choice    unsavedChoice
		save      string // the save dialog's answer
		wantTitle string // the document's title afterwards
	}{
		"cancel keeps the document":     {choice: choiceCancel, wantTitle: "Podcast feed"},
		"discard opens the new one":     {choice: choiceDiscard, wantTitle: "New threat model"},
		"save then open the new one":    {choice: choiceSave, save: "x.json", wantTitle: "New threat model"},
		"cancelled save keeps document": {choice: choiceSave, save: "", wantTitle: "Podcast feed"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, testModel())
			f.ask.unsaved = tc.choice
			if tc.save != "" {
				f.files.save = filepath.Join(t.TempDir(), tc.save)
			}
			f.a.do(model.Rename("d1", "e1", "Staff member"))
			f.a.newModel()
			if len(f.ask.asked) != 1 {
				t.Fatalf("asked %v", f.ask.asked)
			}
			if got := f.a.doc.m.Title; got != tc.wantTitle {
				t.Fatalf("document %q, want %q", got, tc.wantTitle)
			}
			if tc.save != "" {
				if _, err := os.Stat(f.files.save); err != nil {
					t.Fatalf("not saved: %v", err)
				}
			}
		})
	}
}

func TestRecoveryOffer(t *testing.T) {
	tests := map[string]struct {
		accept    bool
		wantTitle string
	}{
		"accepted": {accept: true, wantTitle: "• Recovered feed — Threatboard"},
		"declined": {accept: false, wantTitle: "Podcast feed — Threatboard"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			// A previous run left a copy of an unsaved edit behind.
			prev := testModel()
			prev.Title = "Recovered feed"
			data, err := model.Encode(prev)
			if err != nil {
				t.Fatal(err)
			}
			r := &recovery{dir: dir}
			if err := r.write(data, recoveryInfo{Path: "/models/feed.json", Title: prev.Title, Saved: time.Now()}); err != nil {
				t.Fatal(err)
			}

			ask := &fakeAsk{confirm: tc.accept}
			a := New(test.NewTempApp(t), testModel(), "", Options{RecoveryDir: dir, files: &fakeFiles{}, ask: ask,
				later: func(time.Duration, func()) {}})
			t.Cleanup(a.autosave.wait)
			a.OfferRecovery()
			if len(ask.asked) != 1 || ask.asked[0] != "confirm:Recover unsaved changes" {
				t.Fatalf("asked %v", ask.asked)
			}
			if got := a.win.Title(); got != tc.wantTitle {
				t.Errorf("title = %q, want %q", got, tc.wantTitle)
			}
			if tc.accept && a.doc.path != "/models/feed.json" {
				t.Errorf("recovered document belongs to %q", a.doc.path)
			}
			a.autosave.wait()
			if _, pending := a.rec.pending(); pending != tc.accept {
				// Accepted: the copy, now this process's own, stays until the
				// document is saved. Declined: it is gone.
				t.Errorf("copy pending = %v after answering %v", pending, tc.accept)
			}
			if _, pending := r.pending(); pending {
				t.Error("the copy was not taken over")
			}
		})
	}
}

func TestAutosaveWritesOnlyUnsavedChanges(t *testing.T) {
	f := newFixture(t, testModel())
	if err := <-f.a.autosaveNow(); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.a.rec.pending(); ok {
		t.Fatal("a clean document was autosaved")
	}
	f.a.do(model.Rename("d1", "e1", "Staff member"))
	if err := <-f.a.autosaveNow(); err != nil {
		t.Fatal(err)
	}
	m, err := model.Load(f.a.rec.modelPath())
	if err != nil {
		t.Fatal(err)
	}
	if m.Diagram("d1").Element("e1").Name != "Staff member" {
		t.Fatal("the recovery copy lacks the edit")
	}
	// Without a new edit the next tick writes nothing.
	if err := os.Remove(f.a.rec.modelPath()); err != nil {
		t.Fatal(err)
	}
	if err := <-f.a.autosaveNow(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(f.a.rec.modelPath()); err == nil {
		t.Fatal("an unchanged document was copied again")
	}
	f.a.do(model.Rename("d1", "e1", "Staff"))
	if err := <-f.a.autosaveNow(); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.a.rec.pending(); !ok {
		t.Fatal("a new edit was not copied")
	}
	f.files.save = filepath.Join(t.TempDir(), "m.json")
	f.a.save(nil)
	if _, ok := f.a.rec.pending(); ok {
		t.Fatal("the recovery copy outlived the save")
	}
}

func TestLoadErrorIsShownAndForgotten(t *testing.T) {
	f := newFixture(t, testModel())
	missing := filepath.Join(t.TempDir(), "gone.json")
	addRecent(f.a.settings, missing)
	f.a.openPath(missing)
	if len(f.ask.errs) != 1 || !errors.Is(f.ask.errs[0], os.ErrNotExist) {
		t.Fatalf("errors = %v", f.ask.errs)
	}
	if r := recentFiles(f.a.settings); len(r) != 0 {
		t.Errorf("recent still lists %v", r)
	}
	if f.a.doc.m.Title != "Podcast feed" {
		t.Error("a failed open replaced the document")
	}
}

// buttons lists the buttons with the given text the object shows.
func buttons(o fyne.CanvasObject, text string) []*widget.Button {
	var out []*widget.Button
	for _, c := range test.LaidOutObjects(o) {
		if b, ok := c.(*widget.Button); ok && b.Text == text {
			out = append(out, b)
		}
	}
	return out
}

func TestSuggestionsAddAndDismiss(t *testing.T) {
	m := testModel()
	api := m.Diagram("d1").Element("e2")
	api.WebApplication, api.ParsesUntrustedInput = true, true
	f := newFixture(t, m)
	f.a.selectObject("d1", "e2")
	before := f.a.cat.SuggestFor(f.a.doc.m, "d1", "e2")
	if len(before) < 2 {
		t.Fatalf("the catalog suggests %d threats for a web application parsing untrusted input", len(before))
	}
	// Suggestions sit in the categories' sections; open them all.
	for _, it := range f.a.threats.acc.Items {
		it.Open = true
	}
	f.a.threats.acc.Refresh()
	accept := buttons(f.a.threats.content, "Add as threat")
	if len(accept) != len(before) {
		t.Fatalf("panel offers %d suggestions, catalog %d", len(accept), len(before))
	}
	test.Tap(accept[0])
	rules := map[string]bool{}
	for _, sg := range before {
		rules[sg.RuleID] = true
	}
	if n := len(api.Threats); n != 1 || !rules[api.Threats[0].RuleID] {
		t.Fatalf("accepting recorded %d threats (rule %q)", n, api.Threats[0].RuleID)
	}
	test.Tap(buttons(f.a.threats.content, "Dismiss")[0])
	if len(api.Dismissed) != 1 {
		t.Fatalf("dismissed = %v", api.Dismissed)
	}
	if got := len(f.a.cat.SuggestFor(f.a.doc.m, "d1", "e2")); got != len(before)-2 {
		t.Fatalf("after accept and dismiss %d suggestions remain, want %d", got, len(before)-2)
	}
	f.a.undo()
	f.a.undo()
	if len(api.Threats) != 0 || len(api.Dismissed) != 0 {
		t.Fatal("undo did not take back accept and dismiss")
	}
}

func TestLintFindingsShown(t *testing.T) {
	m := testModel()
	f := newFixture(t, m) // lints inline after every change
	want := analysis.Lint(m)
	if len(want) == 0 {
		t.Fatal("the test model has no lint findings; the test needs some")
	}
	if got := f.a.status.lint.Text; got != lintSummary(want) {
		t.Errorf("status = %q, want %q", got, lintSummary(want))
	}
	if n := f.a.lint.list.Length(); n != len(want) {
		t.Errorf("lint list shows %d findings, want %d", n, len(want))
	}
	// Deleting the unconnected store removes a finding.
	f.a.do(model.Delete("d1", []string{"e3"}))
	if after := analysis.Lint(f.a.doc.m); len(after) >= len(want) || f.a.status.lint.Text != lintSummary(after) {
		t.Errorf("after deleting the store: %d findings (before %d), status %q", len(after), len(want), f.a.status.lint.Text)
	}
}

func TestAttackTreeEditing(t *testing.T) {
	f := newFixture(t, testModel())
	p := f.a.trees
	p.addTree()
	if n := len(f.a.doc.m.AttackTrees); n != 1 {
		t.Fatalf("%d attack trees after New tree", n)
	}
	tree := f.a.doc.m.AttackTrees[0]
	p.nodeID = tree.Root.ID
	p.addChild(model.Leaf)
	p.nodeID = tree.Root.ID
	p.addChild(model.And)
	and := p.nodeID
	p.addChild(model.Leaf)
	p.nodeID = and
	p.addChild(model.Leaf)

	tree = f.a.doc.m.AttackTrees[0]
	if got := len(tree.Root.Children); got != 2 {
		t.Fatalf("root has %d children, want 2", got)
	}
	if p.values == nil {
		t.Fatalf("tree not evaluated: %q", p.result.Text)
	}
	res, err := analysis.EvaluateTree(tree)
	if err != nil {
		t.Fatal(err)
	}
	if p.values.Root != res.Root {
		t.Errorf("panel shows %+v, analysis %+v", p.values.Root, res.Root)
	}
	// OR of a 1000-cost leaf and an AND of two: the single leaf is cheaper.
	if !p.cheapest[tree.Root.Children[0].ID] || p.cheapest[and] {
		t.Errorf("cheapest path %v", res.CheapestPath)
	}
	p.nodeID = and
	p.deleteNode()
	if got := len(f.a.doc.m.AttackTrees[0].Root.Children); got != 1 {
		t.Fatalf("after deleting the AND node the root has %d children", got)
	}
	for range 6 { // new tree, four children, one deletion
		f.a.undo()
	}
	if n := len(f.a.doc.m.AttackTrees); n != 0 || f.a.doc.h.CanUndo() {
		t.Fatalf("undoing every step leaves %d trees", n)
	}
}

func TestThemeSwitch(t *testing.T) {
	tests := map[string]struct {
		name    string
		variant fyne.ThemeVariant
	}{
		"light": {"light", theme.VariantLight},
		"dark":  {"dark", theme.VariantDark},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			fy := test.NewTempApp(t)
			applyTheme(fy, tc.name)
			want := theme.DefaultTheme().Color(theme.ColorNameBackground, tc.variant)
			// Whatever variant the system asks for, the chosen one wins.
			for _, asked := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
				if got := fy.Settings().Theme().Color(theme.ColorNameBackground, asked); got != want {
					t.Errorf("background for %v = %v, want %v", asked, got, want)
				}
			}
		})
	}
}

func TestThreatForm(t *testing.T) {
	tests := map[string]struct {
		due     string
		wantErr bool
	}{
		"with due date": {due: "2027-01-31"},
		"no due date":   {due: ""},
		"bad date":      {due: "31/01/2027", wantErr: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			orig := model.Threat{ID: "t1", Title: "Old", Category: "spoofing", RuleID: "R1"}
			f := newThreatForm(orig, []string{"spoofing", "tampering"})
			f.title.SetText("Token replay")
			f.category.SetSelected("tampering")
			f.likelihood.SetSelected("high")
			f.impact.SetSelected("medium")
			f.decision.SetSelected("accept")
			f.justification.SetText("Short-lived tokens")
			f.status.SetSelected("in-progress")
			f.due.SetText(tc.due)
			if err := f.justification.Validate(); err != nil {
				t.Fatalf("a justified acceptance fails validation: %v", err)
			}
			got, err := f.threat(orig)
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if tc.wantErr {
				return
			}
			want := model.Threat{ID: "t1", Title: "Token replay", Category: "tampering", Likelihood: model.High,
				Impact: model.Medium, Decision: model.Accept, Justification: "Short-lived tokens",
				Status: model.InProgress, RuleID: "R1"}
			want.Due, _ = model.ParseDate(tc.due)
			if got != want {
				t.Errorf("threat = %+v\nwant     %+v", got, want)
			}
		})
	}
}

func TestMenusFollowHistory(t *testing.T) {
	f := newFixture(t, testModel())
	mu := f.a.menus
	if !mu.undo.Disabled || !mu.redo.Disabled || !mu.undoTool.Disabled() {
		t.Fatal("undo or redo enabled on a fresh document")
	}
	f.a.do(model.Rename("d1", "e1", "Staff member"))
	if mu.undo.Disabled || mu.undoTool.Disabled() || !strings.HasPrefix(mu.undo.Label, "Undo ") || !mu.redo.Disabled {
		t.Fatalf("after an edit: undo %q disabled %v, redo disabled %v", mu.undo.Label, mu.undo.Disabled, mu.redo.Disabled)
	}
	f.a.undo()
	if !mu.undo.Disabled || mu.redo.Disabled || mu.redoTool.Disabled() {
		t.Fatal("after undo: undo enabled or redo disabled")
	}
	// The desktop driver turns ctrl+Z and ctrl+Y into Fyne's own shortcuts
	// before it matches menu items by shortcut name.
	if mu.undo.Shortcut.ShortcutName() != (&fyne.ShortcutUndo{}).ShortcutName() {
		t.Errorf("Undo's shortcut is %s, which ctrl+Z never produces", mu.undo.Shortcut.ShortcutName())
	}
	addRecent(f.a.settings, "/models/feed.threatboard.json")
	mu.update()
	if items := mu.recent.ChildMenu.Items; len(items) != 1 || !strings.HasPrefix(items[0].Label, "feed.threatboard.json") {
		t.Fatalf("Open Recent lists %d items", len(items))
	}
}

func TestModelDetailsEditedWithNothingSelected(t *testing.T) {
	f := newFixture(t, testModel())
	// Nothing selected: the first entries are the diagram's and the model's titles.
	es := entries(f.a.props.content)
	if len(es) < 2 || es[0].Text != "Authentication" || es[1].Text != "Podcast feed" {
		t.Fatalf("entries start %q", textOf(es))
	}
	es[1].TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	test.Type(es[1], " (draft)")
	if got := f.a.win.Title(); got != "• Podcast feed (draft) — Threatboard" {
		t.Errorf("title = %q", got)
	}
	test.Type(es[0], "Sign-in ")
	if got := f.a.tabs.Items[0].Text; got != "Sign-in Authentication" {
		t.Errorf("tab = %q", got)
	}
	f.a.undo()
	f.a.undo()
	if f.a.doc.m.Title != "Podcast feed" || f.a.doc.m.Diagram("d1").Title != "Authentication" || f.a.doc.dirty() {
		t.Errorf("after undo: model %q, diagram %q", f.a.doc.m.Title, f.a.doc.m.Diagram("d1").Title)
	}
}

func TestMultiProcessInDepth(t *testing.T) {
	m := testModel()
	d := m.Diagram("d1")
	d.Elements = append(d.Elements, &model.Element{ID: "e4", Kind: model.MultiProcess,
		Bounds: model.Rect{X: 500, Y: 30, W: 80, H: 80}, Common: model.Common{Name: "Identity provider"}})
	d.Reindex()
	f := newFixture(t, m)
	f.a.selectObject("d1", "e4")
	in := buttons(f.a.props.content, "Model it in depth")
	if len(in) != 1 {
		t.Fatal("no in-depth button for a multi-process")
	}
	test.Tap(in[0])
	el := f.a.doc.m.Diagram("d1").Element("e4")
	if el.Child == "" || len(f.a.tabs.Items) != 3 || f.a.tabs.Items[2].Text != "Identity provider in depth" {
		t.Fatalf("child %q, %d tabs", el.Child, len(f.a.tabs.Items))
	}
	if v := f.a.currentView(); v == nil || v.diagramID != el.Child {
		t.Error("the new diagram is not shown")
	}
	f.a.selectObject("d1", "e4")
	open := buttons(f.a.props.content, "Open its diagram")
	if len(open) != 1 {
		t.Fatal("no button to open the existing diagram")
	}
	f.a.showDiagram("d2")
	test.Tap(open[0])
	if v := f.a.currentView(); v == nil || v.diagramID != el.Child {
		t.Error("Open its diagram did not show it")
	}
}

func TestNoDiagramLeft(t *testing.T) {
	f := newFixture(t, testModel())
	f.ask.confirm = true
	f.a.deleteDiagram("d1")
	f.a.deleteDiagram("d2")
	if len(f.a.tabs.Items) != 0 || f.a.editor() != nil {
		t.Fatalf("%d tabs left", len(f.a.tabs.Items))
	}
	// Everything that acts on "the current diagram" must cope with none.
	f.a.withEditor((*canvas.Editor).ZoomIn)
	f.a.renameDiagram()
	f.a.refreshPanels()
	if got := f.a.status.selection.Text; got != "" {
		t.Errorf("status = %q", got)
	}
	f.a.addDiagram()
	if len(f.a.tabs.Items) != 1 || f.a.editor() == nil {
		t.Fatal("a diagram added after deleting all has no tab")
	}
}

// TestDropFromPaletteShowsInPanels drags the palette's first item (the
// actor) onto the diagram in a laid-out window, as a user would: the new
// element is selected, and the side panel and status bar show it.
func TestDropFromPaletteShowsInPanels(t *testing.T) {
	f := newFixture(t, testModel())
	w := f.a.win
	w.Resize(fyne.NewSize(1500, 920))
	d := fyne.CurrentApp().Driver()
	ed := f.a.editor()
	var item fyne.Draggable // the palette's first item: the actor
	var itemObj fyne.CanvasObject
	for _, o := range test.LaidOutObjects(f.a.palette) {
		if dr, ok := o.(fyne.Draggable); ok {
			item, itemObj = dr, o
			break
		}
	}
	if item == nil {
		t.Fatal("the palette has no draggable item")
	}
	start := fyne.NewPos(10, 10)
	from := d.AbsolutePositionForObject(itemObj).Add(start)
	to := d.AbsolutePositionForObject(ed).Add(fyne.NewPos(ed.Size().Width/2, ed.Size().Height-60))
	before := len(f.a.doc.m.Diagram("d1").Elements)

	delta := to.Subtract(from)
	w.Canvas().Unfocus() // a press on the palette takes the focus away, as in a real window
	item.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: start.Add(delta)}, Dragged: fyne.NewDelta(delta.X, delta.Y)})
	item.DragEnd()
	els := f.a.doc.m.Diagram("d1").Elements
	if len(els) != before+1 || els[len(els)-1].Kind != model.Actor {
		t.Fatalf("%d elements after the drop, want %d with an actor on top", len(els), before+1)
	}
	if w.Canvas().Focused() != fyne.Focusable(ed) {
		t.Errorf("after the drop the keyboard focus is on %T, want the editor", w.Canvas().Focused())
	}
	f.a.refreshPanels()
	if got := f.a.status.selection.Text; !strings.HasPrefix(got, "Actor") {
		t.Errorf("status = %q, want the new actor", got)
	}
	if es := entries(f.a.props.content); len(es) == 0 || es[0].Text != els[len(els)-1].Name {
		t.Errorf("properties show %q", textOf(es))
	}
	f.a.undo()
	if n := len(f.a.doc.m.Diagram("d1").Elements); n != before {
		t.Errorf("undo left %d elements", n)
	}
}

func TestChooseChecklist(t *testing.T) {
	f := newFixture(t, testModel())
	var pick *widget.Select
	for _, o := range test.LaidOutObjects(f.a.props.content) {
		if s, ok := o.(*widget.Select); ok {
			pick = s
			break
		}
	}
	if pick == nil || pick.Selected != f.a.cat.Checklist("stride").Name {
		t.Fatalf("no checklist choice showing STRIDE (%v)", pick)
	}
	linddun := f.a.cat.Checklist("linddun")
	pick.SetSelected(linddun.Name)
	if got := f.a.doc.m.Diagram("d1").Checklist; got != "linddun" {
		t.Fatalf("diagram checklist = %q", got)
	}
	f.a.selectObject("d1", "e1")
	if got := f.a.threats.shown; !strings.Contains(got, "|linddun|") {
		t.Errorf("threats panel walks %q", got)
	}
	f.a.undo()
	if got := f.a.doc.m.Diagram("d1").Checklist; got != "" {
		t.Errorf("after undo checklist = %q", got)
	}
}

func TestThreatFormWantsJustification(t *testing.T) {
	tests := map[string]struct {
		decision, justification string
		ok                      bool
	}{
		"accept without":   {"accept", "", false},
		"transfer without": {"transfer", "", false},
		"accept with":      {"accept", "Tokens expire in 5 minutes", true},
		"mitigate without": {"mitigate", "", true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			f := newThreatForm(model.Threat{ID: "t1", Title: "x"}, nil)
			f.justification.SetText(tc.justification)
			f.decision.SetSelected(tc.decision)
			if err := f.justification.Validate(); (err == nil) != tc.ok {
				t.Errorf("validate = %v, want ok %v", err, tc.ok)
			}
		})
	}
}

func TestUndoWhileTypingResetsTheField(t *testing.T) {
	f := newFixture(t, testModel())
	f.a.selectObject("d1", "e2")
	name := entries(f.a.props.content)[0]
	f.a.win.Canvas().Focus(name)
	name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	test.Type(name, "!")
	if f.a.win.Canvas().Focused() != name {
		t.Fatal("the name field lost the focus while typing")
	}
	f.a.undo()
	if got := name.Text; got != "Web API" {
		t.Errorf("after undo the focused field shows %q", got)
	}
}

func TestAttackTreesWithTheSameTitle(t *testing.T) {
	m := testModel()
	for _, id := range []string{"at1", "at2"} {
		m.AttackTrees = append(m.AttackTrees, &model.AttackTree{ID: id, Title: "Account takeover",
			Root: &model.Node{ID: id + "-root", Title: "Take over " + id, Type: model.Leaf, Probability: 0.5}})
	}
	f := newFixture(t, m)
	p := f.a.trees
	if got := strings.Join(p.pick.Options, " | "); got != "Account takeover | Account takeover (2)" {
		t.Fatalf("options %q", got)
	}
	p.pick.SetSelected("Account takeover (2)")
	if p.treeID != "at2" {
		t.Errorf("choosing the second tree shows %q", p.treeID)
	}
}

func TestLintWaitsForTheLastEdit(t *testing.T) {
	var queue []func()
	a := New(test.NewTempApp(t), testModel(), "", Options{RecoveryDir: t.TempDir(), files: &fakeFiles{}, ask: &fakeAsk{},
		background: func(f func()) { f() },
		later: func(d time.Duration, f func()) {
			if d == lintDelay {
				queue = append(queue, f)
			}
		}})
	t.Cleanup(a.autosave.wait)
	for _, name := range []string{"S", "St", "Sta"} {
		a.do(model.Rename("d1", "e1", name))
	}
	a.lint.findings = nil
	queue, last := queue[:len(queue)-1], queue[len(queue)-1]
	for _, f := range queue {
		f()
	}
	if a.lint.findings != nil {
		t.Fatal("an earlier edit's timer linted while edits were still coming")
	}
	last()
	if a.lint.findings == nil {
		t.Fatal("the last edit's timer did not lint")
	}
}

func TestSnapToGridIsRememberedForEveryDiagram(t *testing.T) {
	f := newFixture(t, testModel())
	mu := f.a.menus
	if mu.snap.Checked || f.a.editor().Snap() {
		t.Fatal("snapping is on in a fresh app")
	}
	mu.snap.Action()
	if !mu.snap.Checked || !f.a.settings.v.SnapToGrid {
		t.Error("the menu item or the preference did not follow")
	}
	for _, v := range f.a.views {
		if !v.ed.Snap() {
			t.Errorf("diagram %s does not snap", v.diagramID)
		}
	}
	f.a.addDiagram()
	if v := f.a.views[len(f.a.views)-1]; !v.ed.Snap() {
		t.Error("a diagram added later does not snap")
	}
	mu.snap.Action()
	if mu.snap.Checked || f.a.editor().Snap() {
		t.Error("the second click did not turn snapping off")
	}
}
