package analysis

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/model"
)

func stride(t testing.TB) *Checklist {
	t.Helper()
	cls, err := BuiltinChecklists()
	if err != nil {
		t.Fatal(err)
	}
	return cls[0]
}

// walkDiagram: the file lists the store first and the actor last, so
// that an order following the file would be wrong at once.
func walkDiagram() *model.Diagram {
	el := func(id string, k model.Kind) *model.Element {
		return &model.Element{ID: id, Kind: k, Bounds: model.Rect{W: 10, H: 10}, Common: model.Common{Name: id}}
	}
	fl := func(id, from, to string) *model.Flow {
		return &model.Flow{ID: id, From: from, To: to, Common: model.Common{Name: id}}
	}
	return &model.Diagram{ID: "d",
		Elements: []*model.Element{el("db", model.Store), el("api", model.Process), el("lone", model.Process),
			el("note", model.Note), el("admin", model.Actor), el("user", model.Actor)},
		Flows: []*model.Flow{fl("f-db", "api", "db"), fl("f-back", "db", "api"), fl("f-user", "user", "api"),
			fl("f-admin", "admin", "api"), fl("f-reply", "api", "user")},
	}
}

func objectIDs(order []any) []string {
	var ids []string
	for _, o := range order {
		switch v := o.(type) {
		case *model.Element:
			ids = append(ids, v.ID)
		case *model.Flow:
			ids = append(ids, v.ID)
		}
	}
	return ids
}

func TestWalkObjects(t *testing.T) {
	tests := map[string]struct {
		edit func(d *model.Diagram)
		want string
	}{
		"actors first, then along the flows": {
			want: "admin user f-admin api f-user f-db db f-reply f-back lone",
		},
		"out of scope is passed through, not listed": {
			edit: func(d *model.Diagram) { d.Element("api").OutOfScope = true; d.Flow("f-reply").OutOfScope = true },
			want: "admin user f-admin f-user f-db db f-back lone",
		},
		"no actors: document order": {
			edit: func(d *model.Diagram) {
				d.Elements = slices.DeleteFunc(d.Elements, func(e *model.Element) bool { return e.Kind == model.Actor })
				d.Flows = slices.DeleteFunc(d.Flows, func(f *model.Flow) bool { return f.From == "user" || f.From == "admin" || f.To == "user" })
			},
			want: "db f-back api f-db lone",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			d := walkDiagram()
			if tc.edit != nil {
				tc.edit(d)
			}
			_, _, order := WalkObjects(d)
			if got := strings.Join(objectIDs(order), " "); got != tc.want {
				t.Errorf("walk order\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestWalkSteps(t *testing.T) {
	steps := Walk(walkDiagram(), stride(t))
	var got []string
	for _, s := range steps[:6] {
		got = append(got, s.ID()+":"+s.Category.Short)
	}
	// An actor: spoofing and repudiation; a flow: tampering, information
	// disclosure, denial of service.
	if want := []string{"admin:S", "admin:R", "user:S", "user:R", "f-admin:T", "f-admin:I"}; !slices.Equal(got, want) {
		t.Errorf("first steps = %v, want %v", got, want)
	}
	// 3 actors-and-processes categories: actors 2×2, processes 2×6,
	// store (not a log) 3, flows 5×3.
	if want := 4 + 12 + 3 + 15; len(steps) != want {
		t.Errorf("%d steps, want %d", len(steps), want)
	}
}

func TestResumeAt(t *testing.T) {
	day := func(n int) model.Date { return model.Date{Year: 2026, Month: 12, Day: n} }
	discuss := func(s Step, on model.Date) {
		c := s.Common()
		c.Discussed = append(c.Discussed, model.Discussion{Category: s.Category.ID, Date: on, Outcome: model.NothingFound})
	}
	tests := map[string]struct {
		done map[int]int // step → day of its discussion
		want int
	}{
		"fresh":                      {want: 0},
		"stopped half way":           {done: map[int]int{0: 1, 1: 1, 2: 1}, want: 3},
		"skipped one, goes on after": {done: map[int]int{0: 1, 1: 1, 3: 1}, want: 4},
		"a later session started over": {
			done: map[int]int{0: 1, 1: 1, 2: 1, 3: 1, 4: 1, 5: 2, 6: 2}, // day 2 redid nothing before 5
			want: 7,
		},
		"the end reached, the skipped one is left": {done: map[int]int{0: 1, 2: 1, 33: 1}, want: 1},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			steps := Walk(walkDiagram(), stride(t))
			for i, d := range tc.done {
				discuss(steps[i], day(d))
			}
			if got := ResumeAt(steps); got != tc.want {
				t.Errorf("ResumeAt = %d, want %d", got, tc.want)
			}
		})
	}
	steps := Walk(walkDiagram(), stride(t))
	for _, s := range steps {
		discuss(s, day(1))
	}
	if got := ResumeAt(steps); got != len(steps) {
		t.Errorf("all discussed: ResumeAt = %d, want %d", got, len(steps))
	}
}

func TestDiagramCoverage(t *testing.T) {
	d := walkDiagram()
	cl := stride(t)
	on := model.Date{Year: 2026, Month: 12, Day: 5}
	d.Element("admin").Discussed = []model.Discussion{{Category: "spoofing", Date: on, Outcome: model.ThreatsFound}, {Category: "repudiation", Date: on, Outcome: model.NothingFound}}
	d.Element("user").Discussed = []model.Discussion{{Category: "spoofing", Date: on, Outcome: model.NothingFound},
		{Category: "tampering", Date: on, Outcome: model.NothingFound}} // tampering does not apply to an actor: it does not count
	d.Element("lone").OutOfScope = true
	cov := DiagramCoverage(d, cl)
	tests := map[string]struct {
		id   string
		want Mark
	}{
		"fully":               {"admin", Fully},
		"partly":              {"user", Partly},
		"not discussed":       {"api", NotDiscussed},
		"a flow":              {"f-db", NotDiscussed},
		"a note has no mark":  {"note", NoMark},
		"out of scope has no": {"lone", NoMark},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := cov.Of(tc.id).Mark(); got != tc.want {
				t.Errorf("mark of %s = %v, want %v", tc.id, got, tc.want)
			}
		})
	}
	if cov.Of("admin").Threats != 1 {
		t.Errorf("admin: %d categories with threats, want 1", cov.Of("admin").Threats)
	}
	if want := 4 + 6 + 3 + 15; cov.Total != want || cov.Discussed != 3 {
		t.Errorf("coverage %d of %d, want 3 of %d", cov.Discussed, cov.Total, want)
	}
	if f := fmt.Sprintf("%.3f", cov.Fraction()); f != fmt.Sprintf("%.3f", 3.0/28) {
		t.Errorf("fraction = %s", f)
	}
}

func TestReviewOf(t *testing.T) {
	today := model.Date{Year: 2026, Month: 12, Day: 5}
	d := walkDiagram()
	d.Element("api").Threats = []*model.Threat{
		{ID: "t-acc", Title: "Accepted", Decision: model.Accept, Impact: model.Low},
		{ID: "t-tr", Title: "Transferred", Decision: model.Transfer, Impact: model.High},
		{ID: "t-new", Title: "Undecided"},
		{ID: "t-mit", Title: "Mitigated", Decision: model.Mitigate},
	}
	for _, e := range d.Elements {
		if e.ID != "lone" {
			e.Discussed = []model.Discussion{{Category: "spoofing", Outcome: model.NothingFound}}
		}
	}
	m := &model.Model{Diagrams: []*model.Diagram{d},
		Sessions: []*model.Session{{ID: "s", Date: model.Date{Year: 2026, Month: 9, Day: 1}}},
		Actions: []*model.Action{
			{ID: "late2", Due: model.Date{Year: 2026, Month: 11, Day: 30}},
			{ID: "late1", Due: model.Date{Year: 2026, Month: 10, Day: 1}, Status: model.InProgress},
			{ID: "open", Due: model.Date{Year: 2027, Month: 1, Day: 1}},
			{ID: "done", Status: model.Done},
			{ID: "checked", Status: model.Verified, Reviewed: today},
		}}
	r := ReviewOf(m, today)
	ids := func(as []*model.Action) string {
		var s []string
		for _, a := range as {
			s = append(s, a.ID)
		}
		return strings.Join(s, " ")
	}
	refs := func(rs []model.ThreatRef) string {
		var s []string
		for _, r := range rs {
			s = append(s, r.Threat.ID)
		}
		return strings.Join(s, " ")
	}
	checks := map[string]struct{ got, want string }{
		"due":           {r.Due.String(), "2026-12-01"},
		"overdue":       {ids(r.Overdue), "late1 late2"},
		"open":          {ids(r.Open), "open"},
		"unreviewed":    {ids(r.Unreviewed), "done"},
		"revisit":       {refs(r.Revisit), "t-tr t-acc"},
		"undecided":     {refs(r.Undecided), "t-new"},
		"not discussed": {fmt.Sprintf("%d %s", len(r.NotDiscussed), r.NotDiscussed[0].Element.ID), "1 lone"},
	}
	for name, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", name, c.got, c.want)
		}
	}
	if r.Empty() || !(&Review{}).Empty() {
		t.Error("Empty is wrong")
	}
}
