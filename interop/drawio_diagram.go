package interop

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/threatboard/threatboard/model"
)

// Sizes given to a vertex drawn without one.
var drawioDefaultSize = map[shapeKind]model.Point{
	shapeActor: {X: 120, Y: 60}, shapeHuman: {X: 40, Y: 80}, shapeProcess: {X: 80, Y: 80},
	shapeMultiProcess: {X: 80, Y: 80}, shapeStore: {X: 120, Y: 60}, shapeBoundaryBox: {X: 200, Y: 150},
	shapeBoundaryLine: {X: 20, Y: 120}, shapeText: {X: 120, Y: 40}, shapeOther: {X: 120, Y: 40},
}

// drawioDiagram builds one use case diagram from a page.
type drawioDiagram struct {
	imp   drawioImporter
	r     *Result
	pc    *drawioPageCells
	d     *model.Diagram
	elems map[string]*model.Element // by cell ID
	// centres holds each element's centre by element ID while markers are
	// placed.
	centres map[string]model.Point
}

func (imp drawioImporter) diagram(r *Result, pc *drawioPageCells) *model.Diagram {
	b := &drawioDiagram{imp: imp, r: r, pc: pc, elems: map[string]*model.Element{},
		d: &model.Diagram{ID: imp.newID(), Title: pc.name}}
	var tags []*drawioCell
	for _, c := range pc.cells {
		if !c.vertex {
			continue
		}
		if p := pc.byID[c.parent]; p != nil && p.edge {
			continue // an edge label, read with its edge
		}
		rule, _ := classify(c.style)
		c.shape = rule
		switch rule.Kind {
		case shapeContainer:
		case shapeText:
			if c.value == "" {
				b.note(c, "an empty text cell, left out")
				continue
			}
			if c.userObject || drawioTagColours[strings.ToLower(c.style.get("fillColor"))] != "" {
				tags = append(tags, c)
				continue
			}
			b.element(c, model.Note)
		case shapeGate:
			b.element(c, model.Note)
			b.note(c, "an attack-tree gate on a page that also draws a data flow diagram: kept as a text note")
		case shapeActor, shapeHuman:
			e := b.element(c, model.Actor)
			e.Human = rule.Kind == shapeHuman
		case shapeProcess:
			b.element(c, model.Process)
		case shapeMultiProcess:
			b.element(c, model.MultiProcess)
		case shapeStore:
			b.element(c, model.Store)
		case shapeBoundaryBox:
			b.boundaryBox(c, rule)
		case shapeBoundaryLine:
			b.boundaryArc(c)
		default:
			e := b.element(c, model.Note)
			what := c.style.shape()
			if what == "" {
				what = "(none)"
			}
			if e.Name == "" {
				e.Name = what
			}
			b.note(c, fmt.Sprintf("shape %q is not a threat-modeling shape: kept as a text note", what))
		}
	}
	for _, c := range pc.cells {
		if c.edge {
			b.edge(c)
		}
	}
	b.tags(tags)
	return b.d
}

// where names a cell for a note; an edge by its label, which may sit on
// label cells of its own.
func (b *drawioDiagram) where(c *drawioCell) string {
	label := strings.ReplaceAll(c.value, "\n", " ")
	if c.edge {
		label = oneLine(b.edgeLabel(c))
	}
	if label == "" {
		return fmt.Sprintf("diagram %q › cell %q", b.d.Title, c.id)
	}
	return fmt.Sprintf("diagram %q › cell %q (%s)", b.d.Title, c.id, label)
}

func (b *drawioDiagram) note(c *drawioCell, msg string) {
	b.r.Notes = append(b.r.Notes, Note{Where: b.where(c), Message: msg})
}

// rect is a vertex's bounds in page coordinates, with a default size when
// it was drawn without one.
func (b *drawioDiagram) rect(c *drawioCell) model.Rect {
	r := b.pc.bounds(c)
	if !(r.W > 0 && r.H > 0) {
		size := drawioDefaultSize[c.shape.Kind]
		b.note(c, fmt.Sprintf("drawn with size %gx%g: given %gx%g", r.W, r.H, size.X, size.Y))
		r.W, r.H = size.X, size.Y
	}
	return r
}

func (b *drawioDiagram) element(c *drawioCell, k model.Kind) *model.Element {
	e := &model.Element{ID: b.imp.newID(), Kind: k, Bounds: b.rect(c)}
	e.Name = c.value
	b.d.Elements = append(b.d.Elements, e)
	b.elems[c.id] = e
	if c.userObject && k != model.Note {
		b.userObjectProps(c, e)
	}
	return e
}

func (b *drawioDiagram) boundaryBox(c *drawioCell, rule shapeRule) {
	b.d.Boundaries = append(b.d.Boundaries, &model.Boundary{ID: b.imp.newID(), Name: c.value, Shape: model.BoundaryBox, Bounds: b.rect(c)})
	if rule.Style == "swimlane" {
		b.note(c, "a swimlane container, read as a trust boundary box")
	}
}

// boundaryArc turns a requiredInterface shape into a line boundary: the
// arc drawn in its box, bulging to the side its direction names.
func (b *drawioDiagram) boundaryArc(c *drawioCell) {
	r := b.rect(c)
	// A cubic Bézier whose control points sit 4/3 of the box away peaks
	// exactly at the box's far side.
	var p0, p1, p2, p3 model.Point
	const k = 4.0 / 3
	switch c.style.get("direction") {
	case "west":
		p0, p3 = model.Point{X: r.X + r.W, Y: r.Y}, model.Point{X: r.X + r.W, Y: r.Y + r.H}
		p1, p2 = model.Point{X: r.X + r.W - k*r.W, Y: r.Y}, model.Point{X: r.X + r.W - k*r.W, Y: r.Y + r.H}
	case "north":
		p0, p3 = model.Point{X: r.X, Y: r.Y + r.H}, model.Point{X: r.X + r.W, Y: r.Y + r.H}
		p1, p2 = model.Point{X: r.X, Y: r.Y + r.H - k*r.H}, model.Point{X: r.X + r.W, Y: r.Y + r.H - k*r.H}
	case "south":
		p0, p3 = model.Point{X: r.X, Y: r.Y}, model.Point{X: r.X + r.W, Y: r.Y}
		p1, p2 = model.Point{X: r.X, Y: r.Y + k*r.H}, model.Point{X: r.X + r.W, Y: r.Y + k*r.H}
	default: // east
		p0, p3 = model.Point{X: r.X, Y: r.Y}, model.Point{X: r.X, Y: r.Y + r.H}
		p1, p2 = model.Point{X: r.X + k*r.W, Y: r.Y}, model.Point{X: r.X + k*r.W, Y: r.Y + r.H}
	}
	const steps = 8
	pts := make([]model.Point, 0, steps+1)
	for i := 0; i <= steps; i++ {
		t := float64(i) / steps
		u := 1 - t
		pts = append(pts, model.Point{
			X: u*u*u*p0.X + 3*u*u*t*p1.X + 3*u*t*t*p2.X + t*t*t*p3.X,
			Y: u*u*u*p0.Y + 3*u*u*t*p1.Y + 3*u*t*t*p2.Y + t*t*t*p3.Y,
		})
	}
	b.d.Boundaries = append(b.d.Boundaries, &model.Boundary{ID: b.imp.newID(), Name: c.value, Shape: model.BoundaryLine, Points: pts})
}

// tagReach is how far from a flow's line a marker may sit and still be
// read as placed on that flow: flows are drawn curved or orthogonal, the
// line through their ends and waypoints only approximates them.
const tagReach = 30

// drawioTagWork bounds the position tests of placing markers (markers
// times elements and flows): a real page has tens of markers, a hostile
// one could ask for billions.
const drawioTagWork = 20_000_000

// tags places the markers, or, past drawioTagWork, keeps them all as text
// notes with one note that says why.
func (b *drawioDiagram) tags(tags []*drawioCell) {
	if len(tags) == 0 {
		return
	}
	if len(tags)*(len(b.d.Elements)+len(b.d.Flows)) > drawioTagWork {
		for _, c := range tags {
			b.element(c, model.Note)
		}
		b.r.Notes = append(b.r.Notes, Note{Where: fmt.Sprintf("diagram %q", b.d.Title),
			Message: fmt.Sprintf("%d markers are too many to place on %d elements and flows by position: kept as text notes", len(tags), len(b.d.Elements)+len(b.d.Flows))})
		return
	}
	b.centres = make(map[string]model.Point, len(b.d.Elements))
	for _, e := range b.d.Elements {
		b.centres[e.ID] = e.Bounds.Center()
	}
	for _, c := range tags {
		b.tag(c)
	}
}

// tag attaches a tag cell (the library's asset, control and threat-actor
// markers) to the element under its centre or the flow it sits on, or
// keeps it as a text note.
func (b *drawioDiagram) tag(c *drawioCell) {
	r := b.rect(c)
	centre := r.Center()
	what := drawioTagColours[strings.ToLower(c.style.get("fillColor"))]
	if what == "" {
		what = "tag"
	}
	label := strings.ReplaceAll(c.value, "\n", " ")
	add := func(tags *[]string, kind, name string) {
		if !slices.Contains(*tags, label) {
			*tags = append(*tags, label)
		}
		b.note(c, fmt.Sprintf("%s marker placed on %s %q: added to its tags", article(what), kind, oneLine(name)))
	}
	for _, e := range slices.Backward(b.d.Elements) {
		if e.Kind != model.Note && e.Bounds.Contains(centre) {
			add(&e.Tags, e.Kind.String(), e.Name)
			return
		}
	}
	var near *model.Flow
	best := float64(tagReach)
	for _, f := range b.d.Flows {
		if d := b.flowDistance(f, centre); d <= best {
			near, best = f, d
		}
	}
	if near != nil {
		name := near.Name
		if name == "" {
			name = b.elementName(near.From) + " → " + b.elementName(near.To)
		}
		add(&near.Tags, "flow", name)
		return
	}
	b.element(c, model.Note)
	for _, bd := range b.d.Boundaries {
		if bd.Shape == model.BoundaryBox && bd.Bounds.Contains(centre) {
			b.note(c, fmt.Sprintf("%s marker on boundary %q, and boundaries carry no tags: kept as a text note", article(what), oneLine(bd.Name)))
			return
		}
	}
	b.note(c, fmt.Sprintf("%s marker on no element or flow: kept as a text note", article(what)))
}

// flowDistance is how far p is from the straight line through a flow's
// element centres and waypoints.
func (b *drawioDiagram) flowDistance(f *model.Flow, p model.Point) float64 {
	from, ok1 := b.centres[f.From]
	to, ok2 := b.centres[f.To]
	if !ok1 || !ok2 {
		return math.Inf(1)
	}
	line := slices.Concat([]model.Point{from}, f.Waypoints, []model.Point{to})
	best := math.Inf(1)
	for i := 1; i < len(line); i++ {
		best = min(best, segmentDistance(p, line[i-1], line[i]))
	}
	return best
}

func segmentDistance(p, a, b model.Point) float64 {
	d := b.Sub(a)
	l2 := d.X*d.X + d.Y*d.Y
	t := 0.0
	if l2 > 0 {
		t = max(0, min(1, ((p.X-a.X)*d.X+(p.Y-a.Y)*d.Y)/l2))
	}
	q := model.Point{X: a.X + t*d.X, Y: a.Y + t*d.Y}
	return math.Hypot(p.X-q.X, p.Y-q.Y)
}

func article(word string) string {
	if strings.ContainsRune("aeiou", rune(word[0])) {
		return "an " + word
	}
	return "a " + word
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

// userObjectProps maps the custom properties of a UserObject wrapper onto
// an element; the ones the model has no field for become "key: value" tags.
func (b *drawioDiagram) userObjectProps(c *drawioCell, e *model.Element) {
	for _, a := range c.attrs {
		k, v := a.Name.Local, strings.TrimSpace(a.Value)
		if v == "" {
			continue
		}
		switch strings.ToLower(k) {
		case "id", "label", "placeholders", "link", "tags":
		case "description", "tooltip":
			e.Description = v
		case "owner":
			e.Owner = v
		case "technology":
			e.Technology = v
		default:
			e.Tags = append(e.Tags, k+": "+v)
			b.note(c, fmt.Sprintf("custom property %q kept as the tag %q", k, k+": "+v))
		}
	}
	if t := c.attrValue("tags"); t != "" {
		e.Tags = append(e.Tags, strings.Fields(t)...)
	}
}

// edgePoints returns an edge's free end points (nil when the end is
// attached) and waypoints, in page coordinates.
func (b *drawioDiagram) edgePoints(c *drawioCell) (src, dst *model.Point, way []model.Point) {
	o := b.pc.origin(c.parent)
	at := func(n *xnode) model.Point { return model.Point{X: o.X + num(n, "x"), Y: o.Y + num(n, "y")} }
	if c.geo == nil {
		return nil, nil, nil
	}
	for _, ch := range c.geo.children {
		switch {
		case ch.name == "mxPoint" && ch.attr("as") == "sourcePoint":
			p := at(ch)
			src = &p
		case ch.name == "mxPoint" && ch.attr("as") == "targetPoint":
			p := at(ch)
			dst = &p
		case ch.name == "Array" && ch.attr("as") == "points":
			for _, p := range ch.children {
				if p.name == "mxPoint" {
					way = append(way, at(p))
				}
			}
		}
	}
	return src, dst, way
}

// edgeLabel joins an edge's own value and the labels of its label cells.
func (b *drawioDiagram) edgeLabel(c *drawioCell) string {
	var parts []string
	if c.value != "" {
		parts = append(parts, c.value)
	}
	for _, l := range b.pc.labels[c.id] {
		if l.value != "" {
			parts = append(parts, l.value)
		}
	}
	return strings.Join(parts, "\n")
}

func (b *drawioDiagram) edge(c *drawioCell) {
	start, end := c.style.arrow("start"), c.style.arrow("end")
	label := b.edgeLabel(c)
	src, dst, way := b.edgePoints(c)
	if !start && !end && c.style.get("dashed") == "1" {
		b.boundaryEdge(c, label, src, dst, way)
		return
	}
	from, to := b.elems[c.source], b.elems[c.target]
	if from == nil || to == nil || !from.Kind.Connectable() || !to.Kind.Connectable() {
		b.note(c, "a flow needs an actor, process or store at both ends; this edge has "+
			b.endWord(c.source, from)+" and "+b.endWord(c.target, to)+": left out")
		return
	}
	f := &model.Flow{ID: b.imp.newID(), From: from.ID, To: to.ID, Waypoints: way}
	f.Name = label
	switch {
	case start && end:
		f.Bidirectional = true
	case start:
		f.From, f.To = f.To, f.From
		slices.Reverse(f.Waypoints)
	case !end:
		b.note(c, "an edge without arrowheads: read as a flow from its source to its target")
	}
	if enc, ok := protocolLabels[strings.ToUpper(strings.TrimSpace(label))]; ok {
		f.Protocol = strings.TrimSpace(label)
		f.Encrypted = enc
		msg := fmt.Sprintf("protocol %q taken from the label", f.Protocol)
		if enc {
			msg += ", and the flow marked encrypted"
		}
		b.note(c, msg)
	}
	b.d.Flows = append(b.d.Flows, f)
}

// endWord describes an edge end for a note.
func (b *drawioDiagram) endWord(id string, e *model.Element) string {
	switch {
	case id == "":
		return "a free end"
	case e == nil:
		return fmt.Sprintf("cell %q (not an element)", id)
	case !e.Kind.Connectable():
		return fmt.Sprintf("text note %q", oneLine(e.Name))
	}
	return fmt.Sprintf("%s %q", e.Kind, oneLine(e.Name))
}

func (b *drawioDiagram) elementName(id string) string {
	for _, e := range b.d.Elements {
		if e.ID == id {
			return e.Name
		}
	}
	return id
}

// boundaryEdge turns a dashed edge without arrows into a line boundary
// through its ends and waypoints.
func (b *drawioDiagram) boundaryEdge(c *drawioCell, label string, src, dst *model.Point, way []model.Point) {
	end := func(id string, free *model.Point) (model.Point, bool) {
		if free != nil && id == "" {
			return *free, true
		}
		if cell := b.pc.byID[id]; cell != nil && cell.vertex {
			return b.pc.bounds(cell).Center(), true
		}
		if free != nil {
			return *free, true
		}
		return model.Point{}, false
	}
	p0, ok0 := end(c.source, src)
	p1, ok1 := end(c.target, dst)
	pts := slices.Concat(cond(ok0, []model.Point{p0}), way, cond(ok1, []model.Point{p1}))
	if len(pts) < 2 {
		b.note(c, "a dashed line without two points to draw it through: left out")
		return
	}
	b.d.Boundaries = append(b.d.Boundaries, &model.Boundary{ID: b.imp.newID(), Name: label, Shape: model.BoundaryLine, Points: pts})
}

func cond(ok bool, p []model.Point) []model.Point {
	if ok {
		return p
	}
	return nil
}

// isAttackTree reports a page that draws an attack tree: gates, and no
// process, store or boundary of a data flow diagram.
func (pc *drawioPageCells) isAttackTree() bool {
	gates := 0
	for _, c := range pc.cells {
		if !c.vertex {
			continue
		}
		switch r, _ := classify(c.style); r.Kind {
		case shapeGate:
			gates++
		case shapeProcess, shapeMultiProcess, shapeStore, shapeBoundaryBox, shapeBoundaryLine:
			return false
		}
	}
	return gates > 0
}
