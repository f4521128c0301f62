package model

// flowIndex finds flows by ID and by the elements they connect without
// walking Flows: one drag step in a 15,000-flow diagram must not visit every
// flow. It is built on first use and dropped by Reindex and by the commands
// that change Flows or a flow's ends; positions are checked on every lookup,
// so an index gone stale behind their back is rebuilt rather than trusted.
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
func (d *Diagram) flowPos(id string) int {
	if i, ok := d.flowIndex().byID[id]; ok && i < len(d.Flows) && d.Flows[i].ID == id {
		return i
	}
	// A miss is an unknown ID, or an index made stale behind the commands'
	// back: look the slow way and rebuild if it was the latter.
	for i, f := range d.Flows {
		if f.ID == id {
			d.flowIdx = nil
			return i
		}
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

// flowsAt lists the flows that start or end at the element with the given
// ID, in document order.
func (d *Diagram) flowsAt(elementID string) []*Flow {
	for try := 0; try < 2; try++ {
		pos := d.flowIndex().ends[elementID]
		out := make([]*Flow, 0, len(pos))
		for _, i := range pos {
			if i >= len(d.Flows) || d.Flows[i].From != elementID && d.Flows[i].To != elementID {
				out = nil
				break
			}
			out = append(out, d.Flows[i])
		}
		if out != nil {
			return out
		}
		d.flowIdx = nil
	}
	return nil
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
