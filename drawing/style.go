package drawing

import "image/color"

// Metrics of the drawing in diagram units. At 100 % zoom a unit is a pixel;
// the canvas keeps strokes, dashes and arrowheads this many pixels wide at
// every zoom so that lines stay crisp, and exports scale them with the rest.
const (
	StrokeWidth   = 1.5
	SelectedWidth = 2.5
	NoteWidth     = 1 // a note's frame is lighter than a shape's outline
	DashOn        = 6
	DashOff       = 4
	DotOn         = 2
	DotOff        = 4
	ArrowSize     = 7 // circumradius of an arrowhead
	InnerGap      = 6 // between a multi-process's two circles

	NameSize  = 13 // an element's name
	LabelSize = 11 // a flow's label and a boundary's name
	// NameLines is how many lines of an element's name are shown.
	NameLines = 3
	// MarkerRadius is the radius of the open-threat badge.
	MarkerRadius = 7
)

// Role is what a colour stands for; a Palette maps roles to colours, and the
// canvas maps them to the current theme's.
type Role uint8

const (
	None       Role = iota // nothing drawn
	Ink                    // outlines, names, labels
	Background             // behind everything; the plate under a flow's label
	Fill                   // inside a shape
	Muted                  // a note's frame, secondary text
	Boundary               // trust boundaries and their names
	Marker                 // the open-threat badge
	MarkerText             // the count on it
	NoteFill               // inside a note
	Selection              // a selected object's outline; the cheapest attack path
	Likeliest              // the likeliest attack path
	numRoles
)

// Palette is the colour of every role in one style.
type Palette [numRoles]color.NRGBA

// Color is the colour of role r; transparent for None.
func (p *Palette) Color(r Role) color.NRGBA {
	if r >= numRoles {
		return color.NRGBA{}
	}
	return p[r]
}

// Light and Dark are the two styles, the colours of the app's default light
// and dark themes (a test in the canvas package keeps them in step).
var (
	Light = Palette{
		Ink:        {0x56, 0x56, 0x56, 0xff},
		Background: {0xff, 0xff, 0xff, 0xff},
		Fill:       {0xf3, 0xf3, 0xf3, 0xff},
		Muted:      {0xe3, 0xe3, 0xe3, 0xff},
		Boundary:   {0xf4, 0x43, 0x36, 0xff},
		Marker:     {0xf4, 0x43, 0x36, 0xff},
		MarkerText: {0xff, 0xff, 0xff, 0xff},
		NoteFill:   {0xf9, 0xf9, 0xf9, 0xff},
		Selection:  {0x29, 0x6f, 0xf6, 0xff},
		Likeliest:  {0xff, 0x98, 0x00, 0xff},
	}
	Dark = Palette{
		Ink:        {0xf3, 0xf3, 0xf3, 0xff},
		Background: {0x17, 0x17, 0x18, 0xff},
		Fill:       {0x20, 0x20, 0x23, 0xff},
		Muted:      {0x39, 0x39, 0x3a, 0xff},
		Boundary:   {0xf4, 0x43, 0x36, 0xff},
		Marker:     {0xf4, 0x43, 0x36, 0xff},
		MarkerText: {0x17, 0x17, 0x18, 0xff},
		NoteFill:   {0x1b, 0x1b, 0x1b, 0xff},
		Selection:  {0x29, 0x6f, 0xf6, 0xff},
		Likeliest:  {0xff, 0x98, 0x00, 0xff},
	}
)
