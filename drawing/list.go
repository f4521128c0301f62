// Package drawing computes, headless and once, what a drawn diagram or attack
// tree looks like: a display list of outlines, lines, arrowheads, text and
// markers in diagram units, with their stroke widths, dash patterns, font
// sizes and colour roles. The canvas widget, the SVG and PNG exports and the
// PDF only translate the list into their medium, so they all look alike and
// a change of style is made here, in one place.
//
// The package never imports Fyne: the CLI and the exporters use it without cgo.
package drawing

import (
	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

// Kind is what an item draws.
type Kind uint8

const (
	// Rect is the box Box, filled with Fill and outlined with Stroke.
	Rect Kind = iota + 1
	// Circle is the circle inscribed in the square Box.
	Circle
	// Line is the open polyline Points, stroked.
	Line
	// Arrow is a filled arrowhead (an equilateral triangle of circumradius
	// Size) with its tip on Points[1], pointing away from Points[0].
	Arrow
	// Text is Text in Box: aligned by Align across, centred vertically.
	Text
	// Badge is a filled circle inscribed in Box with Text centred on it in
	// bold: the open-threat count of an element.
	Badge
	// Polygon is the closed polygon Points, filled and stroked.
	Polygon
)

// Dash is a stroke's pattern.
type Dash uint8

const (
	Solid  Dash = iota
	Dashed      // out of scope, boundary boxes
	Dotted      // boundary lines
)

// Pattern is the dash's length and gap in units (0, 0 for a solid stroke).
func (d Dash) Pattern() (on, off float64) {
	switch d {
	case Dashed:
		return DashOn, DashOff
	case Dotted:
		return DotOn, DotOff
	}
	return 0, 0
}

// Align places text across its box.
type Align uint8

const (
	Left Align = iota
	Center
)

// Item is one primitive of a display list. Coordinates, widths, dashes and
// font sizes are in diagram units; a renderer scales them.
type Item struct {
	Kind   Kind
	ID     string        // the element, flow, boundary or tree node drawn
	Box    model.Rect    // Rect, Circle, Text and Badge
	Points []model.Point // Line, Arrow and Polygon
	Fill   Role          // None for no fill
	Stroke Role          // None for no outline; the colour of Text and Arrow
	Width  float64       // of the stroke
	Dash   Dash
	Text   string
	Size   float64 // the font size of Text and Badge; the circumradius of Arrow
	Font   assets.FontStyle
	Align  Align
	// Outline marks the parts that show the selection: a renderer that
	// highlights selected objects draws them as Selected returns them.
	Outline bool
}

// Selected is the item as drawn when its object is selected: outlines and
// the text that goes with them in the selection colour, strokes wider.
func (it Item) Selected() Item {
	if !it.Outline {
		return it
	}
	it.Stroke = Selection
	if it.Kind != Text && it.Kind != Arrow {
		it.Width = SelectedWidth
	}
	return it
}

// List is a display list: the items in paint order, back to front, and the
// rectangle they cover (strokes and arrowheads included).
type List struct {
	Items  []Item
	Bounds model.Rect
}

// reach is the rectangle an item covers, its stroke included.
func (it *Item) reach() model.Rect {
	var r model.Rect
	switch it.Kind {
	case Line, Polygon:
		r = model.Bounds(it.Points)
	case Arrow:
		if len(it.Points) == 2 {
			t := it.Points[1]
			r = model.Rect{X: t.X - it.Size*2, Y: t.Y - it.Size*2, W: it.Size * 4, H: it.Size * 4}
		}
	default:
		r = it.Box
	}
	if it.Stroke != None && it.Kind != Text {
		r = r.Inset(-it.Width / 2)
	}
	return r
}

// finish computes the list's bounds.
func (l *List) finish() {
	l.Bounds = model.Rect{}
	for i := range l.Items {
		r := l.Items[i].reach()
		if i == 0 {
			l.Bounds = r
		} else {
			l.Bounds = l.Bounds.Union(r)
		}
	}
}
