package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/model"
)

// texts collects every label's and button's text under o, in order.
func texts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.Button:
			out = append(out, "["+w.Text+"]")
		case *widget.Accordion:
			for _, it := range w.Items {
				out = append(out, it.Title)
				walk(it.Detail)
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func buttonIn(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Button:
			if w.Text == text && found == nil {
				found = w
			}
		case *widget.Accordion:
			for _, it := range w.Items {
				walk(it.Detail)
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q in %v", text, texts(o))
	}
	return found
}

func TestThreatRowShowsDecision(t *testing.T) {
	tests := map[string]struct {
		decision model.Decision
		status   model.Status
		want     string
		warn     bool
	}{
		"undecided":           {model.Undecided, model.Open, "undecided", true},
		"mitigation underway": {model.Mitigate, model.InProgress, "mitigate · open", true},
		"mitigated":           {model.Mitigate, model.Done, "mitigate", false},
		"accepted":            {model.Accept, model.Open, "accept", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			m := testModel()
			th := m.Diagrams[0].Flows[0].Threats[0]
			th.Title = strings.Repeat("A very long threat title ", 8)
			th.Decision, th.Status = tc.decision, tc.status
			f := newFixture(t, m)
			row := f.a.threats.threatRow("d1", "f1", th, nil).(*fyne.Container)
			// The decision is on the left with the risk, not after the
			// title, where truncation would cut it off.
			var left *fyne.Container
			for _, o := range row.Objects {
				if c, ok := o.(*fyne.Container); ok && len(c.Objects) == 2 {
					if _, ok := c.Objects[1].(*widget.Label); ok {
						left = c
					}
				}
			}
			if left == nil {
				t.Fatalf("no risk and decision beside the title: %v", texts(row))
			}
			l := left.Objects[1].(*widget.Label)
			if l.Text != tc.want || (l.Importance == widget.WarningImportance) != tc.warn {
				t.Errorf("decision %q (importance %v), want %q, warning %v", l.Text, l.Importance, tc.want, tc.warn)
			}
		})
	}
}

func TestRegisterShowsDecisionFirst(t *testing.T) {
	f := newFixture(t, testModel())
	var titles []string
	width := float32(0)
	for _, c := range registerColumns {
		titles = append(titles, c.title)
		if c.title == "Owner" {
			break
		}
		width += c.width
	}
	if !slices.Equal(titles[:3], []string{"Risk", "Decision", "Status"}) || titles[colDecision] != "Decision" {
		t.Errorf("columns start %v", titles)
	}
	// Risk, decision, status and the threat fit a 1000-unit window.
	if width > 1000 {
		t.Errorf("the columns before the owner are %v wide", width)
	}
	if got := f.a.register.cells[0][colDecision]; got != "undecided" {
		t.Errorf("decision cell %q", got)
	}
}

func TestSuggestionsAddAndRestore(t *testing.T) {
	m := testModel()
	store := m.Diagrams[0].Elements[2]
	store.StoresCredentials, store.StoresPersonalData = true, true
	f := newFixture(t, m)
	p := f.a.threats
	f.a.selectObject("d1", "e3") // a data store: the catalog suggests threats for it
	sgs := f.a.cat.SuggestFor(f.a.doc.m, "d1", "e3")
	if len(sgs) < 2 {
		t.Fatalf("%d suggestions for the store; the test needs two", len(sgs))
	}
	for i := range p.acc.Items {
		p.acc.Open(i)
	}
	before := len(f.a.doc.m.Diagrams[0].Elements[2].Threats)
	buttonIn(t, p.content, "Add as threat").OnTapped()
	if got := len(f.a.doc.m.Diagrams[0].Elements[2].Threats); got != before+1 {
		t.Fatalf("Add as threat: %d threats, want %d", got, before+1)
	}
	if slices.Contains(texts(p.content), "[Accept]") {
		t.Error("a suggestion still offers Accept, which reads as the risk decision")
	}
	for range 2 {
		buttonIn(t, p.content, "Dismiss").OnTapped()
	}
	if len(store.Dismissed) != 2 {
		t.Fatalf("dismissed %v", store.Dismissed)
	}
	if !slices.Contains(texts(p.content), "Dismissed suggestions — 2") {
		t.Fatalf("no list of dismissed suggestions: %v", texts(p.content))
	}
	buttonIn(t, p.content, "Restore").OnTapped()
	if len(store.Dismissed) != 1 {
		t.Fatalf("after Restore: dismissed %v", store.Dismissed)
	}
	buttonIn(t, p.content, "Dismiss").OnTapped()
	buttonIn(t, p.content, "Restore all").OnTapped()
	if len(store.Dismissed) != 0 {
		t.Fatalf("after Restore all: dismissed %v", store.Dismissed)
	}
	if slices.ContainsFunc(texts(p.content), func(s string) bool { return strings.HasPrefix(s, "Dismissed suggestions") }) {
		t.Error("the dismissed list stays with nothing in it")
	}
	f.a.undo() // Restore all is one step
	if len(store.Dismissed) != 2 {
		t.Errorf("undoing Restore all: dismissed %v", store.Dismissed)
	}
}

func TestPlurals(t *testing.T) {
	one := &model.Diagram{ID: "d", Title: "Login", Elements: []*model.Element{{ID: "e"}}, Flows: []*model.Flow{{ID: "f"}}}
	two := &model.Diagram{ID: "d", Title: "Login", Elements: []*model.Element{{ID: "e"}, {ID: "g"}}}
	tests := map[string]struct{ got, want string }{
		"one of each":        {selectionText(target{d: one}), "Login: 1 element, 1 flow"},
		"two and none":       {selectionText(target{d: two}), "Login: 2 elements, 0 flows"},
		"one lint finding":   {lintSummary(make([]analysis.Finding, 1)), "1 lint finding"},
		"three lint finding": {lintSummary(make([]analysis.Finding, 3)), "3 lint findings"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("%q, want %q", tc.got, tc.want)
			}
		})
	}
}
