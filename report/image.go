package report

import (
	"fmt"
	"math"

	"github.com/threatboard/threatboard/drawing"
)

// ImageOptions choose how a diagram or attack tree is exported as a picture.
type ImageOptions struct {
	// Scale is the size of a diagram unit in pixels (PNG) or SVG user
	// units; 0 means 1. A unit is a pixel on the canvas at 100 % zoom.
	Scale float64
	// Dark draws in the dark style; the default is the light one.
	Dark bool
	// Margin is the space around the drawing, in units; 0 means 20.
	Margin float64
}

// Limits that keep an export from asking for more memory than a machine
// has: a diagram of 10,000 elements at scale 1 stays well inside them.
const (
	maxImageScale  = 16
	maxImagePixels = 1 << 28 // 256 Mpx: a 1 GiB RGBA image
)

const defaultImageMargin = 20

func (o ImageOptions) palette() *drawing.Palette {
	if o.Dark {
		return &drawing.Dark
	}
	return &drawing.Light
}

// resolve fills in the defaults and checks the options against l.
func (o ImageOptions) resolve(l *drawing.List) (ImageOptions, error) {
	if o.Scale == 0 {
		o.Scale = 1
	}
	if o.Margin == 0 {
		o.Margin = defaultImageMargin
	}
	if !(o.Scale > 0 && o.Scale <= maxImageScale) { // NaN fails too
		return o, fmt.Errorf("image scale %v: want a number above 0 and at most %d", o.Scale, maxImageScale)
	}
	if !(o.Margin >= 0 && o.Margin <= 10000) {
		return o, fmt.Errorf("image margin %v: want 0 to 10000 units", o.Margin)
	}
	if l == nil {
		return o, fmt.Errorf("no drawing to export")
	}
	b := l.Area(o.Margin)
	if px := math.Ceil(b.W*o.Scale) * math.Ceil(b.H*o.Scale); px > maxImagePixels {
		return o, fmt.Errorf("image of %.0f×%.0f pixels is too big: choose a smaller scale", b.W*o.Scale, b.H*o.Scale)
	}
	return o, nil
}
