package model

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The hostile inputs of the file-safety review, each from a small generated
// input: what once exhausted memory, wrote files that would not load again
// or read files outside the model's folder.

func TestUnknownKeyQuotedShort(t *testing.T) {
	key := strings.Repeat("k", 100_000)
	data := fmt.Sprintf(`{"format": "threatboard", "version": 2, %q: 1}`, key)
	_, err := Decode([]byte(data))
	if err == nil {
		t.Fatal("an unknown key was accepted")
	}
	msg := err.Error()
	if len(msg) > 400 || !strings.Contains(msg, "unknown field") || !strings.Contains(msg, "100000 bytes") {
		t.Errorf("message of %d bytes: %.400s", len(msg), msg)
	}
}

func TestProblemsStayShort(t *testing.T) {
	id := strings.Repeat("x", 200_000)
	m := &Model{Diagrams: []*Diagram{{ID: "d", Flows: []*Flow{{ID: "f", From: id, To: id}}}}}
	ps := Validate(m)
	if len(ps) == 0 {
		t.Fatal("dangling flow accepted")
	}
	for _, p := range ps {
		if len(p.String()) > maxMessage+len(" (line 0, column 0)")+16 {
			t.Errorf("problem of %d bytes", len(p.String()))
		}
	}
}

func TestValueBounds(t *testing.T) {
	tree := func(cost float64) string {
		return fmt.Sprintf(`{"format": "threatboard", "version": 2, "attackTrees": [{"id": "t", "root": {"id": "r", "type": "and",
			"children": [{"id": "a", "type": "leaf", "title": "a", "cost": %g}, {"id": "b", "type": "leaf", "title": "b", "cost": %g}]}}]}`, cost, cost)
	}
	cases := map[string]struct {
		data string
		want string // "" when the file loads
	}{
		"costs at the limit":          {tree(MaxCost), ""},
		"costs that sum past float64": {tree(1e308), "cost 1e+308 is outside 0..1e+12"},
		"far position": {`{"format": "threatboard", "version": 2, "diagrams": [{"id": "d", "elements": [
			{"id": "e", "kind": "actor", "bounds": {"x": 1e300, "y": 0, "w": 1e300, "h": 1}}]}]}`, "position must be numbers within ±1e+09"},
		"far waypoint": {`{"format": "threatboard", "version": 2, "diagrams": [{"id": "d", "elements": [
			{"id": "a", "kind": "actor", "bounds": {"x": 0, "y": 0, "w": 1, "h": 1}}],
			"flows": [{"id": "f", "from": "a", "to": "a", "waypoints": [{"x": 0, "y": -2e9}]}]}]}`, "coordinates must be numbers within ±1e+09"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Decode([]byte(tc.data))
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
	m := &Model{Diagrams: []*Diagram{{ID: "d", Elements: []*Element{{ID: "e", Kind: Actor, Bounds: Rect{X: MaxCoordinate - 10, W: 5, H: 5}}}}}}
	if err := NewHistory(m).Do(Move("d", []string{"e"}, Point{X: 100})); err == nil {
		t.Error("a move past MaxCoordinate was accepted")
	}
}

func TestParentCycles(t *testing.T) {
	mp := func(id string) *Element {
		return &Element{ID: id, Kind: MultiProcess, Bounds: Rect{W: 10, H: 10}}
	}
	cases := map[string]struct {
		diagrams []*Diagram
		want     int // problems about cycles
	}{
		"two open from each other": {[]*Diagram{{ID: "a", Parent: "pb", Elements: []*Element{mp("pa")}}, {ID: "b", Parent: "pa", Elements: []*Element{mp("pb")}}}, 1},
		"three in a ring": {[]*Diagram{{ID: "a", Parent: "pc", Elements: []*Element{mp("pa")}}, {ID: "b", Parent: "pa", Elements: []*Element{mp("pb")}},
			{ID: "c", Parent: "pb", Elements: []*Element{mp("pc")}}}, 1},
		"a chain":             {[]*Diagram{{ID: "a", Elements: []*Element{mp("pa")}}, {ID: "b", Parent: "pa", Elements: []*Element{mp("pb")}}, {ID: "c", Parent: "pb"}}, 0},
		"a branch off a ring": {[]*Diagram{{ID: "a", Parent: "pb", Elements: []*Element{mp("pa")}}, {ID: "b", Parent: "pa", Elements: []*Element{mp("pb")}}, {ID: "c", Parent: "pb"}}, 1},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			ps := Validate(&Model{Diagrams: tc.diagrams})
			got := strings.Count(fmt.Sprint(ps), "lead back to it")
			if got != tc.want {
				t.Errorf("%d cycle problems, want %d: %v", got, tc.want, ps)
			}
		})
	}
}

func TestBackgroundFile(t *testing.T) {
	dir := t.TempDir()
	modelPath := filepath.Join(dir, "m.threatboard.json")
	if err := os.MkdirAll(filepath.Join(dir, "photos"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "photos", "wall.png"), []byte("png"), 0o644); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(outside, []byte("secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "photos", "link.png")); err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		stored string
		ok     bool
	}{
		"beside the model":      {"photos/wall.png", true},
		"missing, but inside":   {"photos/none.png", true},
		"climbing out":          {"../../etc/shadow", false},
		"climbing out and back": {"photos/../../x.png", false},
		"absolute":              {"/etc/shadow", false},
		"a URL":                 {"https://example.com/a.png", false},
		"a drive":               {"C:/secret.png", false},
		"a link leading out":    {"photos/link.png", false},
		"empty":                 {"", false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := BackgroundFile(modelPath, tc.stored)
			if tc.ok != (err == nil) {
				t.Fatalf("BackgroundFile(%q) = %q, %v", tc.stored, got, err)
			}
			if err == nil && !strings.HasPrefix(got, dir) {
				t.Errorf("resolved %q outside %q", got, dir)
			}
		})
	}
}

func TestSaveRefusesWhatWouldNotLoad(t *testing.T) {
	path, before := saveFixture(t)
	if err := Save(path, fullModel()); err != nil { // a backup to keep
		t.Fatal(err)
	}
	bak, _ := os.ReadFile(BackupPath(path))
	m := fullModel()
	m.Diagrams[0].Elements[0].Name = strings.Repeat("n", DefaultLimits.StringLength+1)
	err := Save(path, m)
	if err == nil || !strings.Contains(err.Error(), "longer than the limit") {
		t.Fatalf("Save = %v, want a refusal", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the file changed")
	}
	if after, _ := os.ReadFile(BackupPath(path)); string(after) != string(bak) {
		t.Error("the backup changed")
	}
	d := m.Diagrams[0]
	if err := NewHistory(fullModel()).Do(Rename(d.ID, d.Elements[0].ID, m.Diagrams[0].Elements[0].Name)); err == nil || !strings.Contains(err.Error(), "over the limit") {
		t.Errorf("renaming to a name over the limit: %v", err)
	}
	many := fullModel()
	many.Actions = make([]*Action, DefaultLimits.ListLength+1)
	for i := range many.Actions {
		many.Actions[i] = &Action{ID: fmt.Sprintf("a%d", i)}
	}
	if err := Save(path, many); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("Save of too many actions = %v", err)
	}
}

func TestSavesLandInOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.threatboard.json")
	var s Saves
	for round := range 20 {
		const n = 8
		writes := make([]func(string, []byte) error, n)
		for i := range writes {
			writes[i] = s.Start()
		}
		var wg sync.WaitGroup
		for i := n - 1; i >= 0; i-- { // later saves started first
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := writes[i](path, []byte(fmt.Sprintf("%d-%d", round, i))); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if got, _ := os.ReadFile(path); string(got) != fmt.Sprintf("%d-%d", round, n-1) {
			t.Fatalf("round %d: the file holds %q, not the last save", round, got)
		}
	}
}

func TestSaveLongNames(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{200, 237, 250, 255} {
		path := filepath.Join(dir, strings.Repeat("m", n-len(".json"))+".json")
		for range 2 { // the second save keeps a backup
			if err := Save(path, fullModel()); err != nil {
				t.Fatalf("name of %d bytes: %v", n, err)
			}
		}
		if _, err := os.Stat(BackupPath(path)); err != nil {
			t.Errorf("name of %d bytes: no backup: %v", n, err)
		}
		if len(filepath.Base(BackupPath(path))) > maxName {
			t.Errorf("backup name of %d bytes", len(filepath.Base(BackupPath(path))))
		}
	}
}

func TestSaveRemovesStaleTemporaryFiles(t *testing.T) {
	path, _ := saveFixture(t)
	dir := filepath.Dir(path)
	old := time.Now().Add(-time.Hour)
	stale := []string{".tb-0123456789.tmp", "." + filepath.Base(path) + ".tmp-123", filepath.Base(path) + ".bak.tmp-abc"}
	fresh := ".tb-fresh.tmp" // maybe another save under way
	for _, name := range append(stale, fresh) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
		if name != fresh {
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := Save(path, fullModel()); err != nil {
		t.Fatal(err)
	}
	assertFolder(t, dir, fresh, filepath.Base(path), filepath.Base(path)+BackupSuffix)
}

func TestBackupCopyKeepsMode(t *testing.T) {
	dir := t.TempDir()
	from, to := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if err := os.WriteFile(from, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := copyFile(from, to, 0o600); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(to); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("copy's mode %v, %v; want 0600", fi.Mode(), err)
	}
}

// TestCloneEncodesTheSame: the app lints and writes recovery copies from
// clones, so a clone must hold everything the file does.
func TestCloneEncodesTheSame(t *testing.T) {
	for name, m := range map[string]*Model{"full": fullModel(), "synthetic": Synthetic(50, 80, 4, 1)} {
		a, err := Encode(m)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Encode(m.Clone())
		if err != nil {
			t.Fatal(err)
		}
		if string(a) != string(b) {
			t.Errorf("%s: the clone encodes differently", name)
		}
	}
}
