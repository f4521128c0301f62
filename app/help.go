package app

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/assets"
)

// helpMenu is Help › About, Keyboard Shortcuts and How to Run a Session.
func (a *App) helpMenu() *fyne.Menu {
	return fyne.NewMenu("Help",
		fyne.NewMenuItem("How to Run a Session", a.showGuide),
		fyne.NewMenuItem("Keyboard Shortcuts", a.showShortcuts),
		fyne.NewMenuItem("About Threatboard", a.showAbout),
	)
}

// aboutText names the program, its version and licence and what it was
// built with.
func aboutText() string {
	return fmt.Sprintf("Threatboard %s\n\nAn offline editor for threat modeling: data flow diagrams, "+
		"STRIDE and LINDDUN per element, risk ratings and decisions, attack trees and reports.\n\n"+
		"Licensed under the Apache License, Version 2.0.\n\nBuilt with Fyne %s and Go %s.",
		assets.Version, fyneVersion(), strings.TrimPrefix(runtime.Version(), "go"))
}

// fyneVersion is the version of the Fyne module linked in, as the build
// recorded it.
func fyneVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "fyne.io/fyne/v2" {
				if dep.Replace != nil {
					return dep.Replace.Version
				}
				return dep.Version
			}
		}
	}
	return "(unknown version)"
}

func (a *App) showAbout() {
	l := widget.NewLabel(aboutText())
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("About Threatboard", "Close", l, a.win)
	d.Resize(fyne.NewSize(460, 300))
	d.Show()
}

// shortcutRow is one line of the shortcuts list: what to press, what it does.
type shortcutRow struct{ keys, does string }

// editorKeys are the keys and gestures of the diagram editor, which has
// no menu items to read them from.
var editorKeys = []shortcutRow{
	{"Click, shift+click or ctrl+click", "select; add to or take from the selection"},
	{"Drag on empty canvas", "select with a rubber band"},
	{"Space+drag, middle drag, scroll", "pan"},
	{"Ctrl+scroll", "zoom about the pointer"},
	{"Arrow keys", "nudge the selection (one grid step when snapping)"},
	{"Enter, F2, double click", "rename"},
	{"Delete, Backspace", "delete the selection"},
	{"Esc", "cancel a rename, a flow or line being drawn, or the selection"},
	{"Drag from an element's edge handle", "draw a flow to another element"},
}

// shortcutRows lists the menus' shortcuts, read from the menus themselves
// so that the list cannot drift from them, then the editor's keys.
func (a *App) shortcutRows() []shortcutRow {
	var rows []shortcutRow
	for _, m := range a.menus.main.Items {
		for _, it := range m.Items {
			if it.Shortcut == nil || it.IsSeparator {
				continue
			}
			rows = append(rows, shortcutRow{shortcutName(it.Shortcut), m.Label + " › " + it.Label})
		}
	}
	rows = append(rows, shortcutRow{"Ctrl+Y", "Edit › Redo"})
	return append(rows, editorKeys...)
}

// shortcutName spells a shortcut as a user reads it: "Ctrl+Shift+S".
func shortcutName(sc fyne.Shortcut) string {
	if ks, ok := sc.(fyne.KeyboardShortcut); ok {
		var parts []string
		mod := ks.Mod()
		for _, m := range []struct {
			mod  fyne.KeyModifier
			name string
		}{{fyne.KeyModifierControl, "Ctrl"}, {fyne.KeyModifierSuper, "Cmd"}, {fyne.KeyModifierAlt, "Alt"}, {fyne.KeyModifierShift, "Shift"}} {
			if mod&m.mod != 0 {
				parts = append(parts, m.name)
			}
		}
		key := string(ks.Key())
		switch ks.Key() {
		case fyne.KeyEqual:
			key = "="
		case fyne.KeyMinus:
			key = "-"
		}
		return strings.Join(append(parts, key), "+")
	}
	return sc.ShortcutName()
}

func (a *App) showShortcuts() {
	rows := a.shortcutRows()
	grid := container.NewGridWithColumns(2)
	for _, r := range rows {
		k := widget.NewLabelWithStyle(r.keys, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		grid.Add(k)
		grid.Add(widget.NewLabel(r.does))
	}
	d := dialog.NewCustom("Keyboard shortcuts", "Close", container.NewVScroll(grid), a.win)
	d.Resize(fyne.NewSize(760, 620))
	d.Show()
}

// guideStep is one step of the session guide, with a link that opens the
// part of the window where it is done.
type guideStep struct {
	title, text string
	link        string
	open        func(a *App)
}

// guide is the workflow of a session in our own words, in the order a
// facilitator walks it.
var guide = []guideStep{
	{"1. Prepare", "Write down the scope, the owner and the classification, and who takes part: " +
		"developers, operations, security and the product owner. An hour is a good length.",
		"Edit the model's details", func(a *App) { a.selectIn(a.currentDiagramID(), nil); a.side.SelectIndex(0) }},
	{"2. Pick a use case", "One diagram per use case. Start with authentication and one main flow; " +
		"add the others in later sessions.", "Add a diagram", func(a *App) { a.addDiagram() }},
	{"3. Draw the diagram", "Actors, processes, stores and the flows between them, then the trust boundaries. " +
		"While people talk, typing is faster than drawing: one line per flow. A photo of the whiteboard " +
		"can go behind the diagram to trace over.", "Quick capture", func(a *App) { a.quickCapture() }},
	{"4. STRIDE per element", "Select each element and flow in turn. The Threats panel lists the categories " +
		"that apply to its kind with a question for each, and suggests threats from the rules. " +
		"Record what the team finds, and that nothing was found where that is the answer.",
		"Open the Threats panel", func(a *App) { a.side.SelectIndex(1) }},
	{"5. Rate", "Likelihood and impact, each Low, Medium or High; the risk follows. " +
		"Discuss the biggest impact first. The heat map beside the register shows where the risks sit.",
		"Open the threat register", func(a *App) { a.bottom.SelectIndex(0) }},
	{"6. Decide", "Mitigate (an owner, a ticket, a date), accept (why, and who accepts), transfer (to whom), " +
		"avoid, or not applicable. Filter the register by decision to see what is still open.",
		"Open the actions", func(a *App) { a.bottom.SelectIndex(2) }},
	{"7. Attack trees", "For a big risk that STRIDE does not capture well, start from the attacker's goal and " +
		"refine it into AND and OR steps down to concrete leaves; their values flow up to the root " +
		"and can set the likelihood of a threat.", "Open the attack trees", func(a *App) { a.side.SelectIndex(2) }},
	{"8. Privacy with LINDDUN", "Where personal data flows, walk the diagram with the LINDDUN checklist " +
		"instead of, or after, STRIDE: choose it for the diagram.", "Choose the checklist",
		func(a *App) { a.selectIn(a.currentDiagramID(), nil); a.side.SelectIndex(0) }},
	{"9. The next session", "Plan it (three months on is usual), share the report, and begin the next one " +
		"with the actions: were they done?", "Open the lint findings", func(a *App) { a.bottom.SelectIndex(1) }},
}

func (a *App) currentDiagramID() string {
	if v := a.currentView(); v != nil {
		return v.diagramID
	}
	return ""
}

func (a *App) showGuide() {
	box := container.NewVBox()
	var d dialog.Dialog
	for _, s := range guide {
		title := widget.NewLabelWithStyle(s.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		text := widget.NewLabel(s.text)
		text.Wrapping = fyne.TextWrapWord
		open := s.open
		link := widget.NewButton(s.link+" →", func() {
			d.Hide()
			open(a)
		})
		link.Importance = widget.LowImportance
		box.Add(title)
		box.Add(text)
		box.Add(container.NewHBox(link))
	}
	d = dialog.NewCustom("How to run a session", "Close", container.NewVScroll(box), a.win)
	d.Resize(fyne.NewSize(720, 640))
	d.Show()
}
