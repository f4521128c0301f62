package analysis

import (
	"slices"

	"github.com/threatboard/threatboard/model"
)

// Mark is how far an element or flow was discussed in sessions: the small
// mark the canvas draws and the register filters on.
type Mark int

// The marks. An object no checklist category applies to is NoMark.
const (
	NoMark       Mark = iota
	NotDiscussed      // none of its categories
	Partly            // some of them
	Fully             // all of them
)

var markNames = []string{"", "not discussed", "partly discussed", "discussed"}

func (m Mark) String() string {
	if m < NoMark || m > Fully {
		return "invalid"
	}
	return markNames[m]
}

// ObjectCoverage counts the applicable categories of one element or flow
// and how many of them were discussed.
type ObjectCoverage struct {
	Discussed, Total int
	Threats          int // categories discussed with threats found
}

// Mark is the object's coverage mark.
func (c ObjectCoverage) Mark() Mark {
	switch {
	case c.Total == 0:
		return NoMark
	case c.Discussed == 0:
		return NotDiscussed
	case c.Discussed < c.Total:
		return Partly
	}
	return Fully
}

// Coverage is what the sessions discussed of one diagram: per in-scope
// element and flow, and in all. Slices in the order of the diagram's own
// (a map by ID took most of the time on a big diagram).
type Coverage struct {
	Elements         []ObjectCoverage // parallel to the diagram's Elements
	Flows            []ObjectCoverage // parallel to the diagram's Flows
	Discussed, Total int              // steps: categories of objects

	d *model.Diagram
}

// Of returns the coverage of the element or flow with the given ID (zero
// when the diagram has no such object).
func (c *Coverage) Of(id string) ObjectCoverage {
	if i := c.d.ElementIndex(id); i >= 0 && i < len(c.Elements) {
		return c.Elements[i]
	}
	if i := slices.IndexFunc(c.d.Flows, func(f *model.Flow) bool { return f.ID == id }); i >= 0 && i < len(c.Flows) {
		return c.Flows[i]
	}
	return ObjectCoverage{}
}

// Fraction is the share of steps discussed, 0..1 (1 when there are none).
func (c *Coverage) Fraction() float64 {
	if c.Total == 0 {
		return 1
	}
	return float64(c.Discussed) / float64(c.Total)
}

// DiagramCoverage computes the coverage of d's in-scope elements and flows
// against checklist cl. A discussion of a category that no longer applies
// (the element changed since) does not count.
func DiagramCoverage(d *model.Diagram, cl *Checklist) Coverage {
	cov := Coverage{Elements: make([]ObjectCoverage, len(d.Elements)), Flows: make([]ObjectCoverage, len(d.Flows)), d: d}
	var s subject // one for all: a new one per object escaped to the heap
	count := func(dst *ObjectCoverage, c *model.Common, apply uint64) {
		oc := ObjectCoverage{}
		for i := range cl.Categories {
			if apply&(1<<i) == 0 {
				continue
			}
			oc.Total++
			if dd, ok := c.Discussion(cl.Categories[i].ID); ok {
				oc.Discussed++
				if dd.Outcome == model.ThreatsFound {
					oc.Threats++
				}
			}
		}
		*dst = oc
		cov.Discussed += oc.Discussed
		cov.Total += oc.Total
	}
	for i, e := range d.Elements {
		t := TargetOf(e.Kind)
		if e.OutOfScope || t == 0 {
			continue
		}
		s = subject{e: e}
		count(&cov.Elements[i], &e.Common, applicableCategories(cl, &s, t))
	}
	for i, f := range d.Flows {
		if f.OutOfScope {
			continue
		}
		s = subject{f: f}
		count(&cov.Flows[i], &f.Common, applicableCategories(cl, &s, TargetFlow))
	}
	return cov
}
