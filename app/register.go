package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/model"
)

// registerView is the register of every threat in the model, biggest impact
// first, then likelihood, or sorted by a column header. Filters above it and
// the 3×3 heat map beside it narrow what it lists. Selecting a row shows its
// element or flow on its diagram.
type registerView struct {
	a     *App
	table *widget.Table
	all   []registerRow // every threat, in register order
	rows  []model.ThreatRef
	cells [][]string // what the table shows, to skip refreshes that change nothing
	q     registerQuery
	heat  analysis.HeatMap

	filters *registerFilters
	cellBtn [3][3]*widget.Button // [impact][likelihood], High impact on top
	content fyne.CanvasObject
}

// The register's columns: what a reader scans for first (risk, decision,
// status, the threat) fits in the panel without scrolling sideways. The
// constants name them where the code refers to one.
const (
	colRisk = iota
	colDecision
	colStatus
	colThreat
	colOn
	colOwner
	colImpact
	colLikelihood
	colDiagram
	colCategory
)

var registerColumns = []struct {
	title string
	width float32
	cell  func(model.ThreatRef) string
	// order sorts an enumerated column by value (Low < Medium < High)
	// rather than by name; nil sorts by the text shown.
	order func(model.ThreatRef) int
}{
	colRisk:       {"Risk", 70, func(r model.ThreatRef) string { return analysis.ThreatRisk(r.Threat).String() }, func(r model.ThreatRef) int { return int(analysis.ThreatRisk(r.Threat)) }},
	colDecision:   {"Decision", 135, decisionCell, func(r model.ThreatRef) int { return int(r.Threat.Decision) }},
	colStatus:     {"Status", 90, func(r model.ThreatRef) string { return r.Threat.Status.String() }, func(r model.ThreatRef) int { return int(r.Threat.Status) }},
	colThreat:     {"Threat", 300, func(r model.ThreatRef) string { return r.Threat.Title }, nil},
	colOn:         {"On", 160, func(r model.ThreatRef) string { return targetName(r) }, nil},
	colOwner:      {"Owner", 110, func(r model.ThreatRef) string { return r.Threat.Owner }, nil},
	colImpact:     {"Impact", 70, func(r model.ThreatRef) string { return r.Threat.Impact.String() }, func(r model.ThreatRef) int { return int(r.Threat.Impact) }},
	colLikelihood: {"Likelihood", 90, func(r model.ThreatRef) string { return r.Threat.Likelihood.String() }, func(r model.ThreatRef) int { return int(r.Threat.Likelihood) }},
	colDiagram:    {"Diagram", 150, func(r model.ThreatRef) string { return r.Diagram.Title }, nil},
	colCategory:   {"Category", 150, func(r model.ThreatRef) string { return r.Threat.Category }, nil},
}

// decisionCell is the decision, with "open" after it while the threat is
// open (model.Threat.Open): "undecided" alone would hide a mitigation that
// is not done yet.
func decisionCell(r model.ThreatRef) string {
	d := r.Threat.Decision.String()
	if r.Threat.Open() && r.Threat.Decision != model.Undecided {
		d += " · open"
	}
	return d
}

func newRegisterView(a *App) *registerView {
	r := &registerView{a: a, q: registerQuery{sortCol: -1}}
	r.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(r.rows), len(registerColumns) },
		newCellLabel,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(r.cells) {
				l := o.(*widget.Label)
				l.Importance = widget.MediumImportance
				switch id.Col {
				case colRisk: // the risk, in the theme's status colours
					if risk, err := analysis.ParseRiskLevel(r.cells[id.Row][colRisk]); err == nil {
						l.Importance = riskImportance(risk)
					}
				case colDecision: // an open threat's is a warning: what still needs the team stands out
					if id.Row < len(r.rows) && r.rows[id.Row].Threat.Open() {
						l.Importance = widget.WarningImportance
					}
				}
				l.SetText(r.cells[id.Row][id.Col])
			}
		})
	r.table.ShowHeaderColumn = false
	// Column headers are buttons: a click sorts by that column, a second
	// click reverses, a third goes back to the register's own order.
	r.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	r.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			b := o.(*widget.Button)
			b.SetText(r.headerText(id.Col))
			col := id.Col
			b.OnTapped = func() { r.sortBy(col) }
		}
	}
	for i, c := range registerColumns {
		r.table.SetColumnWidth(i, c.width)
	}
	r.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(r.rows) {
			ref := r.rows[id.Row]
			a.selectObject(ref.Diagram.ID, ref.TargetID())
		}
		r.table.UnselectAll()
	}
	r.filters = newRegisterFilters(r)
	r.content = container.NewBorder(r.filters.object(), nil, nil, r.heatMap(), r.table)
	return r
}

func (r *registerView) object() fyne.CanvasObject { return r.content }

func (r *registerView) headerText(col int) string {
	t := registerColumns[col].title
	if r.q.sortCol == col {
		if r.q.desc {
			return t + " ▼"
		}
		return t + " ▲"
	}
	return t
}

// sortBy cycles a column through ascending, descending and the register's
// own order. Ratings sort worst first on the first click.
func (r *registerView) sortBy(col int) {
	rated := col == colRisk || col == colImpact || col == colLikelihood
	switch {
	case r.q.sortCol != col:
		r.q.sortCol, r.q.desc = col, rated
	case r.q.desc == rated:
		r.q.desc = !rated
	default:
		r.q.sortCol, r.q.desc = -1, false
	}
	r.show()
	r.table.Refresh()
}

// refresh reloads the register; the table is redrawn only when what it
// shows changed, which most edits (moves, property changes) do not.
func (r *registerView) refresh() {
	refs := r.a.doc.m.Threats()
	analysis.SortRegister(refs)
	r.all = newRegisterRows(refs)
	r.filters.update(r.all)
	r.show()
}

// show applies the query to every row and redraws what changed.
func (r *registerView) show() {
	idx, heat := r.q.apply(r.all)
	rows := make([]model.ThreatRef, len(idx))
	cells := make([][]string, len(idx))
	for i, k := range idx {
		rows[i], cells[i] = r.all[k].ref, r.all[k].cells
	}
	r.rows = rows
	r.heat = heat
	r.updateHeat()
	if slices.EqualFunc(cells, r.cells, slices.Equal) {
		return
	}
	r.cells = cells
	r.table.Refresh()
}

// targetName names the element or flow a threat is on; an unlabelled flow
// is named by its ends.
func targetName(r model.ThreatRef) string {
	if r.Element != nil {
		return r.Element.Name
	}
	if r.Flow.Name != "" {
		return r.Flow.Name
	}
	from, to := r.Diagram.Element(r.Flow.From), r.Diagram.Element(r.Flow.To)
	if from == nil || to == nil {
		return ""
	}
	return from.Name + " → " + to.Name
}

// newCellLabel is the template of a table cell or list row: one line of
// text, cut with an ellipsis when the column is too narrow.
func newCellLabel() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}
