package analysis

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/model"
)

const goodRule = `{"id":"ACME-001","category":"tampering","targets":["store"],
  "condition":{"prop":"technology","matches":"(?i)redis"},
  "title":"{element} accepts commands from anyone on its network",
  "description":"Redis without AUTH.","mitigation":"Enable AUTH and TLS.",
  "likelihood":"medium","impact":"high","references":["CWE-306"]}`

func TestParseRuleErrors(t *testing.T) {
	tests := map[string]struct {
		rule string
		want string
	}{
		"not an object":        {`[]`, `rules.json: rules[0]: not a rule object`},
		"unknown field":        {`{"id":"A-1","colour":1}`, `rules.json: rule A-1: not a rule object: json: unknown field "colour"`},
		"bad id":               {`{"id":"A 1"}`, `rules.json: rules[0]: id: want letters`},
		"colon in id":          {`{"id":"A:1"}`, `rules.json: rules[0]: id: want letters`},
		"no category":          {`{"id":"A-1"}`, `rule A-1: category: want a category ID`},
		"targets not a list":   {`{"id":"A-1","targets":"flow"}`, `rule A-1: targets: want a list, not a JSON string`},
		"title not a string":   {`{"id":"A-1","title":3}`, `rule A-1: title: want a string, not a JSON number`},
		"bad target":           {`{"id":"A-1","category":"tampering","targets":["store","cloud"]}`, `rule A-1: targets[1]: unknown target "cloud"`},
		"no targets":           {`{"id":"A-1","category":"tampering"}`, `rule A-1: targets: say which`},
		"condition path":       {`{"id":"A-1","category":"tampering","targets":["store"],"condition":{"all":[{"prop":"encrypted","is":true}]}}`, `rule A-1: condition.all[0].prop: unknown property "encrypted" for a store`},
		"null condition":       {`{"id":"A-1","category":"tampering","targets":["store"],"condition":null}`, `rule A-1: condition: condition is null`},
		"no title":             {`{"id":"A-1","category":"tampering","targets":["store"]}`, `rule A-1: title: missing`},
		"placeholder":          {`{"id":"A-1","category":"tampering","targets":["store"],"title":"{flow} is bad"}`, `rule A-1: title: {flow} has no value for a store`},
		"unknown placeholder":  {`{"id":"A-1","category":"tampering","targets":["flow"],"title":"{name} is bad"}`, `rule A-1: title: unknown placeholder {name}`},
		"unclosed placeholder": {`{"id":"A-1","category":"tampering","targets":["flow"],"title":"{flow is bad"}`, `rule A-1: title: unclosed {`},
		"mitigation template":  {`{"id":"A-1","category":"tampering","targets":["flow"],"title":"x","description":"y","mitigation":"fix {element}"}`, `rule A-1: mitigation: {element} has no value for a flow`},
		"bad level":            {`{"id":"A-1","category":"tampering","targets":["flow"],"title":"x","description":"y","mitigation":"z","likelihood":"huge"}`, `rule A-1: likelihood: want "low", "medium" or "high", got "huge"`},
		"unset impact":         {`{"id":"A-1","category":"tampering","targets":["flow"],"title":"x","description":"y","mitigation":"z","likelihood":"low"}`, `rule A-1: impact: want`},
		"empty reference":      {`{"id":"A-1","category":"tampering","targets":["flow"],"title":"x","description":"y","mitigation":"z","likelihood":"low","impact":"low","references":[" "]}`, `rule A-1: references[0]: want a reference`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			file := `{"checklist":"stride","rules":[` + tc.rule + `,` + goodRule + `]}`
			rules, errs := ParseRules("rules.json", []byte(file))
			if len(errs) != 1 {
				t.Fatalf("errors %v, want one", errs)
			}
			if !strings.Contains(errs[0].Error(), tc.want) {
				t.Errorf("error %q, want …%s…", errs[0], tc.want)
			}
			var le *LoadError
			if !errors.As(errs[0], &le) || le.File != "rules.json" {
				t.Errorf("error %#v is not a LoadError naming the file", errs[0])
			}
			// One bad rule never takes the others down.
			if len(rules) != 1 || rules[0].ID != "ACME-001" {
				t.Errorf("rules %v, want the good one", rules)
			}
		})
	}
}

func TestParseRuleFileErrors(t *testing.T) {
	tests := map[string]struct{ file, want string }{
		"not json":         {`{`, "f.json: not a rule file"},
		"unknown key":      {`{"checklist":"stride","rules":[],"version":2}`, `f.json: not a rule file: json: unknown field "version"`},
		"no checklist":     {`{"rules":[]}`, "f.json: checklist: want the ID"},
		"rules not a list": {`{"checklist":"stride","rules":{}}`, "f.json: rules: want a list, not a JSON object"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			rules, errs := ParseRules("f.json", []byte(tc.file))
			if len(rules) != 0 || len(errs) != 1 || !strings.Contains(errs[0].Error(), tc.want) {
				t.Errorf("rules %v, errors %v; want …%s…", rules, errs, tc.want)
			}
		})
	}
}

// TestLoadCatalog loads a user folder of checklists and rules alongside the
// built-ins: good rules join, each bad file or rule is reported by file and
// rule ID, and nothing bad takes the rest down.
func TestLoadCatalog(t *testing.T) {
	root := t.TempDir()
	lists, rules := filepath.Join(root, "checklists"), filepath.Join(root, "rules")
	for _, d := range []string{lists, rules} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	write := func(dir, name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(lists, "cloud.json", `{"id":"cloud","name":"Cloud","categories":[
	  {"id":"exposure","name":"Public exposure","questions":["Is it reachable from the internet?"],"appliesTo":[{"targets":["store","flow"]}]}]}`)
	write(rules, "a-acme.json", `{"checklist":"stride","rules":[`+goodRule+`,
	  {"id":"ACME-002","category":"spoofing","targets":["store"],"title":"x","description":"y","mitigation":"z","likelihood":"low","impact":"low"},
	  {"id":"TB-S-001","category":"spoofing","targets":["actor"],"title":"x","description":"y","mitigation":"z","likelihood":"low","impact":"low"},
	  {"id":"ACME-003","category":"bribery","targets":["actor"],"title":"x","description":"y","mitigation":"z","likelihood":"low","impact":"low"}]}`)
	write(rules, "b-cloud.json", `{"checklist":"cloud","rules":[
	  {"id":"CLOUD-001","category":"exposure","targets":["store"],"condition":{"tag":"public-bucket"},
	   "title":"{element} is a public bucket","description":"Anyone can list it.","mitigation":"Block public access.","likelihood":"high","impact":"high"}]}`)
	write(rules, "c-broken.json", `{"checklist":"stride","rules":[`)
	write(rules, "d-nolist.json", `{"checklist":"owasp","rules":[`+strings.Replace(goodRule, "ACME-001", "ACME-009", 1)+`]}`)

	c, errs := LoadCatalog(lists, rules)
	var msgs []string
	for _, err := range errs {
		msgs = append(msgs, err.Error())
	}
	wantErrs := []string{
		"c-broken.json: not a rule file",
		"a-acme.json: rule ACME-002: targets: STRIDE \"spoofing\" never applies to a store",
		"a-acme.json: rule TB-S-001: ID already used by the rule in rules/stride-actors.json",
		"a-acme.json: rule ACME-003: category: checklist \"stride\" has no category \"bribery\"",
		"d-nolist.json: rule ACME-009: checklist: unknown checklist \"owasp\"",
	}
	if len(msgs) != len(wantErrs) {
		t.Fatalf("errors:\n%s\nwant %d", strings.Join(msgs, "\n"), len(wantErrs))
	}
	for i, w := range wantErrs {
		if !strings.Contains(msgs[i], w) {
			t.Errorf("error %d: %q, want …%s…", i, msgs[i], w)
		}
	}
	if c.Rule("ACME-001") == nil || c.Rule("CLOUD-001") == nil || c.Rule("TB-S-001").File != "rules/stride-actors.json" {
		t.Error("good user rules missing or a built-in replaced")
	}
	if c.Checklist("cloud") == nil {
		t.Fatal("user checklist missing")
	}

	// A diagram walking the user's checklist gets the user's rules only.
	s := newSketch(t)
	s.add("b", kStore, "technology=Redis 7")
	s.d.Elements[0].Tags = []string{"public-bucket"}
	got := suggestionKeys(c.Suggest(s.model("cloud")))
	if !reflect.DeepEqual(got, []string{"CLOUD-001:b"}) {
		t.Errorf("cloud diagram: %v", got)
	}
	if got := suggestionKeys(c.Suggest(s.model(""))); !containsString(got, "ACME-001:b") || containsString(got, "CLOUD-001:b") {
		t.Errorf("STRIDE diagram: %v", got)
	}
	// A diagram naming a checklist that is not loaded walks STRIDE.
	if cl, ok := c.ChecklistFor(&model.Diagram{Checklist: "gone"}); ok || cl.ID != ChecklistSTRIDE {
		t.Errorf("ChecklistFor(gone) = %s, %v", cl.ID, ok)
	}
	// Missing folders are no error.
	if _, errs := LoadCatalog(filepath.Join(root, "x"), filepath.Join(root, "y")); len(errs) != 0 {
		t.Errorf("missing folders: %v", errs)
	}
}

// TestBuiltinRulesAreConsistent checks what the parser cannot: each rule
// file holds only its own area's IDs, sorted, with IDs that say their
// category.
func TestBuiltinRulesAreConsistent(t *testing.T) {
	prefixes := map[string]string{
		"spoofing": "TB-S-", "tampering": "TB-T-", "repudiation": "TB-R-", "information-disclosure": "TB-I-",
		"denial-of-service": "TB-D-", "elevation-of-privilege": "TB-E-",
		"linkability": "TB-LK-", "identifiability": "TB-ID-", "non-repudiation": "TB-NR-", "detectability": "TB-DT-",
		"disclosure-of-information": "TB-DI-", "unawareness": "TB-UN-", "non-compliance": "TB-NC-",
	}
	for _, r := range builtinCatalog(t).Rules() {
		if !strings.HasPrefix(r.ID, prefixes[r.Category]) {
			t.Errorf("%s: category %s wants the prefix %s", r.ID, r.Category, prefixes[r.Category])
		}
	}
}

func TestSuggestionThreat(t *testing.T) {
	s := Suggestion{Key: "TB-I-002:f", RuleID: "TB-I-002", TargetID: "f", Title: "T", Category: "information-disclosure",
		Description: "D", Mitigation: "M", Likelihood: model.High, Impact: model.Medium, References: []string{"CWE-523", "CAPEC-157"}}
	a, b := s.Threat(), s.Threat()
	if a.ID == "" || a.ID == b.ID {
		t.Errorf("IDs %q and %q: want fresh ones", a.ID, b.ID)
	}
	want := model.Threat{ID: a.ID, Title: "T", Category: "information-disclosure", Description: "D\n\nReferences: CWE-523, CAPEC-157",
		Likelihood: model.High, Impact: model.Medium, Mitigation: "M", Decision: model.Undecided, Status: model.Open, RuleID: "TB-I-002"}
	if *a != want {
		t.Errorf("Threat() = %+v\nwant %+v", *a, want)
	}
}

// TestSuggestDeterministic runs the analysis twice on the same model and on
// a fresh copy and wants the same list, in document order.
func TestSuggestDeterministic(t *testing.T) {
	c := builtinCatalog(t)
	m := model.Synthetic(400, 800, 20, 5)
	a, b := c.Suggest(m), c.Suggest(model.Synthetic(400, 800, 20, 5))
	if len(a) == 0 || !reflect.DeepEqual(a, b) {
		t.Fatalf("two runs differ (%d and %d suggestions)", len(a), len(b))
	}
	d := m.Diagrams[0]
	pos := map[string]int{}
	for i, e := range d.Elements {
		pos[e.ID] = i
	}
	for i, f := range d.Flows {
		pos[f.ID] = len(d.Elements) + i
	}
	seen := map[string]bool{}
	for i := 1; i < len(a); i++ {
		p, q := a[i-1], a[i]
		if pos[p.TargetID] > pos[q.TargetID] || (p.TargetID == q.TargetID && p.RuleID >= q.RuleID) {
			t.Fatalf("out of order: %s before %s", p.Key, q.Key)
		}
		if seen[q.Key] {
			t.Fatalf("duplicate key %s", q.Key)
		}
		seen[q.Key] = true
	}
	// Suggest and SuggestAround agree on an element and its flows.
	e := d.Elements[200]
	var want []Suggestion
	flows := map[string]bool{e.ID: true}
	for _, f := range d.FlowsOf(e.ID) {
		flows[f.ID] = true
	}
	for _, s := range a {
		if flows[s.TargetID] {
			want = append(want, s)
		}
	}
	if got := c.SuggestAround(m, d.ID, e.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("SuggestAround: %v\nSuggest: %v", suggestionKeys(got), suggestionKeys(want))
	}
}
