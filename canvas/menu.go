package canvas

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/model"
)

// showMenu opens the context menu at the pointer; abs is on the window's
// canvas, at is the same point on the diagram (where Paste was asked for).
func (e *Editor) showMenu(abs fyne.Position, at model.Point) {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	widget.ShowPopUpMenuAtPosition(e.menu(at), c, abs)
}

// menu lists the context menu's actions, disabling those with nothing to
// act on; Paste puts the copies where the menu was opened, at.
func (e *Editor) menu(at model.Point) *fyne.Menu {
	none := e.sel.len() == 0
	item := func(label string, disabled bool, f func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, f)
		it.Disabled = disabled
		return it
	}
	m := fyne.NewMenu("",
		item("Cut", none, e.Cut),
		item("Copy", none, e.Copy),
		item("Paste", e.clip.Empty(), func() { e.PasteAt(e.snapped(at)) }),
		item("Duplicate", none, e.Duplicate),
		item("Delete", none, e.DeleteSelection),
		fyne.NewMenuItemSeparator(),
		item("Rename", e.sel.len() != 1, func() { e.StartRename(e.sel.ids[0]) }),
		fyne.NewMenuItemSeparator(),
		item("Bring to front", none, e.BringToFront),
		item("Send to back", none, e.SendToBack),
		fyne.NewMenuItemSeparator(),
		item("Select all", false, e.SelectAll),
		item("Zoom to fit", false, e.ZoomToFit),
	)
	if it := e.unlockItem(); it != nil {
		m.Items = append(m.Items, fyne.NewMenuItemSeparator(), it)
	}
	return m
}
