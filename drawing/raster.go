package drawing

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"runtime"
	"sync"

	"github.com/go-text/render"
	"github.com/go-text/typesetting/di"
	gotext "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

// Raster paints the list at scale pixels per unit onto a new image of its
// bounds grown by margin units on every side, filled with the palette's
// background first. Shapes are anti-aliased; text is shaped and drawn in the
// embedded Noto Sans faces, as the canvas draws it.
func Raster(l *List, pal *Palette, scale, margin float64) *image.RGBA {
	pic := NewPicture(l, pal, scale, margin)
	img := image.NewRGBA(pic.Bounds())
	pic.Paint(img)
	return img
}

// Picture is a list placed for painting at a scale: a picture that can be
// painted whole or in bands of rows, by several goroutines at once, each
// band exactly as the whole painting has those rows.
type Picture struct {
	l      *List
	pal    *Palette
	s      float64
	ox, oy float64
	size   image.Rectangle
	rows   [][2]int // the pixel rows [from, to) each item may touch
}

// NewPicture places l at scale pixels per unit in its bounds grown by
// margin units on every side.
func NewPicture(l *List, pal *Palette, scale, margin float64) *Picture {
	area := l.Area(margin)
	w := max(1, int(math.Ceil(area.W*scale)))
	h := max(1, int(math.Ceil(area.H*scale)))
	pic := &Picture{l: l, pal: pal, s: scale, ox: area.X, oy: area.Y, size: image.Rect(0, 0, w, h),
		rows: make([][2]int, len(l.Items))}
	for i := range l.Items {
		pic.rows[i] = pic.itemRows(&l.Items[i])
	}
	return pic
}

// Bounds is the picture's rectangle in pixels, from the origin.
func (pic *Picture) Bounds() image.Rectangle { return pic.size }

// itemRows is a generous range of the pixel rows an item paints: it only
// spares a band the items far from it, so a few rows too many cost nothing.
func (pic *Picture) itemRows(it *Item) [2]int {
	r := it.reach().Inset(-it.Width - 1)
	if it.Kind == Text || it.Kind == Badge {
		// Text is centred on its box and may stand out of a small one;
		// painter.text pads its run by a quarter of the size.
		m := FontMetrics(it.Font, it.Size)
		mid := it.Box.Y + it.Box.H/2
		r = r.Union(model.Rect{X: it.Box.X, Y: mid - m.Height(), W: it.Box.W, H: 2 * m.Height()}.Inset(-it.Size/2 - 1))
	}
	return [2]int{int(math.Floor((r.Y-pic.oy)*pic.s)) - 2, int(math.Ceil((r.Y+r.H-pic.oy)*pic.s)) + 2}
}

// Paint fills dst with the background and paints onto it the items that
// touch its rows. dst's bounds are a part of the picture's (a band of rows,
// or the whole); a shape that crosses its edge is rasterised whole and laid
// down only inside, so bands painted apart join without a seam. Paint may
// be called from several goroutines at once, on different images.
func (pic *Picture) Paint(dst *image.RGBA) {
	p := getPainter()
	defer putPainter(p)
	p.img, p.full, p.pal, p.s, p.ox, p.oy = dst, pic.size, pic.pal, pic.s, pic.ox, pic.oy
	draw.Draw(dst, dst.Bounds(), &image.Uniform{C: pic.pal.Color(Background)}, image.Point{}, draw.Src)
	y0, y1 := dst.Rect.Min.Y, dst.Rect.Max.Y
	items := pic.l.Items
	for i := range items {
		if rows := pic.rows[i]; rows[1] > y0 && rows[0] < y1 {
			p.item(&items[i])
		}
	}
}

// painters keeps painters, with their rasteriser, shaper and faces, from
// one band and one export to the next: a shaper builds large tables for
// each face it meets (a sync.Pool loses them at every collection, and a
// large picture's painting collects often). It keeps one per processor.
var painters struct {
	sync.Mutex
	free []*painter
}

func getPainter() *painter {
	painters.Lock()
	defer painters.Unlock()
	if n := len(painters.free); n > 0 {
		p := painters.free[n-1]
		painters.free = painters.free[:n-1]
		return p
	}
	p := &painter{}
	// The shaper's cache of fonts holds none by default: it would build
	// a font's tables again for every text.
	p.shaper.SetFontCacheSize(len(p.faces))
	for i := range p.faces {
		if f, err := Face(assets.FontStyle(i)); err == nil {
			// A face caches glyph extents as it is used: shared between
			// goroutines it would be written by several at once.
			p.faces[i] = gotext.NewFace(f.Font)
		}
	}
	return p
}

func putPainter(p *painter) {
	p.img, p.pal = nil, nil
	if cap(p.scratch) > 1<<20 {
		p.scratch = nil // a rare large shape's: not worth keeping
	}
	painters.Lock()
	defer painters.Unlock()
	if len(painters.free) < runtime.GOMAXPROCS(0) {
		painters.free = append(painters.free, p)
	}
}

// Area is the part of the diagram a picture of l shows: its bounds grown by
// margin, out to whole units, so that at 100 % the picture's pixels are the
// canvas's pixels (which sit on whole units at that zoom).
func (l *List) Area(margin float64) model.Rect {
	a := l.Bounds.Inset(-margin)
	x0, y0 := math.Floor(a.X), math.Floor(a.Y)
	return model.Rect{X: x0, Y: y0, W: math.Ceil(a.X+a.W) - x0, H: math.Ceil(a.Y+a.H) - y0}
}

// painter draws items into img, a part of the picture full, mapping a unit
// point p to the pixel ((p.X−ox)·s, (p.Y−oy)·s).
type painter struct {
	img    *image.RGBA
	full   image.Rectangle
	pal    *Palette
	s      float64
	ox, oy float64
	z      vector.Rasterizer
	src    image.Uniform
	shaper shaping.HarfbuzzShaper
	// The rasteriser covers only the item's pixels: r is that rectangle.
	r       image.Rectangle
	buf     []uint8 // pixels of one run of text
	faces   [3]*gotext.Face
	scratch []uint8 // a shape that crosses the edge of img
}

func (p *painter) px(q model.Point) (float32, float32) {
	return float32((q.X-p.ox)*p.s) - float32(p.r.Min.X), float32((q.Y-p.oy)*p.s) - float32(p.r.Min.Y)
}

// begin readies the rasteriser for a shape within the unit rectangle u.
func (p *painter) begin(u model.Rect) bool {
	x0 := int(math.Floor((u.X - p.ox) * p.s))
	y0 := int(math.Floor((u.Y - p.oy) * p.s))
	x1 := int(math.Ceil((u.X+u.W-p.ox)*p.s)) + 1
	y1 := int(math.Ceil((u.Y+u.H-p.oy)*p.s)) + 1
	// The rectangle is cut to the picture, never to the part painted: the
	// rasteriser's arithmetic depends on the rectangle it covers.
	p.r = image.Rect(x0, y0, x1, y1).Intersect(p.full)
	if !p.r.Overlaps(p.img.Rect) {
		return false
	}
	p.z.Reset(p.r.Dx(), p.r.Dy())
	return true
}

func (p *painter) paint(role Role) {
	p.src.C = p.pal.Color(role)
	if p.r.In(p.img.Rect) {
		p.z.Draw(p.img, p.r, &p.src, image.Point{})
		return
	}
	// The shape crosses the edge of the part painted: it is laid over a
	// copy of the rows it shares with the part, in a scratch image of its
	// whole rectangle, and those rows are copied back.
	n := 4 * p.r.Dx() * p.r.Dy()
	if cap(p.scratch) < n {
		p.scratch = make([]uint8, n)
	}
	tmp := &image.RGBA{Pix: p.scratch[:n], Stride: 4 * p.r.Dx(), Rect: p.r}
	in := p.r.Intersect(p.img.Rect)
	draw.Draw(tmp, in, p.img, in.Min, draw.Src)
	p.z.Draw(tmp, p.r, &p.src, image.Point{})
	draw.Draw(p.img, in, tmp, in.Min, draw.Src)
}

func (p *painter) item(it *Item) {
	switch it.Kind {
	case Rect:
		if it.Fill != None && !p.fillOnPixels(it.Box, it.Fill) && p.begin(it.Box) {
			c := rectPoints(it.Box)
			p.polygon(c[:], false)
			p.paint(it.Fill)
		}
		if it.Stroke != None {
			c := rectPoints(it.Box)
			p.stroke(c[:], true, it.Width, it.Dash, it.Stroke)
		}
	case Circle:
		c, r := it.Box.Center(), math.Min(it.Box.W, it.Box.H)/2
		if it.Fill != None && p.begin(it.Box) {
			p.circle(c, r, false)
			p.paint(it.Fill)
		}
		if it.Stroke != None {
			p.strokeCircle(c, r, it)
		}
	case Line:
		p.stroke(it.Points, false, it.Width, it.Dash, it.Stroke)
	case Polygon:
		if it.Fill != None && p.begin(model.Bounds(it.Points)) {
			p.polygon(it.Points, false)
			p.paint(it.Fill)
		}
		if it.Stroke != None {
			p.stroke(it.Points, true, it.Width, it.Dash, it.Stroke)
		}
	case Arrow:
		if len(it.Points) == 2 {
			t := ArrowTriangle(it.Points[0], it.Points[1], it.Size)
			if p.begin(model.Bounds(t[:])) {
				p.polygon(t[:], false)
				p.paint(it.Stroke)
			}
		}
	case Text:
		p.text(it, it.Stroke)
	case Badge:
		if p.begin(it.Box) {
			p.circle(it.Box.Center(), math.Min(it.Box.W, it.Box.H)/2, false)
			p.paint(it.Fill)
		}
		p.text(it, it.Stroke)
	}
}

func rectPoints(r model.Rect) [4]model.Point {
	return [4]model.Point{{X: r.X, Y: r.Y}, {X: r.X + r.W, Y: r.Y}, {X: r.X + r.W, Y: r.Y + r.H}, {X: r.X, Y: r.Y + r.H}}
}

// fillOnPixels fills the box r with role's colour directly when its edges
// fall on pixel boundaries, where anti-aliasing has nothing to do and the
// rasteriser would only add cost; it reports whether it did.
func (p *painter) fillOnPixels(r model.Rect, role Role) bool {
	x0, y0 := (r.X-p.ox)*p.s, (r.Y-p.oy)*p.s
	x1, y1 := x0+r.W*p.s, y0+r.H*p.s
	for _, v := range [4]float64{x0, y0, x1, y1} {
		if v != math.Trunc(v) {
			return false
		}
	}
	p.src.C = p.pal.Color(role)
	draw.Draw(p.img, image.Rect(int(x0), int(y0), int(x1), int(y1)), &p.src, image.Point{}, draw.Over)
	return true
}

// polygon adds the closed polygon pts, wound positively or, with hole set,
// negatively: the rasteriser adds up windings, so every filled part must
// turn the same way and a hole the other.
func (p *painter) polygon(pts []model.Point, hole bool) {
	if len(pts) < 3 {
		return
	}
	area := 0.0
	for i := range pts {
		a, b := pts[i], pts[(i+1)%len(pts)]
		area += a.X*b.Y - b.X*a.Y
	}
	rev := (area < 0) != hole
	at := func(i int) model.Point {
		if rev {
			return pts[len(pts)-1-i]
		}
		return pts[i]
	}
	p.z.MoveTo(p.px(at(0)))
	for i := 1; i < len(pts); i++ {
		p.z.LineTo(p.px(at(i)))
	}
	p.z.ClosePath()
}

// circle adds a circle as four cubic arcs, positively or (hole) negatively.
func (p *painter) circle(c model.Point, r float64, hole bool) {
	const k = 0.5522847498 // control distance of a quarter circle, per radius
	x, y := p.px(c)
	rr := float32(r * p.s)
	d := k * rr
	if hole {
		d, rr = -d, -rr // mirrored in y: the same circle, wound the other way
	}
	p.z.MoveTo(x+abs32(rr), y)
	p.z.CubeTo(x+abs32(rr), y+d, x+abs32(d), y+rr, x, y+rr)
	p.z.CubeTo(x-abs32(d), y+rr, x-abs32(rr), y+d, x-abs32(rr), y)
	p.z.CubeTo(x-abs32(rr), y-d, x-abs32(d), y-rr, x, y-rr)
	p.z.CubeTo(x+abs32(d), y-rr, x+abs32(rr), y-d, x+abs32(rr), y)
	p.z.ClosePath()
}

func abs32(v float32) float32 { return float32(math.Abs(float64(v))) }

// stroke draws the polyline pts (closed when closed is set) width wide with
// butt ends and round joins, in dashes when dash says so. Each segment, join
// and dash is rasterised on its own, over its own few pixels: the box of a
// whole polyline (a boundary around a big diagram) would cost its area.
func (p *painter) stroke(pts []model.Point, closed bool, width float64, dash Dash, role Role) {
	if len(pts) < 2 || width <= 0 {
		return
	}
	if closed {
		pts = append(append([]model.Point(nil), pts...), pts[0])
	}
	hw := width / 2
	seg := func(a, b model.Point) { p.strokeSegment(a, b, hw, role) }
	on, off := dash.Pattern()
	if on > 0 {
		eachDash(pts, on, off, seg)
		return
	}
	for i := 1; i < len(pts); i++ {
		seg(pts[i-1], pts[i])
		if (i > 1 || closed) && p.begin(model.Rect{X: pts[i-1].X, Y: pts[i-1].Y}.Inset(-width)) {
			p.circle(pts[i-1], hw, false)
			p.paint(role)
		}
	}
}

func (p *painter) segment(a, b model.Point, hw float64) {
	if q, ok := segmentQuad(a, b, hw); ok {
		p.polygon(q[:], false)
	}
}

// segmentQuad is the outline of the segment a–b stroked hw either side,
// with butt ends; false when a and b coincide.
func segmentQuad(a, b model.Point, hw float64) ([4]model.Point, bool) {
	dx, dy := b.X-a.X, b.Y-a.Y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return [4]model.Point{}, false
	}
	nx, ny := -dy/l*hw, dx/l*hw
	return [4]model.Point{{X: a.X + nx, Y: a.Y + ny}, {X: b.X + nx, Y: b.Y + ny}, {X: b.X - nx, Y: b.Y - ny}, {X: a.X - nx, Y: a.Y - ny}}, true
}

// strokeSegment paints one stroked segment. The rasteriser's cost is the
// area it covers, and the box of a long slanted line is mostly empty: such a
// line is painted in bands of rows, each over the part of the row the line
// crosses. Bands do not overlap, so no pixel is painted twice.
func (p *painter) strokeSegment(a, b model.Point, hw float64, role Role) {
	q, ok := segmentQuad(a, b, hw)
	if !ok {
		return
	}
	var px [4]model.Point // the outline in pixels
	for i, v := range q {
		px[i] = model.Point{X: (v.X - p.ox) * p.s, Y: (v.Y - p.oy) * p.s}
	}
	bb := model.Bounds(px[:])
	const band, small = 16, 4096
	if bb.W*bb.H <= small || bb.W < 2*band || bb.H < 2*band {
		if p.begin(model.Bounds(q[:]).Inset(-1 / p.s)) {
			p.polygon(q[:], false)
			p.paint(role)
		}
		return
	}
	for y0 := math.Floor(bb.Y); y0 < bb.Y+bb.H; y0 += band {
		y1 := y0 + band
		lo, hi := math.Inf(1), math.Inf(-1)
		for i := range px {
			e0, e1 := px[i], px[(i+1)%4]
			top, bot := math.Max(y0, math.Min(e0.Y, e1.Y)), math.Min(y1, math.Max(e0.Y, e1.Y))
			if top > bot {
				continue
			}
			for _, y := range [2]float64{top, bot} {
				x := e0.X
				if e1.Y != e0.Y {
					x = e0.X + (e1.X-e0.X)*(y-e0.Y)/(e1.Y-e0.Y)
				} else {
					lo, hi = math.Min(lo, e1.X), math.Max(hi, e1.X)
				}
				lo, hi = math.Min(lo, x), math.Max(hi, x)
			}
		}
		if lo > hi {
			continue
		}
		p.r = image.Rect(int(math.Floor(lo))-1, int(y0), int(math.Ceil(hi))+1, int(y1)).Intersect(p.full)
		if !p.r.Overlaps(p.img.Rect) {
			continue
		}
		p.z.Reset(p.r.Dx(), p.r.Dy())
		p.polygon(q[:], false)
		p.paint(role)
	}
}

// strokeCircle outlines a circle: a ring, or for a dashed one chords, each
// the dash part of one dash-and-gap step of the circumference, as the
// canvas draws it.
func (p *painter) strokeCircle(c model.Point, r float64, it *Item) {
	hw := it.Width / 2
	if !p.begin(model.Rect{X: c.X - r, Y: c.Y - r, W: 2 * r, H: 2 * r}.Inset(-it.Width)) {
		return
	}
	on, off := it.Dash.Pattern()
	if on == 0 {
		p.circle(c, r+hw, false)
		if r > hw {
			p.circle(c, r-hw, true)
		}
	} else {
		EachCircleDash(c, r, on, off, func(a, b model.Point) { p.segment(a, b, hw) })
	}
	p.paint(it.Stroke)
}

// eachDash calls f with the ends of every dash along the polyline pts, the
// pattern running on across its corners.
func eachDash(pts []model.Point, on, off float64, f func(a, b model.Point)) {
	pos := 0.0 // where in the on+off step the next segment starts
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		l := math.Hypot(b.X-a.X, b.Y-a.Y)
		if l == 0 {
			continue
		}
		at := func(t float64) model.Point { return model.Point{X: a.X + (b.X-a.X)*t/l, Y: a.Y + (b.Y-a.Y)*t/l} }
		for s := -pos; s < l; s += on + off {
			if e := math.Min(s+on, l); e > 0 {
				f(at(math.Max(s, 0)), at(e))
			}
		}
		pos = math.Mod(pos+l, on+off)
	}
}

// EachCircleDash calls f with the ends of the chords a dashed circle of
// radius r about c is drawn as.
func EachCircleDash(c model.Point, r, on, off float64, f func(a, b model.Point)) {
	steps := max(int(2*math.Pi*r/(on+off)), 4)
	step := 2 * math.Pi / float64(steps)
	part := step * on / (on + off)
	at := func(a float64) model.Point { return model.Point{X: c.X + r*math.Cos(a), Y: c.Y + r*math.Sin(a)} }
	for i := range steps {
		a := float64(i) * step
		f(at(a), at(a+part))
	}
}

// text draws it.Text in colour role, aligned in it.Box and centred on it
// vertically, its baseline where TextOrigin puts it.
func (p *painter) text(it *Item, role Role) {
	if it.Text == "" || it.Size*p.s < 1 {
		return
	}
	face := p.face(it.Font)
	if face == nil {
		return
	}
	runes := []rune(it.Text)
	run := p.shaper.Shape(shaping.Input{
		Text: runes, RunEnd: len(runes), Direction: di.DirectionLTR,
		Face: face, Size: fixed.Int26_6(it.Size * 64),
	})
	o := TextOrigin(it, float64(run.Advance)/64)
	m := FontMetrics(it.Font, it.Size)
	// go-text's renderer rasterises over the whole of the image it is
	// given: the run is drawn into an image of its own size, then over.
	pad := int(math.Ceil(it.Size*p.s/4)) + 1 // glyphs overhang their advance a little
	x := int(math.Round((o.X-p.ox)*p.s)) - pad
	top := int(math.Floor((o.Y-m.Ascent-p.oy)*p.s)) - pad
	base := int(math.Round((o.Y-p.oy)*p.s)) - top
	w := int(math.Ceil(float64(run.Advance)/64*p.s)) + 2*pad
	h := int(math.Ceil(m.Height()*p.s)) + 2*pad
	at := image.Rect(x, top, x+w, top+h)
	vis := at.Intersect(p.img.Bounds())
	if vis.Empty() {
		return
	}
	if n := 4 * w * h; cap(p.buf) < n {
		p.buf = make([]uint8, n)
	}
	txt := &image.RGBA{Pix: p.buf[:4*w*h], Stride: 4 * w, Rect: image.Rect(0, 0, w, h)}
	clear(txt.Pix)
	r := render.Renderer{FontSize: float32(it.Size), PixScale: float32(p.s), Color: color.Color(p.pal.Color(role))}
	r.DrawShapedRunAt(run, txt, pad, base)
	draw.Draw(p.img, vis, txt, vis.Min.Sub(at.Min), draw.Over)
}

// face is the painter's own face of style s (the regular one for a style
// there is none of); nil when the fonts could not be parsed.
func (p *painter) face(s assets.FontStyle) *gotext.Face {
	if s < 0 || int(s) >= len(p.faces) {
		s = assets.Regular
	}
	return p.faces[s]
}

// TextOrigin is where a text item of the given advance width starts its
// baseline: aligned across the box, and the line (ascent plus descent)
// centred in the box's height.
func TextOrigin(it *Item, advance float64) model.Point {
	m := FontMetrics(it.Font, it.Size)
	x := it.Box.X
	if it.Align == Center {
		x += (it.Box.W - advance) / 2
	}
	return model.Point{X: x, Y: it.Box.Y + (it.Box.H-m.Height())/2 + m.Ascent}
}
