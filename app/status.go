package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/model"
)

// statusBar shows the selection, the zoom, whether there are unsaved
// changes and how many lint findings the model has.
type statusBar struct {
	selection, zoom, saved, lint *widget.Label
	// busy shows that work runs in the background (saving, opening).
	busy     *widget.ProgressBarInfinite
	busyText *widget.Label
	jobs     int
	// result says what the last export wrote, with a button to open it.
	result     *widget.Label
	openResult *widget.Button
	dismiss    *widget.Button
	resultPath string
}

func newStatusBar() *statusBar {
	return &statusBar{
		selection: widget.NewLabel(""), zoom: widget.NewLabel(""), saved: widget.NewLabel(""),
		lint: widget.NewLabel(""),
		busy: widget.NewProgressBarInfinite(), busyText: widget.NewLabel(""),
		result: widget.NewLabel(""),
	}
}

// showResult tells that an export wrote text, with "Open" calling open.
// It stays until the next result or until dismissed.
func (s *statusBar) showResult(text string, open func()) {
	s.result.SetText(text)
	s.openResult.OnTapped = open
	s.result.Show()
	s.openResult.Show()
	s.dismiss.Show()
}

func (s *statusBar) hideResult() {
	s.result.Hide()
	s.openResult.Hide()
	s.dismiss.Hide()
}

// startBusy shows the progress bar with text until the returned func is
// called. Both run on the UI thread.
func (s *statusBar) startBusy(text string) (done func()) {
	s.jobs++
	s.busyText.SetText(text)
	s.busyText.Show()
	s.busy.Show()
	s.busy.Start()
	return func() {
		s.jobs--
		if s.jobs == 0 {
			s.busy.Stop()
			s.busy.Hide()
			s.busyText.Hide()
		}
	}
}

func (s *statusBar) object() fyne.CanvasObject {
	s.busy.Stop()
	s.busy.Hide()
	s.busyText.Hide()
	s.openResult = widget.NewButton("Open", nil)
	s.openResult.Importance = widget.LowImportance
	s.dismiss = widget.NewButton("×", s.hideResult)
	s.dismiss.Importance = widget.LowImportance
	s.hideResult()
	return container.NewHBox(s.selection, layout.NewSpacer(), s.result, s.openResult, s.dismiss, s.busyText, container.NewGridWrap(fyne.NewSize(120, s.busy.MinSize().Height), s.busy), s.lint, widget.NewSeparator(), s.zoom, widget.NewSeparator(), s.saved)
}

func (s *statusBar) show(a *App, t target) {
	s.selection.SetText(selectionText(t))
	if ed := a.editor(); ed != nil {
		if ed.PhotoSelected() {
			s.selection.SetText(photoSelectedText)
		}
		s.zoom.SetText(zoomText(ed.Zoom()))
	} else {
		s.zoom.SetText("")
	}
	if a.doc.dirty() {
		s.saved.SetText("Unsaved changes")
	} else {
		s.saved.SetText("Saved")
	}
}

// photoSelectedText is the status of a selected background photo: what a
// user can do with it, since it has no panel of its own.
const photoSelectedText = "Background image: drag to move, drag a corner to scale (Shift: freely), Delete to remove"

func selectionText(t target) string {
	switch {
	case t.d == nil:
		return ""
	case len(t.ids) == 0:
		return fmt.Sprintf("%s: %s, %s", t.d.Title, plural(len(t.d.Elements), "element", "elements"), plural(len(t.d.Flows), "flow", "flows"))
	case len(t.ids) > 1:
		return fmt.Sprintf("%d selected", len(t.ids))
	}
	id := t.ids[0]
	if e := t.d.Element(id); e != nil {
		return kindTitle(e.Kind) + quoted(e.Name)
	}
	if f := t.d.Flow(id); f != nil {
		return "Flow" + quoted(targetName(model.ThreatRef{Diagram: t.d, Flow: f}))
	}
	if b := t.d.Boundary(id); b != nil {
		return "Trust boundary" + quoted(b.Name)
	}
	return ""
}

func quoted(name string) string {
	if name == "" {
		return " (unnamed)"
	}
	return " “" + name + "”"
}

func zoomText(z float64) string { return fmt.Sprintf("%.0f%%", z*100) }
