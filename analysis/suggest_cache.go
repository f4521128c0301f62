package analysis

import (
	"github.com/threatboard/threatboard/model"
)

// Results holds the suggestions for a whole model and keeps them current
// edit by edit: Update recomputes only the elements and flows an edit can
// have changed the answer for, not the whole model: for a view of every
// suggestion in the model. The side panel, which shows one element, can
// call SuggestFor instead.
//
// Results reads the model it was made for and is not safe for use by
// several goroutines at once, nor during an edit.
type Results struct {
	c *Catalog
	m *model.Model
	// results per diagram and target ID; a target with none has no entry.
	results map[string]map[string][]Suggestion
	// ends remembers each flow's ends as last seen, so that an edit that
	// removed a flow or an element still finds the neighbours it affected.
	ends map[string]map[string][2]string
	// radius is how far, in steps between elements and flows, a change can
	// reach the answer of a rule: its deepest relation plus what facts read.
	radius int
}

// Analyze runs the catalog over the whole model once and returns the
// analysis to keep up to date with Update.
func (c *Catalog) Analyze(m *model.Model) *Results {
	a := &Results{c: c, m: m, radius: c.reach() + factReach}
	a.Reset()
	return a
}

// Reset recomputes everything, e.g. after a file was reloaded or the
// checklist of a diagram changed.
func (a *Results) Reset() {
	a.results = map[string]map[string][]Suggestion{}
	a.ends = map[string]map[string][2]string{}
	for _, d := range a.m.Diagrams {
		a.resetDiagram(d)
	}
}

func (a *Results) resetDiagram(d *model.Diagram) {
	byTarget := map[string][]Suggestion{}
	for _, s := range a.c.SuggestDiagram(d) {
		byTarget[s.TargetID] = append(byTarget[s.TargetID], s)
	}
	a.results[d.ID] = byTarget
	ends := make(map[string][2]string, len(d.Flows))
	for _, f := range d.Flows {
		ends[f.ID] = [2]string{f.From, f.To}
	}
	a.ends[d.ID] = ends
}

// Update brings the analysis up to date after an edit of one diagram. ids
// are the elements, flows and boundaries the edit added, changed, moved or
// removed (for a removed element its ID is enough: its flows are found from
// what the analysis saw before). A boundary edit or an unknown diagram
// recomputes the diagram.
func (a *Results) Update(diagramID string, ids ...string) {
	d := a.m.Diagram(diagramID)
	if d == nil {
		delete(a.results, diagramID)
		delete(a.ends, diagramID)
		return
	}
	if a.results[diagramID] == nil {
		a.resetDiagram(d)
		return
	}
	ends := a.ends[diagramID]
	seedEls := map[string]bool{}
	seedFlows := map[string]bool{}
	for _, id := range ids {
		switch {
		case d.Boundary(id) != nil:
			a.resetDiagram(d)
			return
		case d.Element(id) != nil:
			seedEls[id] = true
			continue
		case d.Flow(id) != nil:
			seedFlows[id] = true
		}
		// What it was before: a flow's old ends (it may have been removed or
		// reconnected), a removed element's old flows.
		if e, ok := ends[id]; ok {
			seedFlows[id] = true
			seedEls[e[0]], seedEls[e[1]] = true, true
			continue
		}
		for fid, e := range ends {
			if e[0] == id || e[1] == id {
				seedFlows[fid] = true
			}
		}
	}
	df := newDiagramFacts(d)
	els, flows := a.around(df, seedEls, seedFlows)

	byTarget := a.results[diagramID]
	cl, _ := a.c.ChecklistFor(d)
	for id, e := range els {
		delete(byTarget, id)
		if e != nil && cl != nil {
			if s := materialize(a.c.matchElement(nil, df, cl, e)); len(s) > 0 {
				byTarget[id] = s
			}
		}
	}
	for id, f := range flows {
		delete(byTarget, id)
		delete(ends, id)
		if f != nil {
			ends[id] = [2]string{f.From, f.To}
			if cl != nil {
				if s := materialize(a.c.matchFlow(nil, df, cl, f, nil)); len(s) > 0 {
					byTarget[id] = s
				}
			}
		}
	}
}

// around widens the seeds to every element and flow within the radius,
// stepping from elements to their flows and from flows to their ends, by
// the model as it is now and by the flow ends seen before the edit. It
// returns the elements and flows found (nil for one that was removed), with
// every element's flows linked in df, a pass over the flows per step.
func (a *Results) around(df *diagramFacts, seedEls, seedFlows map[string]bool) (map[string]*model.Element, map[string]*model.Flow) {
	d, ends := df.d, a.ends[df.d.ID]
	els := map[string]*model.Element{}
	flows := map[string]*model.Flow{}
	frontierEls := map[string]*model.Element{}
	frontierFlows := map[string]*model.Flow{}
	addEl := func(id string) {
		if _, seen := els[id]; !seen {
			e := d.Element(id)
			els[id], frontierEls[id] = e, e
		}
	}
	for id := range seedEls {
		addEl(id)
	}
	for id := range seedFlows {
		f := d.Flow(id) // nil when removed; the seeds are few
		flows[id], frontierFlows[id] = f, f
	}
	for step := 0; ; step++ {
		present := map[string]*model.Element{}
		for id, e := range frontierEls {
			if e != nil {
				present[id] = e
			}
		}
		df.linkAll(present)
		if step >= a.radius || (len(frontierEls) == 0 && len(frontierFlows) == 0) {
			return els, flows
		}
		nextFlows := map[string]*model.Flow{}
		for _, e := range present {
			ef := df.adjacent(e)
			for _, list := range [][]flowEnd{ef.in, ef.out} {
				for _, fe := range list {
					if _, seen := flows[fe.f.ID]; !seen {
						flows[fe.f.ID], nextFlows[fe.f.ID] = fe.f, fe.f
					}
				}
			}
		}
		flowsNow := frontierFlows
		frontierEls = map[string]*model.Element{}
		for id, f := range flowsNow {
			if f != nil {
				addEl(f.From)
				addEl(f.To)
			}
			if e, ok := ends[id]; ok {
				addEl(e[0])
				addEl(e[1])
			}
		}
		frontierFlows = nextFlows
	}
}

// Suggestions lists every current suggestion in Suggest's order.
func (a *Results) Suggestions() []Suggestion {
	var out []Suggestion
	for _, d := range a.m.Diagrams {
		byTarget := a.results[d.ID]
		if len(byTarget) == 0 {
			continue
		}
		for _, e := range d.Elements {
			out = append(out, byTarget[e.ID]...)
		}
		for _, f := range d.Flows {
			out = append(out, byTarget[f.ID]...)
		}
	}
	return out
}

// For lists the current suggestions for one element or flow.
func (a *Results) For(diagramID, targetID string) []Suggestion {
	return a.results[diagramID][targetID]
}

// factReach is how far the facts look from their subject: an element's
// writtenByProcess reads its flows (one step) and their sources (two); a
// flow's crossesBoundary reads its ends' positions (one).
const factReach = 2

// reach is the deepest chain of relations in the catalog's rules, in steps
// between elements and flows ("connected" is two: element, flow, element).
func (c *Catalog) reach() int {
	var depth func(x cond) int
	depth = func(x cond) int {
		switch v := x.(type) {
		case allCond:
			return maxDepth(v, depth)
		case anyCond:
			return maxDepth(v, depth)
		case notCond:
			return depth(v.c)
		case *relCond:
			step := 1
			if v.rel == relConnected {
				step = 2
			}
			return step + depth(v.sub)
		}
		return 0
	}
	deepest := 0
	for _, r := range c.rules {
		if r.Condition != nil {
			deepest = max(deepest, depth(r.Condition.root))
		}
	}
	for _, cl := range c.checklists {
		for _, cat := range cl.Categories {
			for _, ap := range cat.AppliesTo {
				if ap.When != nil {
					deepest = max(deepest, depth(ap.When.root))
				}
			}
		}
	}
	return deepest
}

func maxDepth(cs []cond, depth func(cond) int) int {
	m := 0
	for _, c := range cs {
		m = max(m, depth(c))
	}
	return m
}
