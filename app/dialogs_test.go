package app

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// The error icon sits beside the message, never under it, however long the
// message is.
func TestErrorIconBesideLongMessage(t *testing.T) {
	tests := map[string]string{
		"short":          "open feed.json: permission denied",
		"one long line":  strings.Repeat("the flow's target is not an element of this diagram ", 12),
		"many problems":  strings.Repeat("feed.json: diagrams[0].flows[3].to: unknown element \"x\"\n", 40),
		"one long token": strings.Repeat("x", 400),
	}
	for name, msg := range tests {
		t.Run(name, func(t *testing.T) {
			test.NewTempApp(t)
			c := errorContent(errors.New(msg)).(*fyne.Container)
			w := test.NewWindow(c)
			defer w.Close()
			w.Resize(errorDialogSize)
			var icon *widget.Icon
			var text *container.Scroll
			for _, o := range c.Objects {
				switch o := o.(type) {
				case *fyne.Container:
					icon = o.Objects[0].(*widget.Icon)
				case *container.Scroll:
					text = o
				}
			}
			if icon == nil || text == nil {
				t.Fatal("no icon or no message")
			}
			iconRight := icon.Position().X + icon.Size().Width
			if text.Position().X < iconRight {
				t.Errorf("the message starts at x=%v, over the icon ending at %v", text.Position().X, iconRight)
			}
			if right := text.Position().X + text.Size().Width; right > c.Size().Width+0.5 {
				t.Errorf("the message runs to x=%v, past the dialog's %v", right, c.Size().Width)
			}
		})
	}
}
