package model

import "slices"

// flowIndex finds flows by ID and by the elements they connect without
// walking Flows: one drag step in a 15,000-flow diagram must not visit every
// flow. It is built on first use and kept up to date by the commands that
// add, remove or reconnect flows, so that no edit pays for a rebuild (which
// takes milliseconds at that size). It holds pointers, not positions, so a
// deletion does not shift it. A change of Flows' length made outside the
// commands rebuilds it, and a listed flow whose ends no longer match is
// noticed; a flow swapped for another behind the commands' back is not.
type flowIndex struct {
	n    int                // len(Flows) when last in step
	byID map[string]*Flow   // flow ID → flow
	ends map[string][]*Flow // element ID → the flows starting or ending there
}

func (d *Diagram) flowIndex() *flowIndex {
	if d.flowIdx == nil || d.flowIdx.n != len(d.Flows) {
		d.flowIdx = buildFlowIndex(d.Flows)
	}
	return d.flowIdx
}

// buildFlowIndex counts each element's flows first, so that all the lists
// share one backing array: a few allocations, not one per element.
func buildFlowIndex(flows []*Flow) *flowIndex {
	x := &flowIndex{n: len(flows), byID: make(map[string]*Flow, len(flows))}
	degree := make(map[string]int, len(flows))
	for _, f := range flows {
		x.byID[f.ID] = f
		degree[f.From]++
		if f.To != f.From {
			degree[f.To]++
		}
	}
	all := make([]*Flow, 0, 2*len(flows))
	x.ends = make(map[string][]*Flow, len(degree))
	for id, n := range degree {
		// Capacity n exactly: a later append copies the list rather than
		// writing over its neighbour's.
		x.ends[id] = all[len(all) : len(all) : len(all)+n]
		all = all[:len(all)+n]
	}
	for _, f := range flows {
		x.link(f)
	}
	return x
}

func (x *flowIndex) link(f *Flow) {
	x.ends[f.From] = append(x.ends[f.From], f)
	if f.To != f.From {
		x.ends[f.To] = append(x.ends[f.To], f)
	}
}

func (x *flowIndex) unlink(f *Flow) {
	for _, end := range []string{f.From, f.To} {
		if l := x.ends[end]; len(l) > 0 {
			x.ends[end] = slices.DeleteFunc(l, func(g *Flow) bool { return g == f })
		}
	}
}

// eachFlowAt calls fn with each flow that starts or ends at the element
// with the given ID.
func (d *Diagram) eachFlowAt(elementID string, fn func(*Flow)) {
	l := d.flowIndex().ends[elementID]
	for _, f := range l {
		if f.From != elementID && f.To != elementID {
			d.flowIdx = nil // reconnected behind the commands' back
			l = d.flowIndex().ends[elementID]
			break
		}
	}
	for _, f := range l {
		fn(f)
	}
}

// The commands tell a built index what they did to Flows, after doing it.

func (d *Diagram) flowsAdded(fs ...*Flow) {
	x := d.flowIdx
	if x == nil || x.n+len(fs) != len(d.Flows) {
		d.flowIdx = nil
		return
	}
	for _, f := range fs {
		x.byID[f.ID] = f
		x.link(f)
	}
	x.n = len(d.Flows)
}

func (d *Diagram) flowsRemoved(fs ...*Flow) {
	x := d.flowIdx
	if x == nil || x.n-len(fs) != len(d.Flows) {
		d.flowIdx = nil
		return
	}
	for _, f := range fs {
		delete(x.byID, f.ID)
		x.unlink(f)
	}
	x.n = len(d.Flows)
}

// flowReconnected moves f in the lists of ends from its former ends.
func (d *Diagram) flowReconnected(f *Flow, from, to string) {
	x := d.flowIdx
	if x == nil || x.n != len(d.Flows) {
		d.flowIdx = nil
		return
	}
	for _, end := range []string{from, to} {
		if l := x.ends[end]; len(l) > 0 {
			x.ends[end] = slices.DeleteFunc(l, func(g *Flow) bool { return g == f })
		}
	}
	x.link(f)
}

// elementsMoved brings a built element index up to date after Elements
// changed from position from on: added elements came, the IDs in gone
// left, the others may have moved. It rewrites only the positions after
// from, where Reindex would allocate and fill a new map of every element.
// An index that was out of step before is dropped instead.
func (d *Diagram) elementsMoved(from, added int, gone ...string) {
	if d.index == nil || len(d.index) != len(d.Elements)-added+len(gone) {
		d.index = nil
		return
	}
	for _, id := range gone {
		delete(d.index, id)
	}
	for i := max(from, 0); i < len(d.Elements); i++ {
		d.index[d.Elements[i].ID] = i
	}
}
