package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/model"
)

// actionsView lists the follow-up actions agreed in sessions, with the
// threat each addresses; selecting one shows that threat's element.
type actionsView struct {
	a     *App
	table *widget.Table
	rows  []*model.Action
	cells [][]string
}

var actionColumns = []struct {
	title string
	width float32
}{
	{"Action", 300}, {"Threat", 260}, {"Owner", 120}, {"Ticket", 100}, {"Due", 100}, {"Status", 100},
}

func newActionsView(a *App) *actionsView {
	v := &actionsView{a: a}
	v.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.cells), len(actionColumns) },
		newCellLabel,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(v.cells) {
				o.(*widget.Label).SetText(v.cells[id.Row][id.Col])
			}
		})
	v.table.ShowHeaderColumn = false
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(actionColumns[id.Col].title)
		}
	}
	for i, c := range actionColumns {
		v.table.SetColumnWidth(i, c.width)
	}
	v.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(v.rows) {
			if ref, ok := a.doc.m.Threat(v.rows[id.Row].ThreatID); ok {
				a.selectObject(ref.Diagram.ID, ref.TargetID())
			}
		}
		v.table.UnselectAll()
	}
	return v
}

func (v *actionsView) object() fyne.CanvasObject { return v.table }

// refresh reloads the actions; the table redraws only when they changed.
func (v *actionsView) refresh() {
	m := v.a.doc.m
	titles := make(map[string]string)
	for _, r := range m.Threats() {
		titles[r.Threat.ID] = r.Threat.Title
	}
	cells := make([][]string, len(m.Actions))
	for i, ac := range m.Actions {
		cells[i] = []string{ac.Title, titles[ac.ThreatID], ac.Owner, ac.Ticket, ac.Due.String(), ac.Status.String()}
	}
	v.rows = m.Actions
	if slices.EqualFunc(cells, v.cells, slices.Equal) {
		return
	}
	v.cells = cells
	v.table.Refresh()
}
