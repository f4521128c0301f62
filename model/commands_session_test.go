package model

import (
	"slices"
	"testing"
)

func TestSessionCommands(t *testing.T) {
	day := Date{2026, 12, 5}
	tests := map[string]cmdCase{
		"add session": {
			cmd: func() Command {
				return AddSession(&Session{ID: "s2", Date: day, Duration: 90, Participants: []Participant{{"Ann", "security"}}})
			},
			check: func(t *testing.T, m *Model) {
				if s := m.Session("s2"); s == nil || s.Participants[0].Name != "Ann" {
					t.Errorf("session s2 = %+v", s)
				}
			},
		},
		"add session, fresh ID":       {cmd: func() Command { return AddSession(&Session{Date: day}) }},
		"add session, taken ID":       {cmd: func() Command { return AddSession(&Session{ID: "p"}) }, err: true},
		"add session, negative hours": {cmd: func() Command { return AddSession(&Session{Duration: -5}) }, err: true},
		"edit session": {
			cmd: func() Command {
				return EditSession(Session{ID: "s1", Date: Date{2026, 11, 27}, Duration: 60, Actual: 75, Notes: "Ran over."})
			},
			check: func(t *testing.T, m *Model) {
				if s := m.Session("s1"); s.Actual != 75 || s.Notes != "Ran over." {
					t.Errorf("session s1 = %+v", s)
				}
			},
		},
		"edit session, negative actual": {cmd: func() Command { return EditSession(Session{ID: "s1", Actual: -1}) }, err: true},
		"edit unknown session":          {cmd: func() Command { return EditSession(Session{ID: "s9"}) }, err: true},
		"delete session": {
			cmd: func() Command { return DeleteSession("s1") },
			check: func(t *testing.T, m *Model) {
				if len(m.Sessions) != 0 {
					t.Errorf("sessions = %v", m.Sessions)
				}
			},
		},
		"delete unknown session": {cmd: func() Command { return DeleteSession("s9") }, err: true},
		"discuss element": {
			cmd: func() Command { return Discuss("d1", "p", Discussion{"spoofing", day, ThreatsFound}) },
			check: func(t *testing.T, m *Model) {
				if d, ok := d1(m).Element("p").Discussion("spoofing"); !ok || d.Outcome != ThreatsFound || d.Date != day {
					t.Errorf("discussion = %+v, %v", d, ok)
				}
			},
		},
		"discuss flow, nothing found": {
			cmd: func() Command { return Discuss("d1", "f2", Discussion{"tampering", day, NothingFound}) },
		},
		"discuss again replaces": {
			cmd: func() Command {
				return Batch("Twice", Discuss("d1", "s", Discussion{"tampering", day, NothingFound}),
					Discuss("d1", "s", Discussion{"tampering", day.AddMonths(1), ThreatsFound}))
			},
			check: func(t *testing.T, m *Model) {
				if got := d1(m).Element("s").Discussed; len(got) != 1 || got[0].Outcome != ThreatsFound {
					t.Errorf("discussed = %+v", got)
				}
			},
		},
		"discuss without category": {cmd: func() Command { return Discuss("d1", "p", Discussion{Outcome: NothingFound}) }, err: true},
		"discuss without outcome":  {cmd: func() Command { return Discuss("d1", "p", Discussion{Category: "spoofing"}) }, err: true},
		"discuss a boundary":       {cmd: func() Command { return Discuss("d1", "bb", Discussion{"spoofing", day, NothingFound}) }, err: true},
		"add action": {
			cmd: func() Command {
				return AddAction(&Action{ID: "ac2", Title: "Rate limit", ThreatID: "t2", Notes: "Limit per IP.", Due: day})
			},
			check: func(t *testing.T, m *Model) {
				if a := m.Actions[1]; a.ID != "ac2" || a.Notes != "Limit per IP." {
					t.Errorf("action = %+v", a)
				}
			},
		},
		"add action, unknown threat": {cmd: func() Command { return AddAction(&Action{ThreatID: "t9"}) }, err: true},
		"add action, taken ID":       {cmd: func() Command { return AddAction(&Action{ID: "s1"}) }, err: true},
		"review action": {
			cmd: func() Command {
				return EditAction(Action{ID: "ac1", Title: "Add MFA", ThreatID: "t1", Status: Verified, Reviewed: day, ReviewNote: "Seen in staging."})
			},
			check: func(t *testing.T, m *Model) {
				if a := m.Actions[0]; a.Reviewed != day || a.Status != Verified {
					t.Errorf("action = %+v", a)
				}
			},
		},
		"review note without a date": {cmd: func() Command { return EditAction(Action{ID: "ac1", ReviewNote: "x"}) }, err: true},
		"edit unknown action":        {cmd: func() Command { return EditAction(Action{ID: "ac9"}) }, err: true},
		"delete action":              {cmd: func() Command { return DeleteAction("ac1") }},
		"delete unknown action":      {cmd: func() Command { return DeleteAction("ac9") }, err: true},
		"plan next session": {
			cmd: func() Command { return SetNextSession(Date{2027, 3, 5}) },
			check: func(t *testing.T, m *Model) {
				if m.NextSession != (Date{2027, 3, 5}) {
					t.Errorf("next session = %v", m.NextSession)
				}
			},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) { runCommand(t, tc) })
	}
}

// TestSessionCommandsCopy: the editor goes on changing its own values
// after handing them to a command; the document must not change with them.
func TestSessionCommandsCopy(t *testing.T) {
	m := editModel()
	s := &Session{ID: "s2", Participants: []Participant{{"Ann", "security"}}}
	a := &Action{ID: "ac2", Title: "Rotate"}
	for _, c := range []Command{AddSession(s), AddAction(a)} {
		if err := c.Do(m); err != nil {
			t.Fatal(err)
		}
	}
	s.Participants[0].Name, a.Title = "changed", "changed"
	if m.Session("s2").Participants[0].Name != "Ann" || m.Actions[1].Title != "Rotate" {
		t.Error("the document shares memory with the caller's values")
	}
}

func TestPasteForgetsCoverage(t *testing.T) {
	m := editModel()
	if err := Discuss("d1", "p", Discussion{"spoofing", Date{2026, 12, 5}, NothingFound}).Do(m); err != nil {
		t.Fatal(err)
	}
	c, ids := Paste("d1", CopyFragment(d1(m), []string{"p"}), Point{10, 10})
	if err := c.Do(m); err != nil {
		t.Fatal(err)
	}
	if got := d1(m).Element(ids[0]).Discussed; got != nil {
		t.Errorf("a pasted copy was discussed already: %+v", got)
	}
}

func TestSessionHelpers(t *testing.T) {
	m := &Model{Sessions: []*Session{
		{ID: "a", Date: Date{2026, 6, 1}, Participants: []Participant{{"Ann", "developer"}, {"Bo", "operations"}}},
		{ID: "b", Date: Date{2026, 9, 1}, Participants: []Participant{{"ann ", "security"}, {"Cy", "Product Owner"}}},
	}}
	if got := m.LastSession(); got.ID != "b" {
		t.Errorf("LastSession = %s", got.ID)
	}
	if got := m.ReviewDate(); got != (Date{2026, 12, 1}) {
		t.Errorf("ReviewDate without a plan = %v, want three months after the last session", got)
	}
	m.NextSession = Date{2027, 1, 10}
	if got := m.ReviewDate(); got != m.NextSession {
		t.Errorf("ReviewDate = %v, want the planned date", got)
	}
	var names []string
	for _, p := range m.People() {
		names = append(names, p.Name+"/"+p.Role)
	}
	if want := []string{"ann /security", "Cy/Product Owner", "Bo/operations"}; !slices.Equal(names, want) {
		t.Errorf("People = %v, want %v", names, want)
	}
	tests := map[string]struct {
		s    *Session
		want []string
	}{
		"nobody":       {&Session{}, []string{"developer", "operations", "security", "product owner"}},
		"case and gap": {m.Sessions[1], []string{"developer", "operations"}},
		"free text":    {&Session{Participants: []Participant{{"Di", "architect"}}}, []string{"developer", "operations", "security", "product owner"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := tc.s.MissingRoles(); !slices.Equal(got, tc.want) {
				t.Errorf("MissingRoles = %v, want %v", got, tc.want)
			}
		})
	}
	if (&Model{}).ReviewDate() != (Date{}) {
		t.Error("ReviewDate of a model without sessions is set")
	}
}

func TestActionOverdue(t *testing.T) {
	today := Date{2026, 12, 5}
	tests := map[string]struct {
		a    Action
		want bool
	}{
		"past and open":     {Action{Due: Date{2026, 12, 4}}, true},
		"past, in progress": {Action{Due: Date{2026, 12, 4}, Status: InProgress}, true},
		"past and done":     {Action{Due: Date{2026, 12, 4}, Status: Done}, false},
		"due today":         {Action{Due: today}, false},
		"no due date":       {Action{}, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := tc.a.Overdue(today); got != tc.want {
				t.Errorf("Overdue = %v, want %v", got, tc.want)
			}
		})
	}
}
