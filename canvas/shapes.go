package canvas

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/threatboard/threatboard/model"
)

// Stroke widths and dash pattern in screen pixels.
const (
	strokeWidth   = 1.5
	selectedWidth = 2.5
	dashOn        = 6
	dashOff       = 4
	dotOn         = 2
	dotOff        = 4
	innerGap      = 6 // between a multi-process's two circles, in diagram units
	arrowSize     = 7 // circumradius of an arrowhead triangle, in screen pixels
	// minTextPx is the smallest text drawn: below it glyphs are a grey smudge
	// that costs the painter as much as legible text.
	minTextPx = 6
)

// colors are the theme colours one drawing pass uses. They are read from
// the theme at every refresh, so switching between light and dark redraws
// the diagram in the new colours.
type colors struct {
	fg, bg, fill, muted   color.Color
	primary, selection    color.Color
	boundary, marker      color.Color
	markerText, target    color.Color
	labelBack, noteFill   color.Color
	handleFill, transient color.Color
}

func themeColors(th fyne.Theme) colors {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	c := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
	return colors{
		fg:         c(theme.ColorNameForeground),
		bg:         c(theme.ColorNameBackground),
		fill:       c(theme.ColorNameInputBackground),
		muted:      c(theme.ColorNameDisabled),
		primary:    c(theme.ColorNamePrimary),
		selection:  c(theme.ColorNameSelection),
		boundary:   c(theme.ColorNameError),
		marker:     c(theme.ColorNameError),
		markerText: c(theme.ColorNameForegroundOnError),
		target:     c(theme.ColorNameSuccess),
		labelBack:  c(theme.ColorNameBackground),
		noteFill:   c(theme.ColorNameHeaderBackground),
		handleFill: c(theme.ColorNameBackground),
		transient:  c(theme.ColorNameHover),
	}
}

// drawElement draws e's shape, its name and its open-threat marker into p.
func drawElement(p *pool, col *colors, e *model.Element, pos fyne.Position, size fyne.Size, zoom float32, selected bool) {
	stroke, width := col.fg, float32(strokeWidth)
	if selected {
		stroke, width = col.primary, selectedWidth
	}
	dashed := e.OutOfScope
	drawShape(p, col, e.Kind, pos, size, zoom, stroke, width, dashed)
	drawName(p, col.fg, e.Name, pos, size, zoom, e.Kind == model.Note)
	if n := openThreats(e); n > 0 {
		drawMarker(p, col, n, markerCentre(e.Kind, pos, size, zoom), zoom)
	}
}

// drawShape draws the outline of an element of kind k filling pos/size:
// the palette's icons use it too, so they match the canvas.
func drawShape(p *pool, col *colors, k model.Kind, pos fyne.Position, size fyne.Size, zoom float32, stroke color.Color, width float32, dashed bool) {
	solid := stroke
	if dashed {
		solid = nil
	}
	switch k {
	case model.Process, model.MultiProcess:
		d := min(size.Width, size.Height) // circles stay circles
		c := fyne.NewPos(pos.X+size.Width/2, pos.Y+size.Height/2)
		p.circle(col.fill, solid, width, fyne.NewPos(c.X-d/2, c.Y-d/2), fyne.NewSquareSize(d))
		if dashed {
			dashCircle(p, stroke, width, c, d/2)
		}
		if k == model.MultiProcess {
			in := d - 2*innerGap*zoom
			if in > 0 {
				p.circle(nil, solid, width, fyne.NewPos(c.X-in/2, c.Y-in/2), fyne.NewSquareSize(in))
				if dashed {
					dashCircle(p, stroke, width, c, in/2)
				}
			}
		}
	case model.Store:
		// Two horizontal lines, no vertical sides; the fill between them
		// keeps flows and boundaries behind it from showing through.
		p.rect(col.fill, nil, 0, pos, size)
		a, b := pos, pos.AddXY(size.Width, 0)
		c, d := pos.AddXY(0, size.Height), pos.AddXY(size.Width, size.Height)
		if dashed {
			dashLine(p, stroke, width, a, b, dashOn, dashOff)
			dashLine(p, stroke, width, c, d, dashOn, dashOff)
		} else {
			p.line(stroke, width, a, b)
			p.line(stroke, width, c, d)
		}
	case model.Note:
		noteStroke := col.muted
		if stroke != col.fg {
			noteStroke = stroke // selected
		}
		if dashed {
			p.rect(col.noteFill, nil, 0, pos, size)
			dashRect(p, noteStroke, width, pos, size)
		} else {
			p.rect(col.noteFill, noteStroke, 1, pos, size)
		}
	default: // actor
		p.rect(col.fill, solid, width, pos, size)
		if dashed {
			dashRect(p, stroke, width, pos, size)
		}
	}
}

// drawName centres the element's name in its shape, wrapped to the shape's
// width in at most three lines. Text too small to read at this zoom is left out.
func drawName(p *pool, c color.Color, name string, pos fyne.Position, size fyne.Size, zoom float32, note bool) {
	ts := nameSize * zoom
	if ts < minTextPx || name == "" {
		return
	}
	perLine := int(size.Width / (ts * 0.6))
	lines := wrap(name, max(perLine-1, 4), 3)
	lh := ts * 1.3
	y := pos.Y + (size.Height-lh*float32(len(lines)))/2
	style := fyne.TextAlignCenter
	for _, l := range lines {
		t := p.text(l, c, ts, style, fyne.NewPos(pos.X, y), fyne.NewSize(size.Width, lh))
		t.TextStyle.Italic = note
		y += lh
	}
}

// wrap breaks s at spaces into lines of at most width runes, at most n
// lines; the last one shown ends in an ellipsis when text is cut off.
func wrap(s string, width, n int) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			switch {
			case line == "":
				line = w
			case len([]rune(line))+1+len([]rune(w)) <= width:
				line += " " + w
			default:
				out = append(out, line)
				line = w
			}
		}
		out = append(out, line)
	}
	for i, l := range out {
		if r := []rune(l); len(r) > width {
			out[i] = strings.TrimRight(string(r[:max(width-1, 1)]), " ") + "…"
		}
	}
	if len(out) > n {
		out = out[:n]
		r := []rune(out[n-1])
		if len(r) >= width {
			r = r[:max(width-1, 1)]
		}
		out[n-1] = strings.TrimRight(string(r), " ") + "…"
	}
	return out
}

// openThreats counts the threats on e that are neither done nor verified
// nor decided away (accepted, transferred, avoided or not applicable).
func openThreats(e *model.Element) int {
	n := 0
	for _, t := range e.Threats {
		if isOpen(t) {
			n++
		}
	}
	return n
}

func isOpen(t *model.Threat) bool {
	if t.Status == model.Done || t.Status == model.Verified {
		return false
	}
	switch t.Decision {
	case model.Undecided, model.Mitigate:
		return true
	}
	return false
}

// markerCentre puts the open-threat badge at the shape's top right: on the
// outline of a circle, just inside the corner of a box, clear of the handles.
func markerCentre(k model.Kind, pos fyne.Position, size fyne.Size, zoom float32) fyne.Position {
	r := markerRadius(zoom)
	if k == model.Process || k == model.MultiProcess {
		d := min(size.Width, size.Height) / 2
		return fyne.NewPos(pos.X+size.Width/2+d*0.7071, pos.Y+size.Height/2-d*0.7071)
	}
	return fyne.NewPos(pos.X+size.Width-r-3, pos.Y+r+3)
}

func markerRadius(zoom float32) float32 { return max(7*zoom, 5) }

// drawMarker draws the open-threat count as a badge centred on c.
func drawMarker(p *pool, col *colors, n int, c fyne.Position, zoom float32) {
	r := markerRadius(zoom)
	p.circle(col.marker, nil, 0, fyne.NewPos(c.X-r, c.Y-r), fyne.NewSquareSize(2*r))
	if ts := r * 1.3; ts >= minTextPx {
		t := p.text(countLabel(n), col.markerText, ts, fyne.TextAlignCenter, fyne.NewPos(c.X-r, c.Y-ts*0.65), fyne.NewSize(2*r, ts*1.3))
		t.TextStyle.Bold = true
	}
}

// countLabel is the badge's text: the count, or 99+ above that. strconv
// serves counts below 100 from a table, without allocating.
func countLabel(n int) string {
	if n > 99 {
		return "99+"
	}
	return strconv.Itoa(n)
}

// dashLine draws a to b as dashes of on pixels separated by off pixels.
// Only the dashes within the pool's clip rectangle are drawn: a boundary
// box around a big diagram, zoomed in, would otherwise hand the painter
// thousands of dashes off screen.
func dashLine(p *pool, c color.Color, width float32, a, b fyne.Position, on, off float32) {
	dx, dy := b.X-a.X, b.Y-a.Y
	l := float32(math.Hypot(float64(dx), float64(dy)))
	if l == 0 {
		return
	}
	from, to := float32(0), l
	if p.clip != nil {
		t0, t1, ok := clipSegment(a, b, p.clip.min, p.clip.max)
		if !ok {
			return
		}
		step := on + off
		from = float32(math.Floor(float64(t0*l/step))) * step // keep the dash phase
		to = t1 * l
	}
	ux, uy := dx/l, dy/l
	for s := from; s < to; s += on + off {
		e := min(s+on, l)
		p.line(c, width, fyne.NewPos(a.X+ux*s, a.Y+uy*s), fyne.NewPos(a.X+ux*e, a.Y+uy*e))
	}
}

// clipSegment returns the parameters t0 ≤ t1 in [0, 1] of the part of the
// segment a→b inside the rectangle lo–hi (Liang–Barsky), and false when no
// part is inside.
func clipSegment(a, b, lo, hi fyne.Position) (t0, t1 float32, ok bool) {
	t0, t1 = 0, 1
	dx, dy := b.X-a.X, b.Y-a.Y
	for _, c := range [4]struct{ p, q float32 }{
		{-dx, a.X - lo.X}, {dx, hi.X - a.X}, {-dy, a.Y - lo.Y}, {dy, hi.Y - a.Y},
	} {
		if c.p == 0 {
			if c.q < 0 {
				return 0, 0, false
			}
			continue
		}
		t := c.q / c.p
		if c.p < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
	}
	return t0, t1, t0 <= t1
}

func dashRect(p *pool, c color.Color, width float32, pos fyne.Position, size fyne.Size) {
	tl, tr := pos, pos.AddXY(size.Width, 0)
	br, bl := pos.AddXY(size.Width, size.Height), pos.AddXY(0, size.Height)
	dashLine(p, c, width, tl, tr, dashOn, dashOff)
	dashLine(p, c, width, tr, br, dashOn, dashOff)
	dashLine(p, c, width, br, bl, dashOn, dashOff)
	dashLine(p, c, width, bl, tl, dashOn, dashOff)
}

// dashCircle draws a circle of radius r about c as chords, each covering
// the dash part of one dash-and-gap step of the circumference.
func dashCircle(p *pool, c color.Color, width float32, centre fyne.Position, r float32) {
	steps := int(2 * math.Pi * float64(r) / (dashOn + dashOff))
	if steps < 4 {
		steps = 4
	}
	step := 2 * math.Pi / float64(steps)
	onPart := step * dashOn / (dashOn + dashOff)
	at := func(a float64) fyne.Position {
		return fyne.NewPos(centre.X+r*float32(math.Cos(a)), centre.Y+r*float32(math.Sin(a)))
	}
	for i := range steps {
		a := float64(i) * step
		p.line(c, width, at(a), at(a+onPart))
	}
}

// drawArrow puts an arrowhead with its tip on to, pointing away from from.
func drawArrow(p *pool, c color.Color, from, to fyne.Position, size float32) {
	dx, dy := to.X-from.X, to.Y-from.Y
	l := float32(math.Hypot(float64(dx), float64(dy)))
	if l == 0 {
		return
	}
	angle := float32(math.Atan2(float64(dy), float64(dx)) * 180 / math.Pi)
	p.triangle(c, to, angle, size, dx/l, dy/l)
}
