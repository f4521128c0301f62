package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/model"
)

// lintModel is a small model with an unlabeled flow (a warning) and,
// when accepted is set, an accepted threat without justification (an error).
func lintModel(unlabeled, accepted bool) *model.Model {
	web := &model.Element{ID: "web", Kind: model.Process, Bounds: model.Rect{X: 200, W: 100, H: 100}, Common: model.Common{Name: "Web"}}
	db := &model.Element{ID: "db", Kind: model.Store, Bounds: model.Rect{X: 500, W: 140, H: 50}, Common: model.Common{Name: "DB"}}
	user := &model.Element{ID: "user", Kind: model.Actor, Bounds: model.Rect{W: 100, H: 60}, Common: model.Common{Name: "User"}}
	if accepted {
		web.Threats = []*model.Threat{{ID: "t1", Title: "Spoofed user", Decision: model.Accept}}
	}
	name := "query"
	if unlabeled {
		name = ""
	}
	return &model.Model{Title: "Lint", Diagrams: []*model.Diagram{{
		ID: "d1", Title: "Main", Elements: []*model.Element{user, web, db},
		Flows: []*model.Flow{
			{ID: "f1", From: "user", To: "web", Common: model.Common{Name: "request"}},
			{ID: "f2", From: "web", To: "db", Common: model.Common{Name: name}},
			{ID: "f3", From: "db", To: "web", Common: model.Common{Name: "rows"}},
			{ID: "f4", From: "web", To: "user", Common: model.Common{Name: "page"}},
		},
	}}}
}

func TestLintCommand(t *testing.T) {
	tests := map[string]struct {
		m     *model.Model
		args  []string
		code  int
		lines []string // expected lines after "FILE: "
	}{
		"clean": {
			m: lintModel(false, false), code: 0,
			lines: []string{"no findings"},
		},
		"clean and strict": {
			m: lintModel(false, false), args: []string{"-strict"}, code: 0,
			lines: []string{"no findings"},
		},
		"a warning": {
			m: lintModel(true, false), code: 0,
			lines: []string{`L002 unlabeled-flow warning d1/f2: flow "Web" → "DB" has no label`, "1 finding (1 warning)"},
		},
		"a warning, strict": {
			m: lintModel(true, false), args: []string{"--strict"}, code: 1,
			lines: []string{`L002 unlabeled-flow warning d1/f2: flow "Web" → "DB" has no label`, "1 finding (1 warning)"},
		},
		"an error and a warning, strict": {
			m: lintModel(true, true), args: []string{"-strict"}, code: 1,
			lines: []string{
				`L002 unlabeled-flow warning d1/f2: flow "Web" → "DB" has no label`,
				`L010 decision-without-justification error d1/t1: threat "Spoofed user" on element "Web" is accepted without a justification`,
				"2 findings (1 error, 1 warning)",
			},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			path := modelFile(t, tc.m)
			code, stdout, stderr := runCLI(append([]string{"lint", path}, tc.args...)...)
			if code != tc.code || stderr != "" {
				t.Errorf("exit %d, stderr %q; want %d", code, stderr, tc.code)
			}
			var want string
			for _, l := range tc.lines {
				want += path + ": " + l + "\n"
			}
			if stdout != want {
				t.Errorf("stdout\n%s\nwant\n%s", stdout, want)
			}
		})
	}
}

func TestLintJSON(t *testing.T) {
	for name, m := range map[string]*model.Model{"findings": lintModel(true, true), "none": lintModel(false, false)} {
		t.Run(name, func(t *testing.T) {
			code, stdout, _ := runCLI("lint", "-json", modelFile(t, m))
			if code != 0 {
				t.Errorf("exit %d", code)
			}
			var got []analysis.Finding
			if err := json.Unmarshal([]byte(stdout), &got); err != nil || got == nil {
				t.Fatalf("output %q is not a JSON list: %v", stdout, err)
			}
			want := analysis.Lint(m)
			if len(got) != len(want) {
				t.Fatalf("%d findings, want %d", len(got), len(want))
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("finding %d = %+v, want %+v", i, got[i], want[i])
				}
			}
		})
	}
}

func TestLintExample(t *testing.T) {
	path := exampleFile(t)
	code, stdout, stderr := runCLI("lint", path)
	if code != 0 || stderr != "" || !strings.HasPrefix(stdout, path+": ") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

func TestLintListChecks(t *testing.T) {
	code, stdout, stderr := runCLI("lint", "-checks")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	checks := analysis.LintChecks()
	if len(lines) != len(checks) {
		t.Fatalf("%d lines, want one per check (%d)", len(lines), len(checks))
	}
	for i, c := range checks {
		if f := strings.Fields(lines[i]); len(f) < 4 || f[0] != c.Code || f[1] != c.Name || f[2] != c.Severity.String() {
			t.Errorf("line %q, want %s %s %s …", lines[i], c.Code, c.Name, c.Severity)
		}
	}
}

func TestLintArguments(t *testing.T) {
	tests := map[string]struct {
		args   []string
		code   int
		stderr string
	}{
		"no file":           {[]string{"lint"}, 2, "usage: threatboard-cli lint"},
		"checks and a file": {[]string{"lint", "-checks", "x.json"}, 1, "x.json: no such file"},
		"unknown flag":      {[]string{"lint", "x.json", "-pedantic"}, 2, "flag provided but not defined: -pedantic"},
		"missing file":      {[]string{"lint", "nope.json"}, 1, "nope.json: no such file or directory"},
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
