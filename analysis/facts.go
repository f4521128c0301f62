package analysis

import (
	"sort"

	"github.com/threatboard/threatboard/model"
)

// fact is a computed property of an element or a flow: derived from the
// diagram's geometry and connections, never typed in by the user.
type fact struct {
	name string
	help string
	// on lists what the fact can be asked of; elsewhere it is false.
	on targetSet
	// local facts need only the subject itself, so checklist conditions may
	// use them; the others need the diagram.
	local bool
	eval  func(s *subject) bool
}

// facts is the table of computed facts, in documentation order.
var facts = []*fact{
	{name: "crossesBoundary", on: flowTargets,
		help: "The flow's drawn path crosses at least one trust boundary (a line it cuts, or the edge of a box it enters or leaves).",
		eval: func(s *subject) bool { return s.facts.crosses(s.f) }},
	{name: "fromActor", on: flowTargets, local: false,
		help: "The flow starts at an actor.",
		eval: func(s *subject) bool { return s.src.Kind == model.Actor }},
	{name: "toActor", on: flowTargets,
		help: "The flow ends at an actor.",
		eval: func(s *subject) bool { return s.dst.Kind == model.Actor }},
	{name: "fromProcess", on: flowTargets,
		help: "The flow starts at a process or multi-process.",
		eval: func(s *subject) bool { return isProcess(s.src) }},
	{name: "toProcess", on: flowTargets,
		help: "The flow ends at a process or multi-process.",
		eval: func(s *subject) bool { return isProcess(s.dst) }},
	{name: "fromStore", on: flowTargets,
		help: "The flow starts at a data store (it reads from it).",
		eval: func(s *subject) bool { return s.src.Kind == model.Store }},
	{name: "toStore", on: flowTargets,
		help: "The flow ends at a data store (it writes to it).",
		eval: func(s *subject) bool { return s.dst.Kind == model.Store }},
	{name: "insideBoundary", on: elementTargets,
		help: "The element lies wholly inside a trust-boundary box.",
		eval: func(s *subject) bool { return s.facts.inside(s.e) }},
	{name: "hasIncoming", on: elementTargets,
		help: "Some flow ends at the element (a bidirectional flow counts both ways).",
		eval: func(s *subject) bool { return len(s.facts.adjacent(s.e).in) > 0 }},
	{name: "hasOutgoing", on: elementTargets,
		help: "Some flow starts at the element (a bidirectional flow counts both ways).",
		eval: func(s *subject) bool { return len(s.facts.adjacent(s.e).out) > 0 }},
	{name: "isLog", on: setOf(TargetStore), local: true,
		help: "The data store is a log (its isLog property).",
		eval: func(s *subject) bool { return s.e.Kind == model.Store && s.e.IsLog }},
	{name: "writtenByProcess", on: setOf(TargetStore),
		help: "A process or multi-process sends data into the store.",
		eval: func(s *subject) bool {
			for _, fe := range s.facts.adjacent(s.e).in {
				if isProcess(fe.src) {
					return true
				}
			}
			return false
		}},
	{name: "hasChild", on: setOf(TargetMultiProcess), local: true,
		help: "The multi-process opens into a child diagram of its own.",
		eval: func(s *subject) bool { return s.e.Child != "" }},
}

var factByName = func() map[string]*fact {
	m := make(map[string]*fact, len(facts))
	for _, f := range facts {
		m[f.name] = f
	}
	return m
}()

func factNames() []string {
	out := make([]string, len(facts))
	for i, f := range facts {
		out[i] = f.name
	}
	sort.Strings(out)
	return out
}

func isProcess(e *model.Element) bool { return e.Kind == model.Process || e.Kind == model.MultiProcess }

// flowEnd is a flow seen in one direction: src sends to dst. A bidirectional
// flow appears once each way.
type flowEnd struct {
	f        *model.Flow
	src, dst *model.Element
}

// adjacency lists the flows into and out of one element.
type adjacency struct{ in, out []flowEnd }

// boundaryBox is a boundary with its bounding box computed once, so that
// the crossing test rejects most boundaries with one rectangle comparison.
type boundaryBox struct {
	b   *model.Boundary
	box model.Rect
}

// diagramFacts answers the computed facts of one diagram, computing each on
// first use and remembering it for the rest of the analysis run. A whole-
// model run indexes every flow once; a run for one target scans the flows
// of the few elements it touches.
type diagramFacts struct {
	d        *model.Diagram
	bounds   []boundaryBox
	adj      map[*model.Element]*adjacency
	indexed  bool // adj holds every element's flows
	crossing map[*model.Flow]bool
	insides  map[*model.Element]bool
}

func newDiagramFacts(d *model.Diagram) *diagramFacts {
	df := &diagramFacts{
		d:        d,
		bounds:   make([]boundaryBox, 0, len(d.Boundaries)),
		adj:      map[*model.Element]*adjacency{},
		crossing: map[*model.Flow]bool{},
		insides:  map[*model.Element]bool{},
	}
	for _, b := range d.Boundaries {
		var box model.Rect
		switch b.Shape {
		case model.BoundaryBox:
			box = model.Bounds([]model.Point{{X: b.Bounds.X, Y: b.Bounds.Y}, {X: b.Bounds.X + b.Bounds.W, Y: b.Bounds.Y + b.Bounds.H}})
		case model.BoundaryLine:
			if len(b.Points) == 0 {
				continue
			}
			box = model.Bounds(b.Points)
		default:
			continue
		}
		df.bounds = append(df.bounds, boundaryBox{b, box})
	}
	return df
}

// ends returns the flow's source and target elements, or false when an end
// is missing or cannot carry flows (a dangling flow is lint's business).
func (df *diagramFacts) ends(f *model.Flow) (src, dst *model.Element, ok bool) {
	src, dst = df.d.Element(f.From), df.d.Element(f.To)
	if src == nil || dst == nil || !src.Kind.Connectable() || !dst.Kind.Connectable() {
		return nil, nil, false
	}
	return src, dst, true
}

// index builds every element's adjacency in one pass over the flows.
func (df *diagramFacts) index() {
	df.adj = make(map[*model.Element]*adjacency, len(df.d.Elements))
	for _, f := range df.d.Flows {
		src, dst, ok := df.ends(f)
		if !ok {
			continue
		}
		df.link(f, src, dst)
	}
	df.indexed = true
}

func (df *diagramFacts) link(f *model.Flow, src, dst *model.Element) {
	a, b := df.slot(src), df.slot(dst)
	a.out = append(a.out, flowEnd{f, src, dst})
	b.in = append(b.in, flowEnd{f, src, dst})
	if f.Bidirectional {
		b.out = append(b.out, flowEnd{f, dst, src})
		a.in = append(a.in, flowEnd{f, dst, src})
	}
}

func (df *diagramFacts) slot(e *model.Element) *adjacency {
	a := df.adj[e]
	if a == nil {
		a = &adjacency{}
		df.adj[e] = a
	}
	return a
}

var noFlows = &adjacency{}

// adjacent returns the flows into and out of e.
func (df *diagramFacts) adjacent(e *model.Element) *adjacency {
	if a, ok := df.adj[e]; ok || df.indexed {
		if a == nil {
			return noFlows
		}
		return a
	}
	// Not indexed: scan for e's flows alone.
	a := &adjacency{}
	for _, f := range df.d.Flows {
		if f.From != e.ID && f.To != e.ID {
			continue
		}
		src, dst, ok := df.ends(f)
		if !ok {
			continue
		}
		if src == e {
			a.out = append(a.out, flowEnd{f, src, dst})
			if f.Bidirectional {
				a.in = append(a.in, flowEnd{f, dst, src})
			}
		}
		if dst == e {
			a.in = append(a.in, flowEnd{f, src, dst})
			if f.Bidirectional {
				a.out = append(a.out, flowEnd{f, dst, src})
			}
		}
	}
	df.adj[e] = a
	return a
}

// crosses reports whether the flow's path crosses any trust boundary.
func (df *diagramFacts) crosses(f *model.Flow) bool {
	if v, ok := df.crossing[f]; ok {
		return v
	}
	v := false
	if len(df.bounds) > 0 {
		if path := df.d.FlowPath(f); len(path) > 0 {
			box := model.Bounds(path)
			for _, bb := range df.bounds {
				if bb.box.Intersects(box) && bb.b.Crosses(path) {
					v = true
					break
				}
			}
		}
	}
	df.crossing[f] = v
	return v
}

// inside reports whether e lies inside a boundary box.
func (df *diagramFacts) inside(e *model.Element) bool {
	if v, ok := df.insides[e]; ok {
		return v
	}
	v := false
	for _, bb := range df.bounds {
		if bb.b.Shape == model.BoundaryBox && bb.b.Encloses(e.Bounds) {
			v = true
			break
		}
	}
	df.insides[e] = v
	return v
}
