package report

import (
	"fmt"
	"math"

	"github.com/jung-kurt/gofpdf"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/drawing"
	"github.com/threatboard/threatboard/model"
)

// The PDF draws diagrams and attack trees from the display list the canvas
// and the image exports read (package drawing): this file only translates
// its items into gofpdf's paths, circles, dashes and text.

const (
	listMargin = 12.0 // units of space around a drawing
	// A diagram unit is a pixel at 100 % zoom. A drawing is scaled down to
	// fit its page, but never up beyond maxListScale (millimetres per unit,
	// about the size on screen) and never down below minListScale, where
	// an element's name would print smaller than 4.5 pt: below that it is
	// tiled over several pages instead.
	maxListScale = 0.3
	minListScale = 0.12
	tileOverlap  = 12.0 // mm each part repeats of its neighbour
)

// orientationFor tells whether a drawing fits a landscape page better.
func orientationFor(l *drawing.List) (landscape bool) {
	b := l.Bounds
	return b.W > b.H
}

// drawList draws l fitted to the rest of the page, or, when that would make
// it too small to read, tiled over landscape pages at the smallest legible
// scale, each part overlapping its neighbours by tileOverlap with the
// overlap marked. Nothing is ever cut off.
func (d *pdfDoc) drawList(l *drawing.List, what string) {
	if l == nil || len(l.Items) == 0 {
		return
	}
	b := l.Bounds.Inset(-listMargin)
	availW, availH := d.w-2*margin, d.bottom()-d.y
	s := min(availW/b.W, availH/b.H, maxListScale)
	if s >= minListScale {
		ox := margin + (availW-b.W*s)/2 - b.X*s
		oy := d.y - b.Y*s
		d.paint(l, s, ox, oy)
		d.f.SetDrawColor(ruleGrey.r, ruleGrey.g, ruleGrey.b)
		d.f.SetLineWidth(0.2)
		d.f.Rect(ox+b.X*s, d.y, b.W*s, b.H*s, "D")
		d.y += b.H*s + 4
		return
	}
	d.tile(l, b, what)
}

// tile draws l over as many pages as it takes, in the orientation that
// needs fewer of them.
func (d *pdfDoc) tile(l *drawing.List, b model.Rect, what string) {
	s := minListScale
	// The area of a page below a one-line caption, and the parts it takes.
	grid := func(landscape bool) (areaW, areaH float64, cols, rows int) {
		pw, ph := min(d.paper.Wd, d.paper.Ht), max(d.paper.Wd, d.paper.Ht)
		if landscape {
			pw, ph = ph, pw
		}
		areaW, areaH = pw-2*margin, ph-margin-topMargin-8
		cols = max(1, int(math.Ceil((b.W*s-tileOverlap)/(areaW-tileOverlap))))
		rows = max(1, int(math.Ceil((b.H*s-tileOverlap)/(areaH-tileOverlap))))
		return areaW, areaH, cols, rows
	}
	// The current page's orientation, unless the other needs fewer parts.
	landscape := d.landscape
	areaW, areaH, cols, rows := grid(landscape)
	if w, h, c, r := grid(!landscape); c*r < cols*rows {
		landscape, areaW, areaH, cols, rows = !landscape, w, h, c, r
	}
	stepW, stepH := areaW-tileOverlap, areaH-tileOverlap
	// The first row starts on this page, below the note, when the page has
	// the parts' orientation and room for half a part: no page is left
	// nearly empty. The note takes at most three lines.
	caption := lineHeight(bodySize)
	firstH := d.bottom() - d.y - 3*caption - 2 - caption
	here := landscape == d.landscape && firstH >= areaH/2
	if !here {
		firstH = areaH
	}
	rows = 1
	for covered := firstH; covered < b.H*s; covered += stepH {
		rows++
	}
	rowTop := func(r int) float64 { // in millimetres of the scaled drawing
		if r == 0 {
			return 0
		}
		return firstH - tileOverlap + float64(r-1)*stepH
	}
	d.paragraph(fmt.Sprintf("The %s is too large for one page: it is printed in %d parts, %d across and %d down, "+
		"each repeating %.0f mm of its neighbours (between the dashed marks).", what, rows*cols, cols, rows, tileOverlap), "I", bodySize, grey)
	for r := range rows {
		h := areaH
		if r == 0 {
			h = firstH
		}
		for c := range cols {
			if r > 0 || c > 0 || !here {
				d.addPage(landscape)
			}
			d.paragraph(fmt.Sprintf("%s, part %d of %d (row %d, column %d)", capitalize(what), r*cols+c+1, rows*cols, r+1, c+1), "I", bodySize, grey)
			x0, y0 := margin, d.y
			d.f.ClipRect(x0, y0, areaW, h, false)
			d.paint(l, s, x0-b.X*s-float64(c)*stepW, y0-b.Y*s-rowTop(r))
			d.f.ClipEnd()
			d.overlapMarks(x0, y0, areaW, h, r > 0, c < cols-1, r < rows-1, c > 0)
			d.y = y0 + h
		}
	}
	d.addPage(false)
}

// overlapMarks draws a dashed line where the area shared with each
// neighbouring part begins, and a thin frame around the part.
func (d *pdfDoc) overlapMarks(x, y, w, h float64, top, right, bottom, left bool) {
	d.f.SetDrawColor(ruleGrey.r, ruleGrey.g, ruleGrey.b)
	d.f.SetLineWidth(0.2)
	d.f.Rect(x, y, w, h, "D")
	d.f.SetDrawColor(accent.r, accent.g, accent.b)
	d.f.SetLineWidth(0.3)
	d.f.SetDashPattern([]float64{2, 1.5}, 0)
	if top {
		d.f.Line(x, y+tileOverlap, x+w, y+tileOverlap)
	}
	if bottom {
		d.f.Line(x, y+h-tileOverlap, x+w, y+h-tileOverlap)
	}
	if left {
		d.f.Line(x+tileOverlap, y, x+tileOverlap, y+h)
	}
	if right {
		d.f.Line(x+w-tileOverlap, y, x+w-tileOverlap, y+h)
	}
	d.f.SetDashPattern(nil, 0)
}

// paint draws every item of l in the light style, a unit being s
// millimetres and the origin at (ox, oy).
func (d *pdfDoc) paint(l *drawing.List, s, ox, oy float64) {
	pal := &drawing.Light
	setFill := func(r drawing.Role) {
		c := pal.Color(r)
		d.f.SetFillColor(int(c.R), int(c.G), int(c.B))
	}
	setStroke := func(it *drawing.Item) {
		c := pal.Color(it.Stroke)
		d.f.SetDrawColor(int(c.R), int(c.G), int(c.B))
		d.f.SetLineWidth(max(it.Width*s, 0.05))
		if on, off := it.Dash.Pattern(); on > 0 {
			d.f.SetDashPattern([]float64{on * s, off * s}, 0)
		} else {
			d.f.SetDashPattern(nil, 0)
		}
	}
	style := func(it *drawing.Item) string {
		switch {
		case it.Fill != drawing.None && it.Stroke != drawing.None:
			setFill(it.Fill)
			setStroke(it)
			return "FD"
		case it.Fill != drawing.None:
			setFill(it.Fill)
			return "F"
		case it.Stroke != drawing.None:
			setStroke(it)
			return "D"
		}
		return ""
	}
	pt := func(p model.Point) (float64, float64) { return ox + p.X*s, oy + p.Y*s }
	var poly []gofpdf.PointType
	points := func(ps []model.Point) []gofpdf.PointType {
		poly = poly[:0]
		for _, p := range ps {
			x, y := pt(p)
			poly = append(poly, gofpdf.PointType{X: x, Y: y})
		}
		return poly
	}
	for i := range l.Items {
		it := &l.Items[i]
		switch it.Kind {
		case drawing.Rect:
			if st := style(it); st != "" {
				x, y := pt(model.Point{X: it.Box.X, Y: it.Box.Y})
				d.f.Rect(x, y, it.Box.W*s, it.Box.H*s, st)
			}
		case drawing.Circle:
			if st := style(it); st != "" {
				x, y := pt(it.Box.Center())
				d.f.Circle(x, y, math.Min(it.Box.W, it.Box.H)/2*s, st)
			}
		case drawing.Line:
			if it.Stroke == drawing.None || len(it.Points) < 2 {
				continue
			}
			setStroke(it)
			d.f.SetLineJoinStyle("round")
			x, y := pt(it.Points[0])
			d.f.MoveTo(x, y)
			for _, p := range it.Points[1:] {
				x, y := pt(p)
				d.f.LineTo(x, y)
			}
			d.f.DrawPath("D")
		case drawing.Polygon:
			if st := style(it); st != "" && len(it.Points) > 2 {
				d.f.Polygon(points(it.Points), st)
			}
		case drawing.Arrow:
			if len(it.Points) == 2 && it.Stroke != drawing.None {
				t := drawing.ArrowTriangle(it.Points[0], it.Points[1], it.Size)
				setFill(it.Stroke)
				d.f.Polygon(points(t[:]), "F")
			}
		case drawing.Badge:
			if it.Fill != drawing.None {
				setFill(it.Fill)
				x, y := pt(it.Box.Center())
				d.f.Circle(x, y, math.Min(it.Box.W, it.Box.H)/2*s, "F")
			}
			d.listText(it, s, ox, oy)
		case drawing.Text:
			d.listText(it, s, ox, oy)
		}
	}
	d.f.SetDashPattern(nil, 0)
	d.f.SetLineJoinStyle("miter")
	d.useFont("", bodySize, false)
	d.setColor(black)
}

// listText draws a text item where the other renderers put it: its
// baseline from the drawing's font metrics, centred by its measured width.
func (d *pdfDoc) listText(it *drawing.Item, s, ox, oy float64) {
	if it.Text == "" || it.Stroke == drawing.None {
		return
	}
	text := printable(it.Text, false)
	o := drawing.TextOrigin(it, drawing.TextWidth(it.Text, it.Font, it.Size))
	style := ""
	switch it.Font {
	case assets.Bold:
		style = "B"
	case assets.Italic:
		style = "I"
	}
	size := it.Size * s / ptToMM
	d.useFont(style, size, false)
	x := ox + o.X*s
	if it.Align == drawing.Center {
		// Centre on the box with this document's own measure of the text.
		x = ox + (it.Box.X+it.Box.W/2)*s - d.width(text)/2
	}
	c := drawing.Light.Color(it.Stroke)
	d.setColor(rgb{int(c.R), int(c.G), int(c.B)})
	d.text(x, oy+o.Y*s, text)
}
