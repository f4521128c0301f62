package app

import (
	"fyne.io/fyne/v2"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/drawing"
)

// coverageMarks maps the analysis's marks onto the display list's.
var coverageMarks = map[analysis.Mark]drawing.Coverage{
	analysis.NoMark:       drawing.NoCoverage,
	analysis.NotDiscussed: drawing.NotDiscussed,
	analysis.Partly:       drawing.Partly,
	analysis.Fully:        drawing.Discussed,
}

// applyCoverage gives every editor the coverage marks of its diagram when
// they are shown (Session › Show Coverage, and always in session mode), or
// takes them away.
func (a *App) applyCoverage() {
	show := a.showCoverage || a.walk != nil
	if show && a.coverageShown && a.coverageEdits == a.doc.edits && a.coverageViews == len(a.views) {
		return // nothing changed since: a selection does not move the marks
	}
	a.coverageShown, a.coverageEdits, a.coverageViews = show, a.doc.edits, len(a.views)
	for _, v := range a.views {
		d := a.doc.m.Diagram(v.diagramID)
		if !show || d == nil {
			if v.ed.Coverage != nil {
				v.ed.Coverage = nil
				v.ed.CoverageChanged()
			}
			continue
		}
		cov := analysis.DiagramCoverage(d, a.checklist(d))
		marks := make(map[string]drawing.Coverage, len(d.Elements))
		for i, e := range d.Elements {
			marks[e.ID] = coverageMarks[cov.Elements[i].Mark()]
		}
		v.ed.Coverage = func(id string) drawing.Coverage { return marks[id] }
		v.ed.CoverageChanged()
	}
}

// coverageItem is Session › Show Coverage, a check item.
func (a *App) coverageItem() *fyne.MenuItem {
	it := fyne.NewMenuItem("Show Coverage", nil)
	it.Action = func() {
		a.showCoverage = !a.showCoverage
		it.Checked = a.showCoverage
		a.applyCoverage()
		a.win.MainMenu().Refresh()
	}
	return it
}
