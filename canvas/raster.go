package canvas

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"github.com/go-text/render"
	"github.com/go-text/typesetting/di"
	gotext "github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// layer is the static part of the diagram drawn into one image while a drag
// is in progress. Fyne's GL painter issues a draw call per line, circle,
// rectangle, triangle and text, and a software GL pays dearly for each: with
// the layer a drag frame paints one texture plus the few objects that move.
//
// The layer rasterises the very objects the renderer built for the static
// views, with the geometry Fyne's software painter gives them (its pixel
// rounding, its stroke widths centred on outlines, butt line ends, the
// theme's fonts), so that the image looks like the objects it stands for.
type layer struct {
	raster *canvas.Raster
	objs   []fyne.CanvasObject // the static objects, in paint order
	size   fyne.Size           // the widget's size when objs were listed
	img    *image.RGBA
	drawn  bool // img holds objs at img's size
	z      vector.Rasterizer
	src    image.Uniform
	th     fyne.Theme
	fonts  map[fyne.TextStyle]*gotext.Face
	shaper shaping.HarfbuzzShaper
	buf    []uint8                 // pixels of one label
	seen   map[[4]float32]struct{} // the lines of one batch added so far
}

// set lists the objects of the static views for the next paint.
func (l *layer) set(th fyne.Theme, size fyne.Size, order []*view) {
	l.release()
	for _, v := range order {
		if v.visible && !v.live {
			l.objs = append(l.objs, v.objs...)
		}
	}
	l.ready(th, size)
}

// list makes objs, in paint order, the objects of the next paint.
func (l *layer) list(th fyne.Theme, size fyne.Size, objs []fyne.CanvasObject) {
	l.release()
	l.objs = append(l.objs, objs...)
	l.ready(th, size)
}

// ready has the raster drawn afresh at the widget's size at the next paint.
func (l *layer) ready(th fyne.Theme, size fyne.Size) {
	if th != l.th {
		l.th, l.fonts = th, nil
	}
	l.size = size
	l.drawn = false
	l.raster.Resize(size)
	canvas.Refresh(l.raster)
}

// release lets go of the objects listed last, which the diagram may have dropped.
func (l *layer) release() {
	clear(l.objs[:cap(l.objs)])
	l.objs = l.objs[:0]
}

// generate is the raster's generator: the painter asks for the image in
// pixels, w×h, and gets the one drawn for the current objects.
func (l *layer) generate(w, h int) image.Image {
	if l.img == nil || l.img.Bounds().Dx() != w || l.img.Bounds().Dy() != h {
		l.img = image.NewRGBA(image.Rect(0, 0, w, h))
		l.drawn = false
	}
	if !l.drawn {
		s := float32(1)
		if l.size.Width > 0 {
			s = float32(w) / l.size.Width
		}
		l.draw(s)
		l.drawn = true
	}
	return l.img
}

// batchLines is the shortest run of lines of one colour and width that
// draw rasterises together: one pass over the run's pixels instead of one
// per line, which for the tens of thousands of lines of a hostile file's
// boundary is the difference between a second and minutes.
const batchLines = 256

// draw paints the objects into img at s pixels per unit.
func (l *layer) draw(s float32) {
	clear(l.img.Pix)
	for i := 0; i < len(l.objs); i++ {
		switch o := l.objs[i].(type) {
		case *canvas.Rectangle:
			l.rect(o, s)
		case *canvas.Circle:
			l.circle(o, s)
		case *canvas.Line:
			n := l.run(i)
			if n >= batchLines {
				l.lines(l.objs[i:i+n], s)
			} else {
				for _, o := range l.objs[i : i+n] {
					l.line(o.(*canvas.Line), s)
				}
			}
			i += n - 1 // each run is measured once
		case *canvas.Polygon:
			l.polygon(o, s)
		case *canvas.Text:
			l.text(o, s)
		case *canvas.Raster:
			// A view drawn into an image of its own (see view.flat), the
			// widget's size as this one.
			if o.Generator != nil {
				b := l.img.Bounds()
				draw.Draw(l.img, b, o.Generator(b.Dx(), b.Dy()), image.Point{}, draw.Over)
			}
		}
	}
}

// run is how many lines from objs[i] on share the first's colour and width.
func (l *layer) run(i int) int {
	first := l.objs[i].(*canvas.Line)
	n := 1
	for _, o := range l.objs[i+1:] {
		ln, ok := o.(*canvas.Line)
		if !ok || ln.StrokeColor != first.StrokeColor || ln.StrokeWidth != first.StrokeWidth {
			break
		}
		n++
	}
	return n
}

// px is Fyne's conversion of a position to a pixel: rounded up.
func px(v, s float32) int { return int(math.Ceil(float64(v * s))) }

// rnd is Fyne's conversion of a length inside a shape's own image: rounded.
func rnd(v, s float32) float32 { return float32(math.Round(float64(v * s))) }

// begin readies the rasteriser for a shape whose own image (as Fyne's
// painter makes it) has its top-left corner at pixel (x, y) and is w×h
// pixels; it returns the offset to add to coordinates in that image, and
// false when none of it is in view.
func (l *layer) begin(x, y, w, h int) (dx, dy float32, r image.Rectangle, ok bool) {
	r = image.Rect(x, y, x+w, y+h).Intersect(l.img.Bounds())
	if r.Empty() {
		return 0, 0, r, false
	}
	l.z.Reset(r.Dx(), r.Dy())
	return float32(x - r.Min.X), float32(y - r.Min.Y), r, true
}

func (l *layer) fill(r image.Rectangle, c color.Color) {
	l.src.C = c
	l.z.Draw(l.img, r, &l.src, image.Point{})
}

func (l *layer) rect(o *canvas.Rectangle, s float32) {
	pos, size := o.Position(), o.Size()
	if o.StrokeColor == nil || o.StrokeWidth <= 0 {
		// Fyne fills an unstroked rectangle's pixels without anti-aliasing.
		if o.FillColor == nil {
			return
		}
		x, y := px(pos.X, s), px(pos.Y, s)
		r := image.Rect(x, y, x+px(size.Width, s), y+px(size.Height, s)).Intersect(l.img.Bounds())
		if r.Empty() {
			return
		}
		l.z.Reset(r.Dx(), r.Dy())
		box(&l.z, 0, 0, float32(r.Dx()), float32(r.Dy()), false)
		l.fill(r, o.FillColor)
		return
	}
	pad := o.StrokeWidth + 2
	w, h := int(rnd(size.Width+2*pad, s)), int(rnd(size.Height+2*pad, s))
	p := rnd(pad, s)
	x0, y0, x1, y1 := p, p, rnd(size.Width, s)+p, rnd(size.Height, s)+p
	if o.FillColor != nil {
		if dx, dy, r, ok := l.begin(px(pos.X-pad, s), px(pos.Y-pad, s), w, h); ok {
			box(&l.z, x0+dx, y0+dy, x1+dx, y1+dy, false)
			l.fill(r, o.FillColor)
		}
	}
	if dx, dy, r, ok := l.begin(px(pos.X-pad, s), px(pos.Y-pad, s), w, h); ok {
		hw := rnd(o.StrokeWidth, s) / 2
		box(&l.z, x0+dx-hw, y0+dy-hw, x1+dx+hw, y1+dy+hw, false)
		box(&l.z, x0+dx+hw, y0+dy+hw, x1+dx-hw, y1+dy-hw, true)
		l.fill(r, o.StrokeColor)
	}
}

func (l *layer) circle(o *canvas.Circle, s float32) {
	pos, size := o.Position(), o.Size()
	stroked := o.StrokeColor != nil && o.StrokeWidth > 0
	pad := float32(1)
	if stroked {
		pad = o.StrokeWidth + 2
	}
	w, h := int(rnd(size.Width+2*pad, s)), int(rnd(size.Height+2*pad, s))
	x, y := px(pos.X-pad, s), px(pos.Y-pad, s)
	cx, cy := float32(w/2), float32(h/2)
	rad := rnd(min(size.Width, size.Height)/2, s)
	if o.FillColor != nil {
		if dx, dy, r, ok := l.begin(x, y, w, h); ok {
			ellipse(&l.z, cx+dx, cy+dy, rad, false)
			l.fill(r, o.FillColor)
		}
	}
	if stroked {
		if dx, dy, r, ok := l.begin(x, y, w, h); ok {
			hw := rnd(o.StrokeWidth, s) / 2
			ellipse(&l.z, cx+dx, cy+dy, rad+hw, false)
			if rad > hw {
				ellipse(&l.z, cx+dx, cy+dy, rad-hw, true)
			}
			l.fill(r, o.StrokeColor)
		}
	}
}

func (l *layer) line(o *canvas.Line, s float32) {
	if o.StrokeColor == nil || o.StrokeWidth <= 0 {
		return
	}
	pos, size := o.Position(), o.Size()
	pad := o.StrokeWidth + 2
	w, h := int(rnd(size.Width+2*pad, s)), int(rnd(size.Height+2*pad, s))
	dx, dy, r, ok := l.begin(px(pos.X-pad, s), px(pos.Y-pad, s), w, h)
	if !ok {
		return
	}
	if ax, ay, bx, by, sw, ok := l.ends(o, s); ok {
		l.quad(ax+dx, ay+dy, bx+dx, by+dy, sw)
		l.fill(r, o.StrokeColor)
	}
}

// lines paints lines of one colour and width as one shape, each where line
// would paint it: overlaps add up to full cover rather than blending.
func (l *layer) lines(objs []fyne.CanvasObject, s float32) {
	first := objs[0].(*canvas.Line)
	if first.StrokeColor == nil || first.StrokeWidth <= 0 {
		return
	}
	pad := first.StrokeWidth + 2
	var all image.Rectangle
	for _, o := range objs {
		pos, size := o.Position(), o.Size()
		x, y := px(pos.X-pad, s), px(pos.Y-pad, s)
		all = all.Union(image.Rect(x, y, x+int(rnd(size.Width+2*pad, s)), y+int(rnd(size.Height+2*pad, s))))
	}
	r := all.Intersect(l.img.Bounds())
	if r.Empty() {
		return
	}
	l.z.Reset(r.Dx(), r.Dy())
	// Lines that land on the same pixels (a file's path running back and
	// forth over itself) are added once: the rasteriser's cost is per edge.
	if l.seen == nil {
		l.seen = make(map[[4]float32]struct{})
	}
	clear(l.seen)
	for _, o := range objs {
		pos := o.Position()
		// The offset of the line's own image in r, as begin gives it.
		dx, dy := float32(px(pos.X-pad, s)-r.Min.X), float32(px(pos.Y-pad, s)-r.Min.Y)
		ax, ay, bx, by, sw, ok := l.ends(o.(*canvas.Line), s)
		if !ok {
			continue
		}
		ax, ay, bx, by = ax+dx, ay+dy, bx+dx, by+dy
		k := [4]float32{ax, ay, bx, by}
		if ax > bx || ax == bx && ay > by {
			k = [4]float32{bx, by, ax, ay}
		}
		if _, dup := l.seen[k]; dup {
			continue
		}
		l.seen[k] = struct{}{}
		l.quad(ax, ay, bx, by, sw)
	}
	l.fill(r, first.StrokeColor)
	if len(l.seen) > 1<<16 {
		l.seen = nil // a rare hostile file's: not worth keeping
	}
}

// ends is where line paints the line in its own image: its ends and its
// width in pixels; false when it has no length.
func (l *layer) ends(o *canvas.Line, s float32) (ax, ay, bx, by, sw float32, ok bool) {
	pos := o.Position()
	pad := o.StrokeWidth + 2
	sw = max(rnd(o.StrokeWidth, s), 1)
	ax, ay = rnd(o.Position1.X-pos.X+pad, s), rnd(o.Position1.Y-pos.Y+pad, s)
	bx, by = rnd(o.Position2.X-pos.X+pad, s), rnd(o.Position2.Y-pos.Y+pad, s)
	if sw <= 1.5 { // as Fyne's painter does, to draw a 1-pixel line on a pixel
		if ax == bx {
			ax, bx = ax-0.5, bx-0.5
		}
		if ay == by {
			ay, by = ay-0.5, by-0.5
		}
	}
	return ax, ay, bx, by, sw, ax != bx || ay != by
}

// quad adds the stroke sw wide from a to b to the rasteriser.
func (l *layer) quad(ax, ay, bx, by, sw float32) {
	l2 := float32(math.Hypot(float64(bx-ax), float64(by-ay)))
	nx, ny := -(by-ay)/l2*sw/2, (bx-ax)/l2*sw/2 // butt ends, as Fyne's
	// Fyne's stroker covers a line's body twice, which saturates the
	// anti-aliased edges of slanted lines: the same quad twice does too.
	for range 2 {
		l.z.MoveTo(ax+nx, ay+ny)
		l.z.LineTo(bx+nx, by+ny)
		l.z.LineTo(bx-nx, by-ny)
		l.z.LineTo(ax-nx, ay-ny)
		l.z.ClosePath()
	}
}

// polygon draws a regular polygon as Fyne does: circumradius half the
// smaller side, first vertex up at angle 0, rotated clockwise by Angle.
func (l *layer) polygon(o *canvas.Polygon, s float32) {
	if o.FillColor == nil || o.Sides < 3 {
		return
	}
	pos, size := o.Position(), o.Size()
	w, h := int(rnd(size.Width, s)), int(rnd(size.Height, s))
	dx, dy, r, ok := l.begin(px(pos.X, s), px(pos.Y, s), w, h)
	if !ok {
		return
	}
	cx, cy := float64(w/2)+float64(dx), float64(h/2)+float64(dy)
	rad := float64(rnd(min(size.Width, size.Height)/2, s))
	step := 2 * math.Pi / float64(o.Sides)
	a0 := float64(o.Angle)*math.Pi/180 - math.Pi/2
	for i := range int(o.Sides) {
		a := a0 + step*float64(i)
		x, y := float32(cx+rad*math.Cos(a)), float32(cy+rad*math.Sin(a))
		if i == 0 {
			l.z.MoveTo(x, y)
		} else {
			l.z.LineTo(x, y)
		}
	}
	l.z.ClosePath()
	l.fill(r, o.FillColor)
}

// text draws a label as Fyne's painter does: shaped by HarfBuzz (kerning
// included) and rasterised by go-text, the library Fyne draws text with,
// into an image of the label's measured size that is aligned in the
// object's box and centred vertically, the baseline at the ascent rounded up.
func (l *layer) text(o *canvas.Text, s float32) {
	if o.Text == "" || o.Color == nil {
		return
	}
	face := l.face(o.TextStyle)
	if face == nil {
		return
	}
	pos, box := o.Position(), o.Size()
	bounds, _ := fyne.CurrentApp().Driver().RenderedTextSize(o.Text, o.TextSize, o.TextStyle, nil)
	var offX, offY, pad float32
	switch o.Alignment {
	case fyne.TextAlignTrailing:
		offX = box.Width - bounds.Width
	case fyne.TextAlignCenter:
		offX = (box.Width - bounds.Width) / 2
	}
	if box.Height > bounds.Height {
		offY = (box.Height - bounds.Height) / 2
	}
	if o.TextStyle.Italic {
		pad = o.TextSize / 5 // room for the slant, as Fyne leaves
	}
	x, y := px(pos.X+offX, s), px(pos.Y+offY, s)
	w, h := px(bounds.Width+pad, s), px(bounds.Height, s)
	at := image.Rect(x, y, x+w, y+h)
	vis := at.Intersect(l.img.Bounds())
	if vis.Empty() {
		return
	}
	if n := 4 * w * h; cap(l.buf) < n {
		l.buf = make([]uint8, n)
	}
	txt := &image.RGBA{Pix: l.buf[:4*w*h], Stride: 4 * w, Rect: image.Rect(0, 0, w, h)}
	clear(txt.Pix)
	runes := []rune(o.Text)
	run := l.shaper.Shape(shaping.Input{
		Text: runes, RunEnd: len(runes), Direction: di.DirectionLTR,
		Face: face, Size: fixed.Int26_6(float64(o.TextSize) * 64),
	})
	r := render.Renderer{FontSize: o.TextSize, PixScale: s, Color: o.Color}
	base := int(math.Ceil(float64(run.LineBounds.Ascent) / 64 * float64(s)))
	r.DrawShapedRunAt(run, txt, 0, base)
	draw.Draw(l.img, vis, txt, vis.Min.Sub(at.Min), draw.Over)
}

// face is the theme's font for style, parsed once per theme.
func (l *layer) face(style fyne.TextStyle) *gotext.Face {
	if f, ok := l.fonts[style]; ok {
		return f
	}
	if l.fonts == nil {
		l.fonts = make(map[fyne.TextStyle]*gotext.Face)
	}
	f, err := gotext.ParseTTF(bytes.NewReader(l.th.Font(style).Content()))
	if err != nil {
		fyne.LogError("parse the theme's font for the canvas layer", err)
		f = nil
	}
	l.fonts[style] = f
	return f
}

// box adds the rectangle x0,y0–x1,y1 to z, clockwise or, with reverse set,
// counter-clockwise (a hole in a clockwise shape).
func box(z *vector.Rasterizer, x0, y0, x1, y1 float32, reverse bool) {
	z.MoveTo(x0, y0)
	if reverse {
		z.LineTo(x0, y1)
		z.LineTo(x1, y1)
		z.LineTo(x1, y0)
	} else {
		z.LineTo(x1, y0)
		z.LineTo(x1, y1)
		z.LineTo(x0, y1)
	}
	z.ClosePath()
}

// ellipse adds the circle of radius r about cx,cy to z as four cubic arcs,
// clockwise or, with reverse set, counter-clockwise.
func ellipse(z *vector.Rasterizer, cx, cy, r float32, reverse bool) {
	const k = 0.5522847498 // control distance of a quarter circle, per radius
	c := k * r
	z.MoveTo(cx+r, cy)
	if reverse {
		z.CubeTo(cx+r, cy-c, cx+c, cy-r, cx, cy-r)
		z.CubeTo(cx-c, cy-r, cx-r, cy-c, cx-r, cy)
		z.CubeTo(cx-r, cy+c, cx-c, cy+r, cx, cy+r)
		z.CubeTo(cx+c, cy+r, cx+r, cy+c, cx+r, cy)
	} else {
		z.CubeTo(cx+r, cy+c, cx+c, cy+r, cx, cy+r)
		z.CubeTo(cx-c, cy+r, cx-r, cy+c, cx-r, cy)
		z.CubeTo(cx-r, cy-c, cx-c, cy-r, cx, cy-r)
		z.CubeTo(cx+c, cy-r, cx+r, cy-c, cx+r, cy)
	}
	z.ClosePath()
}
