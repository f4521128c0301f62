package report

import (
	"bufio"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/drawing"
	"github.com/threatboard/threatboard/model"
)

// WriteSVG writes the display list l as an SVG image: the same shapes,
// dashes, arrowheads, text and colours as the canvas and the PNG export, in
// vectors. Consecutive items of one object are grouped with its ID in a
// data-id attribute. The output depends only on l and opt.
func WriteSVG(w io.Writer, l *drawing.List, opt ImageOptions) error {
	opt, err := opt.resolve(l)
	if err != nil {
		return fmt.Errorf("write SVG: %w", err)
	}
	s := svgWriter{pal: opt.palette(), buf: make([]byte, 0, 256+len(l.Items)*96)}
	area := l.Area(opt.Margin)
	s.str(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	s.str(`<svg xmlns="http://www.w3.org/2000/svg" width="`)
	s.num(area.W * opt.Scale)
	s.str(`" height="`)
	s.num(area.H * opt.Scale)
	s.str(`" viewBox="`)
	s.nums(area.X, area.Y, area.W, area.H)
	s.str(`" font-family="'Noto Sans', sans-serif">` + "\n")
	s.str(`<rect`)
	s.attrs("x", area.X, "y", area.Y, "width", area.W, "height", area.H)
	s.color("fill", drawing.Background)
	s.str("/>\n")
	group := ""
	for i := range l.Items {
		it := &l.Items[i]
		if it.ID != group {
			if group != "" {
				s.str("</g>\n")
			}
			if group = it.ID; group != "" {
				s.str(`<g data-id="`)
				s.text(group)
				s.str("\">\n")
			}
		}
		s.item(it)
	}
	if group != "" {
		s.str("</g>\n")
	}
	s.str("</svg>\n")
	bw := bufio.NewWriter(w)
	if _, err := bw.Write(s.buf); err != nil {
		return fmt.Errorf("write SVG: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write SVG: %w", err)
	}
	return nil
}

// svgWriter appends SVG markup to buf.
type svgWriter struct {
	pal *drawing.Palette
	buf []byte
}

func (s *svgWriter) str(v string) { s.buf = append(s.buf, v...) }

// num writes v rounded to a hundredth of a unit, without trailing zeros.
func (s *svgWriter) num(v float64) {
	v = math.Round(v*100) / 100
	if v == 0 {
		v = 0 // no "-0"
	}
	s.buf = strconv.AppendFloat(s.buf, v, 'f', -1, 64)
}

func (s *svgWriter) nums(vs ...float64) {
	for i, v := range vs {
		if i > 0 {
			s.buf = append(s.buf, ' ')
		}
		s.num(v)
	}
}

// attrs writes name="value" pairs: names and float64 values alternating.
func (s *svgWriter) attrs(kv ...any) {
	for i := 0; i+1 < len(kv); i += 2 {
		s.str(" " + kv[i].(string) + `="`)
		s.num(kv[i+1].(float64))
		s.str(`"`)
	}
}

func (s *svgWriter) points(pts []model.Point) {
	s.str(` points="`)
	for i, p := range pts {
		if i > 0 {
			s.buf = append(s.buf, ' ')
		}
		s.num(p.X)
		s.buf = append(s.buf, ',')
		s.num(p.Y)
	}
	s.str(`"`)
}

// color writes attribute name as the colour of role r, or none.
func (s *svgWriter) color(name string, r drawing.Role) {
	if r == drawing.None {
		s.str(" " + name + `="none"`)
		return
	}
	c := s.pal.Color(r)
	s.str(" " + name + `="` + hexColor(c) + `"`)
	if c.A != 0xff {
		s.str(" " + name + `-opacity="`)
		s.num(float64(c.A) / 255)
		s.str(`"`)
	}
}

func hexColor(c color.NRGBA) string {
	const hex = "0123456789abcdef"
	return string([]byte{'#', hex[c.R>>4], hex[c.R&15], hex[c.G>>4], hex[c.G&15], hex[c.B>>4], hex[c.B&15]})
}

// stroke writes the stroke's colour, width and dashes.
func (s *svgWriter) stroke(it *drawing.Item) {
	s.color("stroke", it.Stroke)
	if it.Stroke == drawing.None {
		return
	}
	s.attrs("stroke-width", it.Width)
	if on, off := it.Dash.Pattern(); on > 0 {
		s.str(` stroke-dasharray="`)
		s.nums(on, off)
		s.str(`"`)
	}
}

func (s *svgWriter) item(it *drawing.Item) {
	switch it.Kind {
	case drawing.Rect:
		s.str("<rect")
		s.attrs("x", it.Box.X, "y", it.Box.Y, "width", it.Box.W, "height", it.Box.H)
		s.color("fill", it.Fill)
		s.stroke(it)
		s.str("/>\n")
	case drawing.Circle:
		c := it.Box.Center()
		s.str("<circle")
		s.attrs("cx", c.X, "cy", c.Y, "r", math.Min(it.Box.W, it.Box.H)/2)
		s.color("fill", it.Fill)
		s.stroke(it)
		s.str("/>\n")
	case drawing.Line:
		s.str("<polyline")
		s.points(it.Points)
		s.str(` fill="none" stroke-linejoin="round"`)
		s.stroke(it)
		s.str("/>\n")
	case drawing.Polygon:
		s.str("<polygon")
		s.points(it.Points)
		s.color("fill", it.Fill)
		s.stroke(it)
		s.str("/>\n")
	case drawing.Arrow:
		if len(it.Points) == 2 {
			t := drawing.ArrowTriangle(it.Points[0], it.Points[1], it.Size)
			s.str("<polygon")
			s.points(t[:])
			s.color("fill", it.Stroke)
			s.str("/>\n")
		}
	case drawing.Badge:
		c := it.Box.Center()
		s.str("<circle")
		s.attrs("cx", c.X, "cy", c.Y, "r", math.Min(it.Box.W, it.Box.H)/2)
		s.color("fill", it.Fill)
		s.str("/>\n")
		s.textItem(it)
	case drawing.Text:
		s.textItem(it)
	}
}

// textItem writes a text item with its baseline where the PNG puts it;
// centred text is anchored at its middle, so that a viewer's own font
// metrics shift it no more than half the difference.
func (s *svgWriter) textItem(it *drawing.Item) {
	if it.Text == "" {
		return
	}
	w := drawing.TextWidth(it.Text, it.Font, it.Size)
	o := drawing.TextOrigin(it, w)
	x, anchor := o.X, ""
	if it.Align == drawing.Center {
		x, anchor = o.X+w/2, ` text-anchor="middle"`
	}
	s.str("<text")
	s.attrs("x", x, "y", o.Y, "font-size", it.Size)
	switch it.Font {
	case assets.Bold:
		s.str(` font-weight="bold"`)
	case assets.Italic:
		s.str(` font-style="italic"`)
	}
	s.str(anchor)
	s.color("fill", it.Stroke)
	s.str(">")
	s.text(it.Text)
	s.str("</text>\n")
}

// text writes v escaped for XML character data and attribute values;
// characters XML 1.0 does not allow become U+FFFD.
func (s *svgWriter) text(v string) {
	for _, r := range v {
		switch {
		case r == '<':
			s.str("&lt;")
		case r == '>':
			s.str("&gt;")
		case r == '&':
			s.str("&amp;")
		case r == '"':
			s.str("&quot;")
		case r == '\t' || r == '\n' || r == '\r':
			s.buf = append(s.buf, ' ')
		case r < 0x20 || r >= 0xd800 && r < 0xe000 || r == 0xfffe || r == 0xffff:
			s.str("\uFFFD")
		default:
			s.buf = utf8.AppendRune(s.buf, r)
		}
	}
}
