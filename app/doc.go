// Package app is Threatboard's desktop shell: the window with its menus,
// toolbar, palette, one diagram editor per tab, the side panel
// (Properties · Threats · Attack trees), the threat register, the status bar,
// file dialogs, recent files and crash recovery.
package app

import (
	"github.com/threatboard/threatboard/model"
)

// document is the model being edited, its undo history and where it lives
// on disk ("" until first saved).
type document struct {
	m    *model.Model
	h    *model.History
	path string
	// recovered is set for a document restored from a recovery copy: it
	// differs from its file although nothing was edited yet.
	recovered bool
	// edits counts the changes made through the history, so that a save
	// running in the background can tell whether the document moved on.
	edits int
	// saves keeps the document's background saves in the order they were
	// started, so that an older content never lands last.
	saves model.Saves
}

// dirty reports whether the document has changes its file does not have.
func (d *document) dirty() bool { return d.recovered || d.h.Dirty() }

func newDocument(m *model.Model, path string) *document {
	return &document{m: m, h: model.NewHistory(m), path: path}
}

// windowTitle is "<model title> — Threatboard", with a bullet in front when
// there are unsaved changes.
func windowTitle(m *model.Model, dirty bool) string {
	t := m.Title
	if t == "" {
		t = "Untitled"
	}
	if dirty {
		t = "• " + t
	}
	return t + " — Threatboard"
}
