package interop

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/threatboard/threatboard/model"
)

// draw.io (diagrams.net) import: every page of an mxfile becomes a use case
// diagram, or an attack tree when the page draws one. docs/IMPORT.md lists
// the shape rules; drawio_shapes.go holds them as a table.
const (
	// drawioMaxInflated bounds one compressed page once inflated, and
	// drawioMaxInflatedTotal all pages of a file together: a real page is a
	// few hundred kilobytes, a deflate bomb is refused as soon as it passes.
	drawioMaxInflated      = 32 << 20
	drawioMaxInflatedTotal = 64 << 20
	// drawioMaxCells bounds the cells of a file, all pages together: the
	// model takes at most 100,000 elements in a diagram.
	drawioMaxCells = 100_000
	// drawioMaxCoord bounds every coordinate: far beyond any drawing, small
	// enough that sizes and sums stay exact.
	drawioMaxCoord = 1e7
)

// importDrawIO imports a .drawio/.xml file, or a .drawio.svg or .drawio.png
// with the diagram embedded.
func importDrawIO(data []byte) (*Result, error) {
	return drawioImporter{newID: model.NewID}.run(data)
}

type drawioImporter struct {
	newID func() string
}

// drawioPage is one <diagram> of an mxfile, its graph model parsed.
type drawioPage struct {
	name  string
	model *xnode // <mxGraphModel>
}

func (imp drawioImporter) run(data []byte) (*Result, error) {
	pages, err := drawioPages(data)
	if err != nil {
		return nil, err
	}
	m := &model.Model{ID: imp.newID()}
	r := &Result{Model: m, Format: DrawIO}
	cells := 0
	for i, p := range pages {
		if p.name == "" {
			p.name = "Page " + strconv.Itoa(i+1)
		}
		pc, err := readDrawioCells(p, &cells)
		if err != nil {
			return nil, fmt.Errorf("page %q: %w", p.name, err)
		}
		if pc.isAttackTree() {
			imp.attackTrees(m, r, pc)
			continue
		}
		m.Diagrams = append(m.Diagrams, imp.diagram(r, pc))
	}
	switch {
	case len(m.Diagrams) > 0:
		m.Title = m.Diagrams[0].Title
	case len(m.AttackTrees) > 0:
		m.Title = m.AttackTrees[0].Title
	}
	return r, nil
}

// drawioPages finds the pages of a draw.io file in any of its containers.
func drawioPages(data []byte) ([]drawioPage, error) {
	if bytes.HasPrefix(data, pngSignature) {
		text, err := pngMxfile(data)
		if err != nil {
			return nil, err
		}
		data = text
	}
	root, err := parseXML(data)
	if err != nil {
		return nil, err
	}
	if root.name == "svg" {
		content := root.attr("content")
		if content == "" {
			return nil, errors.New("an SVG without a draw.io diagram (no content attribute on <svg>)")
		}
		if root, err = drawioSVGContent(content); err != nil {
			return nil, fmt.Errorf("the diagram in the SVG's content attribute: %w", err)
		}
	}
	switch root.name {
	case "mxGraphModel":
		return []drawioPage{{model: root}}, nil
	case "mxfile":
	default:
		return nil, fmt.Errorf("line %d: root element <%s>, want <mxfile> or <mxGraphModel>", root.line, root.name)
	}
	var pages []drawioPage
	inflated := 0
	for _, d := range root.children {
		if d.name != "diagram" {
			continue
		}
		p := drawioPage{name: d.attr("name")}
		if gm := d.child("mxGraphModel"); gm != nil {
			p.model = gm
		} else {
			gm, err := inflatePage(d.text, &inflated)
			if err != nil {
				return nil, fmt.Errorf("line %d: page %q: %w", d.line, p.name, err)
			}
			p.model = gm
		}
		pages = append(pages, p)
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("line %d: an <mxfile> without any <diagram> page", root.line)
	}
	return pages, nil
}

// drawioSVGContent reads the content attribute of a .drawio.svg: the
// mxfile XML itself, or (older versions) that XML compressed like a page.
func drawioSVGContent(content string) (*xnode, error) {
	if strings.HasPrefix(strings.TrimSpace(content), "<") {
		return parseXML([]byte(content))
	}
	total := 0
	return inflatePage(content, &total)
}

// inflatePage decodes a compressed page: base64, raw deflate, then URL
// (percent) encoding. total counts the inflated bytes of the whole file.
func inflatePage(payload string, total *int) (*xnode, error) {
	payload = strings.TrimSpace(payload)
	if payload == "" {
		return nil, errors.New("an empty page")
	}
	raw, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(payload), ""))
	if err != nil {
		return nil, fmt.Errorf("a compressed page that is not base64: %w", err)
	}
	limit := min(drawioMaxInflated, drawioMaxInflatedTotal-*total)
	zr := flate.NewReader(bytes.NewReader(raw))
	defer zr.Close()
	inflated, err := io.ReadAll(io.LimitReader(zr, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("a compressed page that does not inflate: %w", err)
	}
	if len(inflated) > limit {
		return nil, fmt.Errorf("the compressed page inflates beyond %d MiB, the limit (of one page %d MiB, of all pages %d MiB)",
			limit>>20, drawioMaxInflated>>20, drawioMaxInflatedTotal>>20)
	}
	*total += len(inflated)
	text, err := url.PathUnescape(string(inflated))
	if err != nil {
		return nil, fmt.Errorf("a compressed page whose text is not URL-encoded: %w", err)
	}
	gm, err := parseXML([]byte(text))
	if err != nil {
		return nil, fmt.Errorf("the inflated page: %w", err)
	}
	if gm.name != "mxGraphModel" {
		return nil, fmt.Errorf("the inflated page has root <%s>, want <mxGraphModel>", gm.name)
	}
	return gm, nil
}

// drawioCell is one mxCell, unwrapped from its UserObject if it had one.
type drawioCell struct {
	id, parent     string
	value          string // the label, HTML stripped when the style says html=1
	style          drawioStyle
	vertex, edge   bool
	source, target string
	geo            *xnode // <mxGeometry>, or nil
	line           int
	userObject     bool
	attrs          []xml.Attr // a UserObject's own attributes: custom properties

	abs     model.Rect // vertex bounds in page coordinates
	absDone bool
	shape   shapeRule // what the vertex is, once classified
}

// drawioPageCells is a page's cells in document order, with lookups.
type drawioPageCells struct {
	name  string
	cells []*drawioCell
	byID  map[string]*drawioCell
	// labels holds the label cells of each edge, by edge ID.
	labels map[string][]*drawioCell
}

func readDrawioCells(p drawioPage, count *int) (*drawioPageCells, error) {
	root := p.model.child("root")
	pc := &drawioPageCells{name: p.name, byID: map[string]*drawioCell{}, labels: map[string][]*drawioCell{}}
	if root == nil {
		return pc, nil
	}
	for _, n := range root.children {
		c := &drawioCell{line: n.line}
		switch n.name {
		case "mxCell":
			c.readCell(n)
			c.id = n.attr("id")
			c.value = n.attr("value")
		case "UserObject", "object":
			inner := n.child("mxCell")
			if inner == nil {
				return nil, fmt.Errorf("line %d: <%s id=%q> without an <mxCell>", n.line, n.name, n.attr("id"))
			}
			c.readCell(inner)
			c.id = n.attr("id")
			c.value = n.attr("label")
			c.userObject = true
			c.attrs = n.attrs
		default:
			continue
		}
		if c.id == "" {
			return nil, fmt.Errorf("line %d: a cell without an id", n.line)
		}
		if pc.byID[c.id] != nil {
			return nil, fmt.Errorf("line %d: a second cell with id %q", n.line, c.id)
		}
		*count++
		if *count > drawioMaxCells {
			return nil, fmt.Errorf("line %d: more than %d cells in the file, the limit", n.line, drawioMaxCells)
		}
		if c.style.get("html") == "1" {
			c.value = stripHTML(c.value)
		} else {
			c.value = strings.TrimSpace(c.value)
		}
		if err := c.checkGeometry(); err != nil {
			return nil, fmt.Errorf("line %d: cell %q: %w", c.line, c.id, err)
		}
		pc.cells = append(pc.cells, c)
		pc.byID[c.id] = c
	}
	for _, c := range pc.cells {
		if p := pc.byID[c.parent]; p != nil && p.edge && c.vertex {
			pc.labels[p.id] = append(pc.labels[p.id], c)
		}
	}
	return pc, nil
}

func (c *drawioCell) readCell(n *xnode) {
	c.parent = n.attr("parent")
	c.style = parseStyle(n.attr("style"))
	c.vertex = n.attr("vertex") == "1"
	c.edge = n.attr("edge") == "1"
	c.source = n.attr("source")
	c.target = n.attr("target")
	c.geo = n.child("mxGeometry")
}

// checkGeometry refuses coordinates that are not numbers, not finite or
// beyond drawioMaxCoord, anywhere in the cell's geometry.
func (c *drawioCell) checkGeometry() error {
	if c.geo == nil {
		return nil
	}
	check := func(n *xnode) error {
		for _, k := range []string{"x", "y", "width", "height"} {
			if !n.hasAttr(k) {
				continue
			}
			v, err := strconv.ParseFloat(n.attr(k), 64)
			switch {
			case err != nil:
				return fmt.Errorf("%s=%q is not a number", k, n.attr(k))
			case math.IsNaN(v) || math.IsInf(v, 0):
				return fmt.Errorf("%s=%q is not a finite number", k, n.attr(k))
			case math.Abs(v) > drawioMaxCoord:
				return fmt.Errorf("%s=%s is beyond ±%g, the limit", k, n.attr(k), drawioMaxCoord)
			}
		}
		return nil
	}
	if err := check(c.geo); err != nil {
		return err
	}
	for _, ch := range c.geo.children {
		if err := check(ch); err != nil {
			return err
		}
		for _, p := range ch.children {
			if err := check(p); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *drawioCell) attrValue(key string) string {
	for _, a := range c.attrs {
		if a.Name.Local == key {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// num reads a numeric attribute already checked by checkGeometry.
func num(n *xnode, key string) float64 {
	if n == nil {
		return 0
	}
	v, _ := strconv.ParseFloat(n.attr(key), 64)
	return v
}

// bounds returns a vertex's rectangle in page coordinates: the geometry of
// a child cell is relative to its parent vertex (a group or container).
func (pc *drawioPageCells) bounds(c *drawioCell) model.Rect {
	var depth int
	var walk func(c *drawioCell) model.Rect
	walk = func(c *drawioCell) model.Rect {
		if c.absDone {
			return c.abs
		}
		g := c.geo
		r := model.Rect{X: num(g, "x"), Y: num(g, "y"), W: num(g, "width"), H: num(g, "height")}
		depth++
		if p := pc.byID[c.parent]; p != nil && p.vertex && depth < xmlMaxDepth {
			pr := walk(p)
			if g != nil && g.attr("relative") == "1" {
				off := g.child("mxPoint")
				r.X = pr.X + r.X*pr.W + num(off, "x")
				r.Y = pr.Y + r.Y*pr.H + num(off, "y")
			} else {
				r.X += pr.X
				r.Y += pr.Y
			}
		}
		c.abs, c.absDone = r, true
		return r
	}
	return walk(c)
}

// origin is where the coordinates of c's children start: the top-left
// corner of c when it is a vertex, else the page origin.
func (pc *drawioPageCells) origin(id string) model.Point {
	if p := pc.byID[id]; p != nil && p.vertex {
		r := pc.bounds(p)
		return model.Point{X: r.X, Y: r.Y}
	}
	return model.Point{}
}

// stripHTML turns an HTML label into plain text: tags dropped, line breaks
// kept from <br> and block ends, entities decoded, spaces collapsed.
func stripHTML(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			b.WriteString(s[i : i+j])
			i += j
			continue
		}
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		tag := strings.ToLower(strings.TrimLeft(s[i+1:i+j], "/ "))
		if k := strings.IndexAny(tag, " \t\n/"); k >= 0 {
			tag = tag[:k]
		}
		switch tag {
		case "br", "div", "p", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol":
			b.WriteByte('\n')
		case "td", "th":
			b.WriteByte(' ')
		}
		i += j + 1
	}
	text := html.UnescapeString(b.String())
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}
