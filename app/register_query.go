package app

import (
	"cmp"
	"slices"
	"strings"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/model"
)

// registerRow is one threat of the register with the text it shows, read
// once per refresh so that sorting and filtering only compare.
type registerRow struct {
	ref   model.ThreatRef
	cells []string
	// hay is what the free-text filter searches, in lower case: the
	// threat's title, description, mitigation, category, owner and target.
	hay string
}

func newRegisterRows(refs []model.ThreatRef) []registerRow {
	rows := make([]registerRow, len(refs))
	for i, ref := range refs {
		cells := make([]string, len(registerColumns))
		for j, c := range registerColumns {
			cells[j] = c.cell(ref)
		}
		t := ref.Threat
		hay := strings.ToLower(strings.Join([]string{t.Title, t.Description, t.Mitigation, t.Category, t.Owner,
			cells[colOn], t.Ticket, t.Justification}, "\n"))
		rows[i] = registerRow{ref: ref, cells: cells, hay: hay}
	}
	return rows
}

// heatCell is one cell of the 3×3 likelihood × impact matrix.
type heatCell struct{ likelihood, impact model.Level }

// registerQuery is what the register shows: the filters (empty means any)
// and the column it is sorted by.
type registerQuery struct {
	diagram  string // diagram ID
	target   string // element or flow ID
	category string
	risk     string // a risk level's name, "unrated" for threats not yet rated
	decision string
	status   string
	owner    string
	coverage string // see coverageLabel
	text     string // free text, matched without regard to case
	cell     *heatCell
	// sortCol is the column sorted by, or -1 for the register's own order
	// (impact, then likelihood); desc reverses it.
	sortCol int
	desc    bool
}

func (q *registerQuery) filtered() bool {
	return q.diagram != "" || q.target != "" || q.category != "" || q.risk != "" || q.decision != "" ||
		q.status != "" || q.owner != "" || strings.TrimSpace(q.text) != "" || q.cell != nil
}

// matches reports whether row passes every filter but the heat-map cell,
// which the heat map itself leaves out to show the counts around it.
func (q *registerQuery) matches(r *registerRow, needle string) bool {
	t := r.ref.Threat
	switch {
	case q.diagram != "" && r.ref.Diagram.ID != q.diagram,
		q.target != "" && r.ref.TargetID() != q.target,
		q.category != "" && t.Category != q.category,
		q.risk != "" && analysis.ThreatRisk(t).String() != q.risk,
		q.decision != "" && t.Decision.String() != q.decision,
		q.status != "" && t.Status.String() != q.status,
		q.owner != "" && t.Owner != q.owner,
		q.coverage != "" && coverageLabel(r.ref) != q.coverage,
		needle != "" && !strings.Contains(r.hay, needle):
		return false
	}
	return true
}

func (q *registerQuery) inCell(r *registerRow) bool {
	return q.cell == nil || r.ref.Threat.Likelihood == q.cell.likelihood && r.ref.Threat.Impact == q.cell.impact
}

// apply returns the indices of the rows the query shows, in its order, and
// the heat map of the rows that pass every filter but the cell. rows are in
// register order, so equal values keep that order. ranks gives a column's
// ranks (see columnRanks) when the query sorts by one.
func (q *registerQuery) apply(rows []registerRow, ranks func(col int) []int32) ([]int, analysis.HeatMap) {
	needle := strings.ToLower(strings.TrimSpace(q.text))
	var heat analysis.HeatMap
	out := make([]int, 0, len(rows))
	for i := range rows {
		r := &rows[i]
		if !q.matches(r, needle) {
			continue
		}
		heat.Add(r.ref.Threat.Likelihood, r.ref.Threat.Impact)
		if q.inCell(r) {
			out = append(out, i)
		}
	}
	if q.sortCol >= 0 && q.sortCol < len(registerColumns) {
		rank := ranks(q.sortCol)
		dir := int32(1)
		if q.desc {
			dir = -1
		}
		// Equal values keep the register order: out is in it, so the row
		// index breaks ties.
		slices.SortFunc(out, func(a, b int) int { return cmp.Or(cmp.Compare(dir*rank[a], dir*rank[b]), a-b) })
	}
	return out, heat
}

// columnRanks ranks every row by one column: rows with equal values share
// a rank, a smaller rank sorts first. Enumerated columns compare by value
// (Low < Medium < High), the others by their text without regard to case.
// The register ranks a column once after each reload, so that sorting
// compares numbers, not texts.
func columnRanks(rows []registerRow, col int) []int32 {
	c := registerColumns[col]
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	var same func(a, b int) bool
	if c.order != nil {
		keys := make([]int, len(rows))
		for i := range rows {
			keys[i] = c.order(rows[i].ref)
		}
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(keys[a], keys[b]) })
		same = func(a, b int) bool { return keys[a] == keys[b] }
	} else {
		keys := make([]string, len(rows))
		for i := range rows {
			keys[i] = strings.ToLower(rows[i].cells[col])
		}
		slices.SortStableFunc(idx, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
		same = func(a, b int) bool { return keys[a] == keys[b] }
	}
	ranks := make([]int32, len(rows))
	for k, i := range idx {
		if k > 0 && same(idx[k-1], i) {
			ranks[i] = ranks[idx[k-1]]
		} else {
			ranks[i] = int32(k)
		}
	}
	return ranks
}

// coverageLabel says whether a session discussed the threat's category with
// the element or flow it is on: the register's coverage filter.
func coverageLabel(ref model.ThreatRef) string {
	if _, ok := ref.Target().Discussion(ref.Threat.Category); ok {
		return "discussed"
	}
	return "not discussed"
}
