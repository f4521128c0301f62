package app

import (
	"cmp"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/model"
)

// choice is one drop-down filter of the register. Its options are the
// values the threats have, so that no choice gives an empty register.
type choice struct {
	sel    *widget.Select
	any    string            // the option that turns the filter off
	values map[string]string // option shown → value filtered on
	field  *string           // the query's field it sets
	// of gives the option shown and the value of a row; "" leaves it out.
	of func(r *registerRow) (label, value string)
}

// registerFilters is the bar of filters above the register.
type registerFilters struct {
	r       *registerView
	choices []*choice
	text    *widget.Entry
	clear   *widget.Button
}

func newRegisterFilters(r *registerView) *registerFilters {
	f := &registerFilters{r: r}
	add := func(any string, field *string, of func(*registerRow) (string, string)) {
		c := &choice{any: any, field: field, of: of, values: map[string]string{}}
		c.sel = widget.NewSelect([]string{any}, func(label string) {
			*c.field = c.values[label] // the "any" option maps to ""
			r.show()
		})
		c.sel.Selected = any
		f.choices = append(f.choices, c)
	}
	q := &r.q
	add("All diagrams", &q.diagram, func(w *registerRow) (string, string) { return w.ref.Diagram.Title, w.ref.Diagram.ID })
	add("All elements", &q.target, func(w *registerRow) (string, string) {
		return w.cells[colOn] + " — " + w.ref.Diagram.Title, w.ref.TargetID()
	})
	add("All categories", &q.category, func(w *registerRow) (string, string) { return w.ref.Threat.Category, w.ref.Threat.Category })
	add("All risks", &q.risk, func(w *registerRow) (string, string) { return w.cells[colRisk], w.cells[colRisk] })
	add("All decisions", &q.decision, func(w *registerRow) (string, string) { d := w.ref.Threat.Decision.String(); return d, d })
	add("All statuses", &q.status, func(w *registerRow) (string, string) { return w.cells[colStatus], w.cells[colStatus] })
	add("All owners", &q.owner, func(w *registerRow) (string, string) { return w.ref.Threat.Owner, w.ref.Threat.Owner })
	add("Discussed or not", &q.coverage, func(w *registerRow) (string, string) { c := coverageLabel(w.ref); return c, c })
	f.text = widget.NewEntry()
	f.text.SetPlaceHolder("Search threats")
	f.text.OnChanged = func(s string) {
		q.text = s
		r.show()
	}
	f.clear = widget.NewButton("Clear filters", f.reset)
	return f
}

func (f *registerFilters) object() fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, 0, len(f.choices)+1)
	for _, c := range f.choices {
		objs = append(objs, c.sel)
	}
	objs = append(objs, f.text)
	// The choices are as wide as their longest value (an element's name):
	// they scroll sideways rather than widen the window past the screen.
	return container.NewBorder(nil, nil, nil, f.clear,
		container.NewHScroll(container.NewGridWithColumns(len(objs), objs...)))
}

// update lists the values the threats have; a filter whose value is gone
// is turned off.
func (f *registerFilters) update(rows []registerRow) {
	for _, c := range f.choices {
		values := map[string]string{}
		for i := range rows {
			if label, v := c.of(&rows[i]); label != "" && v != "" {
				values[label] = v
			}
		}
		labels := make([]string, 0, len(values)+1)
		for l := range values {
			labels = append(labels, l)
		}
		slices.SortFunc(labels, func(a, b string) int { return cmp.Compare(a, b) })
		values[c.any] = ""
		c.values = values
		c.sel.SetOptions(append([]string{c.any}, labels...))
		if _, ok := values[c.sel.Selected]; !ok || *c.field != values[c.sel.Selected] {
			c.sel.Selected = c.any
			*c.field = ""
			c.sel.Refresh()
		}
	}
}

// reset turns every filter off, the heat-map cell too.
func (f *registerFilters) reset() {
	for _, c := range f.choices {
		c.sel.Selected = c.any
		*c.field = ""
		c.sel.Refresh()
	}
	f.r.q.cell = nil
	f.text.SetText("") // shows the register again through OnChanged
	f.r.show()
}

// heatMap is the 3×3 likelihood × impact matrix beside the register: each
// cell counts the threats the other filters leave, in the colour of its
// risk; a click shows only that cell, a second click all of them again.
func (r *registerView) heatMap() fyne.CanvasObject {
	levels := []model.Level{model.Low, model.Medium, model.High}
	grid := []fyne.CanvasObject{widget.NewLabel("")}
	for _, l := range levels {
		grid = append(grid, centred(l.String()))
	}
	for row := 2; row >= 0; row-- { // high impact on top, as in the report
		impact := levels[row]
		grid = append(grid, centred(impact.String()))
		for col, likelihood := range levels {
			cell := heatCell{likelihood, impact}
			b := widget.NewButton("0", func() { r.toggleCell(cell) })
			b.Importance = riskImportance(analysis.Risk(likelihood, impact))
			r.cellBtn[row][col] = b
			grid = append(grid, b)
		}
	}
	title := widget.NewLabelWithStyle("Impact ↓ · Likelihood →", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	return container.NewBorder(title, nil, nil, nil, container.NewGridWithColumns(4, grid...))
}

func centred(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignCenter, fyne.TextStyle{})
}

func (r *registerView) toggleCell(c heatCell) {
	if r.q.cell != nil && *r.q.cell == c {
		r.q.cell = nil
	} else {
		r.q.cell = &c
	}
	r.show()
}

// updateHeat writes the counts into the cells; the chosen cell is marked.
func (r *registerView) updateHeat() {
	for row := range 3 {
		for col := range 3 {
			b := r.cellBtn[row][col]
			if b == nil {
				continue
			}
			n := r.heat.Cells[row][col]
			text := fmt.Sprint(n)
			if c := r.q.cell; c != nil && int(c.impact) == row+1 && int(c.likelihood) == col+1 {
				text = "▶ " + text + " ◀"
			}
			if b.Text != text {
				b.SetText(text)
			}
		}
	}
}
