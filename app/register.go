package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
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
	table *registerTable
	all   []registerRow // every threat, in register order
	rows  []model.ThreatRef
	cells [][]string // what the table shows
	// shown is the rows of all the table shows, in its order; reloaded is
	// set when a row of all changed since. Together they skip refreshes
	// that would change nothing; nil shown forces one.
	shown    []int
	reloaded bool
	// ranks holds each column's ranks of all (columnRanks), made when the
	// register is first sorted by it after a reload.
	ranks [][]int32
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
	r.table = newRegisterTable(
		func() (int, int) { return len(r.rows), len(registerColumns) },
		newCellLabel,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(r.cells) {
				imp := widget.MediumImportance
				switch id.Col {
				case colRisk: // the risk, in the theme's status colours
					if risk, err := analysis.ParseRiskLevel(r.cells[id.Row][colRisk]); err == nil {
						imp = riskImportance(risk)
					}
				case colDecision: // an open threat's is a warning: what still needs the team stands out
					if id.Row < len(r.rows) && r.rows[id.Row].Threat.Open() {
						imp = widget.WarningImportance
					}
				}
				setCell(o.(*widget.Label), r.cells[id.Row][id.Col], imp)
			}
		})
	r.table.refocus = func() {
		if ed := a.editor(); ed != nil {
			a.win.Canvas().Focus(ed)
		}
	}
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
			r.table.jumped = true
		}
		r.table.UnselectAll()
	}
	r.filters = newRegisterFilters(r)
	r.content = container.NewBorder(r.filters.object(), nil, nil, r.heatMap(), r.table)
	return r
}

func (r *registerView) object() fyne.CanvasObject { return r.content }

// registerTable is the register's table. A tap on a row selects its
// threat's object on the canvas, and the keyboard must then go to the
// canvas, so that the arrow keys nudge the object. Fyne's table takes the
// focus itself after its selection callback, so the focus is handed back
// once the tap is over.
type registerTable struct {
	widget.Table
	jumped  bool // the tap selected an object on the canvas
	refocus func()
}

func newRegisterTable(length func() (int, int), create func() fyne.CanvasObject, update func(widget.TableCellID, fyne.CanvasObject)) *registerTable {
	t := &registerTable{}
	t.Length, t.CreateCell, t.UpdateCell = length, create, update
	t.ShowHeaderRow = true
	t.ExtendBaseWidget(t)
	return t
}

// Tapped is the table's, then gives the canvas the keyboard after a jump.
func (t *registerTable) Tapped(e *fyne.PointEvent) {
	t.jumped = false
	t.Table.Tapped(e)
	if t.jumped && t.refocus != nil {
		t.refocus()
	}
}

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
	r.shown = nil // the headers' arrows change: one refresh redraws them with the rows
	r.show()
}

// refresh reloads the register; the table is redrawn only when what it
// shows changed, which most edits (moves, property changes) do not.
func (r *registerView) refresh() {
	refs := r.a.doc.m.Threats()
	analysis.SortRegister(refs)
	all := newRegisterRows(refs)
	// Most edits (moves, property changes) change no row: then the table
	// is not redrawn.
	r.reloaded = r.reloaded || !slices.EqualFunc(all, r.all, func(a, b registerRow) bool {
		return a.ref.Threat == b.ref.Threat && slices.Equal(a.cells, b.cells)
	})
	r.all = all
	r.ranks = nil
	r.filters.update(r.all)
	r.show()
}

// show applies the query to every row and redraws what changed.
func (r *registerView) show() {
	idx, heat := r.q.apply(r.all, r.rank)
	rows := make([]model.ThreatRef, len(idx))
	cells := make([][]string, len(idx))
	for i, k := range idx {
		rows[i], cells[i] = r.all[k].ref, r.all[k].cells
	}
	r.rows = rows
	r.heat = heat
	r.updateHeat()
	r.cells = cells
	if r.shown != nil && slices.Equal(idx, r.shown) && !r.reloaded {
		return
	}
	r.shown, r.reloaded = idx, false
	r.table.Refresh()
}

// rank is the ranks of all by col, made once per reload.
func (r *registerView) rank(col int) []int32 {
	if r.ranks == nil {
		r.ranks = make([][]int32, len(registerColumns))
	}
	if r.ranks[col] == nil {
		r.ranks[col] = columnRanks(r.all, col)
	}
	return r.ranks[col]
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

// setCell shows text in a table cell (a newCellLabel sized to its column)
// with the importance's colour, and leaves a cell that shows it already
// alone. Fyne shapes the whole text anew on every refresh of a label that
// truncates with an ellipsis, even when it fits, which most cells do; so
// only a text too wide for the cell gets the ellipsis. Sorting the
// 5,000-threat register spent most of its time there.
func setCell(l *widget.Label, text string, imp widget.Importance) {
	th := l.Theme()
	room := l.Size().Width - 2*th.Size(theme.SizeNameInnerPadding)
	trunc := fyne.TextTruncateEllipsis
	if fyne.MeasureText(text, th.Size(theme.SizeNameText), l.TextStyle).Width <= room {
		trunc = fyne.TextTruncateOff
	}
	if l.Text == text && l.Importance == imp && l.Truncation == trunc {
		return
	}
	l.Text, l.Importance, l.Truncation = text, imp, trunc
	l.Refresh()
}
