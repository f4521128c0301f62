package app

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/model"
)

// registerModel has threats on two diagrams with different ratings,
// decisions, owners and categories.
func registerModel() *model.Model {
	m := testModel()
	d1, d2 := m.Diagrams[0], m.Diagrams[1]
	d1.Elements[1].Threats = []*model.Threat{
		{ID: "t2", Title: "Token forgery", Category: "spoofing", Likelihood: model.Low, Impact: model.High, Decision: model.Mitigate, Owner: "Ana"},
		{ID: "t3", Title: "Request flood", Category: "denial-of-service", Likelihood: model.High, Impact: model.High, Owner: "Bo"},
	}
	d2.Elements = []*model.Element{{ID: "e9", Kind: model.Store, Bounds: model.Rect{W: 100, H: 50}, Common: model.Common{Name: "Episodes",
		Threats: []*model.Threat{
			{ID: "t4", Title: "Episode leak", Category: "information-disclosure", Likelihood: model.Medium, Impact: model.Medium,
				Description: "A guessable URL", Decision: model.Accept, Justification: "public anyway", Status: model.Done},
			{ID: "t5", Title: "Unrated idea", Category: "tampering"},
		}}}}
	return m
}

func registerTitles(r *registerView) []string {
	var ts []string
	for _, row := range r.cells {
		ts = append(ts, row[colThreat])
	}
	return ts
}

func TestRegisterFiltersAndHeatMap(t *testing.T) {
	f := newFixture(t, registerModel())
	r := f.a.register
	// Register order: impact, then likelihood.
	all := []string{"Request flood", "Token forgery", "Password guessing", "Episode leak", "Unrated idea"}
	if got := registerTitles(r); !slices.Equal(got, all) {
		t.Fatalf("register %v, want %v", got, all)
	}
	choose := func(i int, label string) {
		t.Helper()
		c := r.filters.choices[i]
		if !slices.Contains(c.sel.Options, label) {
			t.Fatalf("filter %s has no option %q: %v", c.any, label, c.sel.Options)
		}
		c.sel.SetSelected(label)
	}
	cases := map[string]struct {
		set  func()
		want []string
	}{
		"diagram":        {func() { choose(0, "Listen to an episode") }, []string{"Episode leak", "Unrated idea"}},
		"element":        {func() { choose(1, "Web API — Authentication") }, []string{"Request flood", "Token forgery"}},
		"category":       {func() { choose(2, "spoofing") }, []string{"Token forgery", "Password guessing"}},
		"risk":           {func() { choose(3, "critical") }, []string{"Request flood"}},
		"unrated":        {func() { choose(3, "unrated") }, []string{"Unrated idea"}},
		"decision":       {func() { choose(4, "accept") }, []string{"Episode leak"}},
		"status":         {func() { choose(5, "done") }, []string{"Episode leak"}},
		"owner":          {func() { choose(6, "Ana") }, []string{"Token forgery"}},
		"free text":      {func() { test.Type(r.filters.text, "GUESSABLE") }, []string{"Episode leak"}},
		"text on target": {func() { test.Type(r.filters.text, "login") }, []string{"Password guessing"}},
		"two filters":    {func() { choose(0, "Authentication"); choose(2, "spoofing"); choose(6, "Ana") }, []string{"Token forgery"}},
		"heat-map cell": {func() { test.Tap(r.cellBtn[2][2]) }, // high impact, high likelihood
			[]string{"Request flood"}},
		"cell and filter": {func() { choose(0, "Authentication"); test.Tap(r.cellBtn[1][1]) }, nil},
		"cell twice":      {func() { test.Tap(r.cellBtn[2][0]); test.Tap(r.cellBtn[2][0]) }, all},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r.filters.reset()
			tc.set()
			if got := registerTitles(r); !slices.Equal(got, tc.want) {
				t.Errorf("register %v, want %v", got, tc.want)
			}
			if rows, _ := r.table.Length(); rows != len(tc.want) {
				t.Errorf("table has %d rows, want %d", rows, len(tc.want))
			}
		})
	}
	// The heat map counts what the other filters leave, cell by cell.
	r.filters.reset()
	choose(0, "Authentication")
	counts := fmt.Sprint(r.heat.Cells)
	if counts != "[[0 0 0] [0 0 1] [1 0 1]]" { // [impact][likelihood]: M×H, H×L, H×H
		t.Errorf("heat map %s", counts)
	}
	test.Tap(r.cellBtn[2][0])
	if got := r.cellBtn[2][0].Text; got != "▶ 1 ◀" {
		t.Errorf("chosen cell shows %q", got)
	}
	if got := r.cellBtn[2][2].Text; got != "1" {
		t.Errorf("other cell shows %q", got)
	}
	if r.cellBtn[2][2].Importance != widget.DangerImportance || r.cellBtn[0][0].Importance != widget.SuccessImportance {
		t.Error("cells are not coloured like their risk")
	}
}

func TestRegisterSortsByColumn(t *testing.T) {
	f := newFixture(t, registerModel())
	r := f.a.register
	cases := []struct {
		col   int
		want  []string
		title string
	}{
		{colThreat, []string{"Episode leak", "Password guessing", "Request flood", "Token forgery", "Unrated idea"}, "Threat ▲"},
		{colThreat, []string{"Unrated idea", "Token forgery", "Request flood", "Password guessing", "Episode leak"}, "Threat ▼"},
		{colThreat, []string{"Request flood", "Token forgery", "Password guessing", "Episode leak", "Unrated idea"}, "Threat"},
		// Ratings: worst first on the first click, by value not by name.
		{colLikelihood, []string{"Request flood", "Password guessing", "Episode leak", "Token forgery", "Unrated idea"}, "Likelihood ▼"},
		{colOwner, []string{"Password guessing", "Episode leak", "Unrated idea", "Token forgery", "Request flood"}, "Owner ▲"},
	}
	for i, tc := range cases {
		r.sortBy(tc.col)
		if got := registerTitles(r); !slices.Equal(got, tc.want) {
			t.Errorf("step %d: %v, want %v", i, got, tc.want)
		}
		if got := r.headerText(tc.col); got != tc.title {
			t.Errorf("step %d: header %q, want %q", i, got, tc.title)
		}
	}
}

// TestRegisterRowSelectsOnItsDiagram: a row of another diagram switches tab
// and selects the element there.
func TestRegisterRowSelectsOnItsDiagram(t *testing.T) {
	f := newFixture(t, registerModel())
	r := f.a.register
	r.filters.choices[0].sel.SetSelected("Listen to an episode")
	r.table.Select(widget.TableCellID{Row: 0, Col: colThreat})
	if v := f.a.currentView(); v == nil || v.diagramID != "d2" {
		t.Fatalf("current diagram %v, want d2", v)
	}
	if sel := f.a.editor().Selection(); !slices.Equal(sel, []string{"e9"}) {
		t.Errorf("selection %v, want e9", sel)
	}
}

// TestRegisterFilterForgetsGoneValues: when the last threat of an owner is
// deleted, the owner filter turns off instead of showing nothing.
func TestRegisterFilterForgetsGoneValues(t *testing.T) {
	f := newFixture(t, registerModel())
	r := f.a.register
	r.filters.choices[6].sel.SetSelected("Ana")
	if len(r.cells) != 1 {
		t.Fatalf("owner filter shows %d rows", len(r.cells))
	}
	f.a.do(model.DeleteThreat("d1", "e2", "t2"))
	f.a.refreshPanels()
	if r.q.owner != "" || r.filters.choices[6].sel.Selected != "All owners" || len(r.cells) != 4 {
		t.Errorf("after deleting Ana's threat: owner %q, %q selected, %d rows", r.q.owner, r.filters.choices[6].sel.Selected, len(r.cells))
	}
}

// TestColumnRanksSortAsTheTexts checks the ranks every column sorts by
// against sorting the rows by their values directly, ties in register
// order, both ways.
func TestColumnRanksSortAsTheTexts(t *testing.T) {
	refs := threatsModel().Threats()[:600]
	rows := newRegisterRows(refs)
	for col, c := range registerColumns {
		t.Run(c.title, func(t *testing.T) {
			ranks := columnRanks(rows, col)
			for _, desc := range []bool{false, true} {
				q := registerQuery{sortCol: col, desc: desc}
				got, _ := q.apply(rows, func(int) []int32 { return ranks })
				want := make([]int, len(rows))
				for i := range want {
					want[i] = i
				}
				compare := func(a, b int) int {
					if c.order != nil {
						return cmp.Compare(c.order(rows[a].ref), c.order(rows[b].ref))
					}
					return strings.Compare(strings.ToLower(rows[a].cells[col]), strings.ToLower(rows[b].cells[col]))
				}
				slices.SortStableFunc(want, func(a, b int) int {
					if desc {
						return compare(b, a)
					}
					return compare(a, b)
				})
				if !slices.Equal(got, want) {
					t.Fatalf("desc %v: sorted differently from the texts", desc)
				}
			}
		})
	}
}

func TestSetCellTruncatesOnlyWhatDoesNotFit(t *testing.T) {
	test.NewTempApp(t)
	tests := map[string]struct {
		text  string
		trunc fyne.TextTruncation
	}{
		"fits":     {"High", fyne.TextTruncateOff},
		"too wide": {strings.Repeat("A very long threat title ", 6), fyne.TextTruncateEllipsis},
		"empty":    {"", fyne.TextTruncateOff},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			l := newCellLabel().(*widget.Label)
			l.Resize(fyne.NewSize(120, l.MinSize().Height))
			setCell(l, tc.text, widget.WarningImportance)
			if l.Text != tc.text || l.Truncation != tc.trunc || l.Importance != widget.WarningImportance {
				t.Errorf("text %q, truncation %v, importance %v", l.Text, l.Truncation, l.Importance)
			}
			// What is cut shows no wider than the cell.
			if w := l.MinSize().Width; tc.trunc == fyne.TextTruncateEllipsis && w > 120 {
				t.Errorf("the cut text is %v wide in a 120 cell", w)
			}
		})
	}
}

// TestRegisterTapGivesTheCanvasTheKeyboard: after a tap on a row shows its
// object, the arrow keys nudge the object instead of scrolling the table.
func TestRegisterTapGivesTheCanvasTheKeyboard(t *testing.T) {
	f := newFixture(t, registerModel())
	r := f.a.register
	f.a.win.Resize(fyne.NewSize(1400, 900))
	if r.table.Size().Height == 0 {
		t.Fatal("the register is not laid out")
	}
	row := r.table.MinSize().Height // just under the header row
	test.TapAt(r.table, fyne.NewPos(40, row+5))
	sel := f.a.editor().Selection()
	if len(sel) != 1 {
		t.Fatalf("the tap selected %v, want one object", sel)
	}
	if got := f.a.win.Canvas().Focused(); got != f.a.editor() {
		t.Fatalf("focus is on %T after the tap, want the canvas", got)
	}
}
