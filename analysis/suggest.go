package analysis

import (
	"strings"

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
// its elements then its flows in document order, then rule IDs.
func (c *Catalog) Suggest(m *model.Model) []Suggestion {
	var out []Suggestion
	for _, d := range m.Diagrams {
		out = c.suggestDiagram(out, d)
	}
	return out
}

// SuggestDiagram runs the rules over one diagram.
func (c *Catalog) SuggestDiagram(d *model.Diagram) []Suggestion {
	return c.suggestDiagram(nil, d)
}

func (c *Catalog) suggestDiagram(out []Suggestion, d *model.Diagram) []Suggestion {
	cl, _ := c.ChecklistFor(d)
	if cl == nil {
		return out
	}
	df := newDiagramFacts(d)
	df.index()
	for _, e := range d.Elements {
		out = c.suggestElement(out, df, cl, e)
	}
	for _, f := range d.Flows {
		out = c.suggestFlow(out, df, cl, f)
	}
	return out
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
		return c.suggestElement(nil, df, cl, e)
	}
	if f := d.Flow(targetID); f != nil {
		return c.suggestFlow(nil, df, cl, f)
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
	out := c.suggestElement(nil, df, cl, e)
	seen := map[*model.Flow]bool{}
	adj := df.adjacent(e)
	for _, list := range [][]flowEnd{adj.in, adj.out} {
		for _, fe := range list {
			seen[fe.f] = true
		}
	}
	// Document order, as Suggest lists them.
	for _, f := range d.Flows {
		if seen[f] {
			out = c.suggestFlow(out, df, cl, f)
		}
	}
	return out
}

func (c *Catalog) suggestElement(out []Suggestion, df *diagramFacts, cl *Checklist, e *model.Element) []Suggestion {
	t := TargetOf(e.Kind)
	if t == 0 || e.OutOfScope {
		return out
	}
	rules := c.index[cl.ID][t]
	if len(rules) == 0 {
		return out
	}
	s := &subject{facts: df, e: e}
	apply := applicableCategories(cl, s, t)
	for _, ir := range rules {
		if !apply[ir.cat] || handled(&e.Common, ir.r.ID) || !ir.r.Condition.match(s) {
			continue
		}
		out = append(out, suggestion(ir.r, df.d.ID, e.ID, t, s))
	}
	return out
}

func (c *Catalog) suggestFlow(out []Suggestion, df *diagramFacts, cl *Checklist, f *model.Flow) []Suggestion {
	if f.OutOfScope {
		return out
	}
	rules := c.index[cl.ID][TargetFlow]
	if len(rules) == 0 {
		return out
	}
	src, dst, ok := df.ends(f)
	if !ok {
		return out
	}
	fwd := &subject{facts: df, f: f, src: src, dst: dst}
	var back *subject
	if f.Bidirectional {
		back = &subject{facts: df, f: f, src: dst, dst: src}
	}
	apply := applicableCategories(cl, fwd, TargetFlow)
	for _, ir := range rules {
		if !apply[ir.cat] || handled(&f.Common, ir.r.ID) {
			continue
		}
		switch {
		case ir.r.Condition.match(fwd):
			out = append(out, suggestion(ir.r, df.d.ID, f.ID, TargetFlow, fwd))
		case back != nil && ir.r.Condition.match(back):
			out = append(out, suggestion(ir.r, df.d.ID, f.ID, TargetFlow, back))
		}
	}
	return out
}

// applicableCategories marks, by position, the checklist categories that
// apply to the subject.
func applicableCategories(cl *Checklist, s *subject, t Target) []bool {
	apply := make([]bool, len(cl.Categories))
	for i := range cl.Categories {
		apply[i] = cl.Categories[i].applies(s, t)
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

func suggestion(r *Rule, diagramID, targetID string, t Target, s *subject) Suggestion {
	return Suggestion{
		Key:         SuggestionKey(r.ID, targetID),
		RuleID:      r.ID,
		DiagramID:   diagramID,
		TargetID:    targetID,
		Target:      t,
		Title:       r.title.fill(s),
		Category:    r.Category,
		Description: r.description.fill(s),
		Mitigation:  r.miti.fill(s),
		Likelihood:  r.Likelihood,
		Impact:      r.Impact,
		References:  r.References,
	}
}
