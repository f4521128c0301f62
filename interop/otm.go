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

	"gopkg.in/yaml.v3"

	"github.com/threatboard/threatboard/layout"
	"github.com/threatboard/threatboard/model"
)

type otmFile struct {
	OTMVersion      string       `json:"otmVersion"`
	Project         *otmProject  `json:"project"`
	Representations []otmRep     `json:"representations"`
	Assets          []otmNamed   `json:"assets"`
	TrustZones      []otmZone    `json:"trustZones"`
	Components      []otmComp    `json:"components"`
	Dataflows       []otmFlow    `json:"dataflows"`
	Threats         []otmThreat  `json:"threats"`
	Mitigations     []otmMitigat `json:"mitigations"`
}

type otmProject struct {
	Name         string                     `json:"name"`
	ID           string                     `json:"id"`
	Description  string                     `json:"description"`
	Owner        string                     `json:"owner"`
	OwnerContact string                     `json:"ownerContact"`
	Tags         []string                   `json:"tags"`
	Attributes   map[string]json.RawMessage `json:"attributes"`
}

type otmNamed struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type otmRep struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
}

type otmRepEl struct {
	Representation string   `json:"representation"`
	ID             string   `json:"id"`
	Position       *tdPoint `json:"position"`
	Size           *tdSize  `json:"size"`
}

type otmParent struct {
	TrustZone string `json:"trustZone"`
	Component string `json:"component"`
}

type otmZone struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Type        string `json:"type"`
	Description string `json:"description"`
	Risk        *struct {
		TrustRating *float64 `json:"trustRating"`
	} `json:"risk"`
	Parent          *otmParent                 `json:"parent"`
	Representations []otmRepEl                 `json:"representations"`
	Attributes      map[string]json.RawMessage `json:"attributes"`
}

type otmThreatRef struct {
	Threat      string `json:"threat"`
	State       string `json:"state"`
	Mitigations []*struct {
		Mitigation string `json:"mitigation"`
		State      string `json:"state"`
	} `json:"mitigations"`
}

type otmComp struct {
	ID              string                     `json:"id"`
	Name            string                     `json:"name"`
	Type            string                     `json:"type"`
	Description     string                     `json:"description"`
	Parent          *otmParent                 `json:"parent"`
	Representations []otmRepEl                 `json:"representations"`
	Assets          json.RawMessage            `json:"assets"`
	Threats         []otmThreatRef             `json:"threats"`
	Tags            []*string                  `json:"tags"`
	Attributes      map[string]json.RawMessage `json:"attributes"`
}

type otmFlow struct {
	ID            string                     `json:"id"`
	Name          string                     `json:"name"`
	Description   string                     `json:"description"`
	Bidirectional *bool                      `json:"bidirectional"`
	Source        string                     `json:"source"`
	Destination   string                     `json:"destination"`
	Assets        []*string                  `json:"assets"`
	Threats       []otmThreatRef             `json:"threats"`
	Tags          []*string                  `json:"tags"`
	Attributes    map[string]json.RawMessage `json:"attributes"`
}

type otmThreat struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Categories  []*string `json:"categories"`
	CWEs        []*string `json:"cwes"`
	Risk        *struct {
		Likelihood *float64 `json:"likelihood"`
		Impact     *float64 `json:"impact"`
	} `json:"risk"`
	Attributes map[string]json.RawMessage `json:"attributes"`
}

type otmMitigat struct {
	ID            string  `json:"id"`
	Name          string  `json:"name"`
	Description   string  `json:"description"`
	RiskReduction float64 `json:"riskReduction"`
}

// The extra blocks of an OTM export, under attributes.threatboard.
type (
	otmModelExtra struct {
		modelExtra
		Diagrams []otmDiagramExtra `json:"diagrams,omitempty"`
	}
	otmDiagramExtra struct {
		diagramExtra
		Title       string            `json:"title,omitempty"`
		Description string            `json:"description,omitempty"`
		Notes       []*model.Element  `json:"notes,omitempty"`
		Lines       []*model.Boundary `json:"lines,omitempty"`
		Order       []string          `json:"order,omitempty"` // element and boundary IDs, in model order
	}
	otmZoneExtra struct {
		// Outside marks the zone the export makes for the elements outside
		// every boundary box: OTM wants every component in a zone.
		Outside bool `json:"outside,omitempty"`
		// Unrated marks a zone whose trust rating the export made up (the
		// schema wants one): the import adds no rating to its description.
		Unrated bool `json:"unrated,omitempty"`
	}
)

// otmTrailer carries what a threat or a zone has and the model has no
// field for (CWEs, a trust rating) at the end of its description.
var (
	otmCWETrailer   = regexp.MustCompile(`\n*\[OTM CWEs: ([^\]\n]*)\]$`)
	otmTrustTrailer = regexp.MustCompile(`\n*\[OTM trust rating: ([^\]\n]*)\]$`)
)

func addTrailer(desc, trailer string) string {
	desc = strings.TrimRight(desc, "\n")
	if desc != "" {
		desc += "\n\n"
	}
	return desc + trailer
}

// cutTrailer splits desc into its text and the trailer's value, if any.
func cutTrailer(desc string, re *regexp.Regexp) (string, string, bool) {
	m := re.FindStringSubmatchIndex(desc)
	if m == nil {
		return desc, "", false
	}
	return desc[:m[0]], desc[m[2]:m[3]], true
}

// parseOTM reads OTM from JSON or YAML into f.
func parseOTM(data []byte, f *otmFile) error {
	text := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(text) > 0 && text[0] == '{' {
		if err := json.Unmarshal(data, f); err != nil {
			return jsonError(data, err)
		}
		return nil
	}
	// YAML through yaml.v3, which refuses documents whose aliases expand
	// far beyond their size ("billion laughs"), then through the same JSON
	// decoding as a JSON file, so both read the same fields the same way.
	var doc any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return fmt.Errorf("YAML: %w", err)
	}
	asJSON, err := json.Marshal(jsonable(doc))
	if err != nil {
		return fmt.Errorf("YAML: %w", err)
	}
	if err := json.Unmarshal(asJSON, f); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			return fmt.Errorf("YAML: %s is a %s, want %s", typ.Field, typ.Value, typ.Type)
		}
		return fmt.Errorf("YAML: %w", err)
	}
	return nil
}

// jsonable turns the maps yaml.v3 makes for mappings with non-string keys
// into string-keyed ones, so that encoding/json can write them.
func jsonable(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = jsonable(e)
		}
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[fmt.Sprint(k)] = jsonable(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = jsonable(e)
		}
	}
	return v
}

// ImportOTM reads an Open Threat Model file, JSON or YAML, version 0.1 or
// 0.2.
func ImportOTM(data []byte) (*Result, error) {
	var f otmFile
	if err := parseOTM(data, &f); err != nil {
		return nil, err
	}
	if f.Project == nil {
		return nil, errors.New("project: missing")
	}
	if n := len(f.TrustZones) + len(f.Components) + len(f.Dataflows) + len(f.Threats); n > maxCells {
		return nil, fmt.Errorf("%d trust zones, components, dataflows and threats; the limit is %d", n, maxCells)
	}
	im := &otmImport{f: &f, ids: newIDs(OTM), notes: nil}
	if err := im.run(); err != nil {
		return nil, err
	}
	return &Result{Model: im.m, Format: OTM, Notes: im.notes}, nil
}

type otmImport struct {
	f     *otmFile
	ids   *ids
	m     *model.Model
	notes []Note
	extra *otmModelExtra

	diagrams map[string]*model.Diagram // by representation ID
	first    *model.Diagram

	zones    map[string]*otmZoneState
	comps    map[string]*otmCompState
	threats  map[string]*otmThreat
	mitigs   map[string]*otmMitigat
	used     map[string]bool // threats attached somewhere
	unplaced map[*model.Diagram][]string
}

type otmZoneState struct {
	z     *otmZone
	path  string
	b     *model.Boundary
	d     *model.Diagram
	extra otmZoneExtra
}

type otmCompState struct {
	c    *otmComp
	path string
	e    *model.Element
	d    *model.Diagram
	zone string // the trust zone it lies in, through parent components
}

func (im *otmImport) note(where, format string, args ...any) {
	im.notes = append(im.notes, Note{Where: where, Message: fmt.Sprintf(format, args...)})
}

func (im *otmImport) run() error {
	f := im.f
	switch {
	case strings.HasPrefix(f.OTMVersion, "0.1"), strings.HasPrefix(f.OTMVersion, "0.2"):
	default:
		im.note("otmVersion", "version %q is not 0.1 or 0.2; read as 0.2", f.OTMVersion)
	}
	p := f.Project
	im.m = &model.Model{Title: p.Name, Description: p.Description, Owner: p.Owner}
	if raw, ok := p.Attributes[extraKey]; ok {
		im.extra = new(otmModelExtra)
		if err := json.Unmarshal(raw, im.extra); err != nil {
			return fmt.Errorf("project.attributes.%s: %w", extraKey, jsonError(raw, err))
		}
	}
	im.otherAttributes("project", p.Attributes)
	if p.OwnerContact != "" {
		im.note("project", "owner contact %q not imported", p.OwnerContact)
	}
	if len(p.Tags) > 0 {
		im.note("project", "tags %s not imported", strings.Join(p.Tags, ", "))
	}
	for i, a := range f.Assets {
		im.note(fmt.Sprintf("assets[%d]", i), "asset %q not imported: the model has no assets", a.Name)
	}
	if err := im.makeDiagrams(); err != nil {
		return err
	}
	if err := im.index(); err != nil {
		return err
	}
	if err := im.components(); err != nil {
		return err
	}
	if err := im.flows(); err != nil {
		return err
	}
	im.layout()
	im.zoneBoxes()
	for i, t := range f.Threats {
		if !im.used[t.ID] {
			im.note(fmt.Sprintf("threats[%d]", i), "threat %q is not attached to any component or dataflow; not imported", t.Name)
		}
	}
	im.restore()
	im.m.ID = im.ids.of("model", orElse(im.extraModelID(), p.ID))
	resolveRefs(im.m, func(where, msg string) { im.note(where, "%s", msg) })
	return nil
}

func (im *otmImport) extraModelID() string {
	if im.extra == nil {
		return ""
	}
	return im.extra.ID
}

func (im *otmImport) otherAttributes(where string, attrs map[string]json.RawMessage) {
	var keys []string
	for k := range attrs {
		if k != extraKey {
			keys = append(keys, k)
		}
	}
	if len(keys) > 0 {
		slices.Sort(keys)
		im.note(where, "attributes not imported: %s", strings.Join(keys, ", "))
	}
}

// makeDiagrams makes a diagram per representation of type diagram, or one
// for the whole file when it has none (a file made from code).
func (im *otmImport) makeDiagrams() error {
	im.diagrams = map[string]*model.Diagram{}
	seen := map[string]bool{}
	for i, r := range im.f.Representations {
		if seen[r.ID] {
			return fmt.Errorf("representations[%d].id: duplicate ID %q", i, r.ID)
		}
		seen[r.ID] = true
		if r.Type != "diagram" {
			im.note(fmt.Sprintf("representations[%d]", i), "representation %q of type %q holds no positions; not used", r.Name, r.Type)
			continue
		}
		d := &model.Diagram{ID: im.ids.of("diagram", r.ID), Title: r.Name}
		im.diagrams[r.ID] = d
		im.m.Diagrams = append(im.m.Diagrams, d)
	}
	if len(im.m.Diagrams) == 0 {
		d := &model.Diagram{ID: im.ids.of("diagram", "main"), Title: orElse(im.f.Project.Name, "Imported")}
		im.m.Diagrams = append(im.m.Diagrams, d)
	}
	im.first = im.m.Diagrams[0]
	return nil
}

// index checks IDs and parents and finds each component's zone.
func (im *otmImport) index() error {
	f := im.f
	im.zones = map[string]*otmZoneState{}
	im.comps = map[string]*otmCompState{}
	im.threats = map[string]*otmThreat{}
	im.mitigs = map[string]*otmMitigat{}
	im.used = map[string]bool{}
	ids := map[string]string{}
	claim := func(id, path string) error {
		if id == "" {
			return fmt.Errorf("%s.id: missing", path)
		}
		if prev, ok := ids[id]; ok {
			return fmt.Errorf("%s.id: duplicate ID %q (also at %s)", path, id, prev)
		}
		ids[id] = path
		return nil
	}
	for i := range f.TrustZones {
		z := &f.TrustZones[i]
		path := fmt.Sprintf("trustZones[%d]", i)
		if err := claim(z.ID, path); err != nil {
			return err
		}
		st := &otmZoneState{z: z, path: path}
		if raw, ok := z.Attributes[extraKey]; ok {
			if err := json.Unmarshal(raw, &st.extra); err != nil {
				return fmt.Errorf("%s.attributes.%s: %w", path, extraKey, jsonError(raw, err))
			}
		}
		im.zones[z.ID] = st
	}
	for i := range f.Components {
		c := &f.Components[i]
		path := fmt.Sprintf("components[%d]", i)
		if err := claim(c.ID, path); err != nil {
			return err
		}
		im.comps[c.ID] = &otmCompState{c: c, path: path}
	}
	for i := range f.Dataflows {
		if err := claim(f.Dataflows[i].ID, fmt.Sprintf("dataflows[%d]", i)); err != nil {
			return err
		}
	}
	for i := range f.Threats {
		t := &f.Threats[i]
		if err := claim(t.ID, fmt.Sprintf("threats[%d]", i)); err != nil {
			return err
		}
		im.threats[t.ID] = t
	}
	for i := range f.Mitigations {
		m := &f.Mitigations[i]
		if err := claim(m.ID, fmt.Sprintf("mitigations[%d]", i)); err != nil {
			return err
		}
		im.mitigs[m.ID] = m
	}
	// Parents: they must exist and not go round in a circle.
	for _, z := range f.TrustZones {
		if err := im.checkParents(z.Parent, im.zones[z.ID].path); err != nil {
			return err
		}
	}
	for _, c := range f.Components {
		if err := im.checkParents(c.Parent, im.comps[c.ID].path); err != nil {
			return err
		}
	}
	for _, c := range im.comps {
		c.zone = im.zoneOf(c.c.Parent)
	}
	return nil
}

// checkParents follows the parent chain from p and refuses unknown parents
// and cycles.
func (im *otmImport) checkParents(p *otmParent, path string) error {
	steps := 0
	for p != nil {
		var next *otmParent
		switch {
		case p.TrustZone != "" && p.Component != "":
			return fmt.Errorf("%s.parent: names both a trust zone and a component", path)
		case p.TrustZone != "":
			z, ok := im.zones[p.TrustZone]
			if !ok {
				return fmt.Errorf("%s.parent.trustZone: unknown trust zone %q", path, p.TrustZone)
			}
			next = z.z.Parent
		case p.Component != "":
			c, ok := im.comps[p.Component]
			if !ok {
				return fmt.Errorf("%s.parent.component: unknown component %q", path, p.Component)
			}
			next = c.c.Parent
		default:
			return nil
		}
		if steps++; steps > maxNesting {
			return fmt.Errorf("%s.parent: the parents form a cycle or nest deeper than %d", path, maxNesting)
		}
		p = next
	}
	return nil
}

func (im *otmImport) zoneOf(p *otmParent) string {
	for p != nil {
		if p.TrustZone != "" {
			return p.TrustZone
		}
		if p.Component == "" {
			return ""
		}
		p = im.comps[p.Component].c.Parent
	}
	return ""
}

// placement finds the representation of an object in one of the file's
// diagrams: the diagram and the position relative to the parent.
func (im *otmImport) placement(reps []otmRepEl, path string) (*model.Diagram, *tdPoint, *tdSize, error) {
	for k, r := range reps {
		d, ok := im.diagrams[r.Representation]
		if !ok {
			continue
		}
		at := fmt.Sprintf("%s.representations[%d]", path, k)
		if p := r.Position; p != nil && (math.Abs(p.X) > maxCoord || math.Abs(p.Y) > maxCoord) {
			return nil, nil, nil, fmt.Errorf("%s.position: coordinate out of range (±%g)", at, maxCoord)
		}
		if s := r.Size; s != nil && (math.Abs(s.Width) > maxCoord || math.Abs(s.Height) > maxCoord) {
			return nil, nil, nil, fmt.Errorf("%s.size: out of range (±%g)", at, maxCoord)
		}
		return d, r.Position, r.Size, nil
	}
	return nil, nil, nil, nil
}

// origin is the absolute position of a parent: its own position plus its
// parents', as OTM positions are relative to the parent.
func (im *otmImport) origin(p *otmParent) (model.Point, bool) {
	var at model.Point
	whole := true
	for steps := 0; p != nil && steps <= len(im.zones)+len(im.comps); steps++ {
		var reps []otmRepEl
		var next *otmParent
		switch {
		case p.TrustZone != "":
			z := im.zones[p.TrustZone]
			if z.extra.Outside {
				return at, whole
			}
			reps, next = z.z.Representations, z.z.Parent
		case p.Component != "":
			c := im.comps[p.Component]
			reps, next = c.c.Representations, c.c.Parent
		default:
			return at, whole
		}
		if _, pos, _, _ := im.placement(reps, ""); pos != nil {
			at = at.Add(model.Point{X: pos.X, Y: pos.Y})
		} else {
			whole = false
		}
		p = next
	}
	return at, whole
}

func (im *otmImport) components() error {
	im.unplaced = map[*model.Diagram][]string{}
	for i := range im.f.Components {
		c := &im.f.Components[i]
		st := im.comps[c.ID]
		d, pos, size, err := im.placement(c.Representations, st.path)
		if err != nil {
			return err
		}
		var x *cellExtra
		if raw, ok := c.Attributes[extraKey]; ok {
			x = new(cellExtra)
			if err := json.Unmarshal(raw, x); err != nil {
				return fmt.Errorf("%s.attributes.%s: %w", st.path, extraKey, jsonError(raw, err))
			}
		}
		kind, known := otmKind(c.Type)
		where := fmt.Sprintf("component %q", c.Name)
		if x != nil && x.Kind != "" {
			k, err := model.ParseKind(x.Kind)
			if err != nil || !k.Connectable() {
				return fmt.Errorf("%s.attributes.%s.kind: %q is not a kind of component", st.path, extraKey, x.Kind)
			}
			kind, known = k, true
		}
		if !known {
			im.note(where, "type %q is not one Threatboard knows; made a %s", c.Type, kind)
		}
		e := &model.Element{ID: im.ids.of("component", c.ID), Kind: kind}
		e.Name, e.Description, e.Technology = c.Name, c.Description, c.Type
		if e.Technology == kind.String() {
			e.Technology = ""
		}
		for _, t := range c.Tags {
			if t != nil && *t != "" {
				e.Tags = append(e.Tags, *t)
			}
		}
		if len(c.Assets) > 0 && !bytes.Equal(c.Assets, []byte("null")) {
			im.note(where, "assets not imported: the model has no assets")
		}
		im.otherAttributes(where, c.Attributes)
		def := tdDefaultSize[kind]
		if kind == model.MultiProcess {
			def = tdDefaultSize[model.Process]
		}
		e.Bounds = def
		if size != nil && size.Width > 0 && size.Height > 0 {
			e.Bounds.W, e.Bounds.H = size.Width, size.Height
		}
		if d == nil {
			d = im.first
		}
		if pos != nil {
			o, whole := im.origin(c.Parent)
			if !whole {
				im.note(where, "a parent has no position; placed relative to the ones that have")
			}
			e.Bounds.X, e.Bounds.Y = o.X+pos.X, o.Y+pos.Y
		} else {
			im.unplaced[d] = append(im.unplaced[d], e.ID)
		}
		if x != nil {
			im.restoreCell(where, x, func(k string, v any) error { return e.SetProp(k, v) }, &e.Common)
			e.Child = x.Child
		}
		if err := im.threatRefs(where, c.Threats, st.path, c.ID, &e.Common); err != nil {
			return err
		}
		st.e, st.d = e, d
		d.Elements = append(d.Elements, e)
	}
	return nil
}

// restoreCell puts back what an export kept in the extra block.
func (im *otmImport) restoreCell(where string, x *cellExtra, set func(string, any) error, c *model.Common) {
	c.Owner, c.Controls, c.Dismissed = x.Owner, x.Controls, x.Dismissed
	c.Discussed = x.discussions()
	if x.Technology != "" {
		c.Technology = x.Technology
	}
	if x.Tags != nil {
		c.Tags = x.Tags
	}
	keys := make([]string, 0, len(x.Props))
	for k := range x.Props {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if err := set(k, x.Props[k]); err != nil {
			im.note(where, "threatboard property %s not restored: %v", k, err)
		}
	}
}

func (im *otmImport) threatRefs(where string, refs []otmThreatRef, path, owner string, c *model.Common) error {
	for k, r := range refs {
		at := fmt.Sprintf("%s.threats[%d]", path, k)
		t, ok := im.threats[r.Threat]
		if !ok {
			return fmt.Errorf("%s.threat: unknown threat %q", at, r.Threat)
		}
		im.used[t.ID] = true
		tw := fmt.Sprintf("%s › threat %q", where, t.Name)
		th := &model.Threat{ID: im.ids.of(owner, t.ID), Title: t.Name, Description: t.Description}
		var cats []string
		for _, c := range t.Categories {
			if c != nil && *c != "" {
				cats = append(cats, *c)
			}
		}
		if len(cats) > 0 {
			cat, builtin := tdCategory(cats[0])
			th.Category = cat
			if !builtin {
				im.note(tw, "category %q is not a STRIDE or LINDDUN category; kept as category %q of a custom checklist", cats[0], cat)
			}
			if len(cats) > 1 {
				im.note(tw, "only the first category is kept; %s not imported", strings.Join(cats[1:], ", "))
			}
		}
		var cwes []string
		for _, c := range t.CWEs {
			if c != nil && *c != "" {
				cwes = append(cwes, *c)
			}
		}
		if len(cwes) > 0 {
			th.Description = addTrailer(th.Description, "[OTM CWEs: "+strings.Join(cwes, ", ")+"]")
		}
		if rk := t.Risk; rk != nil {
			if rk.Likelihood != nil {
				if v := *rk.Likelihood; !(v >= 0 && v <= 100) {
					return fmt.Errorf("threat %q: likelihood %v is outside 0..100", t.ID, v)
				}
				th.Likelihood = otmLevel(*rk.Likelihood)
			}
			if rk.Impact != nil {
				if v := *rk.Impact; !(v >= 0 && v <= 100) {
					return fmt.Errorf("threat %q: impact %v is outside 0..100", t.ID, v)
				}
				th.Impact = otmLevel(*rk.Impact)
			}
		}
		var ok2 bool
		th.Decision, th.Status, ok2 = otmState(r.State)
		if !ok2 {
			im.note(tw, "unknown state %q; left undecided and open", r.State)
		}
		var mits []string
		for j, mr := range r.Mitigations {
			if mr == nil {
				continue
			}
			m, ok := im.mitigs[mr.Mitigation]
			if !ok {
				return fmt.Errorf("%s.mitigations[%d].mitigation: unknown mitigation %q", at, j, mr.Mitigation)
			}
			mits = append(mits, orElse(m.Description, m.Name))
			if m.RiskReduction != 0 || mr.State != "" {
				im.note(tw, "mitigation %q: its state %q and risk reduction %v are not kept", m.Name, mr.State, m.RiskReduction)
			}
		}
		th.Mitigation = strings.Join(mits, "\n")
		if raw, ok := t.Attributes[extraKey]; ok {
			var x threatExtra
			if err := json.Unmarshal(raw, &x); err != nil {
				return fmt.Errorf("threat %q: attributes.%s: %w", t.ID, extraKey, jsonError(raw, err))
			}
			im.restoreThreat(tw, th, &x, r.State)
		}
		im.otherAttributes(tw, t.Attributes)
		c.Threats = append(c.Threats, th)
	}
	return nil
}

func (im *otmImport) restoreThreat(where string, th *model.Threat, x *threatExtra, state string) {
	if x.TDStatus == state {
		if d, err := model.ParseDecision(orElse(x.Decision, th.Decision.String())); err == nil {
			th.Decision = d
		}
		if s, err := model.ParseStatus(orElse(x.Status, th.Status.String())); err == nil {
			th.Status = s
		}
	} else if x.TDStatus != "" {
		im.note(where, "state changed from %s to %s; the decision follows it", x.TDStatus, state)
	}
	if x.Category != "" {
		th.Category = x.Category
	}
	if x.Likelihood != model.LevelUnset {
		th.Likelihood = x.Likelihood
	}
	th.Justification, th.AcceptedBy, th.TransferredTo = x.Justification, x.AcceptedBy, x.TransferredTo
	th.Owner, th.Ticket, th.Due, th.RuleID = x.Owner, x.Ticket, x.Due, x.RuleID
}

func (im *otmImport) flows() error {
	for i := range im.f.Dataflows {
		fl := &im.f.Dataflows[i]
		path := fmt.Sprintf("dataflows[%d]", i)
		where := fmt.Sprintf("dataflow %q", fl.Name)
		end := func(id, field string) (*otmCompState, error) {
			if c, ok := im.comps[id]; ok {
				return c, nil
			}
			if _, ok := im.zones[id]; ok {
				return nil, fmt.Errorf("%s.%s: %q is a trust zone; dataflows connect components", path, field, id)
			}
			return nil, fmt.Errorf("%s.%s: unknown component %q", path, field, id)
		}
		src, err := end(fl.Source, "source")
		if err != nil {
			return err
		}
		dst, err := end(fl.Destination, "destination")
		if err != nil {
			return err
		}
		if src.d != dst.d {
			im.note(where, "its ends are in different diagrams; not imported")
			continue
		}
		if !src.e.Kind.Connectable() || !dst.e.Kind.Connectable() {
			return fmt.Errorf("%s: a dataflow cannot connect a note", path)
		}
		f := &model.Flow{ID: im.ids.of("dataflow", fl.ID), From: src.e.ID, To: dst.e.ID}
		f.Name, f.Description = fl.Name, fl.Description
		f.Bidirectional = fl.Bidirectional != nil && *fl.Bidirectional
		for _, t := range fl.Tags {
			if t != nil && *t != "" {
				f.Tags = append(f.Tags, *t)
			}
		}
		if len(fl.Assets) > 0 {
			im.note(where, "assets not imported: the model has no assets")
		}
		if raw, ok := fl.Attributes[extraKey]; ok {
			var x cellExtra
			if err := json.Unmarshal(raw, &x); err != nil {
				return fmt.Errorf("%s.attributes.%s: %w", path, extraKey, jsonError(raw, err))
			}
			im.restoreCell(where, &x, func(k string, v any) error { return f.SetProp(k, v) }, &f.Common)
			f.Waypoints = x.Points
			if x.LabelOffset != nil {
				f.LabelOffset = *x.LabelOffset
			}
		}
		im.otherAttributes(where, fl.Attributes)
		if err := im.threatRefs(where, fl.Threats, path, fl.ID, &f.Common); err != nil {
			return err
		}
		src.d.Flows = append(src.d.Flows, f)
	}
	return nil
}

// layout places the components the file gives no position, with the
// layered layout, around the ones it does.
func (im *otmImport) layout() {
	for _, d := range im.m.Diagrams {
		ids := im.unplaced[d]
		if len(ids) == 0 {
			continue
		}
		if len(ids) == len(d.Elements) && !im.zonesPlaced() {
			im.clusterLayout(d)
		} else {
			for id, r := range layout.Layered(d, ids) {
				d.Element(id).Bounds = r
			}
		}
		im.note(fmt.Sprintf("diagram %q", d.Title), "%d components have no position; laid out automatically", len(ids))
	}
}

// zonesPlaced reports whether any trust zone has a position of its own.
func (im *otmImport) zonesPlaced() bool {
	for _, z := range im.f.TrustZones {
		if _, pos, _, _ := im.placement(z.Representations, ""); pos != nil {
			return true
		}
	}
	return false
}

// clusterLayout lays out a diagram whose file gives no positions at all,
// zone by zone from the inside out: the components of a zone and its inner
// zones (each a block of the size it came to) are placed by the layered
// layout along the flows between them, so that zones never overlap and
// every component sits inside its zone's box (zoneBoxes draws it around
// them).
func (im *otmImport) clusterLayout(d *model.Diagram) {
	// The item standing for a component at the level of zone z: the
	// component itself when it lies directly in z, else the inner zone of z
	// that holds it.
	parentZone := func(id string) string {
		if p := im.zones[id].z.Parent; p != nil {
			return p.TrustZone
		}
		return ""
	}
	itemAt := func(compZone, z string) (string, bool) {
		if compZone == z {
			return "", true
		}
		for at, steps := compZone, 0; at != "" && steps <= len(im.zones); steps++ {
			if parentZone(at) == z {
				return "zone:" + at, true
			}
			at = parentZone(at)
		}
		return "", false
	}
	zoneOf := map[string]string{} // element ID → its zone
	for _, c := range im.comps {
		if c.d == d {
			zoneOf[c.e.ID] = c.zone
		}
	}
	type block struct {
		w, h float64
		rel  map[string]model.Point // item ID → top-left inside the block
	}
	blocks := map[string]*block{}
	var lay func(z string) *block
	lay = func(z string) *block {
		tmp := &model.Diagram{}
		for _, e := range d.Elements {
			if zoneOf[e.ID] == z {
				tmp.Elements = append(tmp.Elements, &model.Element{ID: e.ID, Kind: e.Kind, Bounds: model.Rect{W: e.Bounds.W, H: e.Bounds.H}})
			}
		}
		for _, zf := range im.f.TrustZones {
			if parentZone(zf.ID) == z && im.hasMembers(zf.ID, zoneOf) {
				inner := lay(zf.ID)
				blocks[zf.ID] = inner
				tmp.Elements = append(tmp.Elements, &model.Element{ID: "zone:" + zf.ID, Kind: model.Process, Bounds: model.Rect{W: inner.w, H: inner.h}})
			}
		}
		for _, f := range d.Flows {
			a, okA := itemAt(zoneOf[f.From], z)
			b, okB := itemAt(zoneOf[f.To], z)
			if !okA || !okB {
				continue
			}
			if a == "" {
				a = f.From
			}
			if b == "" {
				b = f.To
			}
			if a != b {
				tmp.Flows = append(tmp.Flows, &model.Flow{From: a, To: b})
			}
		}
		placed := layout.Layered(tmp, nil)
		bl := &block{rel: map[string]model.Point{}}
		pad := 0.0
		if z != "" {
			pad = zonePad
		}
		for id, r := range placed {
			bl.rel[id] = model.Point{X: r.X + pad, Y: r.Y + pad}
			bl.w, bl.h = max(bl.w, r.X+r.W+2*pad), max(bl.h, r.Y+r.H+2*pad)
		}
		return bl
	}
	var place func(z string, bl *block, at model.Point)
	place = func(z string, bl *block, at model.Point) {
		for id, p := range bl.rel {
			if inner, ok := strings.CutPrefix(id, "zone:"); ok {
				place(inner, blocks[inner], at.Add(p))
				continue
			}
			e := d.Element(id)
			e.Bounds.X, e.Bounds.Y = at.X+p.X, at.Y+p.Y
		}
	}
	place("", lay(""), model.Point{X: 40, Y: 40})
}

// hasMembers reports whether a zone holds a component of the diagram,
// directly or through inner zones.
func (im *otmImport) hasMembers(zone string, zoneOf map[string]string) bool {
	for _, z := range zoneOf {
		for at, steps := z, 0; at != "" && steps <= len(im.zones); steps++ {
			if at == zone {
				return true
			}
			p := im.zones[at].z.Parent
			if p == nil {
				break
			}
			at = p.TrustZone
		}
	}
	return false
}

// zonePad is the room a zone box without a position of its own leaves
// around what it holds.
const zonePad = 30.0

// zoneBoxes makes a boundary box of each trust zone: where the file puts
// it, or around what it holds, inner zones first.
func (im *otmImport) zoneBoxes() {
	f := im.f
	depth := func(z *otmZone) int {
		n := 0
		for p := z.Parent; p != nil && p.TrustZone != "" && n <= len(f.TrustZones); p = im.zones[p.TrustZone].z.Parent {
			n++
		}
		return n
	}
	order := make([]*otmZone, len(f.TrustZones))
	for i := range f.TrustZones {
		order[i] = &f.TrustZones[i]
	}
	slices.SortStableFunc(order, func(a, b *otmZone) int { return depth(b) - depth(a) })
	for _, z := range order {
		st := im.zones[z.ID]
		if st.extra.Outside {
			continue
		}
		d, pos, size, _ := im.placement(z.Representations, st.path)
		b := &model.Boundary{ID: im.ids.of("zone", z.ID), Name: z.Name, Description: z.Description, Shape: model.BoundaryBox}
		if z.Risk != nil && z.Risk.TrustRating != nil && !st.extra.Unrated {
			b.Description = addTrailer(b.Description, "[OTM trust rating: "+strconv.FormatFloat(*z.Risk.TrustRating, 'g', -1, 64)+"]")
		}
		where := fmt.Sprintf("trust zone %q", z.Name)
		im.otherAttributes(where, z.Attributes)
		if pos != nil && size != nil && size.Width > 0 && size.Height > 0 {
			o, _ := im.origin(z.Parent)
			b.Bounds = model.Rect{X: o.X + pos.X, Y: o.Y + pos.Y, W: size.Width, H: size.Height}
		} else {
			d = nil
			var box model.Rect
			found := false
			add := func(r model.Rect, in *model.Diagram) {
				if d == nil {
					d = in
				}
				if in != d {
					return
				}
				if !found {
					box, found = r, true
				} else {
					box = box.Union(r)
				}
			}
			for _, c := range f.Components {
				if cs := im.comps[c.ID]; cs.zone == z.ID {
					add(cs.e.Bounds, cs.d)
				}
			}
			for _, inner := range f.TrustZones {
				if in := im.zones[inner.ID]; in.b != nil && inner.Parent != nil && inner.Parent.TrustZone == z.ID {
					add(in.b.Bounds, in.d)
				}
			}
			if !found {
				im.note(where, "an empty trust zone without a position; not imported")
				continue
			}
			b.Bounds = box.Inset(-zonePad)
		}
		if d == nil {
			d = im.first
		}
		st.b, st.d = b, d
		d.Boundaries = append(d.Boundaries, b)
	}
	// Outer zones were made last; put them first, as the file lists them.
	for _, d := range im.m.Diagrams {
		pos := map[string]int{}
		for i, z := range f.TrustZones {
			if st := im.zones[z.ID]; st.b != nil {
				pos[st.b.ID] = i
			}
		}
		slices.SortStableFunc(d.Boundaries, func(a, b *model.Boundary) int { return pos[a.ID] - pos[b.ID] })
	}
}

// restore puts back the model-level blocks of an earlier export: metadata,
// sessions, trees, actions, and per diagram its notes, line boundaries and
// order.
func (im *otmImport) restore() {
	x := im.extra
	if x == nil {
		return
	}
	m := im.m
	m.Scope, m.Classification, m.Version, m.NextSession = x.Scope, x.Classification, x.Version, x.NextSession
	m.Sessions, m.AttackTrees, m.Actions = x.Sessions, x.AttackTrees, x.Actions
	for _, dx := range x.Diagrams {
		var d *model.Diagram
		for _, c := range m.Diagrams {
			if c.ID == dx.ID {
				d = c
			}
		}
		if d == nil {
			im.note(fmt.Sprintf("diagram %q", dx.Title), "its representation is gone; its notes and lines are not restored")
			continue
		}
		d.Title, d.Description, d.Checklist, d.Parent, d.Background = dx.Title, dx.Description, dx.Checklist, dx.Parent, dx.Background
		for _, n := range dx.Notes {
			if n != nil && n.Kind == model.Note && !im.ids.used[n.ID] {
				im.ids.used[n.ID] = true
				d.Elements = append(d.Elements, n)
			}
		}
		for _, l := range dx.Lines {
			if l != nil && l.Shape == model.BoundaryLine && !im.ids.used[l.ID] {
				im.ids.used[l.ID] = true
				d.Boundaries = append(d.Boundaries, l)
			}
		}
		rank := make(map[string]int, len(dx.Order))
		for i, id := range dx.Order {
			rank[id] = i
		}
		at := func(id string) int {
			if r, ok := rank[id]; ok {
				return r
			}
			return len(dx.Order)
		}
		slices.SortStableFunc(d.Elements, func(a, b *model.Element) int { return at(a.ID) - at(b.ID) })
		slices.SortStableFunc(d.Boundaries, func(a, b *model.Boundary) int { return at(a.ID) - at(b.ID) })
		d.Reindex()
	}
}
