package model

// Diagram returns the diagram with the given ID, or nil.
func (m *Model) Diagram(id string) *Diagram {
	for _, d := range m.Diagrams {
		if d.ID == id {
			return d
		}
	}
	return nil
}

// AttackTree returns the attack tree with the given ID, or nil.
func (m *Model) AttackTree(id string) *AttackTree {
	for _, t := range m.AttackTrees {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// ThreatRef locates a threat: the diagram and the element or flow it is recorded on.
type ThreatRef struct {
	Threat  *Threat
	Diagram *Diagram
	Element *Element // set when the threat is on an element
	Flow    *Flow    // set when the threat is on a flow
}

// Target is the common part of the element or flow the threat is on.
func (r ThreatRef) Target() *Common {
	if r.Element != nil {
		return &r.Element.Common
	}
	return &r.Flow.Common
}

// TargetID is the ID of the element or flow the threat is on.
func (r ThreatRef) TargetID() string {
	if r.Element != nil {
		return r.Element.ID
	}
	return r.Flow.ID
}

// Threats lists every threat in the model in document order:
// diagram by diagram, elements before flows.
func (m *Model) Threats() []ThreatRef {
	var out []ThreatRef
	for _, d := range m.Diagrams {
		for _, e := range d.Elements {
			for _, t := range e.Threats {
				out = append(out, ThreatRef{Threat: t, Diagram: d, Element: e})
			}
		}
		for _, f := range d.Flows {
			for _, t := range f.Threats {
				out = append(out, ThreatRef{Threat: t, Diagram: d, Flow: f})
			}
		}
	}
	return out
}

// Threat finds the threat with the given ID.
func (m *Model) Threat(id string) (ThreatRef, bool) {
	for _, r := range m.Threats() {
		if r.Threat.ID == id {
			return r, true
		}
	}
	return ThreatRef{}, false
}

// Element returns the element with the given ID, or nil. Lookups are O(1):
// the editor calls this on every drag step of a 10,000-element diagram. The
// edit commands keep the index in step; code that changes Elements by hand
// calls Reindex, though a changed length or a stale position heals by itself.
// A miss does not rebuild the index: callers ask about flow and boundary IDs
// too, and a rebuild per question would cost milliseconds.
func (d *Diagram) Element(id string) *Element {
	if i := d.ElementIndex(id); i >= 0 {
		return d.Elements[i]
	}
	return nil
}

// ElementIndex returns the position of the element in Elements (its z-order), or -1.
func (d *Diagram) ElementIndex(id string) int {
	if d.index == nil || len(d.index) != len(d.Elements) {
		d.Reindex()
	}
	i, ok := d.index[id]
	if !ok {
		return -1
	}
	if i < len(d.Elements) && d.Elements[i].ID == id {
		return i
	}
	d.Reindex() // a stale position: the slice was reordered behind our back
	if i, ok = d.index[id]; !ok {
		return -1
	}
	return i
}

// Reindex rebuilds the element index. Code that reorders, inserts or removes
// elements in Elements calls it (the edit commands do).
func (d *Diagram) Reindex() {
	d.index = make(map[string]int, len(d.Elements))
	for i, e := range d.Elements {
		d.index[e.ID] = i
	}
}

// Flow returns the flow with the given ID, or nil, through the flow index.
func (d *Diagram) Flow(id string) *Flow {
	f := d.flowIndex().byID[id]
	if f == nil || f.ID == id {
		return f
	}
	d.flowIdx = nil // an ID changed behind the commands' back
	return d.flowIndex().byID[id]
}

// Boundary returns the boundary with the given ID, or nil.
func (d *Diagram) Boundary(id string) *Boundary {
	for _, b := range d.Boundaries {
		if b.ID == id {
			return b
		}
	}
	return nil
}

// FlowsOf lists the flows that start or end at the element with the given ID.
func (d *Diagram) FlowsOf(id string) []*Flow {
	var out []*Flow
	d.eachFlowAt(id, func(f *Flow) { out = append(out, f) })
	return out
}
