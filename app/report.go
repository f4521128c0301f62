package app

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/model"
	"github.com/threatboard/threatboard/report"
)

// reportExport is one report item of File › Export: an options dialog, the
// save dialog, then the files made and written off the UI thread.
type reportExport struct {
	label string // the menu item and dialog title, without the ellipsis
	ext   string // of the suggested file name
	image bool   // a picture of diagrams (image options) rather than a report
	build func(m *model.Model, c *reportChoices, name string) ([]report.File, error)
}

var reportExports = []reportExport{
	{label: "PDF report", ext: ".pdf", build: func(m *model.Model, c *reportChoices, name string) ([]report.File, error) {
		return report.PDFFiles(m, c.report, name)
	}},
	{label: "Markdown", ext: ".md", build: func(m *model.Model, c *reportChoices, name string) ([]report.File, error) {
		return report.MarkdownFiles(m, c.report, name)
	}},
	{label: "Backlog CSV", ext: ".csv", build: func(m *model.Model, c *reportChoices, name string) ([]report.File, error) {
		return report.BacklogFiles(m, c.report, name)
	}},
	{label: "Diagram as SVG", ext: ".svg", image: true, build: func(m *model.Model, c *reportChoices, name string) ([]report.File, error) {
		return report.DiagramFiles(m, "svg", c.diagram, c.image, name)
	}},
	{label: "Diagram as PNG", ext: ".png", image: true, build: func(m *model.Model, c *reportChoices, name string) ([]report.File, error) {
		return report.DiagramFiles(m, "png", c.diagram, c.image, name)
	}},
}

// reportChoices are the options dialog's answers; the window remembers
// them for the next export.
type reportChoices struct {
	report  report.Options
	image   report.ImageOptions
	diagram string // the diagram's ID; "" for every diagram
}

// Report chapters as the options dialog lists them.
var chapterLabels = map[report.Chapter]string{
	report.ChapterContents: "Contents", report.ChapterSummary: "Summary", report.ChapterUseCases: "Use cases",
	report.ChapterRegister: "Threat register", report.ChapterAccepted: "Accepted risks", report.ChapterTrees: "Attack trees",
	report.ChapterActions: "Actions", report.ChapterAppendix: "Appendix",
}

// exportReportDialog asks for the export's options, then where to write it.
func (a *App) exportReportDialog(x reportExport) {
	c := &a.reportChoices
	var items []*widget.FormItem
	var apply []func()
	check := func(label string, v *bool) *widget.Check {
		w := widget.NewCheck(label, nil)
		w.SetChecked(*v)
		apply = append(apply, func() { *v = w.Checked })
		return w
	}
	if x.image {
		names := []string{"All diagrams"}
		ids := []string{""}
		for _, d := range a.doc.m.Diagrams {
			names = append(names, d.Title)
			ids = append(ids, d.ID)
		}
		sel := widget.NewSelect(names, nil)
		sel.SetSelectedIndex(0)
		if id := a.currentDiagramID(); id != "" {
			for i := range ids {
				if ids[i] == id {
					sel.SetSelectedIndex(i)
				}
			}
		}
		scales := []string{"1×", "2×", "3×", "4×"}
		scale := widget.NewSelect(scales, nil)
		scale.SetSelectedIndex(max(0, min(3, int(c.image.Scale)-1)))
		apply = append(apply, func() {
			c.diagram = ids[max(0, sel.SelectedIndex())]
			c.image.Scale = float64(max(0, scale.SelectedIndex()) + 1)
		})
		items = append(items, widget.NewFormItem("Diagram", sel), widget.NewFormItem("Scale", scale),
			widget.NewFormItem("Style", check("Dark", &c.image.Dark)))
	} else {
		paper := widget.NewRadioGroup([]string{"A4", "Letter"}, nil)
		paper.Horizontal = true
		paper.SetSelected(map[report.Paper]string{report.A4: "A4", report.Letter: "Letter"}[c.report.Paper])
		apply = append(apply, func() {
			c.report.Paper = report.A4
			if paper.Selected == "Letter" {
				c.report.Paper = report.Letter
			}
		})
		items = append(items,
			widget.NewFormItem("Leave out", check("Threats mitigated (done or verified)", &c.report.OmitMitigated)),
			widget.NewFormItem("", check("Threats not applicable", &c.report.OmitDismissed)),
			widget.NewFormItem("", check("Out-of-scope elements and flows", &c.report.OmitOutOfScope)))
		if x.ext != ".csv" {
			chapters := make([]string, 0, len(report.Chapters))
			for _, ch := range report.Chapters {
				chapters = append(chapters, chapterLabels[ch])
			}
			group := widget.NewCheckGroup(chapters, nil)
			for _, ch := range report.Chapters {
				if !slices.Contains(c.report.Omit, ch) {
					group.Selected = append(group.Selected, chapterLabels[ch])
				}
			}
			group.Horizontal = true
			apply = append(apply, func() {
				c.report.Omit = nil
				for _, ch := range report.Chapters {
					if !slices.Contains(group.Selected, chapterLabels[ch]) {
						c.report.Omit = append(c.report.Omit, ch)
					}
				}
			})
			items = append(items, widget.NewFormItem("Chapters", group))
		}
		if x.ext == ".pdf" {
			logo := widget.NewEntry()
			logo.SetPlaceHolder("PNG or JPEG for the cover (optional)")
			logo.SetText(a.reportLogo)
			choose := widget.NewButton("Choose…", func() {
				a.files.Image(func(path string) {
					if path != "" {
						logo.SetText(path)
					}
				})
			})
			apply = append(apply, func() { a.reportLogo = strings.TrimSpace(logo.Text) })
			items = append(items, widget.NewFormItem("Paper", paper),
				widget.NewFormItem("Logo", container.NewBorder(nil, nil, nil, choose, logo)))
		}
	}
	d := dialog.NewForm("Export "+x.label, "Export…", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		for _, f := range apply {
			f()
		}
		a.chooseReportPath(x)
	}, a.win)
	d.Resize(fyne.NewSize(640, d.MinSize().Height))
	d.Show()
}

// chooseReportPath asks where to write the export and starts it.
func (a *App) chooseReportPath(x reportExport) {
	base := strings.TrimSuffix(fileNameFor(a.doc.m.Title), ".threatboard.json")
	if a.doc.path != "" {
		base = strings.TrimSuffix(strings.TrimSuffix(a.doc.path, ".json"), ".threatboard")
	}
	a.files.Export("Export "+x.label, base+x.ext, func(path string) {
		if path != "" {
			a.exportReport(x, path)
		}
	})
}

// exportReport makes the export's files from a copy of the document, off
// the UI thread, and writes them all or none. The status bar shows the
// work, then what was written with a button to open it.
func (a *App) exportReport(x reportExport, path string) {
	choices := a.reportChoices
	choices.report.Catalog = a.cat
	if a.now != nil {
		choices.report.Date = a.now() // the day actions become overdue, as in the app's own views
	}
	if x.ext == ".pdf" && a.reportLogo != "" {
		logo, err := os.ReadFile(a.reportLogo)
		if err != nil {
			a.ask.Error(fmt.Errorf("logo: %w", err))
			return
		}
		choices.report.Logo = logo
	}
	// The copy is taken here, on the UI thread, where the model is edited.
	m := a.doc.m.Clone()
	dir, name := filepath.Split(path)
	a.status.hideResult()
	busy := a.status.startBusy("Exporting " + name + "…")
	a.background(func() {
		files, err := x.build(m, &choices, name)
		if err == nil {
			err = report.WriteFiles(dir, files)
		}
		fyne.Do(func() {
			busy()
			if err != nil {
				a.ask.Error(fmt.Errorf("export %s: %w", name, err))
				return
			}
			first := filepath.Join(dir, files[0].Name)
			text := "Exported " + files[0].Name
			if len(files) > 1 {
				text += fmt.Sprintf(" and %d more", len(files)-1)
			}
			a.status.showResult(text, func() { a.openFile(first) })
		})
	})
}

// openFile opens a written file in the desktop's viewer for it.
func (a *App) openFile(path string) {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	u := &url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	if err := a.fy.OpenURL(u); err != nil {
		a.ask.Error(fmt.Errorf("open %s: %w", filepath.Base(path), err))
	}
}
