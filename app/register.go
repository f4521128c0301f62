package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/model"
)

// registerView is the register of every threat in the model, biggest impact
// first, then likelihood. Selecting a row shows its element or flow.
type registerView struct {
	a     *App
	table *widget.Table
	rows  []model.ThreatRef
	cells [][]string // what the table shows, to skip refreshes that change nothing
}

// The register's columns: what a reader scans for first (risk, decision,
// status, the threat) fits in the panel without scrolling sideways.
var registerColumns = []struct {
	title string
	width float32
	cell  func(model.ThreatRef) string
}{
	{"Risk", 70, func(r model.ThreatRef) string { return analysis.ThreatRisk(r.Threat).String() }},
	{"Decision", 100, decisionCell},
	{"Status", 90, func(r model.ThreatRef) string { return r.Threat.Status.String() }},
	{"Threat", 300, func(r model.ThreatRef) string { return r.Threat.Title }},
	{"On", 160, func(r model.ThreatRef) string { return targetName(r) }},
	{"Owner", 110, func(r model.ThreatRef) string { return r.Threat.Owner }},
	{"Impact", 70, func(r model.ThreatRef) string { return r.Threat.Impact.String() }},
	{"Likelihood", 90, func(r model.ThreatRef) string { return r.Threat.Likelihood.String() }},
	{"Diagram", 150, func(r model.ThreatRef) string { return r.Diagram.Title }},
	{"Category", 150, func(r model.ThreatRef) string { return r.Threat.Category }},
}

// decisionColumn is where the decision is; an open threat's is drawn as a
// warning, so what still needs the team stands out.
const decisionColumn = 1

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
	r := &registerView{a: a}
	r.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(r.rows), len(registerColumns) },
		newCellLabel,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(r.cells) {
				l := o.(*widget.Label)
				l.Importance = widget.MediumImportance
				switch id.Col {
				case 0: // the risk, in the theme's status colours
					if risk, err := analysis.ParseRiskLevel(r.cells[id.Row][0]); err == nil {
						l.Importance = riskImportance(risk)
					}
				case decisionColumn:
					if id.Row < len(r.rows) && r.rows[id.Row].Threat.Open() {
						l.Importance = widget.WarningImportance
					}
				}
				l.SetText(r.cells[id.Row][id.Col])
			}
		})
	r.table.ShowHeaderColumn = false
	r.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(registerColumns[id.Col].title)
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
	return r
}

func (r *registerView) object() fyne.CanvasObject { return r.table }

// refresh reloads the register; the table is redrawn only when what it
// shows changed, which most edits (moves, property changes) do not.
func (r *registerView) refresh() {
	rows := r.a.doc.m.Threats()
	analysis.SortRegister(rows)
	cells := make([][]string, len(rows))
	for i, ref := range rows {
		cells[i] = make([]string, len(registerColumns))
		for j, c := range registerColumns {
			cells[i][j] = c.cell(ref)
		}
	}
	r.rows = rows
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
