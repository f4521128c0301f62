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
		eval: func(s *subject) bool { return s.facts.crosses(s.f, s.ff) }},
	{name: "fromActor", on: flowTargets,
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
	ff       *flowFacts
	src, dst *model.Element
}

// elemFacts is what an analysis run has worked out about one element.
type elemFacts struct {
	in, out []flowEnd
	linked  bool // in and out are filled
	inside  answer
}

// flowFacts is what an analysis run has worked out about one flow.
type flowFacts struct {
	src, dst *model.Element // its ends, when the index found them
	crossing answer
}

// answer is a remembered yes or no, or none yet.
type answer int8

const (
	answerUnknown answer = iota
	answerNo
	answerYes
)

func remember(v bool) answer {
	if v {
		return answerYes
	}
	return answerNo
}

// diagramFacts answers the computed facts of one diagram, computing each on
// first use and remembering it for the rest of the analysis run. A whole-
// diagram run indexes every flow and boundary once; a run for one target
// scans only for the few elements and flows its conditions reach.
type diagramFacts struct {
	d *model.Diagram
	// bounds answers crossing and enclosure; built on first use, since
	// most catalogs and targets never ask.
	bounds  *boundaryIndex
	elems   map[*model.Element]*elemFacts
	flows   map[*model.Flow]*flowFacts
	indexed bool // every element's flows are linked
	// matched remembers regular-expression results: technologies and
	// privilege levels repeat across a diagram.
	matched map[matchKey]bool
	related map[relKey]bool // nested relations' answers
	arena   []subject
	// scratch holds the subjects relations step to: one per nesting level,
	// reused, since a relation is done with one neighbour before the next.
	scratch [maxRelations + 1]subject
	depth   int
}

type matchKey struct {
	c *propCond
	s string
}

func newDiagramFacts(d *model.Diagram) *diagramFacts {
	df := &diagramFacts{
		d:       d,
		elems:   map[*model.Element]*elemFacts{},
		flows:   map[*model.Flow]*flowFacts{},
		matched: map[matchKey]bool{},
		related: map[relKey]bool{},
	}
	return df
}

// subject hands out a subject from an arena: an analysis run makes one per
// element or flow it looks at, and one per neighbour a relation visits.
func (df *diagramFacts) subject() *subject {
	if len(df.arena) == cap(df.arena) {
		df.arena = make([]subject, 0, 1024)
	}
	df.arena = df.arena[:len(df.arena)+1]
	s := &df.arena[len(df.arena)-1]
	s.facts = df
	return s
}

// borrow hands out the scratch subject of the next nesting level, cleared;
// release gives it back.
func (df *diagramFacts) borrow() *subject {
	s := &df.scratch[df.depth]
	*s = subject{facts: df}
	df.depth++
	return s
}

func (df *diagramFacts) release() { df.depth-- }

func (df *diagramFacts) elementSubject(e *model.Element) *subject {
	s := df.subject()
	s.e = e
	return s
}

func (df *diagramFacts) flowSubject(fe flowEnd) *subject {
	s := df.subject()
	s.f, s.ff, s.src, s.dst = fe.f, fe.ff, fe.src, fe.dst
	return s
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

// index links every element to its flows in one pass. It returns each
// flow's facts by position (nil for a flow with a missing end).
func (df *diagramFacts) index() []*flowFacts {
	es := make([]elemFacts, len(df.d.Elements))
	df.elems = make(map[*model.Element]*elemFacts, len(df.d.Elements))
	for i, e := range df.d.Elements {
		es[i].linked = true
		df.elems[e] = &es[i]
	}
	fs := make([]flowFacts, len(df.d.Flows))
	byPos := make([]*flowFacts, len(df.d.Flows))
	for i, f := range df.d.Flows {
		src, dst, ok := df.ends(f)
		if !ok {
			continue
		}
		ff := &fs[i]
		ff.src, ff.dst = src, dst
		byPos[i] = ff
		a, b := df.elems[src], df.elems[dst]
		a.out = append(a.out, flowEnd{f, ff, src, dst})
		b.in = append(b.in, flowEnd{f, ff, src, dst})
		if f.Bidirectional {
			b.out = append(b.out, flowEnd{f, ff, dst, src})
			a.in = append(a.in, flowEnd{f, ff, dst, src})
		}
	}
	df.indexed = true
	return byPos
}

func (df *diagramFacts) elemFacts(e *model.Element) *elemFacts {
	ef := df.elems[e]
	if ef == nil {
		ef = &elemFacts{linked: df.indexed}
		df.elems[e] = ef
	}
	return ef
}

func (df *diagramFacts) flowFacts(f *model.Flow) *flowFacts {
	ff := df.flows[f]
	if ff == nil {
		ff = &flowFacts{}
		df.flows[f] = ff
	}
	return ff
}

// adjacent returns the element's facts with its flows linked.
func (df *diagramFacts) adjacent(e *model.Element) *elemFacts {
	ef := df.elemFacts(e)
	if ef.linked {
		return ef
	}
	// Not indexed: scan for e's flows alone. IDs are random, so comparing
	// their first bytes rejects almost every flow without a full compare.
	id := e.ID
	if id == "" {
		ef.linked = true
		return ef
	}
	for _, f := range df.d.Flows {
		if !(len(f.From) > 0 && f.From[0] == id[0] && f.From == id) && !(len(f.To) > 0 && f.To[0] == id[0] && f.To == id) {
			continue
		}
		src, dst, ok := df.ends(f)
		if !ok {
			continue
		}
		ff := df.flowFacts(f)
		if src == e {
			ef.out = append(ef.out, flowEnd{f, ff, src, dst})
			if f.Bidirectional {
				ef.in = append(ef.in, flowEnd{f, ff, dst, src})
			}
		}
		if dst == e {
			ef.in = append(ef.in, flowEnd{f, ff, src, dst})
			if f.Bidirectional {
				ef.out = append(ef.out, flowEnd{f, ff, dst, src})
			}
		}
	}
	ef.linked = true
	return ef
}

// linkAll links the flows of every element in set in one pass over the
// flows, for a caller that knows which elements it will look at.
func (df *diagramFacts) linkAll(set map[string]*model.Element) {
	want := map[string]*elemFacts{}
	for id, e := range set {
		if ef := df.elemFacts(e); !ef.linked {
			want[id] = ef
		}
	}
	if len(want) == 0 {
		return
	}
	// A bit per two-byte ID prefix rules out almost every flow without
	// hashing its ends: IDs are random.
	var filter idFilter
	for id := range want {
		filter.add(id)
	}
	for _, f := range df.d.Flows {
		if !filter.has(f.From) && !filter.has(f.To) {
			continue
		}
		a, b := want[f.From], want[f.To]
		if a == nil && b == nil {
			continue
		}
		src, dst, ok := df.ends(f)
		if !ok {
			continue
		}
		ff := df.flowFacts(f)
		if a != nil {
			a.out = append(a.out, flowEnd{f, ff, src, dst})
			if f.Bidirectional {
				a.in = append(a.in, flowEnd{f, ff, dst, src})
			}
		}
		if b != nil {
			b.in = append(b.in, flowEnd{f, ff, src, dst})
			if f.Bidirectional {
				b.out = append(b.out, flowEnd{f, ff, dst, src})
			}
		}
	}
	for _, ef := range want {
		ef.linked = true
	}
}

// idFilter is a set of IDs that may answer "maybe" for IDs not in it.
type idFilter [64]uint64

func idBit(id string) uint {
	switch len(id) {
	case 0:
		return 0
	case 1:
		return uint(id[0])
	}
	return (uint(id[0])<<6 ^ uint(id[1])) & 4095
}

func (f *idFilter) add(id string)      { b := idBit(id); f[b/64] |= 1 << (b % 64) }
func (f *idFilter) has(id string) bool { b := idBit(id); return f[b/64]&(1<<(b%64)) != 0 }

// settle works out every flow's crossing and every element's inside fact
// of an indexed diagram that the catalog uses, so that workers sharing the
// facts only read them.
func (df *diagramFacts) settle(flowFacts []*flowFacts, uses map[string]bool) {
	if uses["crossesBoundary"] {
		for i, f := range df.d.Flows {
			if ff := flowFacts[i]; ff != nil {
				df.crosses(f, ff)
			}
		}
	}
	if uses["insideBoundary"] {
		for _, e := range df.d.Elements {
			df.inside(e)
		}
	}
}

// worker returns a view of a settled, indexed diagram for one goroutine:
// it shares the elements' and flows' facts, read-only from now on, and
// keeps its own memory of pattern and relation answers and its own subjects.
func (df *diagramFacts) worker() *diagramFacts {
	return &diagramFacts{
		d:       df.d,
		elems:   df.elems,
		flows:   df.flows,
		indexed: true,
		matched: map[matchKey]bool{},
		related: map[relKey]bool{},
	}
}

// boundaries returns the diagram's boundary index, building it on first use.
func (df *diagramFacts) boundaries() *boundaryIndex {
	if df.bounds == nil {
		df.bounds = newBoundaryIndex(df.d)
	}
	return df.bounds
}

// crosses reports whether the flow's path crosses any trust boundary.
func (df *diagramFacts) crosses(f *model.Flow, ff *flowFacts) bool {
	if ff == nil {
		ff = df.flowFacts(f)
	}
	if ff.crossing != answerUnknown {
		return ff.crossing == answerYes
	}
	v := len(df.d.Boundaries) > 0 && df.boundaries().crosses(df.d.FlowPath(f))
	ff.crossing = remember(v)
	return v
}

// inside reports whether e lies inside a boundary box.
func (df *diagramFacts) inside(e *model.Element) bool {
	ef := df.elemFacts(e)
	if ef.inside != answerUnknown {
		return ef.inside == answerYes
	}
	v := len(df.d.Boundaries) > 0 && df.boundaries().encloses(e.Bounds)
	ef.inside = remember(v)
	return v
}

// matches runs a regular-expression test, remembering the answer.
func (df *diagramFacts) matches(c *propCond, s string) bool {
	k := matchKey{c, s}
	v, ok := df.matched[k]
	if !ok {
		v = c.re.MatchString(s)
		df.matched[k] = v
	}
	return v
}
