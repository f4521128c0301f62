package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// binder builds input widgets that read their value from the model and write
// changes back through a command. sync reloads every widget from the model
// in place (after undo, redo or an edit elsewhere) without firing the
// widgets' change callbacks and without stealing the focus from the field
// being typed in.
type binder struct {
	quiet bool
	syncs []func()
	// focused is the widget the user is typing in; sync leaves it alone, as
	// the model may hold a normalised form of what is being typed.
	focused func() fyne.Focusable
	// all makes sync reload the focused widget too (after undo and redo).
	all bool
}

func (b *binder) entry(multi bool, get func() string, set func(string)) *widget.Entry {
	e := widget.NewEntry()
	if multi {
		e = widget.NewMultiLineEntry()
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(3)
	}
	e.SetText(get())
	e.OnChanged = func(s string) {
		if !b.quiet {
			set(s)
		}
	}
	b.syncs = append(b.syncs, func() {
		if !b.all && b.focused != nil && b.focused() == e {
			return
		}
		if v := get(); e.Text != v {
			e.SetText(v)
		}
	})
	return e
}

func (b *binder) check(label string, get func() bool, set func(bool)) *widget.Check {
	c := widget.NewCheck(label, nil)
	c.SetChecked(get())
	c.OnChanged = func(v bool) {
		if !b.quiet {
			set(v)
		}
	}
	b.syncs = append(b.syncs, func() {
		if v := get(); c.Checked != v {
			c.SetChecked(v)
		}
	})
	return c
}

func (b *binder) choice(options []string, get func() string, set func(string)) *widget.Select {
	s := widget.NewSelect(options, nil)
	s.SetSelected(get())
	s.OnChanged = func(v string) {
		if !b.quiet {
			set(v)
		}
	}
	b.syncs = append(b.syncs, func() {
		if v := get(); s.Selected != v {
			s.SetSelected(v)
		}
	})
	return s
}

func (b *binder) sync() {
	b.quiet = true
	defer func() { b.quiet = false }()
	b.syncFields()
}

// syncAll is sync including the field being typed in: after an undo or a
// redo the model, not the keyboard, has the last word.
func (b *binder) syncAll() {
	b.quiet, b.all = true, true
	defer func() { b.quiet, b.all = false, false }()
	b.syncFields()
}

func (b *binder) syncFields() {
	for _, f := range b.syncs {
		f()
	}
}
