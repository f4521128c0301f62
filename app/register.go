package app

import (
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
}

var registerColumns = []struct {
	title string
	width float32
	cell  func(model.ThreatRef) string
}{
	{"Risk", 80, func(r model.ThreatRef) string { return analysis.ThreatRisk(r.Threat).String() }},
	{"Impact", 70, func(r model.ThreatRef) string { return r.Threat.Impact.String() }},
	{"Likelihood", 90, func(r model.ThreatRef) string { return r.Threat.Likelihood.String() }},
	{"Threat", 320, func(r model.ThreatRef) string { return r.Threat.Title }},
	{"On", 170, func(r model.ThreatRef) string { return targetName(r) }},
	{"Diagram", 150, func(r model.ThreatRef) string { return r.Diagram.Title }},
	{"Category", 150, func(r model.ThreatRef) string { return r.Threat.Category }},
	{"Decision", 110, func(r model.ThreatRef) string { return r.Threat.Decision.String() }},
	{"Status", 90, func(r model.ThreatRef) string { return r.Threat.Status.String() }},
	{"Owner", 110, func(r model.ThreatRef) string { return r.Threat.Owner }},
}

func newRegisterView(a *App) *registerView {
	r := &registerView{a: a}
	r.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(r.rows), len(registerColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(r.rows) {
				o.(*widget.Label).SetText(registerColumns[id.Col].cell(r.rows[id.Row]))
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
			a.selectObject(ref.Diagram.ID, targetID(ref))
		}
		r.table.UnselectAll()
	}
	return r
}

func (r *registerView) object() fyne.CanvasObject { return r.table }

func (r *registerView) refresh() {
	r.rows = r.a.doc.m.Threats()
	analysis.SortRegister(r.rows)
	r.table.Refresh()
}

func targetName(r model.ThreatRef) string {
	if r.Element != nil {
		return r.Element.Name
	}
	return r.Flow.Name
}

func targetID(r model.ThreatRef) string {
	if r.Element != nil {
		return r.Element.ID
	}
	return r.Flow.ID
}
