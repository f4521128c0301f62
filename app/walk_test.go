package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// walk visits o and every object inside it, through containers and widget
// renderers, as the user sees them.
func walk(o fyne.CanvasObject, visit func(any)) {
	if o == nil {
		return
	}
	visit(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			walk(child, visit)
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			walk(child, visit)
		}
	}
}

// findButton is the first button labelled text inside o, or nil.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	walk(o, func(x any) {
		if b, ok := x.(*widget.Button); ok && found == nil && b.Text == text {
			found = b
		}
	})
	return found
}
