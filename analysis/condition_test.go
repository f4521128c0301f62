package analysis

import (
	"encoding/json"
	"strings"
	"testing"
)

// evalOn compiles cond for the subject's target and evaluates it.
func evalOn(t *testing.T, s *sketch, id, cond string) bool {
	t.Helper()
	df := newDiagramFacts(s.d)
	var sub *subject
	var scope targetSet
	if e := s.d.Element(id); e != nil {
		sub, scope = df.elementSubject(e), elementTargets
	} else {
		f := s.d.Flow(id)
		src, dst, ok := df.ends(f)
		if !ok {
			t.Fatalf("flow %s has a missing end", id)
		}
		sub, scope = df.flowSubject(flowEnd{f, nil, src, dst}), flowTargets
	}
	c, err := condParser{}.compile(json.RawMessage(cond), "condition", scope)
	if err != nil {
		t.Fatalf("compile %s: %v", cond, err)
	}
	return c.match(sub)
}

func TestConditionEval(t *testing.T) {
	base := func(t *testing.T) *sketch {
		s := newSketch(t)
		s.add("u", kActor, "human", "name=Listener").
			add("p", kProc, "technology=Go 1.26", "privilegeLevel=root", "authenticatesUsers").
			add("l", kStore, "isLog").
			add("x", kStore, "shared").
			zone("p", "l").
			flow("f1", "u", "p", "protocol=HTTPS", "encrypted", "classification=confidential").
			flow("f2", "p", "l", "protocol=").
			flow("f3", "x", "p", "bidirectional")
		s.control("p", "TLS", true).control("p", "Rate limiting", false)
		s.d.Elements[1].Tags = []string{"PCI", "edge"}
		return s
	}
	tests := map[string]struct {
		target, cond string
		want         bool
	}{
		"is true":               {"p", `{"prop":"authenticatesUsers","is":true}`, true},
		"is false":              {"p", `{"prop":"authorizesRequests","is":true}`, false},
		"empty":                 {"f2", `{"prop":"protocol","empty":true}`, true},
		"not empty":             {"f1", `{"prop":"protocol","empty":false}`, true},
		"equals ignores case":   {"f1", `{"prop":"protocol","equals":"https"}`, true},
		"in":                    {"f1", `{"prop":"classification","in":["confidential","secret"]}`, true},
		"not in":                {"f2", `{"prop":"classification","in":["confidential","secret"]}`, false},
		"matches":               {"p", `{"prop":"technology","matches":"(?i)^go\\b"}`, true},
		"name":                  {"u", `{"prop":"name","matches":"Listen"}`, true},
		"kind":                  {"p", `{"kind":["process","multi-process"]}`, true},
		"kind no":               {"p", `{"kind":"multi-process"}`, false},
		"all":                   {"p", `{"all":[{"prop":"authenticatesUsers","is":true},{"kind":"process"}]}`, true},
		"all fails":             {"p", `{"all":[{"prop":"authenticatesUsers","is":true},{"kind":"multi-process"}]}`, false},
		"any":                   {"p", `{"any":[{"prop":"authorizesRequests","is":true},{"kind":"process"}]}`, true},
		"not":                   {"p", `{"not":{"kind":"process"}}`, false},
		"control in place":      {"p", `{"control":"tls"}`, true},
		"control listed only":   {"p", `{"control":"Rate limiting"}`, false},
		"control absent":        {"p", `{"control":["WAF","Rate limiting"],"inPlace":false}`, true},
		"tag":                   {"p", `{"tag":"pci"}`, true},
		"tag no":                {"u", `{"tag":"pci"}`, false},
		"crosses":               {"f1", `{"fact":"crossesBoundary"}`, true},
		"inside one zone":       {"f2", `{"fact":"crossesBoundary"}`, false},
		"crosses is false":      {"f2", `{"fact":"crossesBoundary","is":false}`, true},
		"fromActor":             {"f1", `{"fact":"fromActor"}`, true},
		"toStore":               {"f2", `{"fact":"toStore"}`, true},
		"toProcess":             {"f1", `{"fact":"toProcess"}`, true},
		"insideBoundary":        {"p", `{"fact":"insideBoundary"}`, true},
		"outside":               {"u", `{"fact":"insideBoundary"}`, false},
		"isLog":                 {"l", `{"fact":"isLog"}`, true},
		"writtenByProcess":      {"l", `{"fact":"writtenByProcess"}`, true},
		"written both ways":     {"x", `{"fact":"writtenByProcess"}`, true}, // f3 is bidirectional: p writes to x too
		"hasIncoming":           {"p", `{"fact":"hasIncoming"}`, true},
		"no incoming":           {"u", `{"fact":"hasIncoming"}`, false},
		"hasOutgoing":           {"u", `{"fact":"hasOutgoing"}`, true},
		"source":                {"f1", `{"source":{"prop":"human","is":true}}`, true},
		"target":                {"f1", `{"target":{"control":"TLS"}}`, true},
		"source lacks property": {"f2", `{"source":{"prop":"human","is":false}}`, false},
		"incoming":              {"p", `{"incoming":{"all":[{"fact":"fromActor"},{"prop":"encrypted","is":true}]}}`, true},
		"incoming both ways":    {"x", `{"incoming":{"source":{"kind":"process"}}}`, true},
		"outgoing":              {"p", `{"outgoing":{"target":{"fact":"isLog"}}}`, true},
		"outgoing none":         {"l", `{"outgoing":{"fact":"crossesBoundary"}}`, false},
		"connected":             {"l", `{"connected":{"prop":"privilegeLevel","matches":"root"}}`, true},
		"two hops":              {"u", `{"outgoing":{"target":{"outgoing":{"target":{"fact":"isLog"}}}}}`, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := evalOn(t, base(t), tc.target, tc.cond); got != tc.want {
				t.Errorf("%s on %s = %v, want %v", tc.cond, tc.target, got, tc.want)
			}
		})
	}
}

// TestConditionText checks the rendering RULES.md shows.
func TestConditionText(t *testing.T) {
	tests := map[string]struct {
		scope      targetSet
		cond, want string
	}{
		"nested": {flowTargets,
			`{"all":[{"prop":"encrypted","is":false},{"any":[{"fact":"crossesBoundary"},{"prop":"publicNetwork","is":true}]}]}`,
			"not encrypted and (crossesBoundary or publicNetwork)"},
		"relation": {setOf(TargetProcess),
			`{"incoming":{"source":{"kind":"actor"}}}`,
			"some incoming flow [source [is actor]]"},
		"control": {setOf(TargetActor),
			`{"control":["MFA","2FA"],"inPlace":false}`,
			`no control "MFA" or "2FA" in place`},
		"text tests": {flowTargets,
			`{"any":[{"prop":"protocol","empty":true},{"prop":"classification","in":["secret"]},{"prop":"protocol","matches":"^http$"}]}`,
			"protocol is empty or classification is \"secret\" or protocol matches `^http$`"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c, err := condParser{}.compile(json.RawMessage(tc.cond), "condition", tc.scope)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestConditionErrors(t *testing.T) {
	procs := setOf(TargetProcess, TargetMultiProcess)
	tests := map[string]struct {
		scope      targetSet
		cond, want string
	}{
		"not an object":     {procs, `[1]`, "condition: want a condition object"},
		"no operator":       {procs, `{"is":true}`, "condition: no operator"},
		"two operators":     {procs, `{"prop":"x","kind":"actor"}`, `condition: one condition object has both "kind" and "prop"`},
		"unknown key":       {procs, `{"kind":"process","colour":"red"}`, `condition.colour: unknown key in a "kind" condition`},
		"empty all":         {procs, `{"all":[]}`, "condition.all: want a non-empty list"},
		"deep path":         {procs, `{"all":[{"kind":"process"},{"any":[{"prop":"encryptd","is":true}]}]}`, `condition.all[1].any[0].prop: unknown property "encryptd" for a process, multi-process`},
		"wrong kind":        {procs, `{"kind":"flow"}`, "condition.kind: never holds here"},
		"unknown kind":      {procs, `{"kind":"dragon"}`, `condition.kind: unknown target "dragon"`},
		"is on text":        {procs, `{"prop":"technology","is":true}`, `condition.is: "technology" is text`},
		"empty on bool":     {procs, `{"prop":"webApplication","empty":true}`, `condition.empty: "webApplication" is yes/no`},
		"two tests":         {flowTargets, `{"prop":"protocol","empty":true,"matches":"x"}`, "exactly one of"},
		"bad option":        {flowTargets, `{"prop":"classification","in":["top-secret"]}`, `condition.in: "top-secret" is not a value of "classification"`},
		"bad regexp":        {flowTargets, `{"prop":"protocol","matches":"("}`, "condition.matches: error parsing regexp"},
		"unknown fact":      {flowTargets, `{"fact":"isEvil"}`, `condition.fact: unknown fact "isEvil"`},
		"fact of elements":  {flowTargets, `{"fact":"insideBoundary"}`, `fact "insideBoundary" applies to a actor, process, multi-process, store`},
		"fact is not bool":  {flowTargets, `{"fact":"crossesBoundary","is":"yes"}`, "condition.is: want true or false"},
		"source of element": {procs, `{"source":{"kind":"actor"}}`, "condition.source: only a flow has a source"},
		"incoming of flow":  {flowTargets, `{"incoming":{"fact":"crossesBoundary"}}`, "condition.incoming: only an element has incoming flows"},
		"inner scope":       {procs, `{"incoming":{"prop":"human","is":true}}`, `condition.incoming.prop: unknown property "human" for a flow`},
		"empty control":     {procs, `{"control":""}`, "condition.control: empty name"},
		"control list":      {procs, `{"control":["TLS",""]}`, "condition.control[1]: empty name"},
		"inPlace not bool":  {procs, `{"control":"TLS","inPlace":1}`, "condition.inPlace: want true or false"},
		"too deep":          {procs, strings.Repeat(`{"not":`, 40) + `{"kind":"process"}` + strings.Repeat(`}`, 40), "nested deeper than"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := condParser{}.compile(json.RawMessage(tc.cond), "condition", tc.scope)
			if err == nil {
				t.Fatalf("no error for %s", tc.cond)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want …%s…", err, tc.want)
			}
		})
	}
}

// TestBidirectionalFlow checks that a rule about one direction fires on a
// bidirectional flow drawn the other way, naming the ends as the rule sees
// them.
func TestBidirectionalFlow(t *testing.T) {
	c := builtinCatalog(t)
	s := newSketch(t)
	// TB-NC-003 wants personal data sent to a non-human actor.
	s.add("x", kActor, "name=Partner API").add("p", kProc, "name=Shop").
		flow("f", "x", "p", "carriesPersonalData", "name=orders")
	m := s.model(ChecklistLINDDUN)
	if hasKey(c.Suggest(m), "TB-NC-003:f") {
		t.Fatal("fires on a one-way flow from the actor")
	}
	s.set("f", "bidirectional")
	var got *Suggestion
	for _, sg := range c.Suggest(m) {
		if sg.Key == "TB-NC-003:f" {
			got = &sg
		}
	}
	if got == nil {
		t.Fatal("does not fire on the bidirectional flow")
	}
	if want := "Personal data sent to Partner API over orders may leave its agreed purpose or jurisdiction"; got.Title != want {
		t.Errorf("title %q, want %q", got.Title, want)
	}
}

// TestUnnamedTitles checks the fallbacks for unnamed elements and flows.
func TestUnnamedTitles(t *testing.T) {
	c := builtinCatalog(t)
	s := newSketch(t)
	s.add("a", kProc, "name= ", "parsesUntrustedInput").add("b", kProc).flow("f", "a", "b", "carriesCredentials", "name=")
	titles := map[string]string{}
	for _, sg := range c.Suggest(s.model(ChecklistSTRIDE)) {
		titles[sg.Key] = sg.Title
	}
	want := map[string]string{
		"TB-I-002:f": "Credentials on unnamed flow travel in clear text",
		"TB-T-002:a": "Crafted input can make unnamed process run attacker-chosen commands or queries",
	}
	for k, w := range want {
		if titles[k] != w {
			t.Errorf("%s: title %q, want %q", k, titles[k], w)
		}
	}
}
