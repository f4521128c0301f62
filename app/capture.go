package app

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/canvas"
	"github.com/threatboard/threatboard/capture"
	"github.com/threatboard/threatboard/layout"
	"github.com/threatboard/threatboard/model"
)

// captureHelp is the syntax in brief, shown above the capture box.
const captureHelp = "One line each:  A -> B: label (protocol)   ·   A <-> B: both ways   ·   " +
	"[Name] multi-process   ·   (Name) store   ·   actor: A, B   ·   boundary \"Zone\": A, B   ·   note Text"

// quickCapture opens the capture box for the current diagram: lines typed
// while people talk become elements, flows and boundaries in one edit.
func (a *App) quickCapture() {
	v := a.currentView()
	if v == nil {
		return
	}
	box := widget.NewMultiLineEntry()
	box.SetPlaceHolder("Employee -> Browser front-end: sign in\nBrowser front-end <-> Web API: API calls (HTTPS)")
	box.SetMinRowsVisible(10)
	check := widget.NewLabel("")
	check.Wrapping = fyne.TextWrapWord
	box.OnChanged = func(text string) {
		_, errs := capture.Parse(text)
		check.SetText(captureErrors(errs))
	}
	help := widget.NewLabel(captureHelp)
	help.Wrapping = fyne.TextWrapWord
	help.Importance = widget.LowImportance
	content := container.NewBorder(help, check, nil, nil, box)
	d := dialog.NewCustomConfirm("Quick capture", "Add to diagram", "Cancel", content, func(ok bool) {
		if ok {
			a.applyCapture(v.diagramID, box.Text)
		}
	}, a.win)
	d.Resize(fyne.NewSize(760, 460))
	d.Show()
	a.win.Canvas().Focus(box)
}

// applyCapture adds what text says to the diagram as one undoable edit,
// selects what is new and reports the lines left out.
func (a *App) applyCapture(diagramID, text string) capture.Result {
	d := a.doc.m.Diagram(diagramID)
	if d == nil {
		return capture.Result{}
	}
	wasEmpty := len(d.Elements) == 0
	r := capture.Apply(d, text)
	if r.Command != nil {
		a.do(r.Command)
		a.selectIn(diagramID, r.NewIDs)
		if wasEmpty { // the layout placed everything: show all of it
			a.withEditor((*canvas.Editor).ZoomToFit)
		}
	}
	if len(r.Errors) > 0 {
		errs := make([]error, len(r.Errors))
		for i, e := range r.Errors {
			errs[i] = e
		}
		a.ask.Error(fmt.Errorf("quick capture: %s; the rest was added: %w", plural(len(r.Errors), "line was", "lines were")+" left out", errors.Join(errs...)))
	}
	return r
}

func captureErrors(errs []capture.Error) string {
	if len(errs) == 0 {
		return ""
	}
	lines := make([]string, len(errs))
	for i, e := range errs {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// selectIn shows the diagram and selects ids in it.
func (a *App) selectIn(diagramID string, ids []string) {
	for i, v := range a.views {
		if v.diagramID == diagramID {
			a.tabs.SelectIndex(i)
			v.ed.Select(ids...)
			return
		}
	}
}

// tidyLayout lays out the selected elements, or the whole diagram when
// fewer than two are selected, with the layered layout: one undo step.
func (a *App) tidyLayout() {
	t := a.target()
	if t.d == nil {
		return
	}
	if c := tidyCommand(t.d, t.ids); c != nil {
		a.do(c)
	}
}

// tidyCommand moves the elements among ids (all when fewer than two are
// elements) where the layered layout puts them; nil when nothing moves.
func tidyCommand(d *model.Diagram, ids []string) model.Command {
	var elems []string
	for _, id := range ids {
		if d.Element(id) != nil {
			elems = append(elems, id)
		}
	}
	if len(elems) < 2 {
		elems = nil // the whole diagram
	}
	placed := layout.Layered(d, elems)
	var cmds []model.Command
	for _, e := range d.Elements { // diagram order: the same edit every time
		if b, ok := placed[e.ID]; ok && b != e.Bounds {
			cmds = append(cmds, model.Resize(d.ID, e.ID, b))
		}
	}
	if len(cmds) == 0 {
		return nil
	}
	return model.Batch("Tidy layout", cmds...)
}
