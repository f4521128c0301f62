package canvas

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// pool holds the canvas objects of one drawn thing (an element, a flow, a
// boundary, the overlay). Redrawing resets the counters and takes the same
// objects again in the same order, updating them in place: after the first
// draw, redrawing allocates nothing unless the thing needs more objects.
type pool struct {
	rects   []*canvas.Rectangle
	circles []*canvas.Circle
	lines   []*canvas.Line
	texts   []*canvas.Text
	polys   []*canvas.Polygon
	nr, nc  int
	nl, nt  int
	np      int
	objs    []fyne.CanvasObject // the objects in use, in paint order
	clip    *clipRect           // where dashes are worth drawing; nil for everywhere
}

// clipRect is the visible area of the canvas, grown by a margin.
type clipRect struct{ min, max fyne.Position }

func (p *pool) reset() {
	p.nr, p.nc, p.nl, p.nt, p.np = 0, 0, 0, 0, 0
	p.objs = p.objs[:0]
}

func (p *pool) rect(fill, stroke color.Color, width float32, pos fyne.Position, size fyne.Size) *canvas.Rectangle {
	if p.nr == len(p.rects) {
		p.rects = append(p.rects, &canvas.Rectangle{})
	}
	r := p.rects[p.nr]
	p.nr++
	r.FillColor, r.StrokeColor, r.StrokeWidth = fill, stroke, width
	r.Move(pos)
	r.Resize(size)
	p.objs = append(p.objs, r)
	return r
}

func (p *pool) circle(fill, stroke color.Color, width float32, pos fyne.Position, size fyne.Size) *canvas.Circle {
	if p.nc == len(p.circles) {
		p.circles = append(p.circles, &canvas.Circle{})
	}
	c := p.circles[p.nc]
	p.nc++
	c.FillColor, c.StrokeColor, c.StrokeWidth = fill, stroke, width
	c.Position1, c.Position2 = pos, pos.Add(size)
	p.objs = append(p.objs, c)
	return c
}

func (p *pool) line(stroke color.Color, width float32, a, b fyne.Position) *canvas.Line {
	if p.nl == len(p.lines) {
		p.lines = append(p.lines, &canvas.Line{})
	}
	l := p.lines[p.nl]
	p.nl++
	l.StrokeColor, l.StrokeWidth = stroke, width
	l.Position1, l.Position2 = a, b
	p.objs = append(p.objs, l)
	return l
}

func (p *pool) text(s string, c color.Color, size float32, align fyne.TextAlign, pos fyne.Position, box fyne.Size) *canvas.Text {
	if p.nt == len(p.texts) {
		p.texts = append(p.texts, &canvas.Text{})
	}
	t := p.texts[p.nt]
	p.nt++
	t.Text, t.Color, t.TextSize, t.Alignment = s, c, size, align
	t.Move(pos)
	t.Resize(box)
	p.objs = append(p.objs, t)
	return t
}

// triangle is a filled equilateral triangle whose tip is at tip, pointing
// along the angle (degrees, clockwise from the x axis), with circumradius r.
func (p *pool) triangle(fill color.Color, tip fyne.Position, angle, r float32, dx, dy float32) *canvas.Polygon {
	if p.np == len(p.polys) {
		p.polys = append(p.polys, &canvas.Polygon{Sides: 3})
	}
	g := p.polys[p.np]
	p.np++
	g.FillColor, g.StrokeColor, g.StrokeWidth = fill, nil, 0
	g.Angle = angle + 90 // a polygon's first vertex points up at angle 0
	c := fyne.NewPos(tip.X-dx*r, tip.Y-dy*r)
	g.Move(fyne.NewPos(c.X-r, c.Y-r))
	g.Resize(fyne.NewSquareSize(2 * r))
	p.objs = append(p.objs, g)
	return g
}
