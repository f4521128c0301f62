package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"

	"github.com/threatboard/threatboard/interop"
	"github.com/threatboard/threatboard/model"
)

// newModel replaces the document with an empty model of one diagram, after
// asking about unsaved changes.
func (a *App) newModel() {
	a.whenSaved(func() {
		m := &model.Model{ID: model.NewID(), Title: "New threat model",
			Diagrams: []*model.Diagram{{ID: model.NewID(), Title: "Use case 1"}}}
		a.replaceDocument(newDocument(m, ""))
	})
}

// open asks for a file and opens it, after asking about unsaved changes.
func (a *App) open() {
	a.whenSaved(func() {
		a.files.Open(func(path string) {
			if path != "" {
				a.load(path)
			}
		})
	})
}

// openPath opens a recent file, after asking about unsaved changes.
func (a *App) openPath(path string) {
	a.whenSaved(func() { a.load(path) })
}

// load reads and checks the file on a background goroutine (a big model
// takes a while) and shows it when it is ready.
func (a *App) load(path string) {
	done := a.status.startBusy("Opening " + filepath.Base(path) + "…")
	a.background(func() {
		m, err := model.Load(path)
		// A file another tool made is offered for import rather than refused.
		var other interop.Format
		if err != nil {
			if data, readErr := os.ReadFile(path); readErr == nil {
				other, _ = interop.Detect(data)
			}
		}
		fyne.Do(func() {
			done()
			if err != nil && other != "" {
				a.offerImport(path, other)
				return
			}
			if err != nil {
				// A file with problems in it stays in Open Recent: the
				// user will fix it and open it again. One that cannot be
				// read (gone, no permission) goes.
				if !errors.As(err, new(*model.LoadError)) {
					removeRecent(a.settings, path)
					a.menus.update()
				}
				a.ask.Error(fmt.Errorf("open %s: %w", filepath.Base(path), err))
				return
			}
			addRecent(a.settings, path)
			a.replaceDocument(newDocument(m, path))
		})
	})
}

// replaceDocument swaps the document; the old one's recovery copy goes, as
// the user chose to leave it.
func (a *App) replaceDocument(d *document) {
	a.clearRecovery()
	a.setDocument(d)
}

// save writes the document to its file, asking for one the first time.
// done, when not nil, learns whether it was saved.
func (a *App) save(done func(saved bool)) {
	if a.doc.path == "" {
		a.saveAs(done)
		return
	}
	a.saveTo(a.doc.path, done)
}

// saveAs asks where to save the document and saves it there.
func (a *App) saveAs(done func(saved bool)) {
	suggested := a.doc.path
	if suggested == "" {
		suggested = fileNameFor(a.doc.m.Title)
	}
	a.files.Save(suggested, func(path string) {
		if path == "" {
			if done != nil {
				done(false)
			}
			return
		}
		a.saveTo(path, done)
	})
}

// saveTo encodes the document on the UI thread, where it is edited, and
// writes it (atomically, keeping a backup) on a goroutine, so a slow disk
// never blocks editing; the document's saves land in the order they were
// started. The document counts as saved only if nothing was edited while
// the file was written.
func (a *App) saveTo(path string, done func(bool)) {
	doc := a.doc
	// The file keeps background photos relative to where it is written;
	// the document follows once it is.
	rebase, _ := a.rebaseBackgrounds(doc.path, path)
	if rebase != nil {
		if err := rebase.Do(doc.m); err != nil {
			a.ask.Error(fmt.Errorf("save %s: %w", filepath.Base(path), err))
			if done != nil {
				done(false)
			}
			return
		}
	}
	data, err := model.EncodeForSave(doc.m)
	if rebase != nil {
		rebase.Undo(doc.m)
	}
	if err != nil {
		a.ask.Error(fmt.Errorf("save %s: %w", filepath.Base(path), err))
		if done != nil {
			done(false)
		}
		return
	}
	edits := doc.edits
	busy := a.status.startBusy("Saving " + filepath.Base(path) + "…")
	write := doc.saves.Start()
	a.background(func() {
		err := write(path, data)
		fyne.Do(func() {
			busy()
			if err != nil {
				a.ask.Error(err)
			} else {
				oldPath := doc.path
				doc.path = path
				unedited := doc.edits == edits
				if a.doc == doc {
					// What the file got, as an edit on the history.
					if rebase, paths := a.rebaseBackgrounds(oldPath, path); rebase != nil {
						if a.picked == nil {
							a.picked = map[string]bool{}
						}
						for _, p := range paths {
							a.picked[p] = true
						}
						a.do(rebase)
					}
				}
				if unedited {
					doc.h.MarkSaved()
					doc.recovered = false
				}
				addRecent(a.settings, path)
				if a.doc == doc {
					a.clearRecovery()
					a.historyChanged()
				}
			}
			if done != nil {
				done(err == nil)
			}
		})
	})
}

// whenSaved runs then once the user has dealt with unsaved changes: saved
// them, or chosen to discard them. Cancel, or a failed save, runs nothing.
func (a *App) whenSaved(then func()) {
	if !a.doc.dirty() {
		then()
		return
	}
	a.ask.UnsavedChanges(windowTitleOnly(a.doc.m), func(c unsavedChoice) {
		switch c {
		case choiceSave:
			a.save(func(saved bool) {
				if saved {
					then()
				}
			})
		case choiceDiscard:
			then()
		}
	})
}

// closeRequested is the window's close button and File › Quit.
func (a *App) closeRequested() {
	if a.quitting {
		return
	}
	a.whenSaved(func() {
		a.quitting = true
		a.rememberLayout()
		a.clearRecovery()
		a.win.Close()
	})
}

func windowTitleOnly(m *model.Model) string {
	if m.Title == "" {
		return "Untitled"
	}
	return m.Title
}

// fileNameFor suggests a file name for a model never saved.
func fileNameFor(title string) string {
	name := make([]rune, 0, len(title))
	for _, r := range title {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			name = append(name, r)
		case r == ' ':
			name = append(name, '-')
		}
	}
	if len(name) == 0 {
		return "threat-model.threatboard.json"
	}
	return string(name) + ".threatboard.json"
}
