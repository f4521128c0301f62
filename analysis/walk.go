package analysis

import "github.com/threatboard/threatboard/model"

// Step is one stop of a session's walk-through: one checklist category of
// one in-scope element or flow.
type Step struct {
	Element  *model.Element // set for an element
	Flow     *model.Flow    // set for a flow
	Category *Category
}

// ID is the ID of the element or flow the step is about.
func (s Step) ID() string {
	if s.Element != nil {
		return s.Element.ID
	}
	return s.Flow.ID
}

// Common is the part of the element or flow that holds its threats and coverage.
func (s Step) Common() *model.Common {
	if s.Element != nil {
		return &s.Element.Common
	}
	return &s.Flow.Common
}

// Discussed reports whether the step's category was discussed with its object.
func (s Step) Discussed() bool {
	_, ok := s.Common().Discussion(s.Category.ID)
	return ok
}

// WalkObjects lists the in-scope elements and flows of d in the order a
// session walks them: the actors first (who uses the system), then along
// the flows, breadth first: each flow followed by the element it reaches,
// when that is new. Whatever no flow from an actor reaches follows in
// document order, walked the same way. Notes are left out; an out-of-scope
// element is passed through but not listed.
func WalkObjects(d *model.Diagram) (elements []*model.Element, flows []*model.Flow, order []any) {
	seen := make(map[string]bool, len(d.Elements)+len(d.Flows))
	var queue []*model.Element
	emit := func(v any) {
		order = append(order, v)
		switch o := v.(type) {
		case *model.Element:
			elements = append(elements, o)
		case *model.Flow:
			flows = append(flows, o)
		}
	}
	reach := func(e *model.Element) {
		if e == nil || seen[e.ID] || !e.Kind.Connectable() {
			return
		}
		seen[e.ID] = true
		queue = append(queue, e)
		if !e.OutOfScope {
			emit(e)
		}
	}
	walk := func() {
		for len(queue) > 0 {
			e := queue[0]
			queue = queue[1:]
			for _, f := range d.FlowsOf(e.ID) {
				if f.From != e.ID || seen[f.ID] {
					continue
				}
				seen[f.ID] = true
				if !f.OutOfScope {
					emit(f)
				}
				reach(d.Element(f.To))
			}
		}
	}
	for _, e := range d.Elements {
		if e.Kind == model.Actor {
			reach(e)
		}
	}
	walk()
	for _, e := range d.Elements {
		reach(e)
		walk()
	}
	return elements, flows, order
}

// Walk lists the steps of a session's walk-through of d with checklist cl:
// the objects in WalkObjects order, each with the categories of cl that
// apply to it, in checklist order.
func Walk(d *model.Diagram, cl *Checklist) []Step {
	_, _, order := WalkObjects(d)
	var steps []Step
	for _, o := range order {
		switch v := o.(type) {
		case *model.Element:
			for _, cat := range cl.Applicable(v) {
				steps = append(steps, Step{Element: v, Category: cl.Category(cat.ID)})
			}
		case *model.Flow:
			for _, cat := range cl.ApplicableFlow(v) {
				steps = append(steps, Step{Flow: v, Category: cl.Category(cat.ID)})
			}
		}
	}
	return steps
}

// ResumeAt is the step a walk-through resumes at: the first step not yet
// discussed that follows the last step discussed on the latest day of
// discussion (where the last session stopped); failing that, the first
// step not yet discussed; len(steps) when every step was discussed.
func ResumeAt(steps []Step) int {
	last, lastDay := -1, model.Date{}
	for i, s := range steps {
		d, ok := s.Common().Discussion(s.Category.ID)
		if ok && (last < 0 || !d.Date.Before(lastDay)) {
			last, lastDay = i, d.Date
		}
	}
	for i := last + 1; i < len(steps); i++ {
		if !steps[i].Discussed() {
			return i
		}
	}
	for i := range steps {
		if !steps[i].Discussed() {
			return i
		}
	}
	return len(steps)
}
