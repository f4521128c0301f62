package interop

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/threatboard/threatboard/model"
)

// otmVersion is the OTM version the export writes.
const otmVersion = "0.2.0"

// ExportOTM writes m as an Open Threat Model 0.2 file (JSON): a diagram
// representation per diagram carrying every component's and zone's
// position and size, boundary boxes as trust zones (nested boxes nest),
// elements as components, flows as dataflows, threats with their states
// and mitigations. What OTM has no place for (notes, line boundaries,
// sessions, attack trees, actions, every other property) travels under
// attributes.threatboard, which ImportOTM restores.
func ExportOTM(m *model.Model) ([]byte, error) {
	if ps := model.Validate(m); len(ps) > 0 {
		return nil, fmt.Errorf("export OTM: the model is not valid: %s", ps[0])
	}
	x := &otmExport{}
	extra := otmModelExtra{modelExtra: modelExtra{ID: m.ID, Scope: m.Scope, Classification: m.Classification,
		Version: m.Version, NextSession: m.NextSession, Sessions: m.Sessions, AttackTrees: m.AttackTrees, Actions: m.Actions}}
	reps := arr{}
	for _, d := range m.Diagrams {
		reps = append(reps, x.diagram(d, &extra))
	}
	doc := obj{
		{"otmVersion", otmVersion},
		{"project", obj{
			{"name", m.Title}, {"id", m.ID}, {"description", m.Description}, {"owner", m.Owner},
			{"attributes", obj{{extraKey, extra}}},
		}},
		{"representations", reps},
		{"trustZones", x.zones},
		{"components", x.components},
		{"dataflows", x.flows},
		{"threats", x.threats},
		{"mitigations", x.mitigations},
	}
	out, err := writeJSON(doc, 900*cells(m))
	if err != nil {
		return nil, fmt.Errorf("export OTM: %w", err)
	}
	return out, nil
}

type otmExport struct {
	zones, components, flows, threats, mitigations arr
}

func (x *otmExport) diagram(d *model.Diagram, extra *otmModelExtra) obj {
	dx := otmDiagramExtra{diagramExtra: diagramExtra{ID: d.ID, Checklist: d.Checklist, Parent: d.Parent, Background: d.Background},
		Title: d.Title, Description: d.Description}
	// Each box's parent is the smallest other box that holds it; an
	// element's, the smallest box that holds it, or the zone the export
	// makes for the elements outside every box.
	var boxes []*model.Boundary
	for _, b := range d.Boundaries {
		dx.Order = append(dx.Order, b.ID)
		if b.Shape == model.BoundaryBox {
			boxes = append(boxes, b)
		} else {
			dx.Lines = append(dx.Lines, b)
		}
	}
	parentOf := func(r model.Rect, self string) *model.Boundary {
		var best *model.Boundary
		for _, b := range boxes {
			if b.ID == self || !b.Bounds.ContainsRect(r) || b.Bounds == r && b.ID > self {
				continue
			}
			if best == nil || b.Bounds.W*b.Bounds.H < best.Bounds.W*best.Bounds.H {
				best = b
			}
		}
		return best
	}
	outside := "outside-" + d.ID
	needOutside := false
	rep := func(id string, r model.Rect, parent *model.Boundary) arr {
		at := model.Point{X: r.X, Y: r.Y}
		if parent != nil {
			at = at.Sub(model.Point{X: parent.Bounds.X, Y: parent.Bounds.Y})
		}
		return arr{obj{
			{"representation", d.ID}, {"id", id + "-representation"},
			{"position", obj{{"x", at.X}, {"y", at.Y}}},
			{"size", obj{{"width", r.W}, {"height", r.H}}},
		}}
	}
	parentRef := func(p *model.Boundary) obj {
		if p == nil {
			needOutside = true
			return obj{{"trustZone", outside}}
		}
		return obj{{"trustZone", p.ID}}
	}
	for _, b := range boxes {
		z := obj{{"id", b.ID}, {"name", b.Name}, {"type", "trust-zone"}}
		desc, rating, unrated := b.Description, 50.0, true
		if text, v, ok := cutTrailer(desc, otmTrustTrailer); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				desc, rating, unrated = text, f, false
			}
		}
		z = append(z, kv{"description", desc}, kv{"risk", obj{{"trustRating", rating}}})
		p := parentOf(b.Bounds, b.ID)
		if p != nil {
			z = append(z, kv{"parent", obj{{"trustZone", p.ID}}})
		}
		z = append(z, kv{"representations", rep(b.ID, b.Bounds, p)})
		if unrated {
			z = append(z, kv{"attributes", obj{{extraKey, otmZoneExtra{Unrated: true}}}})
		}
		x.zones = append(x.zones, z)
	}
	for _, e := range d.Elements {
		dx.Order = append(dx.Order, e.ID)
		if e.Kind == model.Note {
			dx.Notes = append(dx.Notes, e)
			continue
		}
		p := parentOf(e.Bounds, "")
		c := obj{{"id", e.ID}, {"name", e.Name}, {"type", otmTypeOf(e)}, {"description", e.Description},
			{"parent", parentRef(p)}, {"representations", rep(e.ID, e.Bounds, p)}}
		if refs := x.threatRefs(e.Threats, d); len(refs) > 0 {
			c = append(c, kv{"threats", refs})
		}
		if len(e.Tags) > 0 {
			c = append(c, kv{"tags", strs(e.Tags)})
		}
		ce := cellExtra{Kind: e.Kind.String(), Child: e.Child, Owner: e.Owner, Controls: e.Controls, Dismissed: e.Dismissed, Discussed: discussionsOf(e.Discussed)}
		ce.Props = otherProps(model.ElementProperties(e.Kind), []string{"description", "technology"}, e.Prop)
		if e.Technology == e.Kind.String() {
			ce.Technology = e.Technology // else the type says it
		}
		c = append(c, kv{"attributes", obj{{extraKey, ce}}})
		x.components = append(x.components, c)
	}
	for _, f := range d.Flows {
		fl := obj{{"id", f.ID}, {"name", f.Name}, {"description", f.Description}, {"bidirectional", f.Bidirectional},
			{"source", f.From}, {"destination", f.To}}
		if refs := x.threatRefs(f.Threats, d); len(refs) > 0 {
			fl = append(fl, kv{"threats", refs})
		}
		if len(f.Tags) > 0 {
			fl = append(fl, kv{"tags", strs(f.Tags)})
		}
		fe := cellExtra{Technology: f.Technology, Owner: f.Owner, Controls: f.Controls, Dismissed: f.Dismissed, Discussed: discussionsOf(f.Discussed), Points: f.Waypoints}
		fe.Props = otherProps(model.FlowProperties(), []string{"description", "technology", "bidirectional"}, f.Prop)
		if f.LabelOffset != (model.Point{}) {
			lo := f.LabelOffset
			fe.LabelOffset = &lo
		}
		fl = append(fl, kv{"attributes", obj{{extraKey, fe}}})
		x.flows = append(x.flows, fl)
	}
	if needOutside {
		x.zones = append(x.zones, obj{{"id", outside}, {"name", "Outside every trust boundary"}, {"type", "trust-zone"},
			{"description", "Made by Threatboard's export for the elements outside every boundary box."},
			{"risk", obj{{"trustRating", 50.0}}},
			{"attributes", obj{{extraKey, otmZoneExtra{Outside: true}}}}})
	}
	extra.Diagrams = append(extra.Diagrams, dx)
	w, h := 0.0, 0.0
	for _, e := range d.Elements {
		w, h = max(w, e.Bounds.X+e.Bounds.W), max(h, e.Bounds.Y+e.Bounds.H)
	}
	return obj{{"name", d.Title}, {"id", d.ID}, {"type", "diagram"}, {"size", obj{{"width", w}, {"height", h}}}}
}

func strs(ss []string) arr {
	out := make(arr, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// threatRefs writes a threat definition (and its mitigation) per threat
// and returns the references to them.
func (x *otmExport) threatRefs(ts []*model.Threat, d *model.Diagram) arr {
	refs := arr{}
	for _, t := range ts {
		state := otmStateOf(t.Decision, t.Status)
		desc, cwes, _ := cutTrailer(t.Description, otmCWETrailer)
		def := obj{{"id", t.ID}, {"name", t.Title}, {"description", desc}}
		if typ := tdTypeOf(t.Category); typ != "" {
			def = append(def, kv{"categories", arr{typ}})
		}
		if cwes != "" {
			def = append(def, kv{"cwes", strs(strings.Split(cwes, ", "))})
		}
		var likelihood any
		if t.Likelihood != model.LevelUnset {
			likelihood = otmValue(t.Likelihood)
		}
		def = append(def, kv{"risk", obj{{"likelihood", likelihood}, {"impact", otmValue(t.Impact)}}})
		te := threatExtra{Justification: t.Justification, AcceptedBy: t.AcceptedBy, TransferredTo: t.TransferredTo,
			Owner: t.Owner, Ticket: t.Ticket, Due: t.Due, RuleID: t.RuleID}
		if dd, ss, _ := otmState(state); dd != t.Decision || ss != t.Status {
			te.TDStatus, te.Decision, te.Status = state, t.Decision.String(), t.Status.String()
		}
		if c, _ := tdCategory(tdTypeOf(t.Category)); c != t.Category {
			te.Category = t.Category
		}
		if te != (threatExtra{}) {
			def = append(def, kv{"attributes", obj{{extraKey, te}}})
		}
		x.threats = append(x.threats, def)
		ref := obj{{"threat", t.ID}, {"state", state}}
		if t.Mitigation != "" {
			id := t.ID + "-mitigation"
			name, _, _ := strings.Cut(t.Mitigation, "\n")
			x.mitigations = append(x.mitigations, obj{{"id", id}, {"name", name}, {"description", t.Mitigation}, {"riskReduction", 0}})
			ref = append(ref, kv{"mitigations", arr{obj{{"mitigation", id}, {"state", ""}}}})
		}
		refs = append(refs, ref)
	}
	return refs
}
