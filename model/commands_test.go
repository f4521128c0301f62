package model

import (
	"bytes"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

// editModel is a small valid model touching every kind of object the
// commands edit, with references between them.
func editModel() *Model {
	return &Model{
		ID: "m", Title: "Edits", Owner: "Team", Classification: "Internal", Version: "1",
		Sessions: []*Session{{ID: "s1", Date: Date{2026, 11, 27}, Duration: 60}},
		Diagrams: []*Diagram{{
			ID: "d1", Title: "Authentication",
			Elements: []*Element{
				{ID: "a", Kind: Actor, Bounds: Rect{0, 0, 100, 60}, Common: Common{Name: "User", Tags: []string{"human"}}, Human: true},
				{ID: "p", Kind: Process, Bounds: Rect{200, 0, 100, 100}, Common: Common{Name: "API",
					Threats:  []*Threat{{ID: "t1", Title: "Spoofed user", Category: "spoofing", Likelihood: Medium, Impact: High}},
					Controls: []Control{{Name: "TLS", InPlace: true}}}},
				{ID: "s", Kind: Store, Bounds: Rect{200, 200, 120, 50}, Common: Common{Name: "Users"}, StoresCredentials: true},
				{ID: "n", Kind: Note, Bounds: Rect{0, 300, 150, 40}, Common: Common{Name: "A note"}},
				{ID: "mp", Kind: MultiProcess, Bounds: Rect{400, 0, 110, 110}, Common: Common{Name: "IdP"}, Child: "d2"},
			},
			Flows: []*Flow{
				{ID: "f1", From: "a", To: "p", Waypoints: []Point{{150, 30}}, Common: Common{Name: "Login",
					Threats: []*Threat{{ID: "t2", Title: "Sniffed password", Category: "information-disclosure"}}}, Protocol: "HTTPS"},
				{ID: "f2", From: "p", To: "s", Common: Common{Name: "Query"}},
				{ID: "f3", From: "s", To: "a", Waypoints: []Point{{50, 225}}, Common: Common{Name: "Reply"}},
				{ID: "f4", From: "mp", To: "p", Common: Common{Name: "Token"}, Classification: DataSecret},
			},
			Boundaries: []*Boundary{
				{ID: "bl", Name: "Internet", Shape: BoundaryLine, Points: []Point{{150, -50}, {150, 300}}},
				{ID: "bb", Name: "Data centre", Shape: BoundaryBox, Bounds: Rect{180, -20, 360, 300}},
			},
		}, {
			ID: "d2", Title: "Inside the IdP", Parent: "mp",
			Elements: []*Element{{ID: "x", Kind: Process, Bounds: Rect{0, 0, 80, 80}, Common: Common{Name: "Login service"}}},
		}},
		AttackTrees: []*AttackTree{{ID: "tr1", Title: "Take over an account", Target: "t1",
			Root: &Node{ID: "n1", Title: "Guess the password", Type: Leaf, Probability: 0.2}}},
		Actions: []*Action{{ID: "ac1", Title: "Add MFA", ThreatID: "t1"}},
	}
}

func encode(t testing.TB, m *Model) []byte {
	t.Helper()
	b, err := Encode(m)
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return b
}

// checkIndex fails when a diagram's element or flow index disagrees with its slices.
func checkIndex(t testing.TB, m *Model) {
	t.Helper()
	for _, d := range m.Diagrams {
		// The index as the commands left it, before any lookup heals it.
		if x := d.flowIdx; x != nil {
			fresh := buildFlowIndex(d.Flows)
			if x.n != fresh.n || len(x.byID) != len(fresh.byID) {
				t.Errorf("diagram %s: flow index of %d/%d flows, want %d", d.ID, x.n, len(x.byID), fresh.n)
			}
			for id, f := range fresh.byID {
				if x.byID[id] != f {
					t.Errorf("diagram %s: flow index has %v for %s", d.ID, x.byID[id], id)
				}
			}
			for id, l := range fresh.ends {
				got := slices.Clone(x.ends[id])
				byPtr := func(a, b *Flow) int { return strings.Compare(a.ID, b.ID) }
				slices.SortFunc(got, byPtr)
				slices.SortFunc(l, byPtr)
				if !slices.Equal(got, l) {
					t.Errorf("diagram %s: flow index lists %d flows at %s, want %d", d.ID, len(got), id, len(l))
				}
			}
			for id, l := range x.ends {
				if len(l) > 0 && len(fresh.ends[id]) == 0 {
					t.Errorf("diagram %s: flow index lists flows at %s, which has none", d.ID, id)
				}
			}
		}
		if d.index != nil && len(d.index) == len(d.Elements) {
			for i, e := range d.Elements {
				if d.index[e.ID] != i {
					t.Errorf("diagram %s: element index has %s at %d, want %d", d.ID, e.ID, d.index[e.ID], i)
				}
			}
		}
		for i, e := range d.Elements {
			if got := d.ElementIndex(e.ID); got != i {
				t.Errorf("diagram %s: ElementIndex(%s) = %d, want %d", d.ID, e.ID, got, i)
			}
		}
		for _, f := range d.Flows {
			if d.Flow(f.ID) != f {
				t.Errorf("diagram %s: flow index misses %s", d.ID, f.ID)
			}
			for _, end := range []string{f.From, f.To} {
				if !slices.Contains(d.FlowsOf(end), f) {
					t.Errorf("diagram %s: flowsAt(%s) misses %s", d.ID, end, f.ID)
				}
			}
		}
	}
}

type cmdCase struct {
	cmd   func() Command
	check func(t *testing.T, m *Model) // the document after Do
	err   bool                         // Do must fail and change nothing
}

// runCommand does, undoes and redoes one command on a fresh editModel and
// checks the document's bytes at each step.
func runCommand(t *testing.T, tc cmdCase) {
	t.Helper()
	m := editModel()
	before := encode(t, m)
	c := tc.cmd()
	err := c.Do(m)
	if tc.err {
		if err == nil {
			t.Fatalf("Do succeeded, want an error")
		}
		if got := encode(t, m); !bytes.Equal(got, before) {
			t.Fatalf("failed Do changed the document:\n%s", got)
		}
		return
	}
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	if c.Label() == "" {
		t.Errorf("empty label")
	}
	if tc.check != nil {
		tc.check(t, m)
	}
	if ps := Validate(m); len(ps) > 0 {
		t.Errorf("the edit left an invalid document: %v", ps)
	}
	checkIndex(t, m)
	after := encode(t, m)
	if bytes.Equal(after, before) {
		t.Errorf("Do changed nothing")
	}
	c.Undo(m)
	if got := encode(t, m); !bytes.Equal(got, before) {
		t.Fatalf("Undo did not restore the document:\n%s\nwant\n%s", got, before)
	}
	checkIndex(t, m)
	if err := c.Do(m); err != nil {
		t.Fatalf("redo: %v", err)
	}
	if got := encode(t, m); !bytes.Equal(got, after) {
		t.Fatalf("redo gave\n%s\nwant\n%s", got, after)
	}
	checkIndex(t, m)
}

func d1(m *Model) *Diagram { return m.Diagram("d1") }

func ids[T any](s []*T, id func(*T) string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = id(v)
	}
	return out
}

func elementIDs(d *Diagram) []string { return ids(d.Elements, func(e *Element) string { return e.ID }) }
func flowIDs(d *Diagram) []string    { return ids(d.Flows, func(f *Flow) string { return f.ID }) }

func wantIDs(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func TestStructureCommands(t *testing.T) {
	tests := map[string]cmdCase{
		"add actor": {
			cmd: func() Command {
				return AddElement("d1", &Element{ID: "new", Kind: Actor, Bounds: Rect{600, 0, 100, 60}, Common: Common{Name: "Admin"}})
			},
			check: func(t *testing.T, m *Model) {
				wantIDs(t, "elements", elementIDs(d1(m)), []string{"a", "p", "s", "n", "mp", "new"})
			},
		},
		"add element without ID gets one": {
			cmd: func() Command { return AddElement("d1", &Element{Kind: Note, Bounds: Rect{0, 0, 10, 10}}) },
			check: func(t *testing.T, m *Model) {
				if e := d1(m).Elements[5]; len(e.ID) != 10 {
					t.Errorf("new element ID %q", e.ID)
				}
			},
		},
		"add element unknown diagram": {cmd: func() Command { return AddElement("nope", &Element{Kind: Actor, Bounds: Rect{0, 0, 1, 1}}) }, err: true},
		"add element taken ID":        {cmd: func() Command { return AddElement("d1", &Element{ID: "t1", Kind: Actor, Bounds: Rect{0, 0, 1, 1}}) }, err: true},
		"add element node ID":         {cmd: func() Command { return AddElement("d1", &Element{ID: "n1", Kind: Actor, Bounds: Rect{0, 0, 1, 1}}) }, err: true},
		"add element invalid kind":    {cmd: func() Command { return AddElement("d1", &Element{Kind: 99, Bounds: Rect{0, 0, 1, 1}}) }, err: true},
		"add element zero size":       {cmd: func() Command { return AddElement("d1", &Element{Kind: Actor, Bounds: Rect{0, 0, 0, 10}}) }, err: true},
		"add element wrong property":  {cmd: func() Command { return AddElement("d1", &Element{Kind: Actor, Bounds: Rect{0, 0, 1, 1}, IsLog: true}) }, err: true},
		"add flow": {
			cmd: func() Command { return AddFlow("d1", &Flow{ID: "f5", From: "s", To: "mp", Waypoints: []Point{{1, 2}}}) },
			check: func(t *testing.T, m *Model) {
				wantIDs(t, "flows", flowIDs(d1(m)), []string{"f1", "f2", "f3", "f4", "f5"})
			},
		},
		"add flow to a note":      {cmd: func() Command { return AddFlow("d1", &Flow{From: "a", To: "n"}) }, err: true},
		"add flow from nowhere":   {cmd: func() Command { return AddFlow("d1", &Flow{From: "zz", To: "a"}) }, err: true},
		"add flow other diagram":  {cmd: func() Command { return AddFlow("d1", &Flow{From: "a", To: "x"}) }, err: true},
		"add flow taken ID":       {cmd: func() Command { return AddFlow("d1", &Flow{ID: "f1", From: "a", To: "p"}) }, err: true},
		"add flow with NaN point": {cmd: func() Command { return AddFlow("d1", &Flow{From: "a", To: "p", Waypoints: []Point{{notANumber(), 0}}}) }, err: true},
		"add line boundary": {
			cmd: func() Command {
				return AddBoundary("d1", &Boundary{ID: "b3", Shape: BoundaryLine, Points: []Point{{0, 0}, {5, 5}, {9, 0}}})
			},
			check: func(t *testing.T, m *Model) {
				if d1(m).Boundary("b3") == nil {
					t.Error("boundary not added")
				}
			},
		},
		"add box boundary":            {cmd: func() Command { return AddBoundary("d1", &Boundary{Shape: BoundaryBox, Bounds: Rect{0, 0, 5, 5}}) }},
		"add line of one point":       {cmd: func() Command { return AddBoundary("d1", &Boundary{Shape: BoundaryLine, Points: []Point{{0, 0}}}) }, err: true},
		"add boundary without shape":  {cmd: func() Command { return AddBoundary("d1", &Boundary{Bounds: Rect{0, 0, 5, 5}}) }, err: true},
		"add box with negative width": {cmd: func() Command { return AddBoundary("d1", &Boundary{Shape: BoundaryBox, Bounds: Rect{0, 0, -5, 5}}) }, err: true},
		"delete element takes its flows": {
			cmd: func() Command { return Delete("d1", []string{"p"}) },
			check: func(t *testing.T, m *Model) {
				wantIDs(t, "elements", elementIDs(d1(m)), []string{"a", "s", "n", "mp"})
				wantIDs(t, "flows", flowIDs(d1(m)), []string{"f3"})
				if m.AttackTrees[0].Target != "" || m.Actions[0].ThreatID != "" {
					t.Errorf("references to the deleted threat stay: tree %q, action %q", m.AttackTrees[0].Target, m.Actions[0].ThreatID)
				}
			},
		},
		"delete mixed selection": {
			cmd: func() Command { return Delete("d1", []string{"bl", "f2", "a", "n", "f1"}) },
			check: func(t *testing.T, m *Model) {
				wantIDs(t, "elements", elementIDs(d1(m)), []string{"p", "s", "mp"})
				wantIDs(t, "flows", flowIDs(d1(m)), []string{"f4"})
				if len(d1(m).Boundaries) != 1 || d1(m).Boundaries[0].ID != "bb" {
					t.Errorf("boundaries = %v", d1(m).Boundaries)
				}
			},
		},
		"delete multi-process orphans its child": {
			cmd: func() Command { return Delete("d1", []string{"mp"}) },
			check: func(t *testing.T, m *Model) {
				if m.Diagram("d2").Parent != "" {
					t.Errorf("child diagram keeps parent %q", m.Diagram("d2").Parent)
				}
			},
		},
		"delete unknown":       {cmd: func() Command { return Delete("d1", []string{"a", "ghost"}) }, err: true},
		"delete wrong diagram": {cmd: func() Command { return Delete("d2", []string{"a"}) }, err: true},
		"bring to front": {
			cmd: func() Command { return Reorder("d1", []string{"s", "a"}, true) },
			check: func(t *testing.T, m *Model) {
				wantIDs(t, "elements", elementIDs(d1(m)), []string{"p", "n", "mp", "a", "s"})
			},
		},
		"send to back": {
			cmd: func() Command { return Reorder("d1", []string{"mp", "s"}, false) },
			check: func(t *testing.T, m *Model) {
				wantIDs(t, "elements", elementIDs(d1(m)), []string{"s", "mp", "a", "p", "n"})
			},
		},
		"reorder a flow": {cmd: func() Command { return Reorder("d1", []string{"f1"}, true) }, err: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) { runCommand(t, tc) })
	}
}

func TestGeometryCommands(t *testing.T) {
	tests := map[string]cmdCase{
		"move one element": {
			cmd: func() Command { return Move("d1", []string{"a"}, Point{10, -5}) },
			check: func(t *testing.T, m *Model) {
				if got := d1(m).Element("a").Bounds; got != (Rect{10, -5, 100, 60}) {
					t.Errorf("bounds = %v", got)
				}
				if got := d1(m).Flow("f1").Waypoints; got[0] != (Point{150, 30}) {
					t.Errorf("waypoints of a flow with one end moving moved: %v", got)
				}
			},
		},
		"move both ends moves waypoints": {
			cmd: func() Command { return Move("d1", []string{"a", "p", "bl", "bb"}, Point{1, 2}) },
			check: func(t *testing.T, m *Model) {
				d := d1(m)
				if got := d.Flow("f1").Waypoints[0]; got != (Point{151, 32}) {
					t.Errorf("f1 waypoint = %v", got)
				}
				if got := d.Flow("f3").Waypoints[0]; got != (Point{50, 225}) {
					t.Errorf("f3 waypoint moved to %v", got)
				}
				if got := d.Boundary("bl").Points; got[0] != (Point{151, -48}) || got[1] != (Point{151, 302}) {
					t.Errorf("line points = %v", got)
				}
				if got := d.Boundary("bb").Bounds; got != (Rect{181, -18, 360, 300}) {
					t.Errorf("box = %v", got)
				}
			},
		},
		"move a selected flow": {
			cmd: func() Command { return Move("d1", []string{"f3"}, Point{0.1, 0.2}) },
			check: func(t *testing.T, m *Model) {
				if got := d1(m).Flow("f3").Waypoints[0]; got != (Point{50.1, 225.2}) {
					t.Errorf("f3 waypoint = %v", got)
				}
			},
		},
		"move unknown":       {cmd: func() Command { return Move("d1", []string{"a", "x"}, Point{1, 1}) }, err: true},
		"move by NaN":        {cmd: func() Command { return Move("d1", []string{"a"}, Point{notANumber(), 1}) }, err: true},
		"move wrong diagram": {cmd: func() Command { return Move("d3", []string{"a"}, Point{1, 1}) }, err: true},
		"resize element": {
			cmd: func() Command { return Resize("d1", "p", Rect{190, -10, 120, 120}) },
			check: func(t *testing.T, m *Model) {
				if got := d1(m).Element("p").Bounds; got != (Rect{190, -10, 120, 120}) {
					t.Errorf("bounds = %v", got)
				}
			},
		},
		"resize box":          {cmd: func() Command { return Resize("d1", "bb", Rect{0, 0, 10, 10}) }},
		"resize line":         {cmd: func() Command { return Resize("d1", "bl", Rect{0, 0, 10, 10}) }, err: true},
		"resize to nothing":   {cmd: func() Command { return Resize("d1", "p", Rect{0, 0, 0, 10}) }, err: true},
		"resize a flow":       {cmd: func() Command { return Resize("d1", "f1", Rect{0, 0, 10, 10}) }, err: true},
		"set waypoints":       {cmd: func() Command { return SetWaypoints("d1", "f2", []Point{{250, 150}, {260, 170}}) }},
		"clear waypoints":     {cmd: func() Command { return SetWaypoints("d1", "f1", []Point{}) }},
		"waypoints of a node": {cmd: func() Command { return SetWaypoints("d1", "a", nil) }, err: true},
		"move label": {
			cmd: func() Command { return MoveLabel("d1", "f1", Point{3, -12}) },
			check: func(t *testing.T, m *Model) {
				if got := d1(m).Flow("f1").LabelOffset; got != (Point{3, -12}) {
					t.Errorf("label offset = %v", got)
				}
			},
		},
		"move label to infinity": {cmd: func() Command { return MoveLabel("d1", "f1", Point{inf(), 0}) }, err: true},
		"set line points":        {cmd: func() Command { return SetPoints("d1", "bl", []Point{{0, 0}, {10, 10}, {20, 0}}) }},
		"set points of a box":    {cmd: func() Command { return SetPoints("d1", "bb", []Point{{0, 0}, {10, 10}}) }, err: true},
		"set one point":          {cmd: func() Command { return SetPoints("d1", "bl", []Point{{0, 0}}) }, err: true},
		"reconnect": {
			cmd: func() Command { return Reconnect("d1", "f2", "mp", "a") },
			check: func(t *testing.T, m *Model) {
				if f := d1(m).Flow("f2"); f.From != "mp" || f.To != "a" {
					t.Errorf("ends = %s→%s", f.From, f.To)
				}
			},
		},
		"reconnect to a note":    {cmd: func() Command { return Reconnect("d1", "f2", "p", "n") }, err: true},
		"reconnect unknown flow": {cmd: func() Command { return Reconnect("d1", "f9", "p", "a") }, err: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) { runCommand(t, tc) })
	}
}

func TestPropertyCommands(t *testing.T) {
	tests := map[string]cmdCase{
		"rename element":  {cmd: func() Command { return Rename("d1", "a", "Employee") }},
		"rename flow":     {cmd: func() Command { return Rename("d1", "f2", "Lookup") }},
		"rename boundary": {cmd: func() Command { return Rename("d1", "bb", "Cloud") }},
		"rename unknown":  {cmd: func() Command { return Rename("d1", "zz", "Cloud") }, err: true},
		"set element property": {
			cmd: func() Command { return SetProp("d1", "s", "encryptedAtRest", true) },
			check: func(t *testing.T, m *Model) {
				if !d1(m).Element("s").EncryptedAtRest {
					t.Error("not set")
				}
			},
		},
		"set text property":        {cmd: func() Command { return SetProp("d1", "p", "privilegeLevel", "root") }},
		"set flow classification":  {cmd: func() Command { return SetProp("d1", "f1", "classification", "confidential") }},
		"set flow protocol":        {cmd: func() Command { return SetProp("d1", "f4", "protocol", "OIDC") }},
		"property of another kind": {cmd: func() Command { return SetProp("d1", "a", "isLog", true) }, err: true},
		"property of wrong type":   {cmd: func() Command { return SetProp("d1", "s", "isLog", "yes") }, err: true},
		"unknown classification":   {cmd: func() Command { return SetProp("d1", "f1", "classification", "top") }, err: true},
		"property of a boundary":   {cmd: func() Command { return SetProp("d1", "bb", "description", "x") }, err: true},
		"set controls": {
			cmd: func() Command {
				return SetControls("d1", "p", []Control{{Name: "TLS", InPlace: true}, {Name: "Rate limiting", Notes: "planned"}})
			},
		},
		"clear controls":         {cmd: func() Command { return SetControls("d1", "p", nil) }},
		"controls of a flow":     {cmd: func() Command { return SetControls("d1", "f1", []Control{{Name: "mTLS"}}) }},
		"set tags":               {cmd: func() Command { return SetTags("d1", "a", []string{"human", "employee"}) }},
		"tags of unknown object": {cmd: func() Command { return SetTags("d1", "d2", []string{"x"}) }, err: true},
		"dismiss": {
			cmd: func() Command { return Dismiss("d1", "p", "R-1", true) },
			check: func(t *testing.T, m *Model) {
				wantIDs(t, "dismissed", d1(m).Element("p").Dismissed, []string{"R-1"})
			},
		},
		"dismiss without rule": {cmd: func() Command { return Dismiss("d1", "p", "", true) }, err: true},
		"rename diagram":       {cmd: func() Command { return RenameDiagram("d2", "Identity provider") }},
		"rename no diagram":    {cmd: func() Command { return RenameDiagram("d9", "x") }, err: true},
		"choose checklist": {
			cmd: func() Command { return SetChecklist("d2", "linddun") },
			check: func(t *testing.T, m *Model) {
				if got := m.Diagram("d2").Checklist; got != "linddun" {
					t.Errorf("checklist = %q", got)
				}
			},
		},
		"checklist of no diagram": {cmd: func() Command { return SetChecklist("d9", "stride") }, err: true},
		"set info": {
			cmd: func() Command {
				return SetInfo(Info{Title: "New", Owner: "Me", Scope: "All", Classification: "Secret", NextSession: Date{2027, 3, 1}})
			},
			check: func(t *testing.T, m *Model) {
				if m.Info().Title != "New" || m.Description != "" || m.NextSession != (Date{2027, 3, 1}) {
					t.Errorf("info = %+v", m.Info())
				}
			},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) { runCommand(t, tc) })
	}
}

func TestThreatCommands(t *testing.T) {
	tests := map[string]cmdCase{
		"add threat to element": {
			cmd: func() Command {
				return AddThreat("d1", "s", &Threat{ID: "t3", Title: "Dump", Category: "information-disclosure"})
			},
			check: func(t *testing.T, m *Model) {
				if r, ok := m.Threat("t3"); !ok || r.Element == nil || r.Element.ID != "s" {
					t.Errorf("threat not on s: %+v", r)
				}
			},
		},
		"add threat to flow":        {cmd: func() Command { return AddThreat("d1", "f1", &Threat{Title: "Replay"}) }},
		"add threat taken ID":       {cmd: func() Command { return AddThreat("d1", "s", &Threat{ID: "a"}) }, err: true},
		"add threat to nobody":      {cmd: func() Command { return AddThreat("d1", "bb", &Threat{}) }, err: true},
		"add threat, bad level":     {cmd: func() Command { return AddThreat("d1", "s", &Threat{Likelihood: 9}) }, err: true},
		"edit threat, bad decision": {cmd: func() Command { return EditThreat("d1", "p", Threat{ID: "t1", Decision: -1}) }, err: true},
		"edit threat": {
			cmd: func() Command {
				return EditThreat("d1", "p", Threat{ID: "t1", Title: "Spoofed user", Decision: Accept, Justification: "Low value"})
			},
			check: func(t *testing.T, m *Model) {
				if r, _ := m.Threat("t1"); r.Threat.Decision != Accept {
					t.Errorf("decision = %v", r.Threat.Decision)
				}
			},
		},
		"edit threat elsewhere": {cmd: func() Command { return EditThreat("d1", "s", Threat{ID: "t1"}) }, err: true},
		"delete threat": {
			cmd: func() Command { return DeleteThreat("d1", "p", "t1") },
			check: func(t *testing.T, m *Model) {
				if m.Actions[0].ThreatID != "" || m.AttackTrees[0].Target != "" {
					t.Error("references to the deleted threat stay")
				}
			},
		},
		"delete unknown threat": {cmd: func() Command { return DeleteThreat("d1", "p", "t2") }, err: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) { runCommand(t, tc) })
	}
}

func TestDocumentCommands(t *testing.T) {
	tests := map[string]cmdCase{
		"add diagram": {
			cmd: func() Command { return AddDiagram(&Diagram{ID: "d3", Title: "Listen to an episode"}) },
			check: func(t *testing.T, m *Model) {
				if m.Diagram("d3") == nil {
					t.Error("not added")
				}
			},
		},
		"add diagram taken ID": {cmd: func() Command { return AddDiagram(&Diagram{ID: "d1"}) }, err: true},
		"add diagram with content": {cmd: func() Command {
			return AddDiagram(&Diagram{ID: "d3", Elements: []*Element{{ID: "e1", Kind: Actor, Bounds: Rect{0, 0, 1, 1}}}})
		}},
		"add diagram, element ID taken": {cmd: func() Command {
			return AddDiagram(&Diagram{ID: "d3", Elements: []*Element{{ID: "p", Kind: Actor, Bounds: Rect{0, 0, 1, 1}}}})
		}, err: true},
		"add diagram, bad parent": {cmd: func() Command { return AddDiagram(&Diagram{Parent: "a"}) }, err: true},
		"delete diagram with its child links": {
			cmd: func() Command { return DeleteDiagram("d2") },
			check: func(t *testing.T, m *Model) {
				if d1(m).Element("mp").Child != "" {
					t.Error("multi-process still opens the deleted diagram")
				}
			},
		},
		"delete first diagram": {
			cmd: func() Command { return DeleteDiagram("d1") },
			check: func(t *testing.T, m *Model) {
				if len(m.Diagrams) != 1 || m.Diagrams[0].Parent != "" || m.AttackTrees[0].Target != "" || m.Actions[0].ThreatID != "" {
					t.Errorf("dangling references stay")
				}
			},
		},
		"delete no diagram": {cmd: func() Command { return DeleteDiagram("zz") }, err: true},
		"open a multi-process in depth": {
			cmd: func() Command {
				m := &Element{ID: "mp2", Kind: MultiProcess, Bounds: Rect{600, 0, 110, 110}}
				return Batch("Add and open", AddElement("d1", m), AddChildDiagram("d1", "mp2", &Diagram{ID: "d3", Title: "Inside"}))
			},
			check: func(t *testing.T, m *Model) {
				if d1(m).Element("mp2").Child != "d3" || m.Diagram("d3").Parent != "mp2" {
					t.Error("not linked both ways")
				}
			},
		},
		"open in depth twice":     {cmd: func() Command { return AddChildDiagram("d1", "mp", &Diagram{Title: "Again"}) }, err: true},
		"open a process in depth": {cmd: func() Command { return AddChildDiagram("d1", "p", &Diagram{Title: "No"}) }, err: true},
		"add attack tree": {cmd: func() Command {
			return AddAttackTree(&AttackTree{Title: "DoS", Root: &Node{ID: "n9", Title: "Flood", Type: Leaf}})
		}},
		"add attack tree taken ID":     {cmd: func() Command { return AddAttackTree(&AttackTree{ID: "tr1"}) }, err: true},
		"add attack tree without root": {cmd: func() Command { return AddAttackTree(&AttackTree{Title: "Empty"}) }, err: true},
		"add attack tree, node ID taken": {cmd: func() Command {
			return AddAttackTree(&AttackTree{Root: &Node{ID: "n2", Type: Or, Children: []*Node{{ID: "a", Type: Leaf}}}})
		}, err: true},
		"add attack tree, node ID twice": {cmd: func() Command {
			return AddAttackTree(&AttackTree{Root: &Node{ID: "n2", Type: Or, Children: []*Node{{ID: "n2", Type: Leaf}}}})
		}, err: true},
		"add attack tree, bad probability": {cmd: func() Command {
			return AddAttackTree(&AttackTree{Root: &Node{ID: "n2", Type: Leaf, Probability: 2}})
		}, err: true},
		"edit attack tree keeping node IDs": {cmd: func() Command {
			return EditAttackTree(&AttackTree{ID: "tr1", Root: &Node{ID: "n1", Type: Or, Children: []*Node{{ID: "n5", Type: Leaf}}}})
		}},
		"edit attack tree, unknown target": {cmd: func() Command {
			return EditAttackTree(&AttackTree{ID: "tr1", Target: "nothing", Root: &Node{ID: "n1", Type: Leaf}})
		}, err: true},
		"edit attack tree": {
			cmd: func() Command {
				return EditAttackTree(&AttackTree{ID: "tr1", Title: "Take over", Root: &Node{ID: "n1", Title: "Phish", Type: Leaf, Probability: 0.5}})
			},
			check: func(t *testing.T, m *Model) {
				if got := m.AttackTree("tr1").Root.Title; got != "Phish" {
					t.Errorf("root = %q", got)
				}
			},
		},
		"edit unknown tree":   {cmd: func() Command { return EditAttackTree(&AttackTree{ID: "zz"}) }, err: true},
		"delete attack tree":  {cmd: func() Command { return DeleteAttackTree("tr1") }},
		"delete unknown tree": {cmd: func() Command { return DeleteAttackTree("zz") }, err: true},
		"batch": {
			cmd: func() Command {
				return Batch("Add and connect",
					AddElement("d1", &Element{ID: "e9", Kind: Store, Bounds: Rect{0, 500, 100, 40}}),
					AddFlow("d1", &Flow{ID: "f9", From: "p", To: "e9"}),
					Rename("d1", "e9", "Cache"))
			},
			check: func(t *testing.T, m *Model) {
				if d1(m).Element("e9").Name != "Cache" || d1(m).Flow("f9") == nil {
					t.Error("batch not applied")
				}
			},
		},
		"batch fails halfway": {
			cmd: func() Command {
				return Batch("Add and connect",
					AddElement("d1", &Element{ID: "e9", Kind: Store, Bounds: Rect{0, 500, 100, 40}}),
					Move("d1", []string{"e9", "a"}, Point{5, 5}),
					AddFlow("d1", &Flow{ID: "f9", From: "p", To: "nobody"}))
			},
			err: true,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) { runCommand(t, tc) })
	}
}

func TestEditThreatCopies(t *testing.T) {
	m := editModel()
	th := Threat{ID: "t1", Title: "Changed"}
	c := EditThreat("d1", "p", th)
	th.Title = "Changed again"
	if err := c.Do(m); err != nil {
		t.Fatal(err)
	}
	if r, _ := m.Threat("t1"); r.Threat.Title != "Changed" {
		t.Errorf("title = %q, want the value at construction", r.Threat.Title)
	}
}

func TestEditAttackTreeCopies(t *testing.T) {
	m := editModel()
	tree := m.AttackTree("tr1").clone()
	tree.Root.Title = "Edited"
	c := EditAttackTree(tree)
	tree.Root.Title = "Edited after"
	if err := c.Do(m); err != nil {
		t.Fatal(err)
	}
	if got := m.AttackTree("tr1").Root.Title; got != "Edited" {
		t.Errorf("root title = %q", got)
	}
}

func TestErrorsWrapNotFound(t *testing.T) {
	m := editModel()
	for _, c := range []Command{Move("d1", []string{"zz"}, Point{}), Rename("d1", "zz", ""), DeleteDiagram("zz"), Delete("zz", nil)} {
		if err := c.Do(m); !errors.Is(err, errNotFound) {
			t.Errorf("%s: %v does not wrap errNotFound", c.Label(), err)
		}
	}
}

func notANumber() float64 { return math.NaN() }
func inf() float64        { return math.Inf(1) }

// The flow index survives edits of Flows made without the commands.
func TestFlowIndexHeals(t *testing.T) {
	m := editModel()
	d := d1(m)
	_ = d.Flow("f1") // build the index
	d.Flows[0], d.Flows[3] = d.Flows[3], d.Flows[0]
	if f := d.Flow("f1"); f == nil || f.ID != "f1" {
		t.Fatalf("after swap flowAt(f1) = %v", f)
	}
	if got := d.FlowsOf("a"); len(got) != 2 {
		t.Errorf("after swap flowsAt(a) = %d flows, want 2", len(got))
	}
	d.Flows = d.Flows[:2]
	if d.Flow("f1") != nil {
		t.Error("dropped flow still found")
	}
	d.Flows = append(d.Flows, &Flow{ID: "f7", From: "a", To: "s"})
	if d.Flow("f7") == nil || len(d.FlowsOf("s")) != 2 {
		t.Error("appended flow not found")
	}
	checkIndex(t, m)
}
