package analysis

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/model"
)

// lintBase is a clean model: a user (outside the "Data centre" box) calls a
// web app over HTTPS, the web app reads and writes a database inside the
// box, threats are decided properly and an action has an owner.
func lintBase() *model.Model {
	user := &model.Element{ID: "user", Kind: model.Actor, Bounds: model.Rect{X: 0, Y: 0, W: 100, H: 60},
		Common: model.Common{Name: "User"}, Human: true}
	web := &model.Element{ID: "web", Kind: model.Process, Bounds: model.Rect{X: 300, Y: 0, W: 100, H: 100},
		Common: model.Common{Name: "Web app", Threats: []*model.Threat{
			{ID: "t-acc", Title: "Session fixation", Decision: model.Accept, Justification: "Short sessions", AcceptedBy: "CISO"},
			{ID: "t-mit", Title: "XSS", Decision: model.Mitigate, Owner: "Team A"},
			{ID: "t-act", Title: "CSRF", Decision: model.Mitigate},
		}}}
	db := &model.Element{ID: "db", Kind: model.Store, Bounds: model.Rect{X: 600, Y: 20, W: 140, H: 50},
		Common: model.Common{Name: "Database"}}
	note := &model.Element{ID: "note", Kind: model.Note, Bounds: model.Rect{X: 0, Y: 300, W: 140, H: 40}}
	return &model.Model{
		Diagrams: []*model.Diagram{{
			ID: "d1", Title: "Login",
			Elements: []*model.Element{user, web, db, note},
			Flows: []*model.Flow{
				{ID: "f1", From: "user", To: "web", Common: model.Common{Name: "login"}, Protocol: "HTTPS", Encrypted: true},
				{ID: "f2", From: "web", To: "db", Common: model.Common{Name: "store session"}},
				{ID: "f3", From: "db", To: "web", Common: model.Common{Name: "read user"}},
				{ID: "f4", From: "web", To: "user", Common: model.Common{Name: "page"}, Protocol: "HTTPS", Encrypted: true},
			},
			Boundaries: []*model.Boundary{{ID: "b1", Name: "Data centre", Shape: model.BoundaryBox,
				Bounds: model.Rect{X: 250, Y: -50, W: 550, H: 200}}},
		}},
		AttackTrees: []*model.AttackTree{{ID: "tree", Title: "Take over", Target: "t-mit",
			Root: &model.Node{ID: "n", Type: model.Leaf, Probability: 0.1}}},
		Actions: []*model.Action{{ID: "a1", Title: "Add CSRF tokens", ThreatID: "t-act", Owner: "Team B"},
			{ID: "a2", Title: "Escape output", ThreatID: "t-mit"}},
	}
}

func TestLintCleanModel(t *testing.T) {
	if got := Lint(lintBase()); len(got) != 0 {
		t.Fatalf("the clean model has findings:\n%s", findingsText(got))
	}
}

func findingsText(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("  " + f.String() + "\n")
	}
	return b.String()
}

func TestLint(t *testing.T) {
	el := func(m *model.Model, id string) *model.Element { return m.Diagrams[0].Element(id) }
	fl := func(m *model.Model, id string) *model.Flow { return m.Diagrams[0].Flow(id) }
	th := func(m *model.Model, id string) *model.Threat { r, _ := m.Threat(id); return r.Threat }
	dropFlows := func(m *model.Model, ids ...string) {
		d := m.Diagrams[0]
		d.Flows = slices.DeleteFunc(d.Flows, func(f *model.Flow) bool { return slices.Contains(ids, f.ID) })
	}
	tests := map[string]struct {
		edit func(m *model.Model)
		want []string // "code object" of every finding, in order
	}{
		"unconnected element": {
			edit: func(m *model.Model) {
				d := m.Diagrams[0]
				d.Elements = append(d.Elements, &model.Element{ID: "lone", Kind: model.Actor, Common: model.Common{Name: "Admin"}})
			},
			want: []string{"L001 lone"},
		},
		"unconnected but out of scope still shows": {
			edit: func(m *model.Model) {
				d := m.Diagrams[0]
				d.Elements = append(d.Elements, &model.Element{ID: "lone", Kind: model.Store, Common: model.Common{Name: "Old", OutOfScope: true}})
			},
			want: []string{"L001 lone"},
		},
		"unlabeled flow": {
			edit: func(m *model.Model) { fl(m, "f2").Name = "  " },
			want: []string{"L002 f2"},
		},
		"store nobody writes": {
			edit: func(m *model.Model) { dropFlows(m, "f2") },
			want: []string{"L003 db"},
		},
		"a bidirectional flow writes": {
			edit: func(m *model.Model) { dropFlows(m, "f2"); fl(m, "f3").Bidirectional = true },
		},
		"out-of-scope store is not asked": {
			edit: func(m *model.Model) { dropFlows(m, "f2"); el(m, "db").OutOfScope = true },
		},
		"process without input": {
			edit: func(m *model.Model) { dropFlows(m, "f1", "f3") },
			want: []string{"L004 web"},
		},
		"process without output": {
			edit: func(m *model.Model) { dropFlows(m, "f2", "f4"); el(m, "db").OutOfScope = true },
			want: []string{"L005 web"},
		},
		"multi-process without output": {
			edit: func(m *model.Model) {
				el(m, "web").Kind = model.MultiProcess
				dropFlows(m, "f2", "f4")
				el(m, "db").OutOfScope = true
			},
			want: []string{"L005 web"},
		},
		"crossing flow without protocol": {
			edit: func(m *model.Model) { fl(m, "f1").Protocol = "" },
			want: []string{"L006 f1"},
		},
		"crossing flow unencrypted": {
			edit: func(m *model.Model) { fl(m, "f4").Encrypted = false },
			want: []string{"L007 f4"},
		},
		"crossing flow with nothing said": {
			edit: func(m *model.Model) { fl(m, "f1").Protocol = ""; fl(m, "f1").Encrypted = false },
			want: []string{"L006 f1", "L007 f1"},
		},
		"flow inside the boundary needs nothing": {
			edit: func(m *model.Model) { fl(m, "f2").Protocol = ""; fl(m, "f2").Encrypted = false },
		},
		"crossing a line boundary counts too": {
			edit: func(m *model.Model) {
				d := m.Diagrams[0]
				d.Boundaries = append(d.Boundaries, &model.Boundary{ID: "b2", Name: "DMZ", Shape: model.BoundaryLine,
					Points: []model.Point{{X: 500, Y: -100}, {X: 500, Y: 300}}})
			},
			want: []string{"L006 f2", "L006 f3", "L007 f2", "L007 f3"},
		},
		"out-of-scope crossing flow is not asked": {
			edit: func(m *model.Model) { fl(m, "f1").Protocol = ""; fl(m, "f1").OutOfScope = true },
		},
		"duplicate names": {
			edit: func(m *model.Model) { el(m, "db").Name = " web APP " },
			want: []string{"L008 db"},
		},
		"unnamed element": {
			edit: func(m *model.Model) { el(m, "db").Name = "" },
			want: []string{"L009 db"},
		},
		"accepted without justification": {
			edit: func(m *model.Model) { th(m, "t-acc").Justification = "" },
			want: []string{"L010 t-acc"},
		},
		"transferred without justification": {
			edit: func(m *model.Model) { th(m, "t-acc").Decision = model.Transfer; th(m, "t-acc").Justification = "" },
			want: []string{"L010 t-acc"},
		},
		"threat on a flow is checked too": {
			edit: func(m *model.Model) {
				fl(m, "f1").Threats = []*model.Threat{{ID: "t-f", Title: "Sniffing", Decision: model.Accept}}
			},
			want: []string{"L010 t-f"},
		},
		"mitigation without owner": {
			edit: func(m *model.Model) { th(m, "t-mit").Owner = "" },
			want: []string{"L011 t-mit"},
		},
		"owner through an action is enough": {
			edit: func(m *model.Model) {
				th(m, "t-mit").Owner = ""
				m.Actions[0].ThreatID = "t-mit"
				th(m, "t-act").Owner = "x"
			},
			want: []string{"L015 t-act"}, // it lost its action to t-mit
		},
		"an action without owner is not enough": {
			edit: func(m *model.Model) { m.Actions[0].Owner = "" },
			want: []string{"L011 t-act"},
		},
		"finished mitigation needs no owner": {
			edit: func(m *model.Model) { th(m, "t-mit").Owner = ""; th(m, "t-mit").Status = model.Done },
		},
		"flow to unknown element": {
			edit: func(m *model.Model) { fl(m, "f2").To = "gone" },
			want: []string{"L003 db", "L012 f2"},
		},
		"element opens unknown diagram": {
			edit: func(m *model.Model) { el(m, "web").Kind = model.MultiProcess; el(m, "web").Child = "d9" },
			want: []string{"L012 web"},
		},
		"diagram details unknown element": {
			edit: func(m *model.Model) { m.Diagrams[0].Parent = "mp" },
			want: []string{"L012 d1"},
		},
		"attack tree on unknown target": {
			edit: func(m *model.Model) { m.AttackTrees[0].Target = "t-gone" },
			want: []string{"L012 tree"},
		},
		"attack tree on an element": {
			edit: func(m *model.Model) { m.AttackTrees[0].Target = "db" },
		},
		"attack tree feeding an element": {
			edit: func(m *model.Model) { m.AttackTrees[0].Target = "db"; m.AttackTrees[0].FeedsLikelihood = true },
			want: []string{"L014 tree"},
		},
		"attack tree feeding its threat": {
			edit: func(m *model.Model) { m.AttackTrees[0].FeedsLikelihood = true },
		},
		"invalid attack tree": {
			edit: func(m *model.Model) {
				m.AttackTrees[0].Root = &model.Node{ID: "r", Type: model.Or, Children: []*model.Node{
					{ID: "a", Type: model.And},
					{ID: "b", Type: model.Leaf, Probability: 2},
				}}
			},
			want: []string{"L013 a", "L013 b"},
		},
		"action for unknown threat": {
			edit: func(m *model.Model) { m.Actions[0].ThreatID = "t-gone" },
			want: []string{"L011 t-act", "L015 t-act", "L012 a1"},
		},
		"order: by diagram, then code, then document order": {
			edit: func(m *model.Model) {
				m.Actions[0].ThreatID = "t-gone" // model-wide: last
				fl(m, "f4").Name = ""
				fl(m, "f1").Name = ""
				el(m, "db").Name = ""
				m.Diagrams = append(m.Diagrams, &model.Diagram{ID: "d2", Elements: []*model.Element{{ID: "x", Kind: model.Process, Common: model.Common{Name: "X"}}}})
			},
			want: []string{"L002 f1", "L002 f4", "L009 db", "L011 t-act", "L015 t-act", "L001 x", "L012 a1"},
		},
		"mitigation without action": {
			edit: func(m *model.Model) { m.Actions = m.Actions[:1] },
			want: []string{"L015 t-mit"},
		},
		"finished mitigation needs no action": {
			edit: func(m *model.Model) { m.Actions = m.Actions[:1]; th(m, "t-mit").Status = model.Verified },
		},
		"accepted threat needs no action": {
			edit: func(m *model.Model) { m.Actions = m.Actions[:1]; th(m, "t-mit").Decision = model.Avoid },
		},
		"never discussed, once there is a session": {
			edit: func(m *model.Model) {
				m.Sessions = []*model.Session{{ID: "s1"}}
				el(m, "user").Discussed = []model.Discussion{{Category: "spoofing", Outcome: model.NothingFound}}
				el(m, "db").OutOfScope = true
			},
			want: []string{"L016 web"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			m := lintBase()
			tc.edit(m)
			m.Diagrams[0].Reindex()
			found := Lint(m)
			var got []string
			for _, f := range found {
				got = append(got, f.Code+" "+f.Object)
				if f.Message == "" || f.Check == "" || f.Severity == 0 {
					t.Errorf("incomplete finding %+v", f)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Lint =\n%swant %v", findingsText(found), tc.want)
			}
			if again := Lint(m); !slices.Equal(again, found) {
				t.Error("a second run differs")
			}
		})
	}
}

// TestCrossedBoundaries holds the prepared crossing test to the model's
// own answer: on synthetic diagrams with many boundaries, and on the edge
// cases of touching, collinear, degenerate and inside-out shapes.
func TestCrossedBoundaries(t *testing.T) {
	same := func(t *testing.T, d *model.Diagram) (crossing int) {
		t.Helper()
		x := newBoundaryIndex(d)
		for _, f := range d.Flows {
			got, want := x.crossed(f), d.CrossedBoundaries(f)
			if !slices.Equal(got, want) {
				t.Fatalf("flow %s: crossed %v, want %v", f.ID, boundaryIDs(got), boundaryIDs(want))
			}
			if len(want) > 0 {
				crossing++
			}
		}
		return crossing
	}
	for seed := int64(1); seed <= 5; seed++ {
		d := model.Synthetic(400, 600, 20, seed).Diagrams[0]
		if n := same(t, d); n == 0 || n == len(d.Flows) {
			t.Errorf("seed %d: %d of %d flows cross a boundary; the test needs some of each", seed, n, len(d.Flows))
		}
	}

	el := func(id string, x, y float64) *model.Element {
		return &model.Element{ID: id, Kind: model.Actor, Bounds: model.Rect{X: x, Y: y, W: 20, H: 20}}
	}
	line := func(id string, pts ...model.Point) *model.Boundary {
		return &model.Boundary{ID: id, Shape: model.BoundaryLine, Points: pts}
	}
	d := &model.Diagram{
		Elements: []*model.Element{el("a", 0, 0), el("b", 100, 0), el("c", 100, 100), el("d", 0, 100)},
		Flows: []*model.Flow{
			{ID: "ab", From: "a", To: "b"},
			{ID: "ac", From: "a", To: "c"},
			{ID: "bd", From: "b", To: "d", Waypoints: []model.Point{{X: 110, Y: 200}, {X: -50, Y: 60}}},
			{ID: "aa", From: "a", To: "a"},
			{ID: "gone", From: "a", To: "zz"},
		},
		Boundaries: []*model.Boundary{
			line("touch", model.Point{X: 60, Y: 10}, model.Point{X: 60, Y: -40}),    // ends on ab
			line("collinear", model.Point{X: 30, Y: 10}, model.Point{X: 50, Y: 10}), // lies along ab
			line("dot", model.Point{X: 60, Y: 60}),                                  // a single point on ac
			line("empty"),
			line("far", model.Point{X: 500, Y: 500}, model.Point{X: 600, Y: 600}),
			{ID: "inside-out", Shape: model.BoundaryBox, Bounds: model.Rect{X: 130, Y: 130, W: -60, H: -60}},
			{ID: "around", Shape: model.BoundaryBox, Bounds: model.Rect{X: -10, Y: -10, W: 150, H: 150}},
			{ID: "zero", Shape: model.BoundaryBox, Bounds: model.Rect{X: 40, Y: 40}},
		},
	}
	// A flow to an element far off the boundaries' extent still meets the
	// boundaries its long path passes.
	// boundaries its long path passes; with enough boundaries to make the
	// grid several cells wide.
	d.Elements = append(d.Elements, el("far", 1e300, 540), el("left", 0, 540))
	d.Flows = append(d.Flows, &model.Flow{ID: "to-far", From: "left", To: "far"})
	d.Boundaries = append(d.Boundaries, line("post", model.Point{X: 1500, Y: 500}, model.Point{X: 1500, Y: 600}))
	for i := range 8 {
		x := float64(10 * i)
		d.Boundaries = append(d.Boundaries, line("filler"+strconv.Itoa(i), model.Point{X: x, Y: -100}, model.Point{X: x + 5, Y: -90}))
	}
	if n := same(t, d); n == 0 {
		t.Error("no edge case crosses anything")
	}
}

func boundaryIDs(bs []*model.Boundary) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.ID)
	}
	return out
}

func TestLintChecks(t *testing.T) {
	seen := map[string]bool{}
	for i, c := range LintChecks() {
		if c.Code == "" || c.Name == "" || c.Help == "" || c.Severity == 0 {
			t.Errorf("check %d incomplete: %+v", i, c)
		}
		if seen[c.Code] || seen[c.Name] {
			t.Errorf("check %s %s repeated", c.Code, c.Name)
		}
		seen[c.Code], seen[c.Name] = true, true
		if i > 0 && LintChecks()[i-1].Code >= c.Code {
			t.Errorf("codes out of order at %s", c.Code)
		}
	}
}

func TestFindingJSONAndText(t *testing.T) {
	f := Finding{Code: "L002", Check: "unlabeled-flow", Severity: Warning, Diagram: "d1", Object: "f2", Message: "flow has no label"}
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"code":"L002","check":"unlabeled-flow","severity":"warning","diagram":"d1","object":"f2","message":"flow has no label"}`
	if string(b) != want {
		t.Errorf("JSON = %s\nwant   %s", b, want)
	}
	var back Finding
	if err := json.Unmarshal(b, &back); err != nil || back != f {
		t.Errorf("round trip = %+v, %v", back, err)
	}
	if got := f.String(); got != "L002 unlabeled-flow warning d1/f2: flow has no label" {
		t.Errorf("String = %q", got)
	}
}

func TestSeverity(t *testing.T) {
	tests := map[string]struct {
		s    Severity
		name string
	}{
		"info":    {Info, "info"},
		"warning": {Warning, "warning"},
		"error":   {Error, "error"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if tc.s.String() != tc.name {
				t.Errorf("String = %q", tc.s.String())
			}
			if got, err := ParseSeverity(tc.name); err != nil || got != tc.s {
				t.Errorf("Parse = %v, %v", got, err)
			}
		})
	}
	for _, bad := range []string{"", "fatal"} {
		if _, err := ParseSeverity(bad); err == nil {
			t.Errorf("ParseSeverity(%q) succeeded", bad)
		}
	}
	var s Severity
	if err := json.Unmarshal([]byte(`"fatal"`), &s); err == nil {
		t.Error("Unmarshal(fatal) succeeded")
	}
	if Severity(0).String() != "invalid(0)" {
		t.Errorf("zero severity = %q", Severity(0).String())
	}
	if got := MaxSeverity([]Finding{{Severity: Info}, {Severity: Error}, {Severity: Warning}}); got != Error {
		t.Errorf("MaxSeverity = %v", got)
	}
	if got := MaxSeverity(nil); got != 0 {
		t.Errorf("MaxSeverity(nil) = %v", got)
	}
}
