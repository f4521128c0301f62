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
}

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
