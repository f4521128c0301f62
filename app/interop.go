package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/threatboard/threatboard/interop"
	"github.com/threatboard/threatboard/model"
)

// importFile asks for a file made by another tool and imports it, after
// asking about unsaved changes.
func (a *App) importFile() {
	a.whenSaved(func() {
		a.files.Import(func(path string) {
			if path != "" {
				a.importPath(path)
			}
		})
	})
}

// importPath reads and converts the file on a background goroutine. The
// result opens as a new model that was never saved, and the notes of what
// could not be mapped follow in a dialog.
func (a *App) importPath(path string) {
	done := a.status.startBusy("Importing " + filepath.Base(path) + "…")
	a.background(func() {
		data, err := os.ReadFile(path)
		var r *interop.Result
		if err == nil {
			r, err = interop.Import(data)
		}
		fyne.Do(func() {
			done()
			if err != nil {
				a.ask.Error(fmt.Errorf("import %s: %w", filepath.Base(path), err))
				return
			}
			d := newDocument(r.Model, "")
			d.recovered = true // nothing on disk holds it yet: unsaved until saved
			a.replaceDocument(d)
			a.ask.Inform("Imported from "+r.Format.Title(), importReport(filepath.Base(path), r))
		})
	})
}

// importReport lists the notes of an import grouped by where they apply,
// in the order the import made them.
func importReport(name string, r *interop.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s was imported as a new, unsaved model.\n", name)
	if len(r.Notes) == 0 {
		b.WriteString("Everything in it was mapped; nothing was guessed.\n")
		return b.String()
	}
	fmt.Fprintf(&b, "%d things could not be mapped exactly or were guessed:\n", len(r.Notes))
	var order []string
	by := map[string][]string{}
	for _, n := range r.Notes {
		if _, ok := by[n.Where]; !ok {
			order = append(order, n.Where)
		}
		by[n.Where] = append(by[n.Where], n.Message)
	}
	for _, where := range order {
		b.WriteString("\n")
		if where == "" {
			where = "the file"
		}
		b.WriteString(where + "\n")
		for _, m := range by[where] {
			b.WriteString("  • " + m + "\n")
		}
	}
	return b.String()
}

// dropped opens a Threatboard file dropped on the window, or imports any
// other file; the first file counts.
func (a *App) dropped(_ fyne.Position, uris []fyne.URI) {
	if len(uris) == 0 || uris[0].Scheme() != "file" {
		return
	}
	path := uris[0].Path()
	a.whenSaved(func() {
		a.background(func() {
			data, err := os.ReadFile(path)
			_, detectErr := interop.Detect(data)
			fyne.Do(func() {
				switch {
				case err != nil:
					a.ask.Error(fmt.Errorf("open %s: %w", filepath.Base(path), err))
				case detectErr == nil:
					a.importPath(path)
				default:
					a.load(path)
				}
			})
		})
	})
}

// offerImport is asked when File › Open meets a file another tool made:
// the user may import it instead.
func (a *App) offerImport(path string, f interop.Format) {
	a.ask.Confirm("Import "+f.Title()+" model?",
		fmt.Sprintf("%s is a %s model, not a Threatboard file.\nImport it as a new model?", filepath.Base(path), f.Title()),
		func(ok bool) {
			if ok {
				a.importPath(path)
			}
		})
}

// exportFormat is one format of File › Export.
type exportFormat struct {
	label  string // the menu item, without the ellipsis
	suffix string // added to the suggested file name
	write  func(*model.Model) ([]byte, error)
}

var exportFormats = []exportFormat{
	{"Threat Dragon", ".threatdragon.json", interop.ExportThreatDragon},
	{"Open Threat Model", ".otm.json", interop.ExportOTM},
}

// exportAs asks where to write the document in format f. The export is
// made on the UI thread, where the model is edited, and written
// (atomically) on a goroutine.
func (a *App) exportAs(f exportFormat) {
	suggested := strings.TrimSuffix(fileNameFor(a.doc.m.Title), ".threatboard.json") + f.suffix
	if a.doc.path != "" {
		suggested = strings.TrimSuffix(strings.TrimSuffix(a.doc.path, ".json"), ".threatboard") + f.suffix
	}
	a.files.Export("Export as "+f.label, suggested, func(path string) {
		if path == "" {
			return
		}
		data, err := f.write(a.doc.m)
		if err != nil {
			a.ask.Error(err)
			return
		}
		busy := a.status.startBusy("Exporting " + filepath.Base(path) + "…")
		a.background(func() {
			err := model.SaveBytes(path, data)
			fyne.Do(func() {
				busy()
				if err != nil {
					a.ask.Error(fmt.Errorf("export %s: %w", filepath.Base(path), err))
				}
			})
		})
	})
}
