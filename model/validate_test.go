package model

import (
	"fmt"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	tests := map[string]struct {
		spoil func(m *Model)
		want  string // one of the problems, as printed
	}{
		"duplicate ID across kinds": {func(m *Model) { m.Actions[0].ID = "e1" },
			`actions[0].id: duplicate ID "e1" (also at diagrams[0].elements[0].id)`},
		"missing ID": {func(m *Model) { m.Diagrams[0].Flows[1].ID = "" },
			"diagrams[0].flows[1].id: missing id"},
		"dangling flow end": {func(m *Model) { m.Diagrams[0].Flows[0].To = "e9" },
			`diagrams[0].flows[0].to: unknown element "e9"`},
		"flow to an element of another diagram": {func(m *Model) {
			m.Diagrams[1].Elements = []*Element{{ID: "x1", Kind: Actor, Bounds: Rect{0, 0, 1, 1}}}
			m.Diagrams[0].Flows[0].From = "x1"
		}, `diagrams[0].flows[0].from: unknown element "x1"`},
		"flow to a note": {func(m *Model) { m.Diagrams[0].Flows[0].To = "e5" },
			`diagrams[0].flows[0].to: element "e5" is a note; flows connect actors, processes and stores`},
		"dangling parent": {func(m *Model) { m.Diagrams[1].Parent = "e404" },
			`diagrams[1].parent: unknown element "e404"`},
		"parent is not a multi-process": {func(m *Model) { m.Diagrams[1].Parent = "e2" },
			`diagrams[1].parent: element "e2" is a process; only a multi-process opens into a diagram`},
		"dangling child": {func(m *Model) { m.Diagrams[0].Elements[2].Child = "d9" },
			`diagrams[0].elements[2].child: unknown diagram "d9"`},
		"child of a store": {func(m *Model) { m.Diagrams[0].Elements[3].Child = "d2" },
			"diagrams[0].elements[3].child: only a multi-process opens a child diagram, not stores"},
		"dangling tree target": {func(m *Model) { m.AttackTrees[0].Target = "t9" },
			`attackTrees[0].target: unknown element or threat "t9"`},
		"tree target is an element": {func(m *Model) { m.AttackTrees[0].Target = "e2" }, ""},
		"dangling action threat": {func(m *Model) { m.Actions[0].ThreatID = "t9" },
			`actions[0].threatId: unknown threat "t9"`},
		"property of another kind": {func(m *Model) { m.Diagrams[0].Elements[0].StoresSecrets = true },
			"diagrams[0].elements[0].storesSecrets: storesSecrets is a property of stores, not of actors"},
		"text property of another kind": {func(m *Model) { m.Diagrams[0].Elements[3].PrivilegeLevel = "root" },
			"diagrams[0].elements[3].privilegeLevel: privilegeLevel is a property of processes and multi-processes, not of stores"},
		"NaN size": {func(m *Model) { m.Diagrams[0].Elements[1].Bounds.W = nan() },
			"diagrams[0].elements[1].bounds: size NaNx100 must be positive and at most 1e+09"},
		"negative size": {func(m *Model) { m.Diagrams[0].Elements[1].Bounds.H = -1 },
			"diagrams[0].elements[1].bounds: size 100x-1 must be positive and at most 1e+09"},
		"infinite position": {func(m *Model) { m.Diagrams[0].Elements[1].Bounds.X = 1 / zero() },
			"diagrams[0].elements[1].bounds: position must be numbers within ±1e+09"},
		"NaN waypoint": {func(m *Model) { m.Diagrams[0].Flows[0].Waypoints[1].Y = nan() },
			"diagrams[0].flows[0].waypoints[1]: coordinates must be numbers within ±1e+09"},
		"box without size": {func(m *Model) { m.Diagrams[0].Boundaries[1].Bounds = Rect{} },
			"diagrams[0].boundaries[1].bounds: size 0x0 must be positive and at most 1e+09"},
		"line with one point": {func(m *Model) { m.Diagrams[0].Boundaries[0].Points = m.Diagrams[0].Boundaries[0].Points[:1] },
			"diagrams[0].boundaries[0].points: a line boundary needs at least 2 points, not 1"},
		"box with points": {func(m *Model) { m.Diagrams[0].Boundaries[1].Points = []Point{{1, 1}} },
			"diagrams[0].boundaries[1].points: a box boundary has bounds, not points"},
		"probability above 1": {func(m *Model) { m.AttackTrees[0].Root.Children[0].Probability = 1.01 },
			"attackTrees[0].root.children[0].probability: probability 1.01 is outside 0..1"},
		"NaN probability": {func(m *Model) { m.AttackTrees[0].Root.Children[0].Probability = nan() },
			"attackTrees[0].root.children[0].probability: probability NaN is outside 0..1"},
		"strength below 0": {func(m *Model) { m.AttackTrees[0].Root.Children[1].Children[0].Countermeasures[0].Strength = -0.5 },
			"attackTrees[0].root.children[1].children[0].countermeasures[0].strength: strength -0.5 is outside 0..1"},
		"skill above 5": {func(m *Model) { m.AttackTrees[0].Root.Children[0].Skill = 6 },
			"attackTrees[0].root.children[0].skill: skill 6 is outside 0..5"},
		"negative skill": {func(m *Model) { m.AttackTrees[0].Root.Children[0].Skill = -1 },
			"attackTrees[0].root.children[0].skill: skill -1 is outside 0..5"},
		"infinite cost": {func(m *Model) { m.AttackTrees[0].Root.Children[0].Cost = 1 / zero() },
			"attackTrees[0].root.children[0].cost: cost +Inf is outside 0..1e+12"},
		"leaf with children": {func(m *Model) { m.AttackTrees[0].Root.Children[1].Type = Leaf },
			`attackTrees[0].root.children[1].children: a leaf has no children; make it an "and" or "or" node`},
		"missing root": {func(m *Model) { m.AttackTrees[0].Root = nil },
			"attackTrees[0].root: missing root node"},
		"invalid enum": {func(m *Model) { m.Diagrams[0].Elements[1].Threats[0].Decision = 9 },
			"diagrams[0].elements[1].threats[0].decision: invalid decision 9"},
		"opacity": {func(m *Model) { m.Diagrams[0].Background.Opacity = -0.1 },
			"diagrams[0].background.opacity: opacity -0.1 is outside 0..1"},
		"nil element": {func(m *Model) { m.Diagrams[0].Elements[4] = nil },
			"diagrams[0].elements[4]: missing element"},
		"negative duration": {func(m *Model) { m.Sessions[0].Duration = -5 },
			"sessions[0].duration: negative duration -5"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			m := fullModel()
			tc.spoil(m)
			got := Validate(m)
			if tc.want == "" {
				if len(got) > 0 {
					t.Errorf("Validate: %v, want no problems", got)
				}
				return
			}
			var lines []string
			for _, p := range got {
				lines = append(lines, p.String())
			}
			if !strings.Contains(strings.Join(lines, "\n")+"\n", tc.want+"\n") {
				t.Errorf("Validate:\n%s\nwant the problem:\n%s", strings.Join(lines, "\n"), tc.want)
			}
		})
	}
}

func TestValidateNil(t *testing.T) {
	if got := fmt.Sprint(Validate(nil)); got != "[no model]" {
		t.Errorf("Validate(nil) = %s", got)
	}
	if got := Validate(&Model{}); len(got) != 0 {
		t.Errorf("Validate(empty model) = %v", got)
	}
}

// TestValidateAgreesWithDecode: what Validate accepts, Decode accepts after
// Encode, and what Validate refuses, Decode refuses with the same problems.
func TestValidateAgreesWithDecode(t *testing.T) {
	m := fullModel()
	m.Diagrams[0].Flows[0].To = "e9"
	m.Diagrams[0].Elements[1].Bounds.W = -3
	data, err := Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Decode(data)
	want := []string{`diagrams[0].elements[1].bounds: size -3x100 must be positive and at most 1e+09`, `diagrams[0].flows[0].to: unknown element "e9"`}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("Decode: %v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
	if got := fmt.Sprint(Validate(m)); got != fmt.Sprint([]string{want[0], want[1]}) {
		t.Errorf("Validate: %s", got)
	}
}

func zero() float64 { return 0 }

// TestValidateNilsEverywhere: a model built in code may hold nil pointers
// anywhere; Validate reports them and never panics.
func TestValidateNilsEverywhere(t *testing.T) {
	spoils := map[string]func(m *Model){
		"session":   func(m *Model) { m.Sessions[0] = nil },
		"diagram":   func(m *Model) { m.Diagrams[1] = nil },
		"element":   func(m *Model) { m.Diagrams[0].Elements[0] = nil },
		"flow":      func(m *Model) { m.Diagrams[0].Flows[0] = nil },
		"boundary":  func(m *Model) { m.Diagrams[0].Boundaries[0] = nil },
		"threat":    func(m *Model) { m.Diagrams[0].Elements[1].Threats[0] = nil },
		"tree":      func(m *Model) { m.AttackTrees[0] = nil },
		"node":      func(m *Model) { m.AttackTrees[0].Root.Children[0] = nil },
		"action":    func(m *Model) { m.Actions[0] = nil },
		"flow list": func(m *Model) { m.Diagrams[0].Flows = []*Flow{nil, nil} },
	}
	for name, spoil := range spoils {
		t.Run(name, func(t *testing.T) {
			m := fullModel()
			spoil(m)
			if got := Validate(m); len(got) == 0 {
				t.Error("Validate found nothing wrong")
			}
		})
	}
}
