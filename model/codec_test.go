package model

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fullModel uses every field of the format at least once, so that the
// round trip covers every key.
func fullModel() *Model {
	threat := func(id string, d Decision) *Threat {
		return &Threat{
			ID: id, Title: "Stolen <session> & cookie", Category: "spoofing", Description: "An attacker replays a cookie.",
			Likelihood: Medium, Impact: High, Mitigation: "Short-lived tokens", Decision: d,
			Justification: "Low value", AcceptedBy: "CISO", TransferredTo: "Insurer", Owner: "Alice",
			Ticket: "SEC-1", Due: Date{2027, 1, 15}, Status: InProgress, RuleID: "R-SPOOF-1",
		}
	}
	return &Model{
		ID: "m1", Title: "Podcast feed", Owner: "Platform", Description: "Private feed.", Scope: "Auth and listening",
		Classification: "Internal", Version: "1.2", NextSession: Date{2027, 2, 27},
		Sessions: []*Session{{ID: "s1", Date: Date{2026, 11, 27}, Duration: 90, Actual: 75,
			Participants: []Participant{{"Alice", "developer"}, {"Bob", "security"}}, Notes: "First session."}},
		Diagrams: []*Diagram{{
			ID: "d1", Title: "Authentication", Description: "Login", Checklist: "stride",
			Background: &Background{Path: "whiteboard.jpg", Bounds: Rect{0, 0, 800, 600}, Opacity: 0.3, Rotation: 1, Locked: true},
			Elements: []*Element{
				{ID: "e1", Kind: Actor, Bounds: Rect{10, 20, 120, 60}, Common: Common{Name: "Employee", Tags: []string{"human"},
					Controls: []Control{{Name: "MFA", InPlace: true, Notes: "TOTP"}}}, Human: true, Authenticates: true},
				{ID: "e2", Kind: Process, Bounds: Rect{200, 20, 100, 100}, Common: Common{Name: "Web API", Description: "REST",
					OutOfScope: true, OutOfScopeReason: "Legacy", Technology: "Go", Owner: "Team A",
					Threats: []*Threat{threat("t1", Accept)}, Dismissed: []string{"R-DOS-2"},
					Discussed: []Discussion{{"spoofing", Date{2026, 11, 27}, ThreatsFound}, {"repudiation", Date{2026, 11, 27}, NothingFound}}},
					WebApplication: true, PrivilegeLevel: "service account", ParsesUntrustedInput: true, AuthenticatesUsers: true,
					AuthorizesRequests: true, WritesAuditLog: true, HandlesPayments: true, HandlesPersonalData: true, ThirdPartyCode: true},
				{ID: "e3", Kind: MultiProcess, Bounds: Rect{400, 20, 110, 110}, Common: Common{Name: "Identity provider"}, Child: "d2"},
				{ID: "e4", Kind: Store, Bounds: Rect{200, 200, 120, 50}, Common: Common{Name: "Audit log"},
					IsLog: true, EncryptedAtRest: true, Signed: true, StoresCredentials: true, StoresPersonalData: true,
					StoresSecrets: true, BackedUp: true, Shared: true},
				{ID: "e5", Kind: Note, Bounds: Rect{-50.5, 300, 200, 40}, Common: Common{Name: "TLS everywhere"}},
			},
			Flows: []*Flow{{
				ID: "f1", From: "e1", To: "e2", Waypoints: []Point{{150, 50}, {170, 60.25}}, LabelOffset: Point{0, -12},
				Common:   Common{Name: "Login", Threats: []*Threat{threat("t2", Mitigate)}},
				Protocol: "HTTPS", Encrypted: true, AuthenticatesSource: true, AuthenticatesDestination: true,
				PublicNetwork: true, Bidirectional: true, Classification: DataConfidential, CarriesCredentials: true, CarriesPersonalData: true,
			}, {ID: "f2", From: "e2", To: "e4"}},
			Boundaries: []*Boundary{
				{ID: "b1", Name: "Internet", Description: "Untrusted", Shape: BoundaryLine, Points: []Point{{180, 0}, {180, 400}}},
				{ID: "b2", Name: "Data centre", Shape: BoundaryBox, Bounds: Rect{190, 10, 350, 300}},
			},
		}, {ID: "d2", Title: "Identity provider", Parent: "e3"}},
		AttackTrees: []*AttackTree{{ID: "a1", Title: "Private feed becomes public", Target: "t1", FeedsLikelihood: true,
			Root: &Node{ID: "n1", Title: "Feed is public", Type: Or, Children: []*Node{
				{ID: "n2", Title: "App adds the feed to a searchable directory", Type: Leaf, Probability: 0.4, Cost: 0, Skill: 1},
				{ID: "n3", Title: "Leak and index", Type: And, Children: []*Node{
					{ID: "n4", Title: "URL leaks", Type: Leaf, Level: High, Cost: 100, Skill: 2,
						Countermeasures: []Countermeasure{{Title: "Rotate URL", Strength: 0.5, InPlace: true}}},
					{ID: "n5", Title: "Crawler finds it", Type: Leaf, Probability: 0.1, Cost: 10.5, Skill: 3},
				}},
			}}}},
		Actions: []*Action{{ID: "x1", Title: "Rotate tokens", ThreatID: "t2", Notes: "Rotate every 90 days.", Owner: "Bob",
			Ticket: "SEC-2", Due: Date{2027, 3, 1}, Status: Verified, Reviewed: Date{2027, 3, 5}, ReviewNote: "Checked the job log."}},
	}
}

func TestEncodeDecodeFullModel(t *testing.T) {
	m := fullModel()
	if ps := Validate(m); len(ps) > 0 {
		t.Fatalf("fullModel is invalid: %v", ps)
	}
	data, err := Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "roundtrip", "full.json")
	if *update {
		if err := os.WriteFile(golden, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, want) {
		t.Errorf("Encode(fullModel) differs from %s (run go test -update)\n%s", golden, data)
	}
	for _, s := range []string{`Stolen <session> & cookie"`, "\n  \"format\": \"threatboard\",\n  \"version\": 2,\n"} {
		if !bytes.Contains(data, []byte(s)) {
			t.Errorf("encoded model lacks %q", s)
		}
	}
	back, err := Decode(data)
	if err != nil {
		t.Fatalf("Decode(Encode(m)): %v", err)
	}
	again, err := Encode(back)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, data) {
		t.Errorf("Encode(Decode(data)) differs from data:\n%s", again)
	}
}

// TestRoundTripGolden checks that every file in testdata/roundtrip decodes
// and encodes back to exactly the same bytes.
func TestRoundTripGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "roundtrip", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no round-trip files: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			m, err := Decode(data)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			out, err := Encode(m)
			if err != nil {
				t.Fatal(err)
			}
			if *update && !strings.HasPrefix(filepath.Base(file), "full") {
				if err := os.WriteFile(file, out, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !bytes.Equal(out, data) {
				t.Errorf("Encode(Decode(%s)) differs:\n%s", file, out)
			}
		})
	}
}

func TestEncodeRefusesUnrepresentable(t *testing.T) {
	tests := map[string]func(m *Model){
		"kind out of range":   func(m *Model) { m.Diagrams[0].Elements[0].Kind = 0 },
		"level out of range":  func(m *Model) { m.Diagrams[0].Elements[1].Threats[0].Impact = 7 },
		"status out of range": func(m *Model) { m.Actions[0].Status = -1 },
		"shape out of range":  func(m *Model) { m.Diagrams[0].Boundaries[0].Shape = 3 },
		"node type":           func(m *Model) { m.AttackTrees[0].Root.Type = 0 },
		"NaN coordinate":      func(m *Model) { m.Diagrams[0].Elements[0].Bounds.X = nan() },
		"nil element":         func(m *Model) { m.Diagrams[0].Elements[2] = nil },
		"nil node":            func(m *Model) { m.AttackTrees[0].Root.Children[1] = nil },
		"nil action":          func(m *Model) { m.Actions[0] = nil },
	}
	for name, spoil := range tests {
		t.Run(name, func(t *testing.T) {
			m := fullModel()
			spoil(m)
			if _, err := Encode(m); err == nil {
				t.Error("Encode succeeded")
			}
		})
	}
}

func TestEncodeNil(t *testing.T) {
	if _, err := Encode(nil); err == nil {
		t.Error("Encode(nil) succeeded")
	}
}

func TestLoadReportsFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(path, []byte(`{"format": "threatboard", "version": 1, "diagrams": [{"id": "d1", "flows": [{"id": "f1", "from": "x", "to": "y"}]}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatalf("Load: got %v, want a *LoadError", err)
	}
	want := path + `: diagrams[0].flows[0].from: unknown element "x"` + "\n" + path + `: diagrams[0].flows[0].to: unknown element "y"`
	if err.Error() != want {
		t.Errorf("error:\n%s\nwant:\n%s", err, want)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.json")); err == nil || errors.As(err, &le) {
		t.Errorf("Load of a missing file: %v", err)
	}
}

func nan() float64 { z := 0.0; return z / z }

// TestFormatDocExample keeps the example in docs/FORMAT.md a valid file
// that saves back byte for byte.
func TestFormatDocExample(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "FORMAT.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "## Example\n\n```json\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("docs/FORMAT.md has no JSON example")
	}
	m, err := Decode([]byte(example))
	if err != nil {
		t.Fatalf("the example does not load: %v", err)
	}
	out, _ := Encode(m)
	if string(out) != example {
		t.Errorf("the example is not in the canonical form; Encode gives:\n%s", out)
	}
}

// TestLoadRefusesOversizeFile uses a sparse file one byte over the limit:
// Load must refuse it by its size, without reading it.
func TestLoadRefusesOversizeFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(DefaultLimits.FileSize + 1); err != nil {
		t.Skip("no sparse files here:", err)
	}
	f.Close()
	_, err = Load(path)
	want := path + ": the file is larger than the limit of 67108864 bytes"
	if err == nil || err.Error() != want {
		t.Errorf("Load: %v, want %s", err, want)
	}
}

// TestMigrateVersion1 loads a file written by the first format version:
// version 2 only added fields, so it loads as it is and saves as version 2
// with nothing else changed.
func TestMigrateVersion1(t *testing.T) {
	old, err := os.ReadFile(filepath.Join("testdata", "migrate", "v1-example.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(old, []byte("\n  \"version\": 1,\n")) {
		t.Fatal("the version 1 sample is not version 1")
	}
	m, err := Decode(old)
	if err != nil {
		t.Fatalf("a version 1 file does not load: %v", err)
	}
	got, err := Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	want := bytes.Replace(old, []byte("\n  \"version\": 1,\n"), []byte("\n  \"version\": 2,\n"), 1)
	if !bytes.Equal(got, want) {
		t.Errorf("a version 1 file saved as version 2 changed beyond its version:\n%s", got)
	}
	// A problem in a version 1 file is reported where the user's text has it.
	broken := bytes.Replace(old, []byte(`"kind": "actor"`), []byte(`"kind": 7`), 1)
	line := 1 + bytes.Count(old[:bytes.Index(old, []byte(`"kind": "actor"`))], []byte("\n"))
	_, err = Decode(broken)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("(line %d, column", line)) {
		t.Errorf("problem in a version 1 file: %v, want it located at line %d", err, line)
	}
}
