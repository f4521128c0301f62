package interop

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/threatboard/threatboard/model"
)

// Limits on what a Threat Dragon or OTM file may hold: far above any model
// drawn by hand, low enough that a hostile file is refused before it
// exhausts memory or builds a diagram nobody can open.
const (
	maxCells = 50_000 // cells (or components, zones and flows) in one file
	maxCoord = 1e7    // |x|, |y|, width and height, in diagram units
)

// Default sizes, for cells that have none.
var (
	tdDefaultSize = map[model.Kind]model.Rect{
		model.Actor:   {W: 160, H: 80},
		model.Process: {W: 100, H: 100},
		model.Store:   {W: 160, H: 80},
		model.Note:    {W: 190, H: 80},
	}
	placeholderSize = model.Rect{W: 24, H: 24}
)

type tdFile struct {
	Version json.RawMessage `json:"version"`
	Summary *tdSummary      `json:"summary"`
	Detail  *tdDetail       `json:"detail"`
}

type tdSummary struct {
	Title       string `json:"title"`
	Owner       string `json:"owner"`
	Description string `json:"description"`
}

type tdDetail struct {
	Contributors []struct {
		Name string `json:"name"`
	} `json:"contributors"`
	Diagrams []tdDiagram `json:"diagrams"`
	Reviewer string      `json:"reviewer"`
	Extra    *modelExtra `json:"threatboard"`
}

type tdDiagram struct {
	Title       string   `json:"title"`
	Description string   `json:"description"`
	DiagramType string   `json:"diagramType"`
	Cells       []tdCell `json:"cells"`
	DiagramJSON *struct {
		Cells []json.RawMessage `json:"cells"`
	} `json:"diagramJson"` // v1
	Extra *diagramExtra `json:"threatboard"`
}

type tdCell struct {
	ID       string                     `json:"id"`
	Shape    string                     `json:"shape"`
	Type     string                     `json:"type"` // v1
	Position *tdPoint                   `json:"position"`
	Size     *tdSize                    `json:"size"`
	Attrs    json.RawMessage            `json:"attrs"`
	Data     map[string]json.RawMessage `json:"data"`
	Source   *tdEnd                     `json:"source"`
	Target   *tdEnd                     `json:"target"`
	Vertices []tdPoint                  `json:"vertices"`
	Labels   []json.RawMessage          `json:"labels"`
	ZIndex   *float64                   `json:"zIndex"`
	// Threats is where the v2 schema puts them; real files have them
	// under data.
	Threats json.RawMessage `json:"threats"`
	Z       *float64        `json:"z"` // v1
	Parent  string          `json:"parent"`
}

type tdPoint struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

type tdSize struct {
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
}

type tdEnd struct {
	Cell string   `json:"cell"`
	ID   string   `json:"id"` // v1
	X    *float64 `json:"x"`
	Y    *float64 `json:"y"`
}

type tdThreat struct {
	ID          json.RawMessage `json:"id"`
	Title       string          `json:"title"`
	Status      string          `json:"status"`
	Severity    string          `json:"severity"`
	Type        *string         `json:"type"`
	Description string          `json:"description"`
	Mitigation  string          `json:"mitigation"`
	Score       json.RawMessage `json:"score"`
	Number      json.RawMessage `json:"number"`
	Extra       *threatExtra    `json:"threatboard"`
}

// tdThreatKnown are the threat keys the import reads or knows to be
// Threat Dragon's own bookkeeping (recomputed, not lost).
var tdThreatKnown = []string{"id", "title", "status", "severity", "type", "description", "mitigation",
	"score", "number", "modelType", "new", "threatId", "ruleId", extraKey}

// tdV1CellKeys are the keys of a v1 cell that are geometry or display, not
// properties: v1 has no `data`, its properties sit on the cell itself.
var tdV1CellKeys = []string{"id", "type", "size", "position", "attrs", "angle", "z", "source", "target",
	"vertices", "labels", "smooth", "ports", "parent", "embeds", "$$hashKey", "router", "connector"}

// The blocks in which an export keeps what Threat Dragon has no place for.
type (
	modelExtra struct {
		ID             string              `json:"id,omitempty"`
		Scope          string              `json:"scope,omitempty"`
		Classification string              `json:"classification,omitempty"`
		Version        string              `json:"version,omitempty"`
		NextSession    model.Date          `json:"nextSession,omitzero"`
		Sessions       []*model.Session    `json:"sessions,omitempty"`
		AttackTrees    []*model.AttackTree `json:"attackTrees,omitempty"`
		Actions        []*model.Action     `json:"actions,omitempty"`
	}
	diagramExtra struct {
		ID         string            `json:"id,omitempty"`
		Checklist  string            `json:"checklist,omitempty"`
		Parent     string            `json:"parent,omitempty"`
		Background *model.Background `json:"background,omitempty"`
	}
	cellExtra struct {
		Kind        string          `json:"kind,omitempty"`
		Child       string          `json:"child,omitempty"`
		Technology  string          `json:"technology,omitempty"`
		Owner       string          `json:"owner,omitempty"`
		Tags        []string        `json:"tags,omitempty"`
		Controls    []model.Control `json:"controls,omitempty"`
		Dismissed   []string        `json:"dismissed,omitempty"`
		Discussed   []discussion    `json:"discussed,omitempty"`
		Props       map[string]any  `json:"props,omitempty"`
		LabelOffset *model.Point    `json:"labelOffset,omitempty"`
		Points      []model.Point   `json:"points,omitempty"`
	}
	threatExtra struct {
		// TDStatus is the status the export wrote: the decision and status
		// below apply only while the file still says it.
		TDStatus      string      `json:"exportedAs,omitempty"`
		Decision      string      `json:"decision,omitempty"`
		Status        string      `json:"status,omitempty"`
		Category      string      `json:"category,omitempty"`
		Likelihood    model.Level `json:"likelihood,omitzero"`
		Justification string      `json:"justification,omitempty"`
		AcceptedBy    string      `json:"acceptedBy,omitempty"`
		TransferredTo string      `json:"transferredTo,omitempty"`
		Owner         string      `json:"owner,omitempty"`
		Ticket        string      `json:"ticket,omitempty"`
		Due           model.Date  `json:"due,omitzero"`
		RuleID        string      `json:"ruleId,omitempty"`
	}
)

// ImportThreatDragon reads a Threat Dragon v2 or v1 model.
func ImportThreatDragon(data []byte) (*Result, error) {
	var f tdFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, jsonError(data, err)
	}
	switch {
	case f.Summary == nil:
		return nil, errors.New("summary: missing (a Threat Dragon model has \"summary\" and \"detail\")")
	case f.Detail == nil:
		return nil, errors.New("detail: missing (a Threat Dragon model has \"summary\" and \"detail\")")
	}
	im := &tdImport{ids: newIDs(ThreatDragon), m: &model.Model{
		Title: f.Summary.Title, Owner: f.Summary.Owner, Description: f.Summary.Description,
	}}
	cells := 0
	for _, d := range f.Detail.Diagrams {
		cells += len(d.Cells)
		if d.DiagramJSON != nil {
			cells += len(d.DiagramJSON.Cells)
		}
	}
	if cells > maxCells {
		return nil, fmt.Errorf("detail.diagrams: %d cells; the limit is %d", cells, maxCells)
	}
	// Diagram IDs first: a multi-process's child may be a later diagram.
	for i, d := range f.Detail.Diagrams {
		id := ""
		if d.Extra != nil {
			id = d.Extra.ID
		}
		im.m.Diagrams = append(im.m.Diagrams, &model.Diagram{ID: im.ids.of("diagram", orElse(id, strconv.Itoa(i)))})
	}
	for i := range f.Detail.Diagrams {
		if err := im.diagram(&f.Detail.Diagrams[i], i); err != nil {
			return nil, err
		}
	}
	im.metadata(f.Detail)
	im.m.ID = im.ids.of("model", extraOr(f.Detail.Extra, func(x *modelExtra) string { return x.ID }))
	im.resolve()
	return &Result{Model: im.m, Format: ThreatDragon, Notes: im.notes}, nil
}

func orElse(s, fallback string) string {
	if s != "" {
		return s
	}
	return fallback
}

func extraOr[T any](x *T, f func(*T) string) string {
	if x == nil {
		return "model"
	}
	return orElse(f(x), "model")
}

type tdImport struct {
	ids   *ids
	m     *model.Model
	notes []Note
}

func (im *tdImport) note(where, format string, args ...any) {
	im.notes = append(im.notes, Note{Where: where, Message: fmt.Sprintf(format, args...)})
}

// tdNode is a decoded cell with what the import made of it.
type tdNode struct {
	cell tdCell
	data map[string]json.RawMessage
	// labelCache holds label() once computed.
	labelCache *string
	extra      *cellExtra
	path       string // where it is in the file
	shape      string // v2 shape, also for v1 cells
	el         *model.Element
	z          float64
	order      int
}

func (im *tdImport) diagram(td *tdDiagram, i int) error {
	d := im.m.Diagrams[i]
	d.Title, d.Description = td.Title, td.Description
	d.Checklist = tdChecklist(td.DiagramType)
	if d.Checklist == "stride" {
		d.Checklist = "" // empty means STRIDE
	}
	if td.DiagramType == "" {
		im.note(fmt.Sprintf("diagram %q", td.Title), "no diagram type; STRIDE assumed")
	}
	if x := td.Extra; x != nil {
		if x.Checklist != "" {
			d.Checklist = x.Checklist
		}
		d.Parent = x.Parent
		d.Background = x.Background
	}
	// v2 cells come decoded; v1 cells are read one by one, as their
	// properties sit on the cell itself.
	count, base := len(td.Cells), fmt.Sprintf("detail.diagrams[%d].cells", i)
	v1 := td.DiagramJSON != nil && count == 0
	if v1 {
		count, base = len(td.DiagramJSON.Cells), fmt.Sprintf("detail.diagrams[%d].diagramJson.cells", i)
	}
	nodes := make([]*tdNode, 0, count)
	byID := make(map[string]*tdNode, count)
	for j := range count {
		var n *tdNode
		var err error
		if v1 {
			n, err = decodeV1Cell(td.DiagramJSON.Cells[j], fmt.Sprintf("%s[%d]", base, j))
		} else {
			n, err = newNode(&td.Cells[j], nil, fmt.Sprintf("%s[%d]", base, j))
		}
		if err != nil {
			return err
		}
		n.order = j
		if prev, dup := byID[n.cell.ID]; dup {
			return fmt.Errorf("%s.id: duplicate cell ID %q (also at %s)", n.path, n.cell.ID, prev.path)
		}
		byID[n.cell.ID] = n
		nodes = append(nodes, n)
	}
	if err := parentCycle(nodes, byID); err != nil {
		return err
	}
	scope := d.ID
	where := func(n *tdNode, what string) string {
		return fmt.Sprintf("diagram %q › %s %q", d.Title, what, n.name())
	}
	// Elements back to front, then boundaries and flows in file order.
	byZ := slices.Clone(nodes)
	slices.SortStableFunc(byZ, func(a, b *tdNode) int {
		switch {
		case a.z < b.z:
			return -1
		case a.z > b.z:
			return 1
		}
		return 0
	})
	for _, n := range byZ {
		if err := im.node(d, scope, n, where); err != nil {
			return err
		}
	}
	for _, n := range nodes {
		switch n.shape {
		case "trust-boundary-box":
			if err := im.box(d, scope, n); err != nil {
				return err
			}
		case "trust-boundary-curve", "trust-broundary-curve":
			if err := im.curve(d, scope, n, byID); err != nil {
				return err
			}
		}
	}
	for _, n := range nodes {
		if n.shape == "flow" {
			if err := im.flow(d, scope, n, byID, where); err != nil {
				return err
			}
		}
	}
	for _, n := range nodes {
		if n.el == nil && !slices.Contains([]string{"flow", "trust-boundary-box", "trust-boundary-curve", "trust-broundary-curve", "actor", "process", "store", "td-text-block"}, n.shape) {
			im.note(fmt.Sprintf("diagram %q › cell %s", d.Title, n.cell.ID), "unknown shape %q not imported", orElse(n.cell.Shape, n.cell.Type))
		}
	}
	return nil
}

// decodeV1Cell reads a v1 cell, whose properties sit on the cell itself.
func decodeV1Cell(raw json.RawMessage, path string) (*tdNode, error) {
	var c tdCell
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, fmt.Errorf("%s: %w", path, jsonError(raw, err))
	}
	return newNode(&c, raw, path)
}

// newNode checks a decoded cell; props, when not nil, is the JSON object
// whose members are its properties (a v1 cell), else they are in data.
func newNode(c *tdCell, props json.RawMessage, path string) (*tdNode, error) {
	n := &tdNode{path: path, cell: *c}
	c = &n.cell
	if c.ID == "" {
		return nil, fmt.Errorf("%s.id: missing cell ID", path)
	}
	n.shape = c.Shape
	if n.shape == "" {
		n.shape = v2Shape(c.Type)
	}
	n.data = c.Data
	if props != nil && c.Shape == "" && c.Type != "" {
		n.data = nil
		if err := json.Unmarshal(props, &n.data); err != nil {
			return nil, fmt.Errorf("%s: %w", path, jsonError(props, err))
		}
	}
	if n.data != nil {
		if x, ok := n.data[extraKey]; ok {
			n.extra = new(cellExtra)
			if err := json.Unmarshal(x, n.extra); err != nil {
				return nil, fmt.Errorf("%s.data.%s: %w", path, extraKey, jsonError(x, err))
			}
		}
	}
	if c.ZIndex != nil {
		n.z = *c.ZIndex
	} else if c.Z != nil {
		n.z = *c.Z
	}
	check := func(what string, vs ...float64) error {
		for _, v := range vs {
			if math.Abs(v) > maxCoord {
				return fmt.Errorf("%s.%s: coordinate %g is out of range (±%g)", path, what, v, maxCoord)
			}
		}
		return nil
	}
	if p := c.Position; p != nil {
		if err := check("position", p.X, p.Y); err != nil {
			return nil, err
		}
	}
	if s := c.Size; s != nil {
		if err := check("size", s.Width, s.Height); err != nil {
			return nil, err
		}
	}
	for k, v := range c.Vertices {
		if err := check(fmt.Sprintf("vertices[%d]", k), v.X, v.Y); err != nil {
			return nil, err
		}
	}
	for _, e := range []struct {
		name string
		end  *tdEnd
	}{{"source", c.Source}, {"target", c.Target}} {
		if e.end != nil && e.end.X != nil && e.end.Y != nil {
			if err := check(e.name, *e.end.X, *e.end.Y); err != nil {
				return nil, err
			}
		}
	}
	return n, nil
}

// maxNesting bounds chains of parents (cells embedded in cells, zones in
// zones): deeper than any drawing, and it keeps following them linear.
const maxNesting = 100

// parentCycle refuses cells whose parents (X6 embedding) go round in a
// circle or nest deeper than maxNesting; the import does not otherwise use
// them, boxes hold what lies inside them geometrically.
func parentCycle(nodes []*tdNode, byID map[string]*tdNode) error {
	for _, n := range nodes {
		p := n
		for depth := 0; p.cell.Parent != ""; depth++ {
			next, ok := byID[p.cell.Parent]
			if !ok {
				break
			}
			if next == n {
				return fmt.Errorf("%s.parent: the cells' parents form a cycle through %q", n.path, n.cell.ID)
			}
			if depth == maxNesting {
				return fmt.Errorf("%s.parent: the cells' parents form a cycle or nest deeper than %d", n.path, maxNesting)
			}
			p = next
		}
	}
	return nil
}

// name is the cell's name: data.name when set, else its visible label.
func (n *tdNode) name() string {
	if s := n.str("name"); s != "" {
		return s
	}
	return n.label()
}

// label is the text shown on the cell.
func (n *tdNode) label() string {
	if n.labelCache == nil {
		l := n.readLabel()
		n.labelCache = &l
	}
	return *n.labelCache
}

func (n *tdNode) readLabel() string {
	var attrs struct {
		Text  struct{ Text any } `json:"text"`
		Label struct{ Text any } `json:"label"`
	}
	if len(n.cell.Attrs) > 0 && json.Unmarshal(n.cell.Attrs, &attrs) == nil {
		for _, t := range []any{attrs.Text.Text, attrs.Label.Text} {
			if s, ok := t.(string); ok && s != "" {
				return s
			}
		}
	}
	for _, l := range n.cell.Labels {
		if s := labelText(l); s != "" {
			return s
		}
	}
	return ""
}

// labelText reads the label forms seen in real files: a plain string, the
// X6 object with attrs.labelText.text, or the older attrs.text.text and
// attrs.label.text.
func labelText(raw json.RawMessage) string {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		_ = json.Unmarshal(raw, &s)
		return s
	}
	type text struct {
		Text any `json:"text"`
	}
	var l struct {
		Attrs struct {
			LabelText text `json:"labelText"`
			Text      text `json:"text"`
			Label     text `json:"label"`
		} `json:"attrs"`
	}
	if json.Unmarshal(raw, &l) != nil {
		return ""
	}
	for _, t := range []any{l.Attrs.LabelText.Text, l.Attrs.Text.Text, l.Attrs.Label.Text} {
		if s, ok := t.(string); ok && s != "" {
			return s
		}
	}
	return ""
}

// str reads a string property of the cell's data; a value of another type
// reads as empty (the import notes it where it matters).
func (n *tdNode) str(key string) string {
	var s string
	if raw, ok := n.data[key]; ok {
		_ = json.Unmarshal(raw, &s)
	}
	return s
}

func (n *tdNode) kind() model.Kind {
	switch n.shape {
	case "actor":
		return model.Actor
	case "process":
		if n.extra != nil && n.extra.Kind == model.MultiProcess.String() {
			return model.MultiProcess
		}
		return model.Process
	case "store":
		return model.Store
	case "td-text-block":
		return model.Note
	}
	return 0
}

func (im *tdImport) node(d *model.Diagram, scope string, n *tdNode, where func(*tdNode, string) string) error {
	k := n.kind()
	if k == 0 {
		return nil
	}
	at := where(n, k.String())
	e := &model.Element{ID: im.ids.of(scope, n.cell.ID), Kind: k}
	e.Name = n.name()
	if l := n.label(); e.Name != "" && l != "" && l != e.Name && k != model.Note {
		im.note(at, "the label %q differs from the name; the name is kept", l)
	}
	def := tdDefaultSize[k]
	if k == model.MultiProcess {
		def = tdDefaultSize[model.Process]
	}
	e.Bounds = def
	if p := n.cell.Position; p != nil {
		e.Bounds.X, e.Bounds.Y = p.X, p.Y
	} else {
		im.note(at, "no position; placed at the origin")
	}
	if s := n.cell.Size; s != nil && s.Width > 0 && s.Height > 0 {
		e.Bounds.W, e.Bounds.H = s.Width, s.Height
		// An element smaller than the schema's minimum was written bigger;
		// its size travels in the extra block.
		if x := n.extra; x != nil && len(x.Points) == 1 {
			if w, h := x.Points[0].X, x.Points[0].Y; w > 0 && h > 0 && math.Max(w, 10) == s.Width && math.Max(h, 10) == s.Height {
				e.Bounds.W, e.Bounds.H = w, h
			}
		}
	} else {
		im.note(at, "no usable size; given %gx%g", def.W, def.H)
	}
	if k != model.Note {
		im.props(at, n, func(key string, v any) error { return e.SetProp(key, v) }, &e.Common)
		if err := im.threats(at, scope, n, &e.Common); err != nil {
			return err
		}
		if x := n.extra; x != nil && x.Child != "" {
			e.Child = x.Child
		}
	}
	n.el = e
	d.Elements = append(d.Elements, e)
	return nil
}

// props maps the cell's data onto the element's or flow's properties
// through tdProps, restores the export's extra block, and notes every key
// it does not know.
func (im *tdImport) props(at string, n *tdNode, set func(string, any) error, c *model.Common) {
	flow := n.shape == "flow"
	var tags []string
	for key, raw := range n.data {
		i := slices.IndexFunc(tdProps, func(p tdProp) bool { return p.TD == key })
		if i < 0 {
			if !slices.Contains(tdDerived, key) && !(n.cell.Shape == "" && slices.Contains(tdV1CellKeys, key)) {
				im.note(at, "data key %q not imported", key)
			}
			continue
		}
		p := tdProps[i]
		var v any
		if err := json.Unmarshal(raw, &v); err != nil || v == nil {
			continue
		}
		if s, ok := v.(string); ok && key != "description" && key != "reasonOutOfScope" && key != "privilegeLevel" && key != "protocol" {
			v = s == "true" // Threat Dragon 1 wrote some flags as strings
		}
		ours := p.Element
		if flow {
			ours = p.Flow
		}
		switch {
		case p.Tag != "":
			if v == true {
				tags = append(tags, p.Tag)
			}
		case ours == "":
			if v != false && v != "" {
				im.note(at, "%s = %v has no equivalent here; not imported", key, v)
			}
		default:
			if err := set(ours, v); err != nil && v != false && v != "" {
				im.note(at, "%s = %v not imported: %v", key, v, err)
			}
		}
	}
	slices.Sort(tags)
	x := n.extra
	if x == nil {
		c.Tags = tags
		return
	}
	c.Technology, c.Owner, c.Controls, c.Dismissed = x.Technology, x.Owner, x.Controls, x.Dismissed
	c.Discussed = x.discussions()
	// The extra block's tags keep their order; Threat Dragon's flags win.
	for _, t := range x.Tags {
		if isTDTag(t) && !slices.Contains(tags, t) {
			continue
		}
		c.Tags = append(c.Tags, t)
	}
	for _, t := range tags {
		if !slices.Contains(c.Tags, t) {
			c.Tags = append(c.Tags, t)
		}
	}
	keys := make([]string, 0, len(x.Props))
	for k := range x.Props {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if err := set(k, x.Props[k]); err != nil {
			im.note(at, "threatboard property %s not restored: %v", k, err)
		}
	}
}

func isTDTag(t string) bool {
	return slices.ContainsFunc(tdProps, func(p tdProp) bool { return p.Tag == t })
}

// tdTrailer is the line the import adds to a threat's description for the
// threat's number and score, which have no field here; the export reads it
// back.
var tdTrailer = regexp.MustCompile(`\n*\[Threat Dragon(?: #(\d+))?(?: score: ([^\]\n]*))?\]$`)

func (im *tdImport) threats(at, scope string, n *tdNode, c *model.Common) error {
	raw, ok := n.data["threats"]
	if !ok || bytes.Equal(raw, []byte("null")) {
		if raw = n.cell.Threats; len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
			return nil
		}
	}
	var ts []json.RawMessage
	if err := json.Unmarshal(raw, &ts); err != nil {
		return fmt.Errorf("%s.data.threats: %w", n.path, jsonError(raw, err))
	}
	for k, tr := range ts {
		path := fmt.Sprintf("%s.data.threats[%d]", n.path, k)
		var t tdThreat
		if err := json.Unmarshal(tr, &t); err != nil {
			return fmt.Errorf("%s: %w", path, jsonError(tr, err))
		}
		var keys map[string]json.RawMessage
		_ = json.Unmarshal(tr, &keys)
		tat := fmt.Sprintf("%s › threat %q", at, t.Title)
		for key := range keys {
			if !slices.Contains(tdThreatKnown, key) {
				im.note(tat, "threat key %q not imported", key)
			}
		}
		th := &model.Threat{
			ID:          im.ids.of(scope+"/"+n.cell.ID, orElse(scalar(t.ID), "#"+strconv.Itoa(k))),
			Title:       t.Title,
			Description: t.Description,
			Mitigation:  t.Mitigation,
		}
		typ := ""
		if t.Type != nil {
			typ = *t.Type
		}
		cat, builtin := tdCategory(typ)
		th.Category = cat
		switch {
		case typ == "":
			im.note(tat, "no threat type; left without a category")
		case !builtin:
			im.note(tat, "type %q is not a STRIDE or LINDDUN category; kept as category %q of a custom checklist", typ, cat)
		}
		impact, ok := tdSeverity(t.Severity)
		if !ok {
			im.note(tat, "unknown severity %q; impact left unrated", t.Severity)
		} else if strings.EqualFold(t.Severity, "Critical") {
			im.note(tat, "severity Critical has no level of its own; impact set to high")
		}
		th.Impact = impact
		st := slices.IndexFunc(tdStatuses, func(s tdStatus) bool { return strings.EqualFold(s.TD, t.Status) })
		if st >= 0 {
			th.Decision, th.Status = tdStatuses[st].Decision, tdStatuses[st].Status
		} else {
			im.note(tat, "unknown status %q; left undecided and open", t.Status)
		}
		number, score := scalar(t.Number), scalar(t.Score)
		if number != "" || score != "" {
			th.Description = strings.TrimRight(th.Description, "\n")
			if th.Description != "" {
				th.Description += "\n\n"
			}
			th.Description += tdTrailerText(number, score)
		}
		if x := t.Extra; x != nil {
			if err := im.threatExtra(tat, th, x, t.Status); err != nil {
				return fmt.Errorf("%s.%s: %w", path, extraKey, err)
			}
		}
		c.Threats = append(c.Threats, th)
	}
	return nil
}

func tdTrailerText(number, score string) string {
	s := "[Threat Dragon"
	if number != "" {
		s += " #" + number
	}
	if score != "" {
		s += " score: " + score
	}
	return s + "]"
}

// scalar returns a JSON string's text or a number's digits; anything else
// (null, missing) is empty.
func scalar(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var f json.Number
	if json.Unmarshal(raw, &f) == nil {
		return f.String()
	}
	return ""
}

func (im *tdImport) threatExtra(at string, th *model.Threat, x *threatExtra, status string) error {
	if x.TDStatus == status {
		d, err := model.ParseDecision(orElse(x.Decision, th.Decision.String()))
		if err != nil {
			return err
		}
		s, err := model.ParseStatus(orElse(x.Status, th.Status.String()))
		if err != nil {
			return err
		}
		th.Decision, th.Status = d, s
	} else if x.TDStatus != "" {
		im.note(at, "status changed in Threat Dragon from %s to %s; the decision follows it", x.TDStatus, status)
	}
	if x.Category != "" {
		th.Category = x.Category
	}
	th.Likelihood = x.Likelihood
	th.Justification, th.AcceptedBy, th.TransferredTo = x.Justification, x.AcceptedBy, x.TransferredTo
	th.Owner, th.Ticket, th.Due, th.RuleID = x.Owner, x.Ticket, x.Due, x.RuleID
	return nil
}

func (im *tdImport) box(d *model.Diagram, scope string, n *tdNode) error {
	b := &model.Boundary{ID: im.ids.of(scope, n.cell.ID), Shape: model.BoundaryBox, Name: n.name(), Description: n.str("description")}
	at := fmt.Sprintf("diagram %q › boundary %q", d.Title, b.Name)
	if p, s := n.cell.Position, n.cell.Size; p == nil || s == nil || !(s.Width > 0 && s.Height > 0) {
		return fmt.Errorf("%s: a trust boundary box needs a position and a positive size", n.path)
	} else {
		b.Bounds = model.Rect{X: p.X, Y: p.Y, W: s.Width, H: s.Height}
	}
	im.boundaryNotes(at, n)
	d.Boundaries = append(d.Boundaries, b)
	return nil
}

func (im *tdImport) boundaryNotes(at string, n *tdNode) {
	for key := range n.data {
		if key != "description" && !slices.Contains(tdDerived, key) && !(n.cell.Shape == "" && slices.Contains(tdV1CellKeys, key)) {
			im.note(at, "data key %q not imported", key)
		}
	}
}

func (im *tdImport) curve(d *model.Diagram, scope string, n *tdNode, byID map[string]*tdNode) error {
	b := &model.Boundary{ID: im.ids.of(scope, n.cell.ID), Shape: model.BoundaryLine, Name: n.name(), Description: n.str("description")}
	at := fmt.Sprintf("diagram %q › boundary %q", d.Title, b.Name)
	src, err := endPoint(n.cell.Source, n.path+".source", byID)
	if err != nil {
		return err
	}
	dst, err := endPoint(n.cell.Target, n.path+".target", byID)
	if err != nil {
		return err
	}
	b.Points = append(b.Points, src)
	for _, v := range n.cell.Vertices {
		b.Points = append(b.Points, model.Point{X: v.X, Y: v.Y})
	}
	b.Points = append(b.Points, dst)
	// The export rounds the ends to whole numbers (the schema wants
	// integers) and keeps the exact points; they win while they agree.
	if x := n.extra; x != nil && len(x.Points) == len(b.Points) && roundsTo(x.Points, b.Points) {
		b.Points = x.Points
	}
	im.boundaryNotes(at, n)
	d.Boundaries = append(d.Boundaries, b)
	return nil
}

func roundsTo(exact, file []model.Point) bool {
	for i, p := range exact {
		q := file[i]
		if i == 0 || i == len(exact)-1 {
			p = model.Point{X: math.Round(p.X), Y: math.Round(p.Y)}
		}
		if p != q {
			return false
		}
	}
	return true
}

// endPoint is where an edge end lies: its free point, or the centre of the
// cell it is attached to.
func endPoint(e *tdEnd, path string, byID map[string]*tdNode) (model.Point, error) {
	switch {
	case e == nil:
		return model.Point{}, fmt.Errorf("%s: missing", path)
	case e.cell() != "":
		n, ok := byID[e.cell()]
		if !ok {
			return model.Point{}, fmt.Errorf("%s: unknown cell %q", path, e.cell())
		}
		if p, s := n.cell.Position, n.cell.Size; p != nil && s != nil {
			return model.Point{X: p.X + s.Width/2, Y: p.Y + s.Height/2}, nil
		}
		return model.Point{}, fmt.Errorf("%s: cell %q has no position to attach to", path, e.cell())
	case e.X != nil && e.Y != nil:
		return model.Point{X: *e.X, Y: *e.Y}, nil
	}
	return model.Point{}, fmt.Errorf("%s: neither a cell nor a point", path)
}

func (e *tdEnd) cell() string { return orElse(e.Cell, e.ID) }

func (im *tdImport) flow(d *model.Diagram, scope string, n *tdNode, byID map[string]*tdNode, where func(*tdNode, string) string) error {
	f := &model.Flow{ID: im.ids.of(scope, n.cell.ID)}
	f.Name = n.name()
	at := where(n, "flow")
	if l := n.label(); f.Name != "" && l != "" && l != f.Name {
		im.note(at, "the label %q differs from the name; the name is kept", l)
	}
	for _, end := range []struct {
		name string
		e    *tdEnd
		id   *string
	}{{"source", n.cell.Source, &f.From}, {"target", n.cell.Target, &f.To}} {
		path := n.path + "." + end.name
		if c := end.e; c != nil && c.cell() != "" {
			m, ok := byID[c.cell()]
			if !ok {
				return fmt.Errorf("%s: unknown cell %q", path, c.cell())
			}
			if m.el != nil && m.el.Kind.Connectable() {
				*end.id = m.el.ID
				continue
			}
		}
		p, err := endPoint(end.e, path, byID)
		if err != nil {
			return err
		}
		ph := &model.Element{ID: im.ids.of(scope, n.cell.ID+"#"+end.name), Kind: model.Actor,
			Bounds: model.Rect{X: p.X - placeholderSize.W/2, Y: p.Y - placeholderSize.H/2, W: placeholderSize.W, H: placeholderSize.H}}
		ph.Name = "(" + end.name + " of " + orElse(f.Name, "a flow") + ")"
		d.Elements = append(d.Elements, ph)
		*end.id = ph.ID
		im.note(at, "its %s is not attached to an element; a small placeholder actor %q stands in for it", end.name, ph.Name)
	}
	for _, v := range n.cell.Vertices {
		f.Waypoints = append(f.Waypoints, model.Point{X: v.X, Y: v.Y})
	}
	im.props(at, n, func(key string, v any) error { return f.SetProp(key, v) }, &f.Common)
	if x := n.extra; x != nil && x.LabelOffset != nil {
		f.LabelOffset = *x.LabelOffset
	}
	if err := im.threats(at, scope, n, &f.Common); err != nil {
		return err
	}
	d.Flows = append(d.Flows, f)
	return nil
}

// metadata maps summary and detail onto the model: owner, reviewer and
// contributors become the participants of a session, unless the file is
// one of our exports, whose sessions come back as they were.
func (im *tdImport) metadata(detail *tdDetail) {
	var people []model.Participant
	for _, c := range detail.Contributors {
		if c.Name != "" {
			people = append(people, model.Participant{Name: c.Name, Role: "contributor"})
		}
	}
	if detail.Reviewer != "" {
		people = append(people, model.Participant{Name: detail.Reviewer, Role: "reviewer"})
	}
	if x := detail.Extra; x != nil {
		im.m.Scope, im.m.Classification, im.m.Version = x.Scope, x.Classification, x.Version
		im.m.NextSession, im.m.Sessions, im.m.AttackTrees, im.m.Actions = x.NextSession, x.Sessions, x.AttackTrees, x.Actions
		if slices.Equal(tdPeople(im.m.Sessions), people) {
			return
		}
		im.note("detail", "the contributors or the reviewer changed in Threat Dragon; they are listed in a session of their own")
	}
	if len(people) == 0 {
		return
	}
	im.m.Sessions = append(im.m.Sessions, &model.Session{
		ID:           im.ids.of("session", strconv.Itoa(len(im.m.Sessions))),
		Participants: people,
		Notes:        "The contributors and the reviewer of the Threat Dragon model.",
	})
}

// tdPeople are the contributors and the reviewer the export writes for
// sessions: every participant once, reviewers last as Threat Dragon has one.
func tdPeople(sessions []*model.Session) []model.Participant {
	var people, reviewers []model.Participant
	seen := map[string]bool{}
	for _, s := range sessions {
		if s == nil {
			continue
		}
		for _, p := range s.Participants {
			if p.Name == "" || seen[p.Name] {
				continue
			}
			seen[p.Name] = true
			if p.Role == "reviewer" {
				reviewers = append(reviewers, model.Participant{Name: p.Name, Role: "reviewer"})
			} else {
				people = append(people, model.Participant{Name: p.Name, Role: "contributor"})
			}
		}
	}
	if len(reviewers) > 0 {
		people = append(people, reviewers[0])
	}
	return people
}

// resolve drops references the file no longer backs (a Threat Dragon user
// deleted the element a tree hung off, say), with a note for each.
func (im *tdImport) resolve() {
	resolveRefs(im.m, func(where, msg string) { im.note(where, "%s", msg) })
}

// discussion is a session's coverage of one checklist category, as it
// travels in a cell's extra data: the keys of Threatboard's own file.
type discussion struct {
	Category string        `json:"category"`
	Date     string        `json:"date,omitempty"`
	Outcome  model.Outcome `json:"outcome"`
}

func discussionsOf(ds []model.Discussion) []discussion {
	var out []discussion
	for _, d := range ds {
		out = append(out, discussion{Category: d.Category, Date: d.Date.String(), Outcome: d.Outcome})
	}
	return out
}

// discussions gives back the coverage an export carried; a date that does
// not parse is dropped with the rest of the entry kept.
func (x *cellExtra) discussions() []model.Discussion {
	var out []model.Discussion
	for _, d := range x.Discussed {
		date, _ := model.ParseDate(d.Date)
		out = append(out, model.Discussion{Category: d.Category, Date: date, Outcome: d.Outcome})
	}
	return out
}
