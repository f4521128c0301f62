package main

import (
	"strings"
	"testing"

	"github.com/threatboard/threatboard/model"
)

// checkModel puts the given threats on one process.
func checkModel(threats ...*model.Threat) *model.Model {
	return &model.Model{Title: "Check", Diagrams: []*model.Diagram{{
		ID: "d1", Title: "Main",
		Elements: []*model.Element{{ID: "web", Kind: model.Process, Bounds: model.Rect{W: 100, H: 100},
			Common: model.Common{Name: "Web", Threats: threats}}},
	}}}
}

func TestCheck(t *testing.T) {
	threat := func(id string, l, i model.Level, d model.Decision, s model.Status) *model.Threat {
		th := &model.Threat{ID: id, Title: "Threat " + id, Likelihood: l, Impact: i, Decision: d, Status: s}
		if d == model.Accept || d == model.Transfer {
			th.Justification = "agreed"
		}
		return th
	}
	const (
		lo, me, hi = model.Low, model.Medium, model.High
	)
	tests := map[string]struct {
		threats []*model.Threat
		args    []string
		code    int
		ids     []string // the threats listed, in order
	}{
		"undecided high fails": {
			threats: []*model.Threat{threat("a", me, hi, model.Undecided, model.Open)},
			code:    1, ids: []string{"a"},
		},
		"open mitigation fails": {
			threats: []*model.Threat{threat("a", hi, me, model.Mitigate, model.InProgress)},
			code:    1, ids: []string{"a"},
		},
		"open avoidance fails": {
			threats: []*model.Threat{threat("a", hi, hi, model.Avoid, model.Open)},
			code:    1, ids: []string{"a"},
		},
		"finished mitigation passes": {
			threats: []*model.Threat{threat("a", hi, hi, model.Mitigate, model.Done), threat("b", hi, hi, model.Mitigate, model.Verified)},
		},
		"decided passes": {
			threats: []*model.Threat{
				threat("a", hi, hi, model.Accept, model.Open),
				threat("b", hi, hi, model.Transfer, model.Open),
				threat("c", hi, hi, model.NotApplicable, model.Open),
			},
		},
		"below the level passes": {
			threats: []*model.Threat{threat("a", me, me, model.Undecided, model.Open)},
		},
		"lower level catches it": {
			threats: []*model.Threat{threat("a", me, me, model.Undecided, model.Open), threat("b", lo, lo, model.Undecided, model.Open)},
			args:    []string{"--fail-on", "medium"},
			code:    1, ids: []string{"a"},
		},
		"critical only": {
			threats: []*model.Threat{threat("a", me, hi, model.Undecided, model.Open), threat("b", hi, hi, model.Undecided, model.Open)},
			args:    []string{"-fail-on=critical"},
			code:    1, ids: []string{"b"},
		},
		"unrated never fails": {
			threats: []*model.Threat{threat("a", model.LevelUnset, hi, model.Undecided, model.Open)},
			args:    []string{"-fail-on", "low"},
		},
		"register order": {
			threats: []*model.Threat{
				threat("a", hi, me, model.Undecided, model.Open),
				threat("b", me, hi, model.Undecided, model.Open),
				threat("c", hi, hi, model.Mitigate, model.Open),
			},
			code: 1, ids: []string{"c", "b", "a"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			path := modelFile(t, checkModel(tc.threats...))
			code, stdout, stderr := runCLI(append([]string{"check", path}, tc.args...)...)
			if code != tc.code || stderr != "" {
				t.Errorf("exit %d, stderr %q; want %d", code, stderr, tc.code)
			}
			lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
			if tc.code == 0 {
				if len(lines) != 1 || !strings.HasPrefix(lines[0], path+": ok") {
					t.Errorf("stdout %q, want one ok line", stdout)
				}
				return
			}
			if len(lines) != len(tc.ids)+2 || !strings.HasPrefix(lines[0], "RISK ") {
				t.Fatalf("stdout\n%s\nwant a header, %d threats and a count", stdout, len(tc.ids))
			}
			for i, id := range tc.ids {
				if !strings.HasSuffix(lines[i+1], " "+id) || !strings.Contains(lines[i+1], "Threat "+id) {
					t.Errorf("line %d = %q, want threat %s", i+1, lines[i+1], id)
				}
			}
			if last := lines[len(lines)-1]; !strings.HasPrefix(last, path+": "+plural(len(tc.ids), "unresolved threat")) {
				t.Errorf("last line %q", last)
			}
		})
	}
}

func TestCheckJSON(t *testing.T) {
	m := checkModel(
		&model.Threat{ID: "a", Title: "A", Likelihood: model.High, Impact: model.High, Owner: "ops",
			Decision: model.Mitigate, Status: model.InProgress, Due: model.Date{Year: 2027, Month: 1, Day: 31}},
		&model.Threat{ID: "b", Title: "B", Likelihood: model.Low, Impact: model.Low},
	)
	path := modelFile(t, m)
	code, stdout, stderr := runCLI("check", "-json", path)
	if code != 1 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	want := `[
  {
    "id": "a",
    "title": "A",
    "risk": "critical",
    "likelihood": "high",
    "impact": "high",
    "decision": "mitigate",
    "status": "in-progress",
    "owner": "ops",
    "due": "2027-01-31",
    "diagramId": "d1",
    "targetId": "web"
  }
]
`
	if stdout != want {
		t.Errorf("stdout\n%s\nwant\n%s", stdout, want)
	}
	code, stdout, _ = runCLI("check", "-json", "-fail-on", "critical", modelFile(t, checkModel(m.Diagrams[0].Elements[0].Threats[1])))
	if code != 0 || stdout != "[]\n" {
		t.Errorf("nothing unresolved: exit %d, stdout %q; want 0 and []", code, stdout)
	}
}

func TestCheckExample(t *testing.T) {
	path := exampleFile(t)
	// The example has two high risks whose mitigation is in progress and
	// nothing critical left open.
	code, stdout, _ := runCLI("check", path, "--fail-on", "high")
	if code != 1 || !strings.Contains(stdout, "Phished employee password") || !strings.Contains(stdout, "Private feed becomes public") {
		t.Errorf("exit %d, stdout\n%s", code, stdout)
	}
	code, stdout, _ = runCLI("check", "--fail-on", "critical", path)
	if code != 0 {
		t.Errorf("exit %d with -fail-on critical, stdout\n%s", code, stdout)
	}
}

func TestCheckArguments(t *testing.T) {
	tests := map[string]struct {
		args   []string
		code   int
		stderr string
	}{
		"no file":       {[]string{"check"}, 2, "usage: threatboard-cli check"},
		"bad level":     {[]string{"check", "x.json", "-fail-on", "severe"}, 2, `-fail-on "severe"`},
		"unrated level": {[]string{"check", "x.json", "-fail-on", "unrated"}, 2, `-fail-on "unrated"`},
		"missing file":  {[]string{"check", "nope.json"}, 1, "nope.json: no such file or directory"},
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
