package model

// flowIndex finds flows by ID and by the elements they connect without
// walking Flows: one drag step in a 15,000-flow diagram must not visit every
// flow. It is built on first use and dropped by the commands that change
// Flows or a flow's ends. A change of length, or a position that no longer
// holds the flow looked up, rebuilds it; a flow's ends changed in place
// outside the commands (Reconnect) go unnoticed. It is kept apart from the
// element index, which rebuilds on every miss, so that looking up a flow's
// ID with Diagram.Element does not throw it away.
type flowIndex struct {
	n    int              // len(Flows) when built
	byID map[string]int   // flow ID → position in Flows
	ends map[string][]int // element ID → positions of the flows starting or ending there
}

func (d *Diagram) flowIndex() *flowIndex {
	if d.flowIdx == nil || d.flowIdx.n != len(d.Flows) {
		x := &flowIndex{n: len(d.Flows), byID: make(map[string]int, len(d.Flows)), ends: make(map[string][]int)}
		for i, f := range d.Flows {
			x.byID[f.ID] = i
			x.ends[f.From] = append(x.ends[f.From], i)
			if f.To != f.From {
				x.ends[f.To] = append(x.ends[f.To], i)
			}
		}
		d.flowIdx = x
	}
	return d.flowIdx
}

// flowPos is the position of the flow with the given ID in Flows, or -1.
// Like elemPos it trusts an index of the right length on a miss.
func (d *Diagram) flowPos(id string) int {
	i, ok := d.flowIndex().byID[id]
	switch {
	case !ok:
		return -1
	case i < len(d.Flows) && d.Flows[i].ID == id:
		return i
	}
	d.flowIdx = nil // flows moved behind the commands' back
	if i, ok = d.flowIndex().byID[id]; ok {
		return i
	}
	return -1
}

// flowAt is the flow with the given ID, found through the index, or nil.
func (d *Diagram) flowAt(id string) *Flow {
	if i := d.flowPos(id); i >= 0 {
		return d.Flows[i]
	}
	return nil
}

// eachFlowAt calls fn with each flow that starts or ends at the element
// with the given ID, in document order.
func (d *Diagram) eachFlowAt(elementID string, fn func(*Flow)) {
	pos := d.flowIndex().ends[elementID]
	for _, i := range pos {
		if i >= len(d.Flows) || d.Flows[i].From != elementID && d.Flows[i].To != elementID {
			d.flowIdx = nil // flows changed behind the commands' back
			pos = d.flowIndex().ends[elementID]
			break
		}
	}
	for _, i := range pos {
		fn(d.Flows[i])
	}
}

// flowsAt lists the flows that start or end at the element with the given ID.
func (d *Diagram) flowsAt(elementID string) []*Flow {
	var out []*Flow
	d.eachFlowAt(elementID, func(f *Flow) { out = append(out, f) })
	return out
}

// flowsChanged drops the flow index after Flows or a flow's ends changed.
func (d *Diagram) flowsChanged() { d.flowIdx = nil }

// flowAppended records the flow just appended to Flows in a built index,
// so that adding a flow does not cost a rebuild of the whole index.
func (d *Diagram) flowAppended() {
	x, i := d.flowIdx, len(d.Flows)-1
	if x == nil || x.n != i {
		d.flowIdx = nil
		return
	}
	f := d.Flows[i]
	x.n++
	x.byID[f.ID] = i
	x.ends[f.From] = append(x.ends[f.From], i)
	if f.To != f.From {
		x.ends[f.To] = append(x.ends[f.To], i)
	}
}

// elemPos is the position of the element with the given ID, or -1. Unlike
// ElementIndex it does not rebuild the index on a miss when the index has
// the right length: commands ask about flow and boundary IDs too, and a
// rebuild of a 10,000-element index per question would cost milliseconds.
func (d *Diagram) elemPos(id string) int {
	if d.index == nil || len(d.index) != len(d.Elements) {
		d.Reindex()
	}
	i, ok := d.index[id]
	switch {
	case !ok:
		return -1
	case i < len(d.Elements) && d.Elements[i].ID == id:
		return i
	}
	return d.ElementIndex(id) // a stale position: let the index heal
}

// elem is the element with the given ID, or nil; see elemPos.
func (d *Diagram) elem(id string) *Element {
	if i := d.elemPos(id); i >= 0 {
		return d.Elements[i]
	}
	return nil
}
