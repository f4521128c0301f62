package analysis

import (
	"cmp"
	"slices"

	"github.com/threatboard/threatboard/model"
)

// CompareThreats orders a threat register: biggest impact first, then
// biggest likelihood, then by title and ID so that equal ratings always come
// out in the same order. Unrated values sort after every rated one.
func CompareThreats(a, b *model.Threat) int {
	return cmp.Or(
		cmp.Compare(b.Impact, a.Impact),
		cmp.Compare(b.Likelihood, a.Likelihood),
		cmp.Compare(a.Title, b.Title),
		cmp.Compare(a.ID, b.ID),
	)
}

// SortThreats sorts threats in register order (see CompareThreats).
func SortThreats(threats []*model.Threat) {
	slices.SortStableFunc(threats, CompareThreats)
}

// SortRegister sorts located threats in register order (see CompareThreats).
func SortRegister(refs []model.ThreatRef) {
	slices.SortStableFunc(refs, func(a, b model.ThreatRef) int { return CompareThreats(a.Threat, b.Threat) })
}

// HeatMap counts threats per cell of the 3×3 matrix.
type HeatMap struct {
	// Cells[i][l] counts the threats of impact i+1 and likelihood l+1
	// (Low = 0, Medium = 1, High = 2): the report draws impact on the
	// vertical axis and likelihood on the horizontal one.
	Cells [3][3]int
	// Unrated counts threats with an unset likelihood or impact.
	Unrated int
}

// Add counts one threat rated likelihood × impact.
func (h *HeatMap) Add(likelihood, impact model.Level) {
	if !isRated(likelihood) || !isRated(impact) {
		h.Unrated++
		return
	}
	h.Cells[impact-1][likelihood-1]++
}

// Count is the number of threats in the cell likelihood × impact; for an
// unset level, the number of unrated threats.
func (h *HeatMap) Count(likelihood, impact model.Level) int {
	if !isRated(likelihood) || !isRated(impact) {
		return h.Unrated
	}
	return h.Cells[impact-1][likelihood-1]
}

// Total is the number of threats counted.
func (h *HeatMap) Total() int {
	n := h.Unrated
	for _, row := range h.Cells {
		for _, c := range row {
			n += c
		}
	}
	return n
}

// HeatMapOf counts the threats as rated (see ResidualHeatMapOf for the
// picture after finished mitigations).
func HeatMapOf(threats []*model.Threat) HeatMap {
	var h HeatMap
	for _, t := range threats {
		h.Add(t.Likelihood, t.Impact)
	}
	return h
}

// ResidualHeatMapOf counts the threats at their residual rating. Threats
// whose residual risk is gone (not applicable, avoided) are left out.
func ResidualHeatMapOf(threats []*model.Threat) HeatMap {
	var h HeatMap
	for _, t := range threats {
		if residualGone(t) {
			continue
		}
		h.Add(Residual(t))
	}
	return h
}

// Summary counts a model's threats for the report's summary page and the CLI.
type Summary struct {
	Total      int
	ByDecision map[model.Decision]int
	ByStatus   map[model.Status]int
	ByRisk     map[RiskLevel]int // as rated
	ByResidual map[RiskLevel]int // after finished mitigations; gone threats count as unrated
}

// Summarize counts the threats by decision, status and risk.
func Summarize(threats []*model.Threat) Summary {
	s := Summary{
		Total:      len(threats),
		ByDecision: map[model.Decision]int{},
		ByStatus:   map[model.Status]int{},
		ByRisk:     map[RiskLevel]int{},
		ByResidual: map[RiskLevel]int{},
	}
	for _, t := range threats {
		s.ByDecision[t.Decision]++
		s.ByStatus[t.Status]++
		s.ByRisk[ThreatRisk(t)]++
		s.ByResidual[ResidualRisk(t)]++
	}
	return s
}

// ModelThreats lists every threat of the model in document order.
func ModelThreats(m *model.Model) []*model.Threat {
	refs := m.Threats()
	out := make([]*model.Threat, len(refs))
	for i, r := range refs {
		out[i] = r.Threat
	}
	return out
}
