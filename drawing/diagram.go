package drawing

import (
	"math"
	"strconv"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

// Diagram is the display list of a whole diagram: boundaries at the back,
// then flows, then elements back to front, as the canvas paints them.
func Diagram(d *model.Diagram) *List {
	l := &List{}
	if d == nil {
		return l
	}
	for _, b := range d.Boundaries {
		l.Items = AppendBoundary(l.Items, b)
	}
	for _, f := range d.Flows {
		l.Items = AppendFlow(l.Items, f, d.FlowPath(f)) // the items keep the path
	}
	for _, e := range d.Elements {
		l.Items = AppendElement(l.Items, e)
	}
	l.finish()
	return l
}

// AppendElement appends the items that draw e: its shape, its name, the
// mark of a multi-process that opens a child diagram and its open-threat
// badge.
func AppendElement(dst []Item, e *model.Element) []Item {
	dst = appendShape(dst, e.ID, e.Kind, e.Bounds, e.OutOfScope)
	dst = appendName(dst, e)
	dst = appendChildMark(dst, e)
	return appendBadge(dst, e)
}

// AppendOutline is AppendElement without the name: for a view too small to
// read it, which then need not wrap it.
func AppendOutline(dst []Item, e *model.Element) []Item {
	dst = appendShape(dst, e.ID, e.Kind, e.Bounds, e.OutOfScope)
	dst = appendChildMark(dst, e)
	return appendBadge(dst, e)
}

// ChildMark is the text of the mark on a multi-process that opens a child
// diagram: there is more inside (double-click goes in).
const ChildMark = "»"

// appendChildMark marks a multi-process that opens a child diagram with a
// dark disc at the bottom right of its circle, opposite the threat badge,
// so that one with a diagram behind it looks different from one without.
func appendChildMark(dst []Item, e *model.Element) []Item {
	if e.Kind != model.MultiProcess || e.Child == "" {
		return dst
	}
	d := math.Min(e.Bounds.W, e.Bounds.H) / 2
	c := e.Bounds.Center()
	at := model.Point{X: c.X + d*math.Sqrt2/2, Y: c.Y + d*math.Sqrt2/2}
	r := float64(MarkerRadius)
	return append(dst, Item{
		Kind: Badge, ID: e.ID, Box: model.Rect{X: at.X - r, Y: at.Y - r, W: 2 * r, H: 2 * r},
		Fill: Ink, Stroke: Background, Text: ChildMark, Size: r * 1.5, Font: assets.Bold, Align: Center,
	})
}

func appendBadge(dst []Item, e *model.Element) []Item {
	if n := model.OpenThreats(e.Threats); n > 0 {
		c := MarkerCentre(e.Kind, e.Bounds)
		r := float64(MarkerRadius)
		dst = append(dst, Item{
			Kind: Badge, ID: e.ID, Box: model.Rect{X: c.X - r, Y: c.Y - r, W: 2 * r, H: 2 * r},
			Fill: Marker, Stroke: MarkerText, Text: CountLabel(n), Size: r * 1.3, Font: assets.Bold, Align: Center,
		})
	}
	return dst
}

// AppendShape appends the outline of an element of kind k filling r, as an
// out-of-scope element when dashed: the palette's icons and the ghost of an
// element being placed use it too.
func AppendShape(dst []Item, id string, k model.Kind, r model.Rect, dashed bool) []Item {
	return appendShape(dst, id, k, r, dashed)
}

func appendShape(dst []Item, id string, k model.Kind, r model.Rect, dashed bool) []Item {
	dash := Solid
	if dashed {
		dash = Dashed
	}
	switch k {
	case model.Process, model.MultiProcess:
		d := math.Min(r.W, r.H) // circles stay circles
		c := r.Center()
		dst = append(dst, Item{Kind: Circle, ID: id, Box: square(c, d), Fill: Fill, Stroke: Ink, Width: StrokeWidth, Dash: dash, Outline: true})
		if in := d - 2*InnerGap; k == model.MultiProcess && in > 0 {
			dst = append(dst, Item{Kind: Circle, ID: id, Box: square(c, in), Stroke: Ink, Width: StrokeWidth, Dash: dash, Outline: true})
		}
	case model.Store:
		// Two lines, no sides; the fill between them hides what lies behind.
		dst = append(dst,
			Item{Kind: Rect, ID: id, Box: r, Fill: Fill},
			Item{Kind: Line, ID: id, Points: []model.Point{{X: r.X, Y: r.Y}, {X: r.X + r.W, Y: r.Y}}, Stroke: Ink, Width: StrokeWidth, Dash: dash, Outline: true},
			Item{Kind: Line, ID: id, Points: []model.Point{{X: r.X, Y: r.Y + r.H}, {X: r.X + r.W, Y: r.Y + r.H}}, Stroke: Ink, Width: StrokeWidth, Dash: dash, Outline: true},
		)
	case model.Note:
		w := float64(NoteWidth)
		if dashed {
			w = StrokeWidth
		}
		dst = append(dst, Item{Kind: Rect, ID: id, Box: r, Fill: NoteFill, Stroke: Muted, Width: w, Dash: dash, Outline: true})
	default: // actor
		dst = append(dst, Item{Kind: Rect, ID: id, Box: r, Fill: Fill, Stroke: Ink, Width: StrokeWidth, Dash: dash, Outline: true})
	}
	return dst
}

func square(c model.Point, d float64) model.Rect {
	return model.Rect{X: c.X - d/2, Y: c.Y - d/2, W: d, H: d}
}

// nameLineHeight is the pitch of the lines of an element's name.
const nameLineHeight = NameSize * 1.3

// appendName centres the element's name in its shape, wrapped to the
// shape's width in at most NameLines lines; a note's text is italic.
func appendName(dst []Item, e *model.Element) []Item {
	if e.Name == "" {
		return dst
	}
	st := assets.Regular
	if e.Kind == model.Note {
		st = assets.Italic
	}
	r := e.Bounds
	lines := Wrap(e.Name, st, NameSize, r.W-NameSize, NameLines)
	y := r.Y + (r.H-nameLineHeight*float64(len(lines)))/2
	for _, l := range lines {
		dst = append(dst, Item{
			Kind: Text, ID: e.ID, Box: model.Rect{X: r.X, Y: y, W: r.W, H: nameLineHeight},
			Stroke: Ink, Text: l, Size: NameSize, Font: st, Align: Center,
		})
		y += nameLineHeight
	}
	return dst
}

// CountLabel is a badge's text: the count, or 99+ above that. strconv
// serves counts below 100 from a table, without allocating.
func CountLabel(n int) string {
	if n > 99 {
		return "99+"
	}
	return strconv.Itoa(n)
}

// MarkerCentre puts the open-threat badge at the shape's top right: on the
// outline of a circle, just inside the corner of a box.
func MarkerCentre(k model.Kind, r model.Rect) model.Point {
	if k == model.Process || k == model.MultiProcess {
		d := math.Min(r.W, r.H) / 2
		c := r.Center()
		return model.Point{X: c.X + d*math.Sqrt2/2, Y: c.Y - d*math.Sqrt2/2}
	}
	return model.Point{X: r.X + r.W - MarkerRadius - 3, Y: r.Y + MarkerRadius + 3}
}

// AppendFlow appends the items that draw f along path (see
// model.Diagram.AppendFlowPath): the line, its arrowheads and its label.
// The line's item holds path itself, not a copy.
func AppendFlow(dst []Item, f *model.Flow, path []model.Point) []Item {
	if len(path) < 2 {
		return dst
	}
	dash := Solid
	if f.OutOfScope {
		dash = Dashed
	}
	n := len(path)
	dst = append(dst,
		Item{Kind: Line, ID: f.ID, Points: path, Stroke: Ink, Width: StrokeWidth, Dash: dash, Outline: true},
		Item{Kind: Arrow, ID: f.ID, Points: path[n-2:], Stroke: Ink, Size: ArrowSize, Outline: true},
	)
	if f.Bidirectional {
		dst = append(dst, Item{Kind: Arrow, ID: f.ID, Points: []model.Point{path[1], path[0]}, Stroke: Ink, Size: ArrowSize, Outline: true})
	}
	if f.Name != "" {
		lr := LabelRect(f, path)
		dst = append(dst,
			Item{Kind: Rect, ID: f.ID, Box: lr, Fill: Background},
			Item{Kind: Text, ID: f.ID, Box: lr, Stroke: Ink, Text: f.Name, Size: LabelSize, Align: Center, Outline: true},
		)
	}
	return dst
}

// LabelRect is where a flow's label is drawn, on a plate of the background
// colour: centred halfway along path, moved by the flow's LabelOffset.
func LabelRect(f *model.Flow, path []model.Point) model.Rect {
	c := model.PolylineMiddle(path).Add(f.LabelOffset)
	w := TextWidth(f.Name, assets.Regular, LabelSize) + 8
	h := LabelSize*1.4 + 2
	return model.Rect{X: c.X - w/2, Y: c.Y - h/2, W: w, H: h}
}

// AppendBoundary appends the items that draw b: a dotted polyline or a
// dashed box, and its name in italics at its start or top-left corner.
func AppendBoundary(dst []Item, b *model.Boundary) []Item {
	var at model.Point
	switch b.Shape {
	case model.BoundaryLine:
		if len(b.Points) == 0 {
			return dst
		}
		dst = append(dst, Item{Kind: Line, ID: b.ID, Points: b.Points, Stroke: Boundary, Width: StrokeWidth, Dash: Dotted, Outline: true})
		at = b.Points[0].Add(model.Point{X: 4, Y: 2})
	case model.BoundaryBox:
		dst = append(dst, Item{Kind: Rect, ID: b.ID, Box: b.Bounds, Stroke: Boundary, Width: StrokeWidth, Dash: Dashed, Outline: true})
		at = model.Point{X: b.Bounds.X + 6, Y: b.Bounds.Y + 4}
	default:
		return dst
	}
	if b.Name != "" {
		w := TextWidth(b.Name, assets.Italic, LabelSize) + LabelSize/5
		dst = append(dst, Item{
			Kind: Text, ID: b.ID, Box: model.Rect{X: at.X, Y: at.Y, W: w, H: LabelSize * 1.4},
			Stroke: Boundary, Text: b.Name, Size: LabelSize, Font: assets.Italic, Align: Left, Outline: true,
		})
	}
	return dst
}

// ArrowTriangle is the arrowhead of circumradius r with its tip on tip,
// pointing away from from: the tip first, then the two back corners. It is
// the zero triangle when from and tip coincide.
func ArrowTriangle(from, tip model.Point, r float64) [3]model.Point {
	dx, dy := tip.X-from.X, tip.Y-from.Y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return [3]model.Point{}
	}
	ux, uy := dx/l, dy/l
	cx, cy := tip.X-ux*r, tip.Y-uy*r
	// The back corners sit 120° either side of the tip, about the centre.
	const cos, sin = -0.5, 0.8660254037844386
	return [3]model.Point{
		tip,
		{X: cx + r*(ux*cos-uy*sin), Y: cy + r*(ux*sin+uy*cos)},
		{X: cx + r*(ux*cos+uy*sin), Y: cy + r*(-ux*sin+uy*cos)},
	}
}
