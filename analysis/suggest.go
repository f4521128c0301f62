package analysis

import (
	"runtime"
	"strings"
	"sync"

	"github.com/threatboard/threatboard/model"
)

// Suggestion is a threat the rule catalog proposes for one element or flow.
// Its Key (rule ID + ":" + target ID) is stable across runs: accepting it
// adds a threat that keeps the rule ID, dismissing it records the rule ID in
// the target's Dismissed list, and either way it is not suggested again.
type Suggestion struct {
	Key         string      `json:"key"`
	RuleID      string      `json:"ruleId"`
	DiagramID   string      `json:"diagramId"`
	TargetID    string      `json:"targetId"`
	Target      Target      `json:"target"` // what the target is: a kind of element, or a flow
	Title       string      `json:"title"`
	Category    string      `json:"category"`
	Description string      `json:"description"`
	Mitigation  string      `json:"mitigation"`
	Likelihood  model.Level `json:"likelihood"`
	Impact      model.Level `json:"impact"`
	References  []string    `json:"references,omitempty"`
}

// SuggestionKey is the stable key of a rule's suggestion for a target.
func SuggestionKey(ruleID, targetID string) string { return ruleID + ":" + targetID }

// Threat turns the suggestion into a new open, undecided threat with a fresh
// ID that keeps the rule ID; the caller adds it with model.AddThreat. The
// references are appended to the description so that they travel with it.
func (s Suggestion) Threat() *model.Threat {
	desc := s.Description
	if len(s.References) > 0 {
		desc += "\n\nReferences: " + strings.Join(s.References, ", ")
	}
	return &model.Threat{
		ID:          model.NewID(),
		Title:       s.Title,
		Category:    s.Category,
		Description: desc,
		Likelihood:  s.Likelihood,
		Impact:      s.Impact,
		Mitigation:  s.Mitigation,
		RuleID:      s.RuleID,
	}
}

// Suggest runs every rule over every in-scope element and flow of the
// model. The order is deterministic: diagrams in model order, within one
// its elements then its flows in document order, then rule IDs. It only
// reads the model (and the catalog, which any number of analyses may share)
// but, like every reader, must not run while an edit changes the model.
func (c *Catalog) Suggest(m *model.Model) []Suggestion {
	n := 0
	for _, d := range m.Diagrams {
		n += len(d.Elements) + len(d.Flows)
	}
	hits := make([]hit, 0, 2*n) // a few suggestions per element or flow are typical
	for _, d := range m.Diagrams {
		hits = c.matchDiagram(hits, d)
	}
	return materialize(hits)
}

// SuggestDiagram runs the rules over one diagram.
func (c *Catalog) SuggestDiagram(d *model.Diagram) []Suggestion {
	return materialize(c.matchDiagram(nil, d))
}

// SuggestFor runs the rules over one element or flow, looking only at what
// its conditions reach (its flows and their other ends), not the whole
// diagram: the side panel calls it on every edit. The result is what
// Suggest would list for that target, in the same order.
func (c *Catalog) SuggestFor(m *model.Model, diagramID, targetID string) []Suggestion {
	d := m.Diagram(diagramID)
	if d == nil {
		return nil
	}
	cl, _ := c.ChecklistFor(d)
	if cl == nil {
		return nil
	}
	df := newDiagramFacts(d)
	if e := d.Element(targetID); e != nil {
		return materialize(c.matchElement(nil, df, cl, e))
	}
	if f := d.Flow(targetID); f != nil {
		return materialize(c.matchFlow(nil, df, cl, f, nil))
	}
	return nil
}

// SuggestAround runs the rules over an element and its flows: what an edit
// of that element can change. Elements come before flows, as in Suggest.
func (c *Catalog) SuggestAround(m *model.Model, diagramID, elementID string) []Suggestion {
	d := m.Diagram(diagramID)
	if d == nil {
		return nil
	}
	cl, _ := c.ChecklistFor(d)
	e := d.Element(elementID)
	if cl == nil || e == nil {
		return nil
	}
	df := newDiagramFacts(d)
	hits := c.matchElement(nil, df, cl, e)
	ef := df.adjacent(e)
	seen := make(map[*model.Flow]*flowFacts, len(ef.in)+len(ef.out))
	for _, list := range [][]flowEnd{ef.in, ef.out} {
		for _, fe := range list {
			seen[fe.f] = fe.ff
		}
	}
	// Document order, as Suggest lists them.
	for _, f := range d.Flows {
		if ff, ok := seen[f]; ok {
			hits = c.matchFlow(hits, df, cl, f, ff)
		}
	}
	return materialize(hits)
}

// hit is a rule that fired on a subject, before its texts are filled in:
// matching first and materializing once sizes the result exactly.
type hit struct {
	r         *Rule
	diagramID string
	target    Target
	subject   *subject
}

// parallelFrom is the number of elements and flows from which a diagram's
// rules run on all cores, each on a contiguous share of the targets.
var parallelFrom = 4096

func (c *Catalog) matchDiagram(hits []hit, d *model.Diagram) []hit {
	cl, _ := c.ChecklistFor(d)
	if cl == nil {
		return hits
	}
	df := newDiagramFacts(d)
	flowFacts := df.index()
	n := len(d.Elements) + len(d.Flows)
	workers := min(runtime.GOMAXPROCS(0), 8, max(1, n/1024))
	if workers < 2 || n < parallelFrom {
		for i := range n {
			hits = c.matchTarget(hits, df, cl, flowFacts, i)
		}
		return hits
	}
	// Work out the geometric facts first: afterwards the workers only read
	// what they share and remember their own answers.
	df.settle(flowFacts, c.uses)
	parts := make([][]hit, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*n/workers, (w+1)*n/workers
		wdf := df.worker()
		wg.Go(func() {
			out := make([]hit, 0, 2*(hi-lo))
			for i := lo; i < hi; i++ {
				out = c.matchTarget(out, wdf, cl, flowFacts, i)
			}
			parts[w] = out
		})
	}
	wg.Wait()
	for _, p := range parts {
		hits = append(hits, p...)
	}
	return hits
}

// matchTarget runs the rules on the i-th target of the diagram: its
// elements, then its flows.
func (c *Catalog) matchTarget(hits []hit, df *diagramFacts, cl *Checklist, flowFacts []*flowFacts, i int) []hit {
	d := df.d
	if i < len(d.Elements) {
		return c.matchElement(hits, df, cl, d.Elements[i])
	}
	i -= len(d.Elements)
	if flowFacts[i] == nil {
		return hits
	}
	return c.matchFlow(hits, df, cl, d.Flows[i], flowFacts[i])
}

func (c *Catalog) matchElement(hits []hit, df *diagramFacts, cl *Checklist, e *model.Element) []hit {
	t := TargetOf(e.Kind)
	if t == 0 || e.OutOfScope {
		return hits
	}
	rules := c.index[cl.ID][t]
	if len(rules) == 0 {
		return hits
	}
	s := df.elementSubject(e)
	apply := applicableCategories(cl, s, t)
	for _, ir := range rules {
		if apply&(1<<ir.cat) == 0 || handled(&e.Common, ir.r.ID) || !ir.r.Condition.match(s) {
			continue
		}
		hits = append(hits, hit{ir.r, df.d.ID, t, s})
	}
	return hits
}

// matchFlow runs the flow rules over f; ff is its facts when known. A
// bidirectional flow is tried in its drawn direction first, then reversed.
func (c *Catalog) matchFlow(hits []hit, df *diagramFacts, cl *Checklist, f *model.Flow, ff *flowFacts) []hit {
	if f.OutOfScope {
		return hits
	}
	rules := c.index[cl.ID][TargetFlow]
	if len(rules) == 0 {
		return hits
	}
	var src, dst *model.Element
	if ff != nil && ff.src != nil {
		src, dst = ff.src, ff.dst
	} else {
		var ok bool
		if src, dst, ok = df.ends(f); !ok {
			return hits
		}
	}
	if ff == nil {
		ff = df.flowFacts(f)
	}
	fwd := df.flowSubject(flowEnd{f, ff, src, dst})
	var back *subject
	if f.Bidirectional {
		back = df.flowSubject(flowEnd{f, ff, dst, src})
	}
	apply := applicableCategories(cl, fwd, TargetFlow)
	for _, ir := range rules {
		if apply&(1<<ir.cat) == 0 || handled(&f.Common, ir.r.ID) {
			continue
		}
		switch {
		case ir.r.Condition.match(fwd):
			hits = append(hits, hit{ir.r, df.d.ID, TargetFlow, fwd})
		case back != nil && ir.r.Condition.match(back):
			hits = append(hits, hit{ir.r, df.d.ID, TargetFlow, back})
		}
	}
	return hits
}

// applicableCategories marks, by position, the checklist categories that
// apply to the subject (a checklist has at most maxCategories).
func applicableCategories(cl *Checklist, s *subject, t Target) uint64 {
	var apply uint64
	for i := range cl.Categories {
		if cl.Categories[i].applies(s, t) {
			apply |= 1 << i
		}
	}
	return apply
}

// handled reports whether the target already has a threat from the rule or
// dismissed its suggestion.
func handled(c *model.Common, ruleID string) bool {
	for _, t := range c.Threats {
		if t.RuleID == ruleID {
			return true
		}
	}
	for _, id := range c.Dismissed {
		if id == ruleID {
			return true
		}
	}
	return false
}

// materialize fills in the suggestions' texts. The key and the three texts
// of one suggestion share one allocation: a whole-model analysis makes
// hundreds of thousands of them.
func materialize(hits []hit) []Suggestion {
	if len(hits) == 0 {
		return nil
	}
	out := make([]Suggestion, len(hits))
	workers := min(runtime.GOMAXPROCS(0), 8, max(1, len(hits)/4096))
	if workers < 2 || len(hits) < parallelFrom {
		fillSuggestions(out, hits)
		return out
	}
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(hits)/workers, (w+1)*len(hits)/workers
		wg.Go(func() { fillSuggestions(out[lo:hi], hits[lo:hi]) })
	}
	wg.Wait()
	return out
}

func fillSuggestions(out []Suggestion, hits []hit) {
	var b strings.Builder
	for i, h := range hits {
		s, r := h.subject, h.r
		id := s.id()
		b.Reset()
		b.Grow(len(r.ID) + 1 + len(id) + r.title.size(s) + r.description.size(s) + r.miti.size(s))
		b.WriteString(r.ID)
		b.WriteByte(':')
		b.WriteString(id)
		k := b.Len()
		r.title.write(&b, s)
		ti := b.Len()
		r.description.write(&b, s)
		de := b.Len()
		r.miti.write(&b, s)
		all := b.String()
		out[i] = Suggestion{
			Key:         all[:k],
			RuleID:      r.ID,
			DiagramID:   h.diagramID,
			TargetID:    id,
			Target:      h.target,
			Title:       all[k:ti],
			Category:    r.Category,
			Description: all[ti:de],
			Mitigation:  all[de:],
			Likelihood:  r.Likelihood,
			Impact:      r.Impact,
			References:  r.References,
		}
	}
}
