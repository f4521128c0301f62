package canvas

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/drawing"
	"github.com/threatboard/threatboard/model"
)

// Sizes in screen pixels; the display list (package drawing) decides the
// rest of the look.
const (
	strokeWidth = drawing.StrokeWidth // of the overlay's previews
	dashOn      = drawing.DashOn
	dashOff     = drawing.DashOff
	dotOn       = drawing.DotOn
	dotOff      = drawing.DotOff
	arrowSize   = drawing.ArrowSize
	// minTextPx is the smallest text drawn: below it glyphs are a grey smudge
	// that costs the painter as much as legible text.
	minTextPx = 6
	// minMarkerPx is the smallest radius of the open-threat badge.
	minMarkerPx = 5
	// maxDashes is the most dashes one dashed line is drawn with: a line
	// that would need more on screen (a hostile file's boundary of 100,000
	// overlapping segments needs millions) is drawn solid instead, which at
	// that density looks the same.
	maxDashes = 4096
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
	warning               color.Color
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
		warning:    c(theme.ColorNameWarning),
	}
}

// role is the theme's colour for a display list's colour role: the canvas
// follows the theme, the exports the drawing's own palettes.
func (c *colors) role(r drawing.Role) color.Color {
	switch r {
	case drawing.Ink:
		return c.fg
	case drawing.Background:
		return c.labelBack
	case drawing.Fill:
		return c.fill
	case drawing.Muted:
		return c.muted
	case drawing.Boundary:
		return c.boundary
	case drawing.Marker:
		return c.marker
	case drawing.MarkerText:
		return c.markerText
	case drawing.NoteFill:
		return c.noteFill
	case drawing.Selection:
		return c.primary
	case drawing.Likeliest:
		return c.warning
	}
	return nil
}

// plate reports whether it is the plate under the text item next, and that
// text is too small to draw at zoom: then neither is drawn.
func plate(it, next *drawing.Item, zoom float32) bool {
	return next.Kind == drawing.Text && next.Box == it.Box && float32(next.Size)*zoom < minTextPx
}

// look is how items are translated beyond the display list's say: as
// selected, or (a ghost) with every outline in one colour.
type look struct {
	selected bool
	outline  color.Color // when set, the colour of every outline
}

// emit translates the display list items into pooled canvas objects on the
// screen of vp. Strokes, dashes and arrowheads keep their width in pixels
// at every zoom, so lines stay crisp; shapes, text and gaps scale.
func emit(p *pool, col *colors, vp viewport, items []drawing.Item, lk look) {
	zoom := float32(vp.zoom)
	for i := range items {
		it := items[i]
		if lk.selected {
			it = it.Selected()
		}
		stroke := col.role(it.Stroke)
		if lk.outline != nil && it.Outline {
			stroke = lk.outline
		}
		fill := col.role(it.Fill)
		width := float32(it.Width)
		on, off := it.Dash.Pattern()
		switch it.Kind {
		case drawing.Rect:
			if i+1 < len(items) && plate(&it, &items[i+1], zoom) {
				continue // a label's plate, its text too small to draw
			}
			pos, size := vp.rectToScreen(it.Box)
			if on == 0 {
				p.rect(fill, stroke, width, pos, size)
				break
			}
			if fill != nil {
				p.rect(fill, nil, 0, pos, size)
			}
			dashRect(p, stroke, width, pos, size, float32(on), float32(off))
		case drawing.Circle:
			pos, size := vp.rectToScreen(it.Box)
			d := min(size.Width, size.Height)
			c := fyne.NewPos(pos.X+size.Width/2, pos.Y+size.Height/2)
			if on > 0 && math.Pi*float64(d)/(on+off) > maxDashes {
				on = 0 // a huge circle zoomed in: solid, as a dashed line is
			}
			solid := stroke
			if on > 0 {
				solid = nil
			}
			p.circle(fill, solid, width, fyne.NewPos(c.X-d/2, c.Y-d/2), fyne.NewSquareSize(d))
			if on > 0 {
				dashCircle(p, stroke, width, c, d/2, float32(on), float32(off))
			}
		case drawing.Line:
			if on > 0 && dashesOnScreen(p, vp, it.Points, float32(on+off)) > maxDashes {
				on = 0
			}
			prev := vp.toScreen(it.Points[0])
			for _, q := range it.Points[1:] {
				s := vp.toScreen(q)
				if on > 0 {
					dashLine(p, stroke, width, prev, s, float32(on), float32(off))
				} else {
					p.line(stroke, width, prev, s)
				}
				prev = s
			}
		case drawing.Arrow:
			drawArrow(p, stroke, vp.toScreen(it.Points[0]), vp.toScreen(it.Points[1]), float32(it.Size))
		case drawing.Text:
			ts := float32(it.Size) * zoom
			if ts < minTextPx {
				continue
			}
			pos, size := vp.rectToScreen(it.Box)
			align := fyne.TextAlignLeading
			if it.Align == drawing.Center {
				align = fyne.TextAlignCenter
			}
			t := p.text(it.Text, stroke, ts, align, pos, size)
			t.TextStyle = fyne.TextStyle{Bold: it.Font == assets.Bold, Italic: it.Font == assets.Italic}
		case drawing.Badge:
			// The badge stays big enough to see when zoomed far out.
			r := max(float32(it.Box.W/2)*zoom, minMarkerPx)
			c := vp.toScreen(it.Box.Center())
			p.circle(fill, nil, 0, fyne.NewPos(c.X-r, c.Y-r), fyne.NewSquareSize(2*r))
			if ts := float32(it.Size/(it.Box.W/2)) * r; ts >= minTextPx {
				t := p.text(it.Text, stroke, ts, fyne.TextAlignCenter, fyne.NewPos(c.X-r, c.Y-ts*0.65), fyne.NewSize(2*r, ts*1.3))
				t.TextStyle = fyne.TextStyle{Bold: true}
			}
		case drawing.Polygon:
			prev := vp.toScreen(it.Points[len(it.Points)-1])
			for _, q := range it.Points {
				s := vp.toScreen(q)
				p.line(stroke, width, prev, s)
				prev = s
			}
		}
	}
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

// dashesOnScreen is how many dashes of step pixels the polyline pts would
// be drawn with inside the pool's clip rectangle; it stops counting past
// maxDashes.
func dashesOnScreen(p *pool, vp viewport, pts []model.Point, step float32) int {
	n := 0
	prev := vp.toScreen(pts[0])
	for _, q := range pts[1:] {
		a, s := prev, vp.toScreen(q)
		prev = s
		l := float32(math.Hypot(float64(s.X-a.X), float64(s.Y-a.Y)))
		if p.clip != nil {
			t0, t1, ok := clipSegment(a, s, p.clip.min, p.clip.max)
			if !ok {
				continue // dashLine draws nothing of it
			}
			l *= t1 - t0
		}
		if n += int(l/step) + 1; n > maxDashes {
			break
		}
	}
	return n
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

func dashRect(p *pool, c color.Color, width float32, pos fyne.Position, size fyne.Size, on, off float32) {
	tl, tr := pos, pos.AddXY(size.Width, 0)
	br, bl := pos.AddXY(size.Width, size.Height), pos.AddXY(0, size.Height)
	dashLine(p, c, width, tl, tr, on, off)
	dashLine(p, c, width, tr, br, on, off)
	dashLine(p, c, width, br, bl, on, off)
	dashLine(p, c, width, bl, tl, on, off)
}

// dashCircle draws a circle of radius r about c as chords, as
// drawing.EachCircleDash lays them out.
func dashCircle(p *pool, c color.Color, width float32, centre fyne.Position, r, on, off float32) {
	at := func(q model.Point) fyne.Position { return fyne.NewPos(float32(q.X), float32(q.Y)) }
	drawing.EachCircleDash(model.Point{X: float64(centre.X), Y: float64(centre.Y)}, float64(r), float64(on), float64(off),
		func(a, b model.Point) { p.line(c, width, at(a), at(b)) })
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
