package model

import (
	"fmt"
	"slices"
	"strconv"
)

// Validate checks a model built in code (by the editor, an importer or a
// test) the way Decode checks a file: every problem with the JSON path the
// value would have in the file. An empty result means the model saves and
// loads back unchanged.
func Validate(m *Model) []Problem {
	var ps problems
	validate(m, DefaultLimits, &ps)
	return ps.result()
}

func validate(m *Model, lim Limits, ps *problems) {
	if m == nil {
		ps.add("", "no model")
		return
	}
	checkLimits(m, lim, ps)
	v := validator{m: m, ps: ps, lim: lim}
	v.ids()
	for i, s := range m.Sessions {
		v.session(s, i)
	}
	for i, d := range m.Diagrams {
		v.diagram(d, i)
	}
	v.parentCycles()
	for i, t := range m.AttackTrees {
		v.tree(t, i)
	}
	for i, a := range m.Actions {
		v.action(a, i)
	}
}

type validator struct {
	m   *Model
	ps  *problems
	lim Limits

	// Built on first use: most models never need them.
	elements map[string]*Element // every element of every diagram
	threats  map[string]bool

	// The element lookup of the diagram last asked about, see inDiagram.
	lookupDiagram *Diagram
	lookup        func(id string) *Element
}

// inDiagram finds an element of d by ID. The diagram's own index serves,
// unless d holds a nil element, which that index cannot cope with.
func (v *validator) inDiagram(d *Diagram, id string) *Element {
	if v.lookupDiagram != d {
		v.lookupDiagram, v.lookup = d, d.Element
		if slices.Contains(d.Elements, nil) {
			byID := make(map[string]*Element, len(d.Elements))
			for _, e := range d.Elements {
				if e != nil {
					byID[e.ID] = e
				}
			}
			v.lookup = func(id string) *Element { return byID[id] }
		}
	}
	return v.lookup(id)
}

// ids reports missing and duplicate IDs anywhere in the model. The first
// pass only counts; paths are built in a second pass when something is wrong.
func (v *validator) ids() {
	n := len(v.m.Sessions) + len(v.m.AttackTrees) + len(v.m.Actions)
	for _, d := range v.m.Diagrams {
		if d != nil {
			n += 1 + len(d.Elements) + len(d.Flows) + len(d.Boundaries)
		}
	}
	seen := make(map[string]int, n)
	bad := false
	v.eachID(false, func(id, _ string) {
		if id == "" {
			bad = true
			return
		}
		seen[id]++
		if seen[id] > 1 {
			bad = true
		}
	})
	if !bad {
		return
	}
	first := make(map[string]string)
	v.eachID(true, func(id, path string) {
		switch {
		case id == "":
			v.ps.add(path, "missing id")
		case seen[id] < 2:
		case first[id] == "":
			first[id] = path
		default:
			v.ps.addf(path, "duplicate ID %s (also at %s)", excerpt(id), first[id])
		}
	})
}

// eachID calls fn with every ID in the model and, when withPaths is set,
// the path of its "id" field.
func (v *validator) eachID(withPaths bool, fn func(id, path string)) {
	at := func(format string, args ...any) string {
		if !withPaths {
			return ""
		}
		return fmt.Sprintf(format, args...)
	}
	for i, s := range v.m.Sessions {
		if s != nil {
			fn(s.ID, at("sessions[%d].id", i))
		}
	}
	threats := func(c *Common, i int, list string, j int) {
		for k, t := range c.Threats {
			if t != nil {
				fn(t.ID, at("diagrams[%d].%s[%d].threats[%d].id", i, list, j, k))
			}
		}
	}
	for i, d := range v.m.Diagrams {
		if d == nil {
			continue
		}
		fn(d.ID, at("diagrams[%d].id", i))
		for j, e := range d.Elements {
			if e != nil {
				fn(e.ID, at("diagrams[%d].elements[%d].id", i, j))
				threats(&e.Common, i, "elements", j)
			}
		}
		for j, f := range d.Flows {
			if f != nil {
				fn(f.ID, at("diagrams[%d].flows[%d].id", i, j))
				threats(&f.Common, i, "flows", j)
			}
		}
		for j, b := range d.Boundaries {
			if b != nil {
				fn(b.ID, at("diagrams[%d].boundaries[%d].id", i, j))
			}
		}
	}
	var node func(n *Node, path string, depth int)
	node = func(n *Node, path string, depth int) {
		if n == nil || depth > v.lim.TreeDepth {
			return
		}
		fn(n.ID, at("%s.id", path))
		for k, c := range n.Children {
			p := ""
			if withPaths {
				p = path + ".children[" + strconv.Itoa(k) + "]"
			}
			node(c, p, depth+1)
		}
	}
	for i, t := range v.m.AttackTrees {
		if t != nil {
			fn(t.ID, at("attackTrees[%d].id", i))
			node(t.Root, at("attackTrees[%d].root", i), 1)
		}
	}
	for i, a := range v.m.Actions {
		if a != nil {
			fn(a.ID, at("actions[%d].id", i))
		}
	}
}

func (v *validator) session(s *Session, i int) {
	if s == nil {
		v.ps.add(fmt.Sprintf("sessions[%d]", i), "missing session")
		return
	}
	if s.Duration < 0 {
		v.ps.addf(fmt.Sprintf("sessions[%d].duration", i), "negative duration %d", s.Duration)
	}
	if s.Actual < 0 {
		v.ps.addf(fmt.Sprintf("sessions[%d].actualDuration", i), "negative duration %d", s.Actual)
	}
}

func (v *validator) diagram(d *Diagram, i int) {
	path := "diagrams[" + strconv.Itoa(i) + "]"
	if d == nil {
		v.ps.add(path, "missing diagram")
		return
	}
	if d.Parent != "" {
		switch e := v.element(d.Parent); {
		case e == nil:
			v.ps.addf(path+".parent", "unknown element %s", excerpt(d.Parent))
		case e.Kind != MultiProcess:
			v.ps.addf(path+".parent", "element %s is a %s; only a multi-process opens into a diagram", excerpt(d.Parent), e.Kind)
		case v.inDiagram(d, d.Parent) != nil:
			v.ps.addf(path+".parent", "element %s is in this diagram; a diagram cannot open from itself", excerpt(d.Parent))
		}
	}
	if b := d.Background; b != nil {
		v.rect(b.Bounds, path+".background.bounds")
		if !(b.Opacity >= 0 && b.Opacity <= 1) {
			v.ps.addf(path+".background.opacity", "opacity %v is outside 0..1", b.Opacity)
		}
		if b.Rotation < 0 || b.Rotation > 3 {
			v.ps.addf(path+".background.rotation", "rotation %d is outside 0..3 (quarter turns)", b.Rotation)
		}
	}
	for j, e := range d.Elements {
		v.elementAt(d, e, i, j)
	}
	for j, f := range d.Flows {
		v.flow(d, f, i, j)
	}
	for j, b := range d.Boundaries {
		v.boundary(b, fmt.Sprintf("%s.boundaries[%d]", path, j))
	}
}

// parentCycles reports diagrams whose parents lead back to themselves (A
// opens from a multi-process in B, and B from one in A): going up from a
// child diagram must end at a top-level one.
func (v *validator) parentCycles() {
	if !slices.ContainsFunc(v.m.Diagrams, func(d *Diagram) bool { return d != nil && d.Parent != "" }) {
		return
	}
	home := map[string]int{} // element ID → index of its diagram
	for i, d := range v.m.Diagrams {
		if d == nil {
			continue
		}
		for _, e := range d.Elements {
			if e != nil {
				home[e.ID] = i
			}
		}
	}
	const (
		unseen = iota
		walking
		done
	)
	state := make([]int8, len(v.m.Diagrams))
	var walk []int
	for start := range v.m.Diagrams {
		for i := start; ; {
			if state[i] == walking { // back on this walk: a cycle from i
				v.ps.addf(fmt.Sprintf("diagrams[%d].parent", i), "the diagram's parents lead back to it (a cycle of %d diagrams)", len(walk)-slices.Index(walk, i))
				break
			}
			if state[i] == done {
				break
			}
			state[i] = walking
			walk = append(walk, i)
			d := v.m.Diagrams[i]
			up, ok := 0, false
			if d != nil && d.Parent != "" {
				up, ok = home[d.Parent]
			}
			if !ok {
				break
			}
			i = up
		}
		for _, i := range walk {
			state[i] = done
		}
		walk = walk[:0]
	}
}

func (v *validator) elementAt(d *Diagram, e *Element, i, j int) {
	at := func() string { return fmt.Sprintf("diagrams[%d].elements[%d]", i, j) }
	if e == nil {
		v.ps.add(at(), "missing element")
		return
	}
	if e.Kind < Actor || e.Kind > Note {
		v.ps.addf(at()+".kind", "invalid element kind %d", int(e.Kind))
	}
	if !rectOK(e.Bounds) {
		v.rect(e.Bounds, at()+".bounds")
	}
	for i := range elementProperties {
		p := &elementProperties[i]
		if len(p.Kinds) == len(allKinds) || p.applies(e.Kind) || e.Kind < Actor || e.Kind > Note {
			continue
		}
		if set(p.elemField(e)) {
			v.ps.addf(at()+"."+p.Key, "%s is a property of %s, not of %s", p.Key, kindList(p.Kinds), kindPlural(e.Kind))
		}
	}
	if e.Child != "" {
		switch {
		case e.Kind != MultiProcess:
			v.ps.addf(at()+".child", "only a multi-process opens a child diagram, not %s", kindPlural(e.Kind))
		case !v.diagramExists(e.Child):
			v.ps.addf(at()+".child", "unknown diagram %s", excerpt(e.Child))
		case e.Child == d.ID:
			v.ps.add(at()+".child", "a multi-process cannot open the diagram it is in")
		}
	}
	v.common(&e.Common, i, "elements", j)
}

func (v *validator) flow(d *Diagram, f *Flow, i, j int) {
	at := func() string { return fmt.Sprintf("diagrams[%d].flows[%d]", i, j) }
	if f == nil {
		v.ps.add(at(), "missing flow")
		return
	}
	end := func(id, field string) {
		if id == "" {
			v.ps.add(at()+"."+field, "missing element ID")
			return
		}
		e := v.inDiagram(d, id)
		switch {
		case e == nil:
			v.ps.addf(at()+"."+field, "unknown element %s", excerpt(id))
		case e.Kind == Note:
			v.ps.addf(at()+"."+field, "element %s is a %s; flows connect actors, processes and stores", excerpt(id), e.Kind)
		}
	}
	end(f.From, "from")
	end(f.To, "to")
	for k, p := range f.Waypoints {
		if !finite(p.X, p.Y) {
			v.ps.addf(fmt.Sprintf("%s.waypoints[%d]", at(), k), "coordinates must be numbers within ±%g", MaxCoordinate)
		}
	}
	if !finite(f.LabelOffset.X, f.LabelOffset.Y) {
		v.ps.addf(at()+".labelOffset", "coordinates must be numbers within ±%g", MaxCoordinate)
	}
	if f.Classification < DataUnclassified || f.Classification > DataSecret {
		v.ps.addf(at()+".classification", "invalid data classification %d", int(f.Classification))
	}
	v.common(&f.Common, i, "flows", j)
}

func (v *validator) common(c *Common, i int, list string, j int) {
	for k, d := range c.Discussed {
		at := func(field string) string {
			return fmt.Sprintf("diagrams[%d].%s[%d].discussed[%d].%s", i, list, j, k, field)
		}
		if d.Category == "" {
			v.ps.add(at("category"), "missing checklist category")
		} else if slices.ContainsFunc(c.Discussed[:k], func(e Discussion) bool { return e.Category == d.Category }) {
			v.ps.addf(at("category"), "category %s is listed twice", excerpt(d.Category))
		}
		if d.Outcome < ThreatsFound || d.Outcome > NothingFound {
			v.ps.addf(at("outcome"), "invalid outcome %d", int(d.Outcome))
		}
	}
	for k, t := range c.Threats {
		at := func(field string) string {
			p := fmt.Sprintf("diagrams[%d].%s[%d].threats[%d]", i, list, j, k)
			if field != "" {
				p += "." + field
			}
			return p
		}
		if t == nil {
			v.ps.add(at(""), "missing threat")
			continue
		}
		if t.Likelihood < LevelUnset || t.Likelihood > High {
			v.ps.addf(at("likelihood"), "invalid level %d", int(t.Likelihood))
		}
		if t.Impact < LevelUnset || t.Impact > High {
			v.ps.addf(at("impact"), "invalid level %d", int(t.Impact))
		}
		if t.Decision < Undecided || t.Decision > NotApplicable {
			v.ps.addf(at("decision"), "invalid decision %d", int(t.Decision))
		}
		if t.Status < Open || t.Status > Verified {
			v.ps.addf(at("status"), "invalid status %d", int(t.Status))
		}
	}
}

func (v *validator) boundary(b *Boundary, path string) {
	if b == nil {
		v.ps.add(path, "missing boundary")
		return
	}
	switch b.Shape {
	case BoundaryLine:
		if len(b.Points) < 2 {
			v.ps.addf(path+".points", "a line boundary needs at least 2 points, not %d", len(b.Points))
		}
		if b.Bounds != (Rect{}) {
			v.ps.add(path+".bounds", "a line boundary has points, not bounds")
		}
	case BoundaryBox:
		v.rect(b.Bounds, path+".bounds")
		if len(b.Points) > 0 {
			v.ps.add(path+".points", "a box boundary has bounds, not points")
		}
	default:
		v.ps.addf(path+".shape", "invalid boundary shape %d", int(b.Shape))
	}
	for k, p := range b.Points {
		if !finite(p.X, p.Y) {
			v.ps.addf(fmt.Sprintf("%s.points[%d]", path, k), "coordinates must be numbers within ±%g", MaxCoordinate)
		}
	}
}

func (v *validator) tree(t *AttackTree, i int) {
	path := "attackTrees[" + strconv.Itoa(i) + "]"
	if t == nil {
		v.ps.add(path, "missing attack tree")
		return
	}
	if t.Target != "" && v.element(t.Target) == nil && !v.threat(t.Target) {
		v.ps.addf(path+".target", "unknown element or threat %s", excerpt(t.Target))
	}
	if t.Root == nil {
		v.ps.add(path+".root", "missing root node")
		return
	}
	nodes := 0
	v.node(t.Root, path+".root", 1, &nodes, path)
	if nodes > v.lim.NodesPerTree {
		v.ps.addf(path, "the tree has %d nodes; the limit is %d", nodes, v.lim.NodesPerTree)
	}
}

func (v *validator) node(n *Node, path string, depth int, count *int, tree string) {
	*count++
	if n == nil {
		v.ps.add(path, "missing node")
		return
	}
	if n.Type < Leaf || n.Type > Or {
		v.ps.addf(path+".type", "invalid node type %d", int(n.Type))
	}
	if n.Type == Leaf && len(n.Children) > 0 {
		v.ps.addf(path+".children", "a leaf has no children; make it an \"and\" or \"or\" node")
	}
	if !(n.Probability >= 0 && n.Probability <= 1) {
		v.ps.addf(path+".probability", "probability %v is outside 0..1", n.Probability)
	}
	if n.Level < LevelUnset || n.Level > High {
		v.ps.addf(path+".level", "invalid level %d", int(n.Level))
	}
	if !(n.Cost >= 0 && n.Cost <= MaxCost) {
		v.ps.addf(path+".cost", "cost %v is outside 0..%g", n.Cost, MaxCost)
	}
	if n.Skill < 0 || n.Skill > 5 {
		v.ps.addf(path+".skill", "skill %d is outside 0..5", n.Skill)
	}
	for k, c := range n.Countermeasures {
		if !(c.Strength >= 0 && c.Strength <= 1) {
			v.ps.addf(fmt.Sprintf("%s.countermeasures[%d].strength", path, k), "strength %v is outside 0..1", c.Strength)
		}
	}
	if len(n.Children) > 0 && depth >= v.lim.TreeDepth {
		v.ps.addf(tree, "the attack tree is deeper than %d levels (below node %s)", v.lim.TreeDepth, excerpt(n.ID))
		return
	}
	for k, c := range n.Children {
		v.node(c, path+".children["+strconv.Itoa(k)+"]", depth+1, count, tree)
	}
}

func (v *validator) action(a *Action, i int) {
	path := "actions[" + strconv.Itoa(i) + "]"
	if a == nil {
		v.ps.add(path, "missing action")
		return
	}
	if a.ThreatID != "" && !v.threat(a.ThreatID) {
		v.ps.addf(path+".threatId", "unknown threat %s", excerpt(a.ThreatID))
	}
	if a.Status < Open || a.Status > Verified {
		v.ps.addf(path+".status", "invalid status %d", int(a.Status))
	}
	if a.Reviewed.IsZero() && a.ReviewNote != "" {
		v.ps.add(path+".reviewNote", "a review note needs the date of the review")
	}
}

// rect reports a rectangle whose position is not finite or whose size is
// not positive: such a shape cannot be drawn or hit.
func (v *validator) rect(r Rect, path string) {
	if !finite(r.X, r.Y) {
		v.ps.addf(path, "position must be numbers within ±%g", MaxCoordinate)
	}
	if !(r.W > 0 && r.H > 0) || !finite(r.W, r.H) {
		v.ps.addf(path, "size %vx%v must be positive and at most %g", r.W, r.H, MaxCoordinate)
	}
}

func (v *validator) diagramExists(id string) bool {
	for _, d := range v.m.Diagrams {
		if d != nil && d.ID == id {
			return true
		}
	}
	return false
}

func (v *validator) element(id string) *Element {
	if v.elements == nil {
		v.elements = make(map[string]*Element)
		for _, d := range v.m.Diagrams {
			if d == nil {
				continue
			}
			for _, e := range d.Elements {
				if e != nil {
					v.elements[e.ID] = e
				}
			}
		}
	}
	return v.elements[id]
}

func (v *validator) threat(id string) bool {
	if v.threats == nil {
		v.threats = make(map[string]bool)
		for _, d := range v.m.Diagrams {
			if d == nil {
				continue
			}
			for _, e := range d.Elements {
				if e != nil {
					addThreats(v.threats, e.Threats)
				}
			}
			for _, f := range d.Flows {
				if f != nil {
					addThreats(v.threats, f.Threats)
				}
			}
		}
	}
	return v.threats[id]
}

func addThreats(set map[string]bool, ts []*Threat) {
	for _, t := range ts {
		if t != nil {
			set[t.ID] = true
		}
	}
}

func rectOK(r Rect) bool {
	return finite(r.X, r.Y, r.W, r.H) && r.W > 0 && r.H > 0
}

// MaxCoordinate bounds every position and size in a file, and MaxCost an
// attack-tree leaf's cost: far beyond any drawing or budget, and small
// enough that all arithmetic on them (a shape's far edge, the sum of every
// cost in a tree) stays finite.
const (
	MaxCoordinate = 1e9
	MaxCost       = 1e12
)

// set reports whether a property field holds a value other than its zero.
func set(field any) bool {
	switch f := field.(type) {
	case *bool:
		return *f
	case *string:
		return *f != ""
	}
	return false
}

func kindList(ks []Kind) string {
	s := ""
	for i, k := range ks {
		if i > 0 {
			s += " and "
		}
		s += kindPlural(k)
	}
	return s
}

func kindPlural(k Kind) string {
	switch k {
	case Process:
		return "processes"
	case MultiProcess:
		return "multi-processes"
	case Actor, Store, Note:
		return k.String() + "s"
	}
	return k.String()
}
