package analysis

import (
	"slices"

	"github.com/threatboard/threatboard/model"
)

// Review is what a follow-up session looks at: the guide's "review whether
// the actions were taken", the risks to revisit, what is still open.
type Review struct {
	Due          model.Date      // when the session is due (model.ReviewDate)
	Overdue      []*model.Action // past their due day and not done
	Open         []*model.Action // not done, not overdue
	Unreviewed   []*model.Action // done but not yet verified in a review
	Revisit      []model.ThreatRef
	Undecided    []model.ThreatRef
	NotDiscussed []Undiscussed
}

// Undiscussed is an in-scope element that no session has discussed: one
// added since the last session, or skipped.
type Undiscussed struct {
	Diagram *model.Diagram
	Element *model.Element
}

// Empty reports whether there is nothing to review.
func (r *Review) Empty() bool {
	return len(r.Overdue)+len(r.Open)+len(r.Unreviewed)+len(r.Revisit)+len(r.Undecided)+len(r.NotDiscussed) == 0
}

// ReviewOf lists what the next session of m should look at, as of today:
// overdue and open actions (overdue ones by due day), actions done but not
// reviewed, accepted and transferred risks to revisit and threats with no
// decision (both biggest impact first), and in-scope elements never
// discussed (in walk order, diagram by diagram).
func ReviewOf(m *model.Model, today model.Date) Review {
	r := Review{Due: m.ReviewDate()}
	for _, a := range m.Actions {
		switch {
		case a.Overdue(today):
			r.Overdue = append(r.Overdue, a)
		case a.Status < model.Done:
			r.Open = append(r.Open, a)
		case a.Reviewed.IsZero():
			r.Unreviewed = append(r.Unreviewed, a)
		}
	}
	slices.SortStableFunc(r.Overdue, func(a, b *model.Action) int { return a.Due.Time().Compare(b.Due.Time()) })
	for _, ref := range m.Threats() {
		switch ref.Threat.Decision {
		case model.Accept, model.Transfer:
			r.Revisit = append(r.Revisit, ref)
		case model.Undecided:
			r.Undecided = append(r.Undecided, ref)
		}
	}
	SortRegister(r.Revisit)
	SortRegister(r.Undecided)
	for _, d := range m.Diagrams {
		es, _, _ := WalkObjects(d)
		for _, e := range es {
			if len(e.Discussed) == 0 {
				r.NotDiscussed = append(r.NotDiscussed, Undiscussed{d, e})
			}
		}
	}
	return r
}
