package assets_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"testing"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

func decodeExample(t *testing.T) *model.Model {
	t.Helper()
	m, err := model.Decode(assets.Example())
	if err != nil {
		t.Fatalf("decode the example: %v", err)
	}
	return m
}

func TestExampleRoundTrip(t *testing.T) {
	data := assets.Example()
	m, err := model.Decode(data)
	if err != nil {
		t.Fatalf("decode the example: %v", err)
	}
	out, err := model.Encode(m)
	if err != nil {
		t.Fatalf("encode the example: %v", err)
	}
	if !bytes.Equal(out, data) {
		t.Errorf("the example does not re-encode byte for byte: write it in the canonical form")
	}
}

func TestExampleIsACopy(t *testing.T) {
	a := assets.Example()
	a[0] = 'x'
	if assets.Example()[0] != '{' {
		t.Error("changing the returned bytes changed the embedded example")
	}
}

func TestExampleMetadata(t *testing.T) {
	m := decodeExample(t)
	if m.Title != "Private podcast feed" || m.Classification != "Internal" {
		t.Errorf("title %q, classification %q", m.Title, m.Classification)
	}
	if m.Owner == "" || m.Scope == "" || m.Version == "" || m.Description == "" {
		t.Errorf("owner %q, scope %q, document version %q or description missing", m.Owner, m.Scope, m.Version)
	}
	if len(m.Sessions) != 1 {
		t.Fatalf("%d sessions, want 1", len(m.Sessions))
	}
	s := m.Sessions[0]
	if n := len(s.Participants); n < 4 || n > 5 {
		t.Errorf("%d participants, want 4 or 5", n)
	}
	for _, p := range s.Participants {
		if p.Name == "" || p.Role == "" {
			t.Errorf("participant %+v lacks a name or role", p)
		}
	}
	if want := s.Date.AddMonths(3); m.NextSession != want {
		t.Errorf("next session %v, want three months after %v: %v", m.NextSession, s.Date, want)
	}
}

func TestExampleDiagrams(t *testing.T) {
	m := decodeExample(t)
	tests := map[string]struct {
		kinds map[string]model.Kind // element name → kind
		boxes map[string][]string   // box boundary → the elements inside it, in document order
		lines []string
	}{
		"Authentication": {
			kinds: map[string]model.Kind{
				"Employee": model.Actor, "Browser front-end": model.Process, "Static front-end files": model.Store,
				"Web API": model.Process, "Identity provider": model.MultiProcess,
				"User store": model.Store, "Audit log": model.Store,
			},
			boxes: map[string][]string{
				"Authenticated zone": {"Web API", "Audit log"},
				"Identity provider":  {"Identity provider", "User store"},
			},
			lines: []string{"Internet edge"},
		},
		"Listen to an episode": {
			kinds: map[string]model.Kind{
				"Employee": model.Actor, "Podcast app": model.Process, "Feed service": model.Process,
				"Episode store": model.Store, "Public podcast directory": model.Actor,
			},
			boxes: map[string][]string{"Company zone": {"Feed service", "Feed tokens", "Episode store", "Feed access log", "Publishing pipeline"}},
			lines: []string{"Internet edge"},
		},
	}
	for title, tc := range tests {
		t.Run(title, func(t *testing.T) {
			d := diagramTitled(m, title)
			if d == nil {
				t.Fatalf("no diagram %q", title)
			}
			byName := map[string]*model.Element{}
			for _, e := range d.Elements {
				byName[e.Name] = e
			}
			for name, kind := range tc.kinds {
				if e := byName[name]; e == nil || e.Kind != kind {
					t.Errorf("want %s %q", kind, name)
				}
			}
			var lines []string
			for _, b := range d.Boundaries {
				if b.Shape == model.BoundaryLine {
					lines = append(lines, b.Name)
					continue
				}
				want, ok := tc.boxes[b.Name]
				if !ok {
					t.Errorf("unexpected box %q", b.Name)
				}
				var inside []string
				for _, e := range d.Elements {
					if b.Encloses(e.Bounds) {
						inside = append(inside, e.Name)
					} else if b.Bounds.Intersects(e.Bounds) {
						t.Errorf("box %q cuts through %q", b.Name, e.Name)
					}
				}
				if !slices.Equal(inside, want) {
					t.Errorf("box %q encloses %q, want %q", b.Name, inside, want)
				}
			}
			if !slices.Equal(lines, tc.lines) {
				t.Errorf("line boundaries %q, want %q", lines, tc.lines)
			}
			for _, f := range d.Flows {
				if f.Name == "" || f.Protocol == "" || f.Classification == model.DataUnclassified {
					t.Errorf("flow %q lacks a name, protocol or classification", f.Name)
				}
			}
		})
	}
	var credentialStore, auditLog, credentialURL bool
	for _, d := range m.Diagrams {
		for _, e := range d.Elements {
			credentialStore = credentialStore || e.Name == "User store" && e.StoresCredentials
			auditLog = auditLog || e.Name == "Audit log" && e.IsLog
		}
		for _, f := range d.Flows {
			credentialURL = credentialURL || f.Name == "Feed URL with token" && f.CarriesCredentials
		}
	}
	if !credentialStore || !auditLog || !credentialURL {
		t.Errorf("user store stores credentials: %v, audit log is a log: %v, feed URL carries credentials: %v",
			credentialStore, auditLog, credentialURL)
	}
}

func TestExampleThreats(t *testing.T) {
	m := decodeExample(t)
	refs := m.Threats()
	if len(refs) < 12 {
		t.Errorf("%d threats, want at least 12", len(refs))
	}
	categories := map[string]bool{}
	decisions := map[model.Decision]int{}
	tracked := 0
	for _, r := range refs {
		th := r.Threat
		categories[th.Category] = true
		decisions[th.Decision]++
		if th.Title == "" || th.Likelihood == model.LevelUnset || th.Impact == model.LevelUnset ||
			th.Mitigation == "" || th.Decision == model.Undecided {
			t.Errorf("threat %q lacks a title, rating, mitigation or decision", th.Title)
		}
		switch th.Decision {
		case model.Accept:
			if th.Justification == "" || th.AcceptedBy == "" {
				t.Errorf("accepted threat %q lacks a justification or who accepted it", th.Title)
			}
		case model.Transfer:
			if th.Justification == "" || th.TransferredTo == "" {
				t.Errorf("transferred threat %q lacks a justification or to whom", th.Title)
			}
		case model.Mitigate:
			if th.Owner != "" && th.Ticket != "" && !th.Due.IsZero() {
				tracked++
			}
		}
	}
	for _, c := range []string{"spoofing", "tampering", "repudiation", "information-disclosure", "denial-of-service", "elevation-of-privilege"} {
		if !categories[c] {
			t.Errorf("no %s threat", c)
		}
	}
	if decisions[model.Accept] != 1 || decisions[model.Transfer] != 1 {
		t.Errorf("%d accepted and %d transferred threats, want one each", decisions[model.Accept], decisions[model.Transfer])
	}
	if tracked < 3 {
		t.Errorf("%d mitigations with owner, ticket and due date, want a few", tracked)
	}
	statuses := map[model.Status]bool{}
	for _, r := range refs {
		if r.Threat.Decision == model.Mitigate {
			statuses[r.Threat.Status] = true
		}
	}
	if len(statuses) < 3 {
		t.Errorf("mitigations show %d statuses, want a spread", len(statuses))
	}
	for i, a := range m.Actions {
		if a.ThreatID == "" {
			continue
		}
		if _, ok := m.Threat(a.ThreatID); !ok {
			t.Errorf("actions[%d] names unknown threat %q", i, a.ThreatID)
		}
	}
	withControls := 0
	for _, d := range m.Diagrams {
		for _, e := range d.Elements {
			if len(e.Controls) > 0 {
				withControls++
			}
		}
	}
	if withControls < 2 {
		t.Errorf("%d elements with a controls table, want some", withControls)
	}
}

func TestExampleAttackTree(t *testing.T) {
	m := decodeExample(t)
	if len(m.AttackTrees) != 1 {
		t.Fatalf("%d attack trees, want 1", len(m.AttackTrees))
	}
	tree := m.AttackTrees[0]
	if tree.Title != "Private feed becomes public" || tree.Root.Type != model.Or {
		t.Errorf("tree %q with a %s root, want \"Private feed becomes public\" with an OR root", tree.Title, tree.Root.Type)
	}
	target, ok := m.Threat(tree.Target)
	if !ok || !tree.FeedsLikelihood {
		t.Fatalf("tree targets %q (found %v) and feeds its likelihood: %v", tree.Target, ok, tree.FeedsLikelihood)
	}
	if target.Threat.Category != "information-disclosure" {
		t.Errorf("tree targets %q, an %s threat", target.Threat.Title, target.Threat.Category)
	}
	branches := map[string]*model.Node{}
	for _, n := range tree.Root.Children {
		branches[n.Title] = n
	}
	for _, title := range []string{
		"A podcast app adds the feed to a searchable directory",
		"Feed URL leaked in a screenshot or shared link",
		"Guessing or enumerating feed tokens",
	} {
		if branches[title] == nil {
			t.Errorf("no branch %q", title)
		}
	}
	if g := branches["Guessing or enumerating feed tokens"]; g != nil {
		if g.Type != model.And || len(g.Children) < 2 {
			t.Fatalf("guessing branch is %s with %d children, want AND of two or more", g.Type, len(g.Children))
		}
		lo, hi := g.Children[0].Cost, g.Children[0].Cost
		for _, c := range g.Children {
			lo, hi = min(lo, c.Cost), max(hi, c.Cost)
		}
		if hi < 100*lo {
			t.Errorf("guessing leaves cost %v to %v, want a cheap and an expensive one", lo, hi)
		}
	}
	var leaves, countered int
	var walk func(n *model.Node)
	walk = func(n *model.Node) {
		if n.Type == model.Leaf {
			leaves++
			if n.Probability == 0 && n.Level == model.LevelUnset || n.Skill == 0 {
				t.Errorf("leaf %q lacks a probability or skill", n.Title)
			}
			if len(n.Countermeasures) > 0 {
				countered++
			}
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(tree.Root)
	if leaves < 5 || countered < 2 {
		t.Errorf("%d leaves of which %d with countermeasures", leaves, countered)
	}
}

// TestExampleTreeAgrees checks that the attack tree proposes the likelihood
// its threat already has, so opening the example proposes no change.
func TestExampleTreeAgrees(t *testing.T) {
	m := decodeExample(t)
	props, err := analysis.ProposeLikelihoods(m)
	if err != nil {
		t.Fatal(err)
	}
	if len(props) != 1 {
		t.Fatalf("%d likelihood proposals, want 1", len(props))
	}
	if p := props[0]; p.Changes() {
		t.Errorf("the tree's root probability %.3f proposes %s, the threat says %s", p.Probability, p.Proposed, p.Current)
	}
}

// TestExampleLintClean keeps the example a model of good practice: a lint
// finding here would be the first thing a new user sees.
func TestExampleLintClean(t *testing.T) {
	for _, f := range analysis.Lint(decodeExample(t)) {
		t.Errorf("lint: %s", f)
	}
}

// The example is what the README's screenshot shows: shapes, labels and
// boundaries must not collide, and the whole diagram fits a window.
const (
	maxWidth, maxHeight = 1200, 700
	charWidth           = 7.5 // an estimate of the label font's average advance
	labelHeight         = 16
)

func TestExampleLayout(t *testing.T) {
	m := decodeExample(t)
	for _, d := range m.Diagrams {
		t.Run(d.Title, func(t *testing.T) {
			frame := model.Rect{W: maxWidth, H: maxHeight}
			for i, a := range d.Elements {
				if !frame.ContainsRect(a.Bounds) {
					t.Errorf("%q at %+v lies outside %vx%v", a.Name, a.Bounds, maxWidth, maxHeight)
				}
				for _, b := range d.Elements[i+1:] {
					if a.Bounds.Intersects(b.Bounds) {
						t.Errorf("%q overlaps %q", a.Name, b.Name)
					}
				}
			}
			for _, b := range d.Boundaries {
				for _, p := range b.Points {
					if !frame.Contains(p) {
						t.Errorf("boundary %q point %+v lies outside the frame", b.Name, p)
					}
				}
				if b.Shape == model.BoundaryLine {
					for _, e := range d.Elements {
						if b.Crosses(outline(e.Bounds)) {
							t.Errorf("line %q cuts through %q", b.Name, e.Name)
						}
					}
				}
			}
			var labels []model.Rect
			for _, f := range d.Flows {
				path := d.FlowPath(f)
				for _, e := range d.Elements {
					if e.ID == f.From || e.ID == f.To {
						continue
					}
					if (&model.Boundary{Shape: model.BoundaryBox, Bounds: e.Bounds}).Crosses(path) {
						t.Errorf("flow %q runs through %q", f.Name, e.Name)
					}
				}
				mid := model.PolylineMiddle(path).Add(f.LabelOffset)
				w := charWidth * float64(len([]rune(f.Name)))
				label := model.Rect{X: mid.X - w/2, Y: mid.Y - labelHeight/2, W: w, H: labelHeight}
				if !frame.ContainsRect(label) {
					t.Errorf("label %q at %+v lies outside the frame", f.Name, label)
				}
				for _, e := range d.Elements {
					if label.Intersects(e.Bounds) {
						t.Errorf("label %q overlaps %q", f.Name, e.Name)
					}
				}
				for _, b := range d.Boundaries {
					if b.Crosses(outline(label)) || b.Shape == model.BoundaryBox && b.Bounds.Inset(-1).Intersects(label) && !b.Bounds.ContainsRect(label) {
						t.Errorf("label %q lies on boundary %q", f.Name, b.Name)
					}
				}
				for i, other := range labels {
					if label.Intersects(other) {
						t.Errorf("label %q overlaps the label of %q", f.Name, d.Flows[i].Name)
					}
				}
				labels = append(labels, label)
			}
		})
	}
}

func outline(r model.Rect) []model.Point {
	return []model.Point{{X: r.X, Y: r.Y}, {X: r.X + r.W, Y: r.Y}, {X: r.X + r.W, Y: r.Y + r.H}, {X: r.X, Y: r.Y + r.H}, {X: r.X, Y: r.Y}}
}

func diagramTitled(m *model.Model, title string) *model.Diagram {
	for _, d := range m.Diagrams {
		if d.Title == title {
			return d
		}
	}
	return nil
}

// TestVersionMatchesPackaging keeps the version the binaries print equal to
// the one FyneApp.toml gives the packages.
func TestVersionMatchesPackaging(t *testing.T) {
	data, err := os.ReadFile("../FyneApp.toml")
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("FyneApp.toml not written yet")
	}
	if err != nil {
		t.Fatal(err)
	}
	match := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]*)"`).FindSubmatch(data)
	if match == nil {
		t.Fatal("FyneApp.toml has no Version")
	}
	if got := string(match[1]); got != assets.Version {
		t.Errorf("FyneApp.toml has version %q, assets.Version is %q", got, assets.Version)
	}
}
