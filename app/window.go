package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// The window's size and the side panel's share of it are remembered
// between runs, as one setting: [width, height, side panel offset].

// The window's size the first time, and the smallest size remembered (a
// window closed while minimised must not come back as a sliver).
var (
	defaultWindowSize = fyne.NewSize(1500, 920)
	minWindowSize     = fyne.NewSize(640, 480)
)

const (
	defaultSideOffset = 0.7 // the diagram's share of the width beside the side panel
	// sideMinWidth is the side panel's smallest width. The panel reports
	// it as its minimum whatever it shows, so that a long name selected
	// cannot push the split over: the panel keeps the width the user
	// dragged it to, and its text wraps or scrolls inside.
	sideMinWidth = 300
)

// windowSize is the size the window had when it was last closed.
func windowSize(s *settings) fyne.Size {
	w, h := defaultWindowSize.Width, defaultWindowSize.Height
	if l := s.v.WindowLayout; len(l) == 3 {
		w, h = float32(l[0]), float32(l[1])
	}
	return fyne.NewSize(max(w, minWindowSize.Width), max(h, minWindowSize.Height))
}

// sideOffset is where the user last left the split between the diagram
// and the side panel.
func sideOffset(s *settings) float64 {
	if l := s.v.WindowLayout; len(l) == 3 && l[2] > 0.2 && l[2] < 0.95 {
		return l[2]
	}
	return defaultSideOffset
}

// rememberLayout stores the window's size and the side panel's split for
// the next run. A window closed while too small to come back as it was
// keeps the size before.
func (a *App) rememberLayout() {
	size := windowSize(a.settings)
	if s := a.win.Canvas().Size(); s.Width >= minWindowSize.Width && s.Height >= minWindowSize.Height {
		size = s
	}
	offset := sideOffset(a.settings)
	if a.split != nil {
		offset = a.split.Offset
	}
	a.settings.update(func(v *settingValues) {
		v.WindowLayout = []float64{float64(size.Width), float64(size.Height), offset}
	})
}

// fixedMinWidth lays out one object over its whole size but reports a
// fixed minimum width, so that what the object shows does not move the
// split it sits in.
type fixedMinWidth struct{ width float32 }

func (l fixedMinWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (l fixedMinWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.width, h)
}

// sidePanel holds the side panel at a width of its own: what does not wrap
// scrolls sideways inside it rather than widening it.
func sidePanel(o fyne.CanvasObject) *fyne.Container {
	return container.New(fixedMinWidth{sideMinWidth}, container.NewHScroll(o))
}
