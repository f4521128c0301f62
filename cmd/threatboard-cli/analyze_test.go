package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

// exampleFile writes a copy of the built-in example to a temporary folder.
func exampleFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), assets.ExampleName)
	if err := os.WriteFile(path, assets.Example(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// modelFile encodes m into a temporary file.
func modelFile(t *testing.T, m *model.Model) string {
	t.Helper()
	data, err := model.Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "model.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// exampleSuggestions is what the built-in catalog suggests for the example.
func exampleSuggestions(t *testing.T) []analysis.Suggestion {
	t.Helper()
	m, err := model.Decode(assets.Example())
	if err != nil {
		t.Fatal(err)
	}
	cat, err := analysis.BuiltinCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return cat.Suggest(m)
}

func TestAnalyzeTable(t *testing.T) {
	want := exampleSuggestions(t)
	if len(want) == 0 {
		t.Fatal("the example gets no suggestions; the test would prove nothing")
	}
	path := exampleFile(t)
	code, stdout, stderr := runCLI("analyze", path)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if !strings.HasPrefix(lines[0], "RULE ") || !strings.Contains(lines[0], "TITLE") {
		t.Errorf("header %q", lines[0])
	}
	if got := lines[len(lines)-1]; got != plural(len(want), "suggestion") {
		t.Errorf("last line %q, want the count %d", got, len(want))
	}
	rows := lines[1 : len(lines)-1]
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d", len(rows), len(want))
	}
	for i, s := range want {
		if !strings.HasPrefix(rows[i], s.RuleID+" ") || !strings.HasSuffix(rows[i], s.Title) {
			t.Errorf("row %d = %q, want rule %s and title %q", i, rows[i], s.RuleID, s.Title)
		}
	}
	if data, _ := os.ReadFile(path); !bytes.Equal(data, assets.Example()) {
		t.Error("analyze without -apply changed the file")
	}
}

func TestAnalyzeJSON(t *testing.T) {
	want := exampleSuggestions(t)
	code, stdout, stderr := runCLI("analyze", exampleFile(t), "--json")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var got []struct {
		Key, RuleID, TargetID, Title string
		Risk                         analysis.RiskLevel
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	if len(got) != len(want) {
		t.Fatalf("%d suggestions, want %d", len(got), len(want))
	}
	for i, s := range want {
		if got[i].Key != s.Key || got[i].RuleID != s.RuleID || got[i].Title != s.Title {
			t.Errorf("suggestion %d = %+v, want %s %q", i, got[i], s.Key, s.Title)
		}
		if r := analysis.Risk(s.Likelihood, s.Impact); got[i].Risk != r {
			t.Errorf("suggestion %d risk %v, want %v", i, got[i].Risk, r)
		}
	}
}

func TestAnalyzeApply(t *testing.T) {
	sugs := exampleSuggestions(t)
	path := exampleFile(t)
	before, err := model.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI("analyze", "-apply", path)
	if code != 0 || !strings.Contains(stderr, "added "+plural(len(sugs), "threat")) {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	backup, err := os.ReadFile(path + model.BackupSuffix)
	if err != nil || !bytes.Equal(backup, assets.Example()) {
		t.Errorf("the backup is not the original file (err %v)", err)
	}
	after, err := model.Load(path)
	if err != nil {
		t.Fatalf("the applied file does not load: %v", err)
	}
	if got, want := len(after.Threats()), len(before.Threats())+len(sugs); got != want {
		t.Errorf("%d threats after -apply, want %d", got, want)
	}
	for _, s := range sugs {
		found := false
		for _, r := range after.Threats() {
			if r.Threat.RuleID == s.RuleID && r.Diagram.ID == s.DiagramID && (r.Element != nil && r.Element.ID == s.TargetID || r.Flow != nil && r.Flow.ID == s.TargetID) {
				found = r.Threat.Title == s.Title && r.Threat.Decision == model.Undecided
				break
			}
		}
		if !found {
			t.Errorf("suggestion %s was not added as an undecided threat with its rule ID", s.Key)
		}
	}

	// Nothing is suggested again, and a second -apply leaves the file alone.
	applied, _ := os.ReadFile(path)
	code, stdout, stderr := runCLI("analyze", path, "-apply")
	if code != 0 || !strings.HasSuffix(stdout, "0 suggestions\n") || !strings.Contains(stderr, "added 0 threats") {
		t.Errorf("second run: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if again, _ := os.ReadFile(path); !bytes.Equal(again, applied) {
		t.Error("a second -apply changed the file")
	}
}

func TestAnalyzeUserRules(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.json")
	if err := os.WriteFile(broken, []byte(`{"rules": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI("analyze", "-rules", dir, exampleFile(t))
	if code != 1 || !strings.Contains(stderr, "broken.json") {
		t.Errorf("exit %d, stderr %q; want 1 and the broken file named", code, stderr)
	}
	if !strings.Contains(stdout, "suggestions\n") {
		t.Errorf("the built-in rules did not run: %q", stdout)
	}
}

func TestAnalyzeArguments(t *testing.T) {
	tests := map[string]struct {
		args   []string
		code   int
		stderr string
	}{
		"no file":      {[]string{"analyze"}, 2, "usage: threatboard-cli analyze"},
		"two files":    {[]string{"analyze", "a.json", "b.json"}, 2, "usage: threatboard-cli analyze"},
		"unknown flag": {[]string{"analyze", "-fast", "a.json"}, 2, "flag provided but not defined: -fast"},
		"missing file": {[]string{"analyze", "nope.json"}, 1, "nope.json: no such file or directory"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			code, _, stderr := runCLI(tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tc.code, tc.stderr)
			}
		})
	}
}
