package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/analysis"
)

// lintDelay lets a burst of edits (a drag) settle before the model is
// linted again.
const lintDelay = 400 * time.Millisecond

// lintView lists the model's lint findings; selecting one shows its object.
type lintView struct {
	a        *App
	list     *widget.List
	findings []analysis.Finding
	gen      int // counts schedule calls; only the last one's timer lints
}

func newLintView(a *App) *lintView {
	v := &lintView{a: a}
	v.list = widget.NewList(
		func() int { return len(v.findings) },
		newCellLabel,
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(v.findings) {
				f := v.findings[i]
				o.(*widget.Label).SetText(fmt.Sprintf("%s  %s  %s", f.Severity, f.Code, f.Message))
			}
		})
	v.list.OnSelected = func(i widget.ListItemID) {
		if i < len(v.findings) && v.findings[i].Diagram != "" {
			a.selectObject(v.findings[i].Diagram, v.findings[i].Object)
		}
		v.list.UnselectAll()
	}
	return v
}

func (v *lintView) object() fyne.CanvasObject { return v.list }

// schedule lints the model lintDelay after the last of a burst of edits.
// Lint runs on a snapshot of the document in the background, so that a big
// or hostile model never stalls the UI thread; the findings come back with
// fyne.Do and are shown only if no later edit asked for another run.
func (v *lintView) schedule() {
	v.gen++
	gen := v.gen
	v.a.later(lintDelay, func() {
		if gen == v.gen {
			v.start(gen)
		}
	})
}

func (v *lintView) start(gen int) {
	doc := v.a.doc
	snapshot := v.a.snapshot() // the UI thread goes on editing the original
	v.a.background(func() {
		findings := analysis.Lint(snapshot)
		v.a.ui(func() {
			if gen == v.gen && v.a.doc == doc {
				v.show(findings)
			}
		})
	})
}

func (v *lintView) show(findings []analysis.Finding) {
	v.findings = findings
	v.list.Refresh()
	v.a.status.lint.SetText(lintSummary(v.findings))
	if v.a.bottom != nil && len(v.a.bottom.Items) > 1 {
		v.a.bottom.Items[1].Text = fmt.Sprintf("Lint (%d)", len(v.findings))
		v.a.bottom.Refresh()
	}
}

func lintSummary(fs []analysis.Finding) string {
	if len(fs) == 0 {
		return "No lint findings"
	}
	return plural(len(fs), "lint finding", "lint findings")
}
