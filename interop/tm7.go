package interop

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/threatboard/threatboard/model"
)

// Microsoft Threat Modeling Tool (.tm7) import. A .tm7 file is XML written
// by .NET's DataContract serializer; it is read by local names, so the
// namespaces and prefixes of a given version do not matter. docs/IMPORT.md
// lists the mappings; tm7_map.go holds them as tables.

// tm7MaxCoord bounds every coordinate, as drawioMaxCoord does for draw.io.
const tm7MaxCoord = 1e7

// tm7SnapWork bounds the element tests of joining loose flow ends to the
// element they touch, over a whole file: a real model has a few loose
// ends, a hostile one could have a hundred thousand.
const tm7SnapWork = 10_000_000

// importTM7 imports a Threat Modeling Tool model.
func importTM7(data []byte) (*Result, error) {
	return tm7Importer{newID: model.NewID}.run(data)
}

type tm7Importer struct {
	newID func() string
}

// tm7Run is the state of one import.
type tm7Run struct {
	tm7Importer
	r  *Result
	kb tm7KnowledgeBase
	// By the tool's GUIDs, across all drawing surfaces: what threats link to.
	elements map[string]*tm7Placed
	flows    map[string]*tm7PlacedFlow
	snapWork int // element tests spent on loose flow ends, see tm7SnapWork
}

type tm7Placed struct {
	e     *model.Element
	where string
}

type tm7PlacedFlow struct {
	f     *model.Flow
	where string
}

func (imp tm7Importer) run(data []byte) (*Result, error) {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, errors.New("the file is a zip archive, not a Threat Modeling Tool model: a .tm7 file is XML (the tool saves \"<ThreatModel …>\")")
	}
	root, err := parseXML(data)
	if err != nil {
		return nil, fmt.Errorf("not a Threat Modeling Tool model: %w", err)
	}
	if root.name != "ThreatModel" {
		return nil, fmt.Errorf("line %d: root element <%s>, want <ThreatModel>", root.line, root.name)
	}
	run := &tm7Run{
		tm7Importer: imp,
		r:           &Result{Model: &model.Model{ID: imp.newID()}, Format: TMT},
		kb:          readKnowledgeBase(root.child("KnowledgeBase")),
		elements:    map[string]*tm7Placed{},
		flows:       map[string]*tm7PlacedFlow{},
	}
	for i, s := range childrenNamed(root.child("DrawingSurfaceList"), "DrawingSurfaceModel") {
		d, err := run.surface(s, i)
		if err != nil {
			return nil, err
		}
		run.r.Model.Diagrams = append(run.r.Model.Diagrams, d)
	}
	run.meta(root)
	if err := run.threats(root.child("ThreatInstances")); err != nil {
		return nil, err
	}
	return run.r, nil
}

func childrenNamed(n *xnode, name string) []*xnode {
	if n == nil {
		return nil
	}
	var out []*xnode
	for _, c := range n.children {
		if c.name == name {
			out = append(out, c)
		}
	}
	return out
}

// nilOrText is an element's text, or "" when it is marked i:nil.
func nilOrText(n *xnode) string {
	if n == nil || n.attr("nil") == "true" {
		return ""
	}
	return strings.TrimSpace(n.text)
}

// tm7Prop is one display attribute of a stencil: its label and the value
// it holds (for a list, the selected entry).
type tm7Prop struct {
	display string
	value   string
	header  bool
}

func readProps(n *xnode) []tm7Prop {
	var out []tm7Prop
	if n == nil {
		return nil
	}
	for _, a := range n.children {
		p := tm7Prop{display: a.childText("DisplayName")}
		typ := a.attr("type")
		p.header = strings.HasSuffix(typ, "HeaderDisplayAttribute")
		v := a.child("Value")
		switch {
		case v == nil || v.attr("nil") == "true":
		case len(v.children) > 0:
			sel, err := strconv.Atoi(a.childText("SelectedIndex"))
			if err == nil && sel >= 0 && sel < len(v.children) {
				p.value = strings.TrimSpace(v.children[sel].text)
			}
		default:
			p.value = strings.TrimSpace(v.text)
		}
		out = append(out, p)
	}
	return out
}

// tm7Stencil is one entry of a surface's Borders or Lines.
type tm7Stencil struct {
	n       *xnode
	guid    string
	itype   string // the i:type attribute without its prefix
	generic string // GenericTypeId
	typeID  string // TypeId
	props   []tm7Prop
}

func readStencil(kv *xnode) *tm7Stencil {
	v := kv.child("Value")
	if v == nil {
		return nil
	}
	st := &tm7Stencil{n: v, guid: kv.childText("Key"), generic: v.childText("GenericTypeId"), typeID: v.childText("TypeId"),
		props: readProps(v.child("Properties"))}
	st.itype = v.attr("type")
	if i := strings.IndexByte(st.itype, ':'); i >= 0 {
		st.itype = st.itype[i+1:]
	}
	if st.guid == "" {
		st.guid = v.childText("Guid")
	}
	return st
}

func (st *tm7Stencil) prop(display string) (string, bool) {
	for _, p := range st.props {
		if !p.header && strings.EqualFold(p.display, display) {
			return p.value, true
		}
	}
	return "", false
}

func (st *tm7Stencil) name() string {
	v, _ := st.prop("Name")
	return v
}

// coord reads a numeric child such as Left or HandleX.
func (st *tm7Stencil) coord(name string) (float64, error) {
	c := st.n.child(name)
	if c == nil {
		return 0, nil
	}
	s := strings.TrimSpace(c.text)
	v, err := strconv.ParseFloat(s, 64)
	switch {
	case err != nil:
		return 0, fmt.Errorf("line %d: %s %q is not a number", c.line, name, s)
	case math.IsNaN(v) || math.IsInf(v, 0):
		return 0, fmt.Errorf("line %d: %s %q is not a finite number", c.line, name, s)
	case math.Abs(v) > tm7MaxCoord:
		return 0, fmt.Errorf("line %d: %s %s is beyond ±%g, the limit", c.line, name, s, tm7MaxCoord)
	}
	return v, nil
}

func (st *tm7Stencil) coords(names ...string) ([]float64, error) {
	out := make([]float64, len(names))
	for i, n := range names {
		v, err := st.coord(n)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// surface reads one drawing surface (a diagram tab) into a diagram.
func (run *tm7Run) surface(s *xnode, i int) (*model.Diagram, error) {
	title := s.childText("Header")
	if title == "" {
		title = "Diagram " + strconv.Itoa(i+1)
	}
	d := &model.Diagram{ID: run.newID(), Title: title}
	local := map[string]*model.Element{}
	for _, kv := range childrenNamed(s.child("Borders"), "KeyValueOfguidanyType") {
		st := readStencil(kv)
		if st == nil {
			continue
		}
		if err := run.border(d, st, local); err != nil {
			return nil, fmt.Errorf("diagram %q: %w", title, err)
		}
	}
	for _, kv := range childrenNamed(s.child("Lines"), "KeyValueOfguidanyType") {
		st := readStencil(kv)
		if st == nil {
			continue
		}
		if err := run.line(d, st, local); err != nil {
			return nil, fmt.Errorf("diagram %q: %w", title, err)
		}
	}
	return d, nil
}

func (run *tm7Run) note(where, msg string) {
	run.r.Notes = append(run.r.Notes, Note{Where: where, Message: msg})
}

func (run *tm7Run) where(d *model.Diagram, what, name, guid string) string {
	if name == "" {
		return fmt.Sprintf("diagram %q › %s %s", d.Title, what, guid)
	}
	return fmt.Sprintf("diagram %q › %s %q", d.Title, what, oneLine(name))
}

func (run *tm7Run) border(d *model.Diagram, st *tm7Stencil, local map[string]*model.Element) error {
	kind, how := run.kb.kind(st)
	name := st.name()
	c, err := st.coords("Left", "Top", "Width", "Height")
	if err != nil {
		return fmt.Errorf("stencil %s: %w", st.guid, err)
	}
	r := model.Rect{X: c[0], Y: c[1], W: c[2], H: c[3]}
	where := run.where(d, tm7KindWord(kind), name, st.guid)
	if !(r.W > 0 && r.H > 0) {
		r.W, r.H = 100, 100
		run.note(where, fmt.Sprintf("drawn with size %gx%g: given 100x100", c[2], c[3]))
	}
	if how != "" {
		run.note(where, how)
	}
	switch kind {
	case tm7BoundaryBox:
		d.Boundaries = append(d.Boundaries, &model.Boundary{ID: run.newID(), Name: name, Shape: model.BoundaryBox, Bounds: r})
		run.leftoverProps(where, st, nil, nil)
		return nil
	case tm7Unknown:
		run.note(where, fmt.Sprintf("stencil type %q (%s) is not a kind Threatboard knows: kept as a text note", st.generic, st.itype))
		kind = tm7Annotation
	}
	e := &model.Element{ID: run.newID(), Kind: tm7ElementKinds[kind], Bounds: r}
	e.Name = name
	if kind == tm7Annotation && e.Name == "" {
		e.Name = st.takeText()
	}
	if t := run.kb.templateName(st.typeID); t != "" && !strings.HasPrefix(t, "Generic ") && kind != tm7Annotation {
		e.Technology = t
	}
	run.leftoverProps(where, st, e, nil)
	d.Elements = append(d.Elements, e)
	local[st.guid] = e
	run.elements[st.guid] = &tm7Placed{e: e, where: where}
	return nil
}

// takeText removes and returns the first non-empty property value: an
// annotation's text.
func (st *tm7Stencil) takeText() string {
	for i, p := range st.props {
		if !p.header && p.value != "" {
			st.props = append(st.props[:i:i], st.props[i+1:]...)
			return p.value
		}
	}
	return ""
}

func (run *tm7Run) line(d *model.Diagram, st *tm7Stencil, local map[string]*model.Element) error {
	kind, how := run.kb.kind(st)
	name := st.name()
	where := run.where(d, tm7KindWord(kind), name, st.guid)
	if how != "" {
		run.note(where, how)
	}
	c, err := st.coords("SourceX", "SourceY", "HandleX", "HandleY", "TargetX", "TargetY")
	if err != nil {
		return fmt.Errorf("line %s: %w", st.guid, err)
	}
	src, handle, dst := model.Point{X: c[0], Y: c[1]}, model.Point{X: c[2], Y: c[3]}, model.Point{X: c[4], Y: c[5]}
	switch kind {
	case tm7BoundaryLine:
		d.Boundaries = append(d.Boundaries, &model.Boundary{ID: run.newID(), Name: name, Shape: model.BoundaryLine, Points: throughHandle(src, handle, dst)})
		run.leftoverProps(where, st, nil, nil)
		return nil
	case tm7Flow:
	default:
		run.note(where, fmt.Sprintf("a line of type %q (%s) that is neither a data flow nor a trust boundary: left out", st.generic, st.itype))
		return nil
	}
	from := run.flowEnd(d, where, "source", local, st.n.childText("SourceGuid"), src)
	to := run.flowEnd(d, where, "target", local, st.n.childText("TargetGuid"), dst)
	if from == nil || to == nil {
		run.note(where, "a data flow that is not attached to an element at both ends: left out")
		return nil
	}
	f := &model.Flow{ID: run.newID(), From: from.ID, To: to.ID}
	f.Name = name
	if segmentDistance(handle, src, dst) > 1 {
		f.Waypoints = []model.Point{handle}
	}
	if t := run.kb.templateName(st.typeID); t != "" && !strings.HasPrefix(t, "Generic ") {
		f.Technology = t
	}
	run.leftoverProps(where, st, nil, f)
	d.Flows = append(d.Flows, f)
	run.flows[st.guid] = &tm7PlacedFlow{f: f, where: where}
	return nil
}

// flowEnd finds the element at one end of a flow: by its GUID, or, for an
// end the tool left unattached, the element the end point touches.
func (run *tm7Run) flowEnd(d *model.Diagram, where, end string, local map[string]*model.Element, guid string, at model.Point) *model.Element {
	if e := local[guid]; e != nil && e.Kind.Connectable() {
		return e
	}
	const reach = 10 // how far outside an element a loose end may lie
	run.snapWork += len(d.Elements)
	if run.snapWork > tm7SnapWork {
		return nil
	}
	var best *model.Element
	for _, e := range d.Elements { // back to front: the topmost wins
		r := e.Bounds
		if e.Kind.Connectable() && (model.Rect{X: r.X - reach, Y: r.Y - reach, W: r.W + 2*reach, H: r.H + 2*reach}).Contains(at) {
			best = e
		}
	}
	if best != nil {
		run.note(where, fmt.Sprintf("its %s is not attached in the file: attached to %s %q, which its end point touches", end, best.Kind, oneLine(best.Name)))
	}
	return best
}

// throughHandle samples the curve the tool draws for a line boundary: a
// quadratic Bézier that passes through the handle half way.
func throughHandle(src, handle, dst model.Point) []model.Point {
	if segmentDistance(handle, src, dst) <= 1 {
		return []model.Point{src, dst}
	}
	ctrl := model.Point{X: 2*handle.X - (src.X+dst.X)/2, Y: 2*handle.Y - (src.Y+dst.Y)/2}
	const steps = 8
	pts := make([]model.Point, 0, steps+1)
	for i := 0; i <= steps; i++ {
		t := float64(i) / steps
		u := 1 - t
		pts = append(pts, model.Point{
			X: u*u*src.X + 2*u*t*ctrl.X + t*t*dst.X,
			Y: u*u*src.Y + 2*u*t*ctrl.Y + t*t*dst.Y,
		})
	}
	return pts
}
