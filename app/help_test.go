package app

import (
	"runtime"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestHelpAbout(t *testing.T) {
	text := aboutText()
	for _, want := range []string{"Threatboard 0.", "Apache License, Version 2.0", "Fyne ", "Go " + strings.TrimPrefix(runtime.Version(), "go")} {
		if !strings.Contains(text, want) {
			t.Errorf("About says %q; it lacks %q", text, want)
		}
	}
	f := newFixture(t, testModel())
	f.a.showAbout()
	if f.a.win.Canvas().Overlays().Top() == nil {
		t.Fatal("About opened no dialog")
	}
}

// TestHelpShortcutsFollowTheMenus: every menu shortcut is listed, spelled
// as a user reads it.
func TestHelpShortcutsFollowTheMenus(t *testing.T) {
	f := newFixture(t, testModel())
	rows := f.a.shortcutRows()
	has := func(keys, does string) bool {
		return slices.Contains(rows, shortcutRow{keys, does})
	}
	for _, r := range []shortcutRow{
		{"Ctrl+S", "File › Save"},
		{"Ctrl+Shift+S", "File › Save As…"},
		{"Ctrl+K", "Diagram › Quick Capture…"},
		{"Ctrl+Shift+L", "Arrange › Tidy Layout"},
		{"Ctrl+=", "View › Zoom In"},
		{"Esc", "cancel a rename, a flow or line being drawn, or the selection"},
	} {
		if !has(r.keys, r.does) {
			t.Errorf("shortcuts lack %v", r)
		}
	}
	n := 0
	for _, m := range f.a.menus.main.Items {
		for _, it := range m.Items {
			if it.Shortcut != nil {
				n++
			}
		}
	}
	if len(rows) != n+1+len(editorKeys) {
		t.Errorf("%d rows for %d menu shortcuts and %d editor keys", len(rows), n, len(editorKeys))
	}
}

// TestHelpGuideLinks: each link of the session guide opens its part of the
// window.
func TestHelpGuideLinks(t *testing.T) {
	cases := map[string]func(f *fixture) bool{
		"Open the Threats panel":   func(f *fixture) bool { return f.a.side.SelectedIndex() == 1 },
		"Open the attack trees":    func(f *fixture) bool { return f.a.side.SelectedIndex() == 2 },
		"Open the threat register": func(f *fixture) bool { return f.a.bottom.SelectedIndex() == 0 },
		"Open the actions":         func(f *fixture) bool { return f.a.bottom.SelectedIndex() == 2 },
		"Open the lint findings":   func(f *fixture) bool { return f.a.bottom.SelectedIndex() == 1 },
		"Add a diagram":            func(f *fixture) bool { return len(f.a.doc.m.Diagrams) == 3 },
		"Edit the model's details": func(f *fixture) bool { return f.a.side.SelectedIndex() == 0 && len(f.a.editor().Selection()) == 0 },
		"Choose the checklist":     func(f *fixture) bool { return f.a.side.SelectedIndex() == 0 },
		"Quick capture": func(f *fixture) bool {
			top := f.a.win.Canvas().Overlays().Top()
			return top != nil && findButton(top, "Add to diagram") != nil
		},
	}
	if len(cases) != len(guide) {
		t.Fatalf("%d cases for %d guide steps", len(cases), len(guide))
	}
	for link, opened := range cases {
		t.Run(link, func(t *testing.T) {
			f := newFixture(t, testModel())
			f.a.side.SelectIndex(1)
			f.a.bottom.SelectIndex(1)
			if link == "Open the lint findings" || link == "Open the Threats panel" {
				f.a.side.SelectIndex(0)
				f.a.bottom.SelectIndex(0)
			}
			f.a.selectObject("d1", "e1")
			f.a.showGuide()
			b := findButton(f.a.win.Canvas().Overlays().Top(), link+" →")
			if b == nil {
				t.Fatalf("the guide has no link %q", link)
			}
			test.Tap(b)
			if !opened(f) {
				t.Errorf("%q did not open its part of the window", link)
			}
		})
	}
}
