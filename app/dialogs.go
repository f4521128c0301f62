package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	native "github.com/sqweek/dialog"
)

// fileChooser asks the user for a file to open or a place to save. done is
// called on the Fyne UI thread with the chosen path, or "" when cancelled.
type fileChooser interface {
	Open(done func(path string))
	Save(suggested string, done func(path string))
	// Import asks for a file of any kind, made by another tool.
	Import(done func(path string))
	// Export asks where to write a file in another tool's format.
	Export(title, suggested string, done func(path string))
	// Image asks for a PNG or JPEG, such as a photo of a whiteboard.
	Image(done func(path string))
}

// prompter asks the user to decide. Its callbacks run on the UI thread.
type prompter interface {
	// UnsavedChanges offers Save, Don't save and Cancel for the named model.
	UnsavedChanges(title string, done func(choice unsavedChoice))
	Confirm(title, message string, done func(ok bool))
	Error(err error)
	// Inform shows a longer text, such as the notes of an import.
	Inform(title, text string)
}

type unsavedChoice int

const (
	choiceCancel unsavedChoice = iota
	choiceSave
	choiceDiscard
)

// nativeChooser uses the desktop's own file dialogs (GTK on Linux). They
// block, so they run on a goroutine of our own — never the Fyne UI thread —
// and the result comes back through fyne.Do. When the native dialog cannot
// open, Fyne's own file dialog takes over.
type nativeChooser struct{ win fyne.Window }

const modelExt = "json"

func (c nativeChooser) Open(done func(string)) {
	go func() {
		path, err := native.File().Title("Open threat model").Filter("Threatboard model", modelExt).Load()
		fyne.Do(func() { c.finish(path, err, done, c.fyneOpen) })
	}()
}

func (c nativeChooser) Save(suggested string, done func(string)) {
	go func() {
		b := native.File().Title("Save threat model").Filter("Threatboard model", modelExt)
		if suggested != "" {
			b = b.SetStartFile(suggested)
		}
		path, err := b.Save()
		if err == nil && filepath.Ext(path) == "" {
			path += "." + modelExt
		}
		fyne.Do(func() {
			c.finish(path, err, done, func(d func(string)) { c.fyneSave(suggested, d) })
		})
	}()
}

func (c nativeChooser) Import(done func(string)) {
	go func() {
		path, err := native.File().Title("Import threat model").Load()
		fyne.Do(func() {
			c.finish(path, err, done, func(d func(string)) { c.fyneOpenAny(d) })
		})
	}()
}

func (c nativeChooser) Image(done func(string)) {
	go func() {
		path, err := native.File().Title("Background image").Filter("Image (PNG, JPEG)", "png", "jpg", "jpeg").Load()
		fyne.Do(func() {
			c.finish(path, err, done, func(d func(string)) { c.fyneOpenAny(d) })
		})
	}()
}

// Export filters by the extension of the suggested name (.json for the
// interop formats, .pdf, .md, .csv, .svg or .png for the report's).
func (c nativeChooser) Export(title, suggested string, done func(string)) {
	ext := strings.TrimPrefix(filepath.Ext(suggested), ".")
	if ext == "" {
		ext = modelExt
	}
	go func() {
		path, err := native.File().Title(title).Filter(strings.ToUpper(ext), ext).SetStartFile(suggested).Save()
		if err == nil && filepath.Ext(path) == "" {
			path += "." + ext
		}
		fyne.Do(func() {
			c.finish(path, err, done, func(d func(string)) { c.fyneSaveExt(suggested, ext, d) })
		})
	}()
}

func (c nativeChooser) finish(path string, err error, done func(string), fallback func(func(string))) {
	switch {
	case err == nil:
		done(path)
	case errors.Is(err, native.ErrCancelled):
		done("")
	default:
		fallback(done)
	}
}

func (c nativeChooser) fyneOpen(done func(string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			done("")
			return
		}
		_ = r.Close()
		done(r.URI().Path())
	}, c.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{"." + modelExt}))
	d.Show()
}

// fyneOpenAny is Fyne's open dialog without a filter: an import reads
// .json, .otm, .yaml, .drawio, .xml, .tm7 and more.
func (c nativeChooser) fyneOpenAny(done func(string)) {
	dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			done("")
			return
		}
		_ = r.Close()
		done(r.URI().Path())
	}, c.win).Show()
}

func (c nativeChooser) fyneSave(suggested string, done func(string)) {
	c.fyneSaveExt(suggested, modelExt, done)
}

// fyneSaveExt is Fyne's save dialog for a file with extension ext.
func (c nativeChooser) fyneSaveExt(suggested, ext string, done func(string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			done("")
			return
		}
		_ = w.Close()
		path := w.URI().Path()
		if !strings.HasSuffix(path, "."+ext) {
			_ = os.Remove(path) // Fyne created it empty; the real file gets the extension
			path += "." + ext
		}
		done(path)
	}, c.win)
	if suggested != "" {
		d.SetFileName(filepath.Base(suggested))
	}
	d.Show()
}

// fynePrompter asks with Fyne's dialogs inside the window.
type fynePrompter struct{ win fyne.Window }

func (p fynePrompter) UnsavedChanges(title string, done func(unsavedChoice)) {
	msg := widget.NewLabel("Save the changes to “" + title + "” before closing it?\nYour changes are lost if you don't save them.")
	d := dialog.NewCustomWithoutButtons("Unsaved changes", msg, p.win)
	button := func(label string, c unsavedChoice, imp widget.Importance) *widget.Button {
		b := widget.NewButton(label, func() { d.Hide(); done(c) })
		b.Importance = imp
		return b
	}
	d.SetButtons([]fyne.CanvasObject{
		button("Don't save", choiceDiscard, widget.DangerImportance),
		button("Cancel", choiceCancel, widget.MediumImportance),
		button("Save", choiceSave, widget.HighImportance),
	})
	d.Show()
}

func (p fynePrompter) Confirm(title, message string, done func(bool)) {
	dialog.ShowConfirm(title, message, done, p.win)
}

// Error shows err in a dialog of its own: Fyne's error dialog draws its
// icon behind the text, where a long message runs over it.
func (p fynePrompter) Error(err error) {
	d := dialog.NewCustom("Error", "OK", errorContent(err), p.win)
	d.Resize(errorDialogSize)
	d.Show()
}

// errorDialogSize fits a few wrapped lines; longer messages (a file's
// problems, one per line) scroll.
var errorDialogSize = fyne.NewSize(560, 300)

// errorContent is the error's text, wrapped and scrolling, beside the
// error icon rather than over it.
func errorContent(err error) fyne.CanvasObject {
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	icon := widget.NewIcon(theme.ErrorIcon())
	return container.NewBorder(nil, nil, container.NewVBox(icon), nil, container.NewVScroll(msg))
}

func (p fynePrompter) Inform(title, text string) {
	label := widget.NewLabel(text)
	label.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(label)
	d := dialog.NewCustom(title, "Close", scroll, p.win)
	d.Resize(fyne.NewSize(720, 480))
	d.Show()
}
