package model

import "testing"

func lookupModel() *Model {
	d := &Diagram{ID: "d1", Elements: []*Element{
		{ID: "a", Kind: Actor, Common: Common{Threats: []*Threat{{ID: "t1"}}}},
		{ID: "p", Kind: Process},
		{ID: "s", Kind: Store},
	}, Flows: []*Flow{
		{ID: "f1", From: "a", To: "p", Common: Common{Threats: []*Threat{{ID: "t2"}}}},
		{ID: "f2", From: "p", To: "s"},
	}, Boundaries: []*Boundary{{ID: "b1", Shape: BoundaryBox}}}
	return &Model{Diagrams: []*Diagram{d}, AttackTrees: []*AttackTree{{ID: "at"}}}
}

func TestLookups(t *testing.T) {
	m := lookupModel()
	d := m.Diagram("d1")
	if d == nil || m.Diagram("nope") != nil {
		t.Fatal("Diagram lookup")
	}
	if e := d.Element("p"); e == nil || e.Kind != Process {
		t.Errorf("Element(p) = %v", e)
	}
	if d.Element("x") != nil || d.ElementIndex("x") != -1 || d.ElementIndex("s") != 2 {
		t.Error("Element/ElementIndex of unknown or last element")
	}
	if d.Flow("f2") == nil || d.Flow("f3") != nil || d.Boundary("b1") == nil || m.AttackTree("at") == nil {
		t.Error("Flow/Boundary/AttackTree lookup")
	}
	if got := len(d.FlowsOf("p")); got != 2 {
		t.Errorf("FlowsOf(p) = %d flows, want 2", got)
	}
	refs := m.Threats()
	if len(refs) != 2 || refs[0].Element.ID != "a" || refs[1].Flow.ID != "f1" {
		t.Fatalf("Threats() = %+v", refs)
	}
	if r, ok := m.Threat("t2"); !ok || r.Target() != &d.Flows[0].Common {
		t.Error("Threat(t2) should be on flow f1")
	}
	if refs[0].TargetID() != "a" || refs[1].TargetID() != "f1" {
		t.Errorf("TargetID() = %q, %q; want a, f1", refs[0].TargetID(), refs[1].TargetID())
	}
}

// The index must survive edits that change the slice without calling Reindex.
func TestElementIndexHealsAfterSliceEdits(t *testing.T) {
	m := lookupModel()
	d := m.Diagrams[0]
	_ = d.Element("a") // build the index
	d.Elements[0], d.Elements[2] = d.Elements[2], d.Elements[0]
	if e := d.Element("a"); e == nil || e.ID != "a" {
		t.Fatalf("after swap Element(a) = %v", e)
	}
	d.Elements = d.Elements[:2] // drop "a", now last
	if d.Element("a") != nil {
		t.Error("removed element still found")
	}
	d.Elements = append(d.Elements, &Element{ID: "n", Kind: Note})
	if d.Element("n") == nil {
		t.Error("appended element not found")
	}
}

func TestNewIDIsShortAndUnique(t *testing.T) {
	seen := map[string]bool{}
	for range 10000 {
		id := NewID()
		if len(id) != 10 || seen[id] {
			t.Fatalf("NewID() = %q (seen before: %v)", id, seen[id])
		}
		seen[id] = true
	}
}

// A clone is read by several goroutines at once (lint, the suggestions and
// the recovery copy share one): its lookups must not build anything. Run
// with -race.
func TestCloneIsSafeForConcurrentReaders(t *testing.T) {
	c := lookupModel().Clone()
	d := c.Diagram("d1")
	done := make(chan bool)
	for range 4 {
		go func() {
			ok := d.Element("p") != nil && d.ElementIndex("s") == 2 && d.Flow("f1") != nil && len(d.FlowsOf("p")) == 2
			done <- ok
		}()
	}
	for range 4 {
		if !<-done {
			t.Error("a lookup on the clone failed")
		}
	}
}
