package interop

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/threatboard/threatboard/model"
)

// tdVersion is the Threat Dragon version the export claims: the 2.x format
// of the demos it has been checked against.
const tdVersion = "2.3.0"

// ExportThreatDragon writes m as a Threat Dragon v2 model. Every element,
// flow, boundary and threat is there; what Threat Dragon has no place for
// travels in "threatboard" blocks (docs/IMPORT.md), which Threat Dragon
// keeps and ImportThreatDragon restores.
func ExportThreatDragon(m *model.Model) ([]byte, error) {
	if ps := model.Validate(m); len(ps) > 0 {
		return nil, fmt.Errorf("export Threat Dragon: the model is not valid: %s", ps[0])
	}
	x := tdExport{}
	diagrams := make(arr, 0, len(m.Diagrams))
	for i, d := range m.Diagrams {
		diagrams = append(diagrams, x.diagram(d, i))
	}
	people := tdPeople(m.Sessions)
	contributors := arr{}
	reviewer := ""
	for _, p := range people {
		if p.Role == "reviewer" {
			reviewer = p.Name
			continue
		}
		contributors = append(contributors, obj{{"name", p.Name}})
	}
	detail := obj{
		{"contributors", contributors},
		{"diagrams", diagrams},
		{"diagramTop", len(m.Diagrams)},
		{"reviewer", reviewer},
		{"threatTop", x.threatTop},
	}
	extra := modelExtra{ID: m.ID, Scope: m.Scope, Classification: m.Classification, Version: m.Version,
		NextSession: m.NextSession, Sessions: m.Sessions, AttackTrees: m.AttackTrees, Actions: m.Actions}
	detail = append(detail, kv{extraKey, extra})
	doc := obj{
		{"version", tdVersion},
		{"summary", obj{{"title", m.Title}, {"owner", m.Owner}, {"description", m.Description}, {"id", 0}}},
		{"detail", detail},
	}
	out, err := writeJSON(doc, 1600*cells(m))
	if err != nil {
		return nil, fmt.Errorf("export Threat Dragon: %w", err)
	}
	return out, nil
}

type tdExport struct {
	threatTop int
	diagram_  *model.Diagram
	modelType string
}

func (x *tdExport) diagram(d *model.Diagram, i int) obj {
	x.diagram_ = d
	typ := tdDiagramType(d.Checklist)
	x.modelType = typ
	cells := make(arr, 0, len(d.Boundaries)+len(d.Elements)+len(d.Flows))
	for j, b := range d.Boundaries {
		cells = append(cells, x.boundary(b, j-len(d.Boundaries)))
	}
	for j, e := range d.Elements {
		cells = append(cells, x.element(e, j+1))
	}
	for j, f := range d.Flows {
		cells = append(cells, x.flow(f, len(d.Elements)+j+1))
	}
	out := obj{
		{"id", i},
		{"title", d.Title},
		{"description", d.Description},
		{"diagramType", typ},
		{"placeholder", ""},
		{"thumbnail", "./public/content/images/thumbnail." + strings.ToLower(typ) + ".jpg"},
		{"version", tdVersion},
		{"cells", cells},
	}
	extra := diagramExtra{ID: d.ID, Parent: d.Parent, Background: d.Background}
	if d.Checklist != "" && tdChecklist(typ) != d.Checklist {
		extra.Checklist = d.Checklist
	}
	return append(out, kv{extraKey, extra})
}

func point(p model.Point) obj { return obj{{"x", p.X}, {"y", p.Y}} }

func (x *tdExport) element(e *model.Element, z int) obj {
	shape, typ := "", ""
	switch e.Kind {
	case model.Actor:
		shape, typ = "actor", "tm.Actor"
	case model.Process, model.MultiProcess:
		shape, typ = "process", "tm.Process"
	case model.Store:
		shape, typ = "store", "tm.Store"
	case model.Note:
		shape, typ = "td-text-block", "tm.Text"
	}
	w, h := math.Max(e.Bounds.W, 10), math.Max(e.Bounds.H, 10) // the schema's minimum
	cell := obj{
		{"position", obj{{"x", e.Bounds.X}, {"y", e.Bounds.Y}}},
		{"size", obj{{"width", w}, {"height", h}}},
		{"attrs", x.nodeAttrs(e)},
		{"visible", true},
		{"shape", shape},
		{"zIndex", z},
		{"id", e.ID},
	}
	data := obj{{"type", typ}, {"name", e.Name}}
	if e.Kind == model.Note {
		data = append(data, kv{"hasOpenThreats", false})
		return append(cell, kv{"data", data})
	}
	data = append(data, kv{"description", e.Description}, kv{"outOfScope", e.OutOfScope}, kv{"reasonOutOfScope", e.OutOfScopeReason})
	covered := model.CommonKeys()
	for _, p := range tdProps {
		switch {
		case p.Tag != "" && slices.Contains(p.TagKinds, e.Kind):
			data = append(data, kv{p.TD, slices.Contains(e.Tags, p.Tag)})
		case p.Element != "" && !slices.Contains(covered, p.Element):
			if v, ok := e.Prop(p.Element); ok {
				data = append(data, kv{p.TD, v})
				covered = append(covered, p.Element)
			}
		}
	}
	data = append(data, kv{"isTrustBoundary", false})
	threats, open := x.threats(e.Threats)
	data = append(data, kv{"threats", threats}, kv{"hasOpenThreats", open})
	extra := cellExtra{Technology: e.Technology, Owner: e.Owner, Controls: e.Controls, Dismissed: e.Dismissed, Discussed: discussionsOf(e.Discussed), Child: e.Child}
	if e.Kind == model.MultiProcess {
		extra.Kind = e.Kind.String()
	}
	extra.Tags = extraTags(e.Tags)
	extra.Props = otherProps(model.ElementProperties(e.Kind), covered, e.Prop)
	if w != e.Bounds.W || h != e.Bounds.H {
		extra.Points = []model.Point{{X: e.Bounds.W, Y: e.Bounds.H}}
	}
	if !extra.empty() {
		data = append(data, kv{extraKey, extra})
	}
	return append(cell, kv{"data", data})
}

// cells counts the elements, flows and boundaries of m, to size buffers.
func cells(m *model.Model) int {
	n := 0
	for _, d := range m.Diagrams {
		n += len(d.Elements) + len(d.Flows) + len(d.Boundaries)
	}
	return n
}

// extraTags are the tags to keep in the extra block: all of them, in their
// order, unless they are only the ones Threat Dragon's flags bring back.
func extraTags(tags []string) []string {
	if !slices.ContainsFunc(tags, func(t string) bool { return !isTDTag(t) }) {
		return nil
	}
	return tags
}

// otherProps are the properties Threat Dragon has no key for, set ones only.
func otherProps(props []model.Property, covered []string, get func(string) (any, bool)) map[string]any {
	var out map[string]any
	for _, p := range props {
		if slices.Contains(covered, p.Key) {
			continue
		}
		v, _ := get(p.Key)
		if v == false || v == "" || v == nil {
			continue
		}
		if out == nil {
			out = map[string]any{}
		}
		out[p.Key] = v
	}
	return out
}

func (c *cellExtra) empty() bool {
	return c.Kind == "" && c.Child == "" && c.Technology == "" && c.Owner == "" && len(c.Tags) == 0 &&
		len(c.Controls) == 0 && len(c.Dismissed) == 0 && len(c.Discussed) == 0 && len(c.Props) == 0 && c.LabelOffset == nil && len(c.Points) == 0
}

func (x *tdExport) nodeAttrs(e *model.Element) obj {
	text := obj{{"text", obj{{"text", e.Name}}}}
	dash := ""
	if e.OutOfScope {
		dash = "4 3"
	}
	switch e.Kind {
	case model.Actor, model.Process, model.MultiProcess:
		return append(text, kv{"body", obj{{"stroke", "#333333"}, {"strokeWidth", 1.5}, {"strokeDasharray", dash}}})
	case model.Store:
		line := obj{{"stroke", "#333333"}, {"strokeWidth", 1.5}, {"strokeDasharray", dash}}
		return append(text, kv{"topLine", line}, kv{"bottomLine", line})
	}
	return text
}

func (x *tdExport) flow(f *model.Flow, z int) obj {
	source := "block"
	if !f.Bidirectional {
		source = ""
	}
	dash := ""
	if f.OutOfScope {
		dash = "4 3"
	}
	cell := obj{
		{"shape", "flow"},
		{"attrs", obj{{"line", obj{
			{"stroke", "#333333"}, {"strokeWidth", 1.5},
			{"targetMarker", obj{{"name", "block"}}}, {"sourceMarker", obj{{"name", source}}},
			{"strokeDasharray", dash},
		}}}},
		{"zIndex", z},
		{"connector", "smooth"},
		{"labels", arr{tdLabel(f.Name)}},
	}
	data := obj{
		{"type", "tm.Flow"}, {"name", f.Name}, {"description", f.Description},
		{"outOfScope", f.OutOfScope}, {"reasonOutOfScope", f.OutOfScopeReason},
	}
	covered := model.CommonKeys()
	for _, p := range tdProps {
		if p.Flow != "" && !slices.Contains(covered, p.Flow) {
			v, _ := f.Prop(p.Flow)
			data = append(data, kv{p.TD, v})
			covered = append(covered, p.Flow)
		}
	}
	data = append(data, kv{"isTrustBoundary", false})
	threats, open := x.threats(f.Threats)
	data = append(data, kv{"threats", threats}, kv{"hasOpenThreats", open})
	extra := cellExtra{Technology: f.Technology, Owner: f.Owner, Controls: f.Controls, Dismissed: f.Dismissed, Discussed: discussionsOf(f.Discussed)}
	extra.Tags = extraTags(f.Tags)
	extra.Props = otherProps(model.FlowProperties(), covered, f.Prop)
	if f.LabelOffset != (model.Point{}) {
		lo := f.LabelOffset
		extra.LabelOffset = &lo
	}
	if !extra.empty() {
		data = append(data, kv{extraKey, extra})
	}
	cell = append(cell, kv{"data", data}, kv{"id", f.ID},
		kv{"source", obj{{"cell", f.From}}}, kv{"target", obj{{"cell", f.To}}})
	if len(f.Waypoints) > 0 {
		vs := make(arr, len(f.Waypoints))
		for i, p := range f.Waypoints {
			vs[i] = point(p)
		}
		cell = append(cell, kv{"vertices", vs})
	}
	return cell
}

// tdLabel is a flow's or curve's label: the text only; Threat Dragon's
// edge shapes bring the markup and the look of their default label.
func tdLabel(text string) obj {
	return obj{{"attrs", obj{{"labelText", obj{{"text", text}}}}}, {"position", 0.5}}
}

func (x *tdExport) boundary(b *model.Boundary, z int) obj {
	data := obj{{"name", b.Name}, {"description", b.Description}, {"isTrustBoundary", true}, {"hasOpenThreats", false}}
	if b.Shape == model.BoundaryBox {
		return obj{
			{"position", obj{{"x", b.Bounds.X}, {"y", b.Bounds.Y}}},
			{"size", obj{{"width", b.Bounds.W}, {"height", b.Bounds.H}}},
			{"attrs", obj{{"label", obj{{"text", b.Name}}}}},
			{"visible", true},
			{"shape", "trust-boundary-box"},
			{"zIndex", z},
			{"id", b.ID},
			{"data", append(obj{{"type", "tm.BoundaryBox"}}, data...)},
		}
	}
	// The schema wants whole numbers at a curve's ends; exact points travel
	// in the extra block when they are not.
	first, last := b.Points[0], b.Points[len(b.Points)-1]
	end := func(p model.Point) obj { return obj{{"x", int(math.Round(p.X))}, {"y", int(math.Round(p.Y))}} }
	data = append(obj{{"type", "tm.Boundary"}}, data...)
	if math.Round(first.X) != first.X || math.Round(first.Y) != first.Y || math.Round(last.X) != last.X || math.Round(last.Y) != last.Y {
		data = append(data, kv{extraKey, cellExtra{Points: b.Points}})
	}
	vs := make(arr, 0, len(b.Points)-2)
	for _, p := range b.Points[1 : len(b.Points)-1] {
		vs = append(vs, point(p))
	}
	return obj{
		{"shape", "trust-boundary-curve"},
		{"attrs", obj{{"line", obj{{"targetMarker", obj{{"name", ""}}}, {"sourceMarker", obj{{"name", ""}}}}}}},
		{"zIndex", z},
		{"connector", "smooth"},
		{"labels", arr{tdLabel(b.Name)}},
		{"data", data},
		{"id", b.ID},
		{"source", end(first)},
		{"target", end(last)},
		{"vertices", vs},
	}
}

// threats writes a list of threats and whether any is open there.
func (x *tdExport) threats(ts []*model.Threat) (arr, bool) {
	out := make(arr, 0, len(ts))
	open := false
	for _, t := range ts {
		status := tdStatusOf(t.Decision, t.Status)
		open = open || status == "Open"
		desc, number, score := t.Description, "", ""
		if m := tdTrailer.FindStringSubmatchIndex(desc); m != nil {
			if m[2] >= 0 {
				number = desc[m[2]:m[3]]
			}
			if m[4] >= 0 {
				score = desc[m[4]:m[5]]
			}
			desc = desc[:m[0]]
		}
		o := obj{
			{"id", t.ID},
			{"title", t.Title},
			{"status", status},
			{"severity", tdSeverityOf(t.Impact)},
			{"type", tdTypeOf(t.Category)},
			{"description", desc},
			{"mitigation", t.Mitigation},
			{"modelType", x.modelType},
			{"new", false},
		}
		if n, err := strconv.Atoi(number); err == nil && n >= 0 {
			o = append(o, kv{"number", n})
			x.threatTop = max(x.threatTop, n)
		}
		o = append(o, kv{"score", score})
		extra := threatExtra{
			Likelihood: t.Likelihood, Justification: t.Justification, AcceptedBy: t.AcceptedBy,
			TransferredTo: t.TransferredTo, Owner: t.Owner, Ticket: t.Ticket, Due: t.Due, RuleID: t.RuleID,
		}
		st := slices.IndexFunc(tdStatuses, func(s tdStatus) bool { return s.TD == status })
		if tdStatuses[st].Decision != t.Decision || tdStatuses[st].Status != t.Status {
			extra.TDStatus, extra.Decision, extra.Status = status, t.Decision.String(), t.Status.String()
		}
		if c, _ := tdCategory(tdTypeOf(t.Category)); c != t.Category {
			extra.Category = t.Category
		}
		if extra != (threatExtra{}) {
			o = append(o, kv{extraKey, extra})
		}
		out = append(out, o)
	}
	return out, open
}
