package model

import (
	"fmt"
	"math"
	"strconv"
)

// toDTO converts a model to its persisted form. It fails only on values the
// file cannot represent (an enum out of range); everything else is written
// as it is, so that a save never refuses the user's work.
func toDTO(m *Model) (*fileDTO, error) {
	c := dtoWriter{}
	f := &fileDTO{
		Format:          FormatName,
		Version:         CurrentVersion,
		ID:              m.ID,
		Title:           m.Title,
		Owner:           m.Owner,
		Description:     m.Description,
		Scope:           m.Scope,
		Classification:  m.Classification,
		DocumentVersion: m.Version,
		NextSession:     m.NextSession.String(),
	}
	if len(m.Sessions) > 0 {
		f.Sessions = make([]sessionDTO, len(m.Sessions))
	}
	for i, s := range m.Sessions {
		if s == nil {
			c.fail("sessions[%d]: nil session", i)
			continue
		}
		d := sessionDTO{ID: s.ID, Date: s.Date.String(), Duration: s.Duration, Actual: s.Actual, Notes: s.Notes}
		if len(s.Participants) > 0 {
			d.Participants = make([]participantDTO, len(s.Participants))
			for j, p := range s.Participants {
				d.Participants[j] = participantDTO(p)
			}
		}
		f.Sessions[i] = d
	}
	if len(m.Diagrams) > 0 {
		f.Diagrams = make([]diagramDTO, len(m.Diagrams))
	}
	for i, d := range m.Diagrams {
		if d == nil {
			c.fail("diagrams[%d]: nil diagram", i)
			continue
		}
		f.Diagrams[i] = c.diagram(d, i)
	}
	if len(m.AttackTrees) > 0 {
		f.AttackTrees = make([]attackTreeDTO, len(m.AttackTrees))
	}
	for i, t := range m.AttackTrees {
		if t == nil {
			c.fail("attackTrees[%d]: nil attack tree", i)
			continue
		}
		d := attackTreeDTO{ID: t.ID, Title: t.Title, Target: t.Target, FeedsLikelihood: t.FeedsLikelihood}
		if t.Root != nil {
			root := c.node(t.Root, "attackTrees["+strconv.Itoa(i)+"].root", 0)
			d.Root = &root
		}
		f.AttackTrees[i] = d
	}
	if len(m.Actions) > 0 {
		f.Actions = make([]actionDTO, len(m.Actions))
	}
	for i, a := range m.Actions {
		if a == nil {
			c.fail("actions[%d]: nil action", i)
			continue
		}
		f.Actions[i] = actionDTO{
			ID: a.ID, Title: a.Title, ThreatID: a.ThreatID, Notes: a.Notes, Owner: a.Owner, Ticket: a.Ticket,
			Due: a.Due.String(), Status: c.status(a.Status, "actions[%d].status", i),
			Reviewed: a.Reviewed.String(), ReviewNote: a.ReviewNote,
		}
	}
	if c.err != nil {
		return nil, c.err
	}
	return f, nil
}

// dtoWriter remembers the first value that cannot be written.
type dtoWriter struct{ err error }

func (c *dtoWriter) fail(format string, args ...any) {
	if c.err == nil {
		c.err = fmt.Errorf(format, args...)
	}
}

func (c *dtoWriter) diagram(d *Diagram, i int) diagramDTO {
	out := diagramDTO{ID: d.ID, Title: d.Title, Description: d.Description, Checklist: d.Checklist, Parent: d.Parent}
	if b := d.Background; b != nil {
		out.Background = &backgroundDTO{Path: b.Path, Bounds: rectOut(b.Bounds), Opacity: b.Opacity, Rotation: b.Rotation, Locked: b.Locked}
	}
	if len(d.Elements) > 0 {
		out.Elements = make([]elementDTO, len(d.Elements))
	}
	for j, e := range d.Elements {
		if e == nil {
			c.fail("diagrams[%d].elements[%d]: nil element", i, j)
			continue
		}
		if e.Kind < Actor || e.Kind > Note {
			c.fail("diagrams[%d].elements[%d].kind: invalid element kind %d", i, j, int(e.Kind))
		}
		ed := &out.Elements[j]
		*ed = elementDTO{ID: e.ID, Kind: e.Kind.String(), Bounds: rectOut(e.Bounds), Name: e.Name,
			listsDTO: c.lists(&e.Common, i, "elements", j), Child: e.Child}
		ed.Props.fromElement(e)
	}
	if len(d.Flows) > 0 {
		out.Flows = make([]flowDTO, len(d.Flows))
	}
	for j, f := range d.Flows {
		if f == nil {
			c.fail("diagrams[%d].flows[%d]: nil flow", i, j)
			continue
		}
		if f.Classification < DataUnclassified || f.Classification > DataSecret {
			c.fail("diagrams[%d].flows[%d].classification: invalid data classification %d", i, j, int(f.Classification))
		}
		fd := flowDTO{ID: f.ID, From: f.From, To: f.To, Waypoints: pointsOut(f.Waypoints), Name: f.Name,
			listsDTO: c.lists(&f.Common, i, "flows", j)}
		fd.Props.fromFlow(f)
		if f.LabelOffset != (Point{}) {
			lo := pointOut(f.LabelOffset)
			fd.LabelOffset = &lo
		}
		out.Flows[j] = fd
	}
	if len(d.Boundaries) > 0 {
		out.Boundaries = make([]boundaryDTO, len(d.Boundaries))
	}
	for j, b := range d.Boundaries {
		if b == nil {
			c.fail("diagrams[%d].boundaries[%d]: nil boundary", i, j)
			continue
		}
		bd := boundaryDTO{ID: b.ID, Name: b.Name, Description: b.Description, Shape: b.Shape.String(), Points: pointsOut(b.Points)}
		switch b.Shape {
		case BoundaryLine:
		case BoundaryBox:
			bd.Bounds = rectOut(b.Bounds)
		default:
			c.fail("diagrams[%d].boundaries[%d].shape: invalid boundary shape %d", i, j, int(b.Shape))
		}
		out.Boundaries[j] = bd
	}
	return out
}

// lists converts the lists elements and flows share; their properties are
// the property table's (codec_props.go).
func (c *dtoWriter) lists(cm *Common, i int, list string, j int) listsDTO {
	out := listsDTO{Tags: cm.Tags, Dismissed: cm.Dismissed}
	if len(cm.Controls) > 0 {
		out.Controls = make([]controlDTO, len(cm.Controls))
		for k, ct := range cm.Controls {
			out.Controls[k] = controlDTO(ct)
		}
	}
	if len(cm.Discussed) > 0 {
		out.Discussed = make([]discussionDTO, len(cm.Discussed))
		for k, d := range cm.Discussed {
			if d.Outcome < ThreatsFound || d.Outcome > NothingFound {
				c.fail("diagrams[%d].%s[%d].discussed[%d].outcome: invalid outcome %d", i, list, j, k, int(d.Outcome))
			}
			out.Discussed[k] = discussionDTO{Category: d.Category, Date: d.Date.String(), Outcome: d.Outcome.String()}
		}
	}
	if len(cm.Threats) > 0 {
		out.Threats = make([]threatDTO, len(cm.Threats))
	}
	for k, t := range cm.Threats {
		if t == nil {
			c.fail("diagrams[%d].%s[%d].threats[%d]: nil threat", i, list, j, k)
			continue
		}
		at := func(field string) string {
			return fmt.Sprintf("diagrams[%d].%s[%d].threats[%d].%s", i, list, j, k, field)
		}
		out.Threats[k] = threatDTO{
			ID: t.ID, Title: t.Title, Category: t.Category, Description: t.Description,
			Likelihood: c.level(t.Likelihood, at, "likelihood"), Impact: c.level(t.Impact, at, "impact"),
			Mitigation: t.Mitigation, Decision: c.decision(t.Decision, at),
			Justification: t.Justification, AcceptedBy: t.AcceptedBy, TransferredTo: t.TransferredTo,
			Owner: t.Owner, Ticket: t.Ticket, Due: t.Due.String(),
			Status: c.status(t.Status, "%s", at("status")), RuleID: t.RuleID,
		}
	}
	return out
}

func (c *dtoWriter) node(n *Node, path string, depth int) nodeDTO {
	if depth > maxNesting {
		c.fail("%s: attack tree deeper than %d levels", path, maxNesting)
		return nodeDTO{}
	}
	if n.Type < Leaf || n.Type > Or {
		c.fail("%s.type: invalid node type %d", path, int(n.Type))
	}
	out := nodeDTO{
		ID: n.ID, Title: n.Title, Type: n.Type.String(), Probability: n.Probability,
		Level: c.level(n.Level, func(f string) string { return path + "." + f }, "level"),
		Cost:  n.Cost, Skill: n.Skill,
	}
	if len(n.Countermeasures) > 0 {
		out.Countermeasures = make([]countermeasureDTO, len(n.Countermeasures))
		for i, cm := range n.Countermeasures {
			out.Countermeasures[i] = countermeasureDTO(cm)
		}
	}
	if len(n.Children) > 0 {
		out.Children = make([]nodeDTO, len(n.Children))
	}
	for i, ch := range n.Children {
		p := path + ".children[" + strconv.Itoa(i) + "]"
		if ch == nil {
			c.fail("%s: nil node", p)
			continue
		}
		out.Children[i] = c.node(ch, p, depth+1)
	}
	return out
}

// The enum writers return "" for the zero value, which the file omits.

func (c *dtoWriter) level(l Level, at func(string) string, field string) string {
	if l < LevelUnset || l > High {
		c.fail("%s: invalid level %d", at(field), int(l))
		return ""
	}
	return l.String()
}

func (c *dtoWriter) decision(d Decision, at func(string) string) string {
	if d < Undecided || d > NotApplicable {
		c.fail("%s: invalid decision %d", at("decision"), int(d))
		return ""
	}
	if d == Undecided {
		return ""
	}
	return d.String()
}

func (c *dtoWriter) status(s Status, format string, args ...any) string {
	if s < Open || s > Verified {
		c.fail(format+": invalid status %d", append(args, int(s))...)
		return ""
	}
	if s == Open {
		return ""
	}
	return s.String()
}

// Positions and sizes are written to one decimal: a drag at a fractional
// zoom leaves values such as 23.03125, and a file diff should show moves
// a user made, not noise. A size that would round to nothing keeps its
// value, as a size must stay positive.
func rectOut(r Rect) *rectDTO {
	return &rectDTO{coordOut(r.X), coordOut(r.Y), sizeOut(r.W), sizeOut(r.H)}
}

func pointOut(p Point) pointDTO { return pointDTO{coordOut(p.X), coordOut(p.Y)} }

func coordOut(v float64) float64 {
	r := math.Round(v*10) / 10
	switch {
	case math.IsInf(r, 0) || math.IsNaN(r):
		return v // out of range: written as it is, for the validator to report
	case r == 0:
		return 0 // not -0
	}
	return r
}

func sizeOut(v float64) float64 {
	if r := coordOut(v); r > 0 {
		return r
	}
	return v
}

func pointsOut(ps []Point) []pointDTO {
	if len(ps) == 0 {
		return nil
	}
	out := make([]pointDTO, len(ps))
	for i, p := range ps {
		out[i] = pointOut(p)
	}
	return out
}
