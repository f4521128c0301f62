package model

import (
	"fmt"
	"strconv"
)

// dtoReader converts a decoded file to the domain model, reporting every
// enum, date and missing required value with its path.
type dtoReader struct {
	ps  *problems
	lim Limits
}

func (r *dtoReader) model(f *fileDTO) *Model {
	m := &Model{
		ID:             f.ID,
		Title:          f.Title,
		Owner:          f.Owner,
		Description:    f.Description,
		Scope:          f.Scope,
		Classification: f.Classification,
		Version:        f.DocumentVersion,
		NextSession:    r.date(f.NextSession, "nextSession"),
	}
	if len(f.Sessions) > 0 {
		m.Sessions = make([]*Session, len(f.Sessions))
		ss := make([]Session, len(f.Sessions))
		for i := range f.Sessions {
			d := &f.Sessions[i]
			s := &ss[i]
			*s = Session{ID: d.ID, Duration: d.Duration, Actual: d.Actual, Notes: d.Notes}
			if d.Date != "" {
				s.Date = r.date(d.Date, fmt.Sprintf("sessions[%d].date", i))
			}
			if len(d.Participants) > 0 {
				s.Participants = make([]Participant, len(d.Participants))
				for j, p := range d.Participants {
					s.Participants[j] = Participant(p)
				}
			}
			m.Sessions[i] = s
		}
	}
	if len(f.Diagrams) > 0 {
		m.Diagrams = make([]*Diagram, len(f.Diagrams))
		for i := range f.Diagrams {
			m.Diagrams[i] = r.diagram(&f.Diagrams[i], i)
		}
	}
	if len(f.AttackTrees) > 0 {
		m.AttackTrees = make([]*AttackTree, len(f.AttackTrees))
		for i := range f.AttackTrees {
			d := &f.AttackTrees[i]
			t := &AttackTree{ID: d.ID, Title: d.Title, Target: d.Target, FeedsLikelihood: d.FeedsLikelihood}
			path := "attackTrees[" + strconv.Itoa(i) + "]"
			if d.Root == nil {
				r.ps.add(path+".root", "missing; an attack tree needs a root node")
			} else {
				t.Root = r.node(d.Root, path+".root", 1, path)
			}
			m.AttackTrees[i] = t
		}
	}
	if len(f.Actions) > 0 {
		m.Actions = make([]*Action, len(f.Actions))
		as := make([]Action, len(f.Actions))
		for i := range f.Actions {
			d := &f.Actions[i]
			a := &as[i]
			*a = Action{ID: d.ID, Title: d.Title, ThreatID: d.ThreatID, Notes: d.Notes, Owner: d.Owner,
				Ticket: d.Ticket, ReviewNote: d.ReviewNote}
			if d.Due != "" {
				a.Due = r.date(d.Due, fmt.Sprintf("actions[%d].due", i))
			}
			if d.Reviewed != "" {
				a.Reviewed = r.date(d.Reviewed, fmt.Sprintf("actions[%d].reviewed", i))
			}
			if d.Status != "" {
				a.Status = r.status(d.Status, fmt.Sprintf("actions[%d].status", i))
			}
			m.Actions[i] = a
		}
	}
	return m
}

func (r *dtoReader) diagram(d *diagramDTO, i int) *Diagram {
	out := &Diagram{ID: d.ID, Title: d.Title, Description: d.Description, Checklist: d.Checklist, Parent: d.Parent}
	if b := d.Background; b != nil {
		out.Background = &Background{Path: b.Path, Opacity: b.Opacity, Rotation: b.Rotation, Locked: b.Locked}
		if b.Bounds == nil {
			r.ps.add(fmt.Sprintf("diagrams[%d].background.bounds", i), "missing; a background needs bounds")
		} else {
			out.Background.Bounds = rectIn(b.Bounds)
		}
	}
	if n := len(d.Elements); n > 0 {
		out.Elements = make([]*Element, n)
		es := make([]Element, n)
		for j := range d.Elements {
			e := &d.Elements[j]
			o := &es[j]
			*o = Element{ID: e.ID, Common: r.lists(&e.listsDTO, i, "elements", j), Child: e.Child}
			o.Name = e.Name
			at := func() string { return fmt.Sprintf("diagrams[%d].elements[%d]", i, j) }
			e.Props.toElement(o, r, at)
			if k, err := ParseKind(e.Kind); err != nil {
				r.ps.add(fmt.Sprintf("diagrams[%d].elements[%d].kind", i, j), err.Error())
			} else {
				o.Kind = k
			}
			if e.Bounds == nil {
				r.ps.add(fmt.Sprintf("diagrams[%d].elements[%d].bounds", i, j), "missing; every element needs bounds")
			} else {
				o.Bounds = rectIn(e.Bounds)
			}
			out.Elements[j] = o
		}
	}
	if n := len(d.Flows); n > 0 {
		out.Flows = make([]*Flow, n)
		fs := make([]Flow, n)
		for j := range d.Flows {
			f := &d.Flows[j]
			o := &fs[j]
			*o = Flow{ID: f.ID, From: f.From, To: f.To, Waypoints: pointsIn(f.Waypoints),
				Common: r.lists(&f.listsDTO, i, "flows", j)}
			o.Name = f.Name
			at := func() string { return fmt.Sprintf("diagrams[%d].flows[%d]", i, j) }
			f.Props.toFlow(o, r, at)
			if f.LabelOffset != nil {
				o.LabelOffset = Point{f.LabelOffset.X, f.LabelOffset.Y}
			}
			out.Flows[j] = o
		}
	}
	if n := len(d.Boundaries); n > 0 {
		out.Boundaries = make([]*Boundary, n)
		for j := range d.Boundaries {
			b := &d.Boundaries[j]
			o := &Boundary{ID: b.ID, Name: b.Name, Description: b.Description, Points: pointsIn(b.Points)}
			path := fmt.Sprintf("diagrams[%d].boundaries[%d]", i, j)
			s, err := ParseBoundaryShape(b.Shape)
			if err != nil {
				r.ps.add(path+".shape", err.Error())
			}
			o.Shape = s
			if b.Bounds != nil {
				o.Bounds = rectIn(b.Bounds)
			}
			if s == BoundaryBox && b.Bounds == nil {
				r.ps.add(path+".bounds", "missing; a box boundary needs bounds")
			}
			out.Boundaries[j] = o
		}
	}
	return out
}

// lists converts the lists elements and flows share; the owner is
// diagrams[i].<list>[j]. Their properties are the property table's
// (codec_props.go).
func (r *dtoReader) lists(c *listsDTO, i int, list string, j int) Common {
	out := Common{Tags: c.Tags, Dismissed: c.Dismissed}
	if len(c.Controls) > 0 {
		out.Controls = make([]Control, len(c.Controls))
		for k, ct := range c.Controls {
			out.Controls[k] = Control(ct)
		}
	}
	if len(c.Discussed) > 0 {
		out.Discussed = make([]Discussion, len(c.Discussed))
		for k, d := range c.Discussed {
			field := fmt.Sprintf("diagrams[%d].%s[%d].discussed[%d].", i, list, j, k)
			out.Discussed[k] = Discussion{Category: d.Category}
			if d.Date != "" {
				out.Discussed[k].Date = r.date(d.Date, field+"date")
			}
			o, err := ParseOutcome(d.Outcome)
			if err != nil {
				r.ps.add(field+"outcome", err.Error())
			}
			out.Discussed[k].Outcome = o
		}
	}
	if len(c.Threats) == 0 {
		return out
	}
	out.Threats = make([]*Threat, len(c.Threats))
	ts := make([]Threat, len(c.Threats))
	for k := range c.Threats {
		d := &c.Threats[k]
		t := &ts[k]
		*t = Threat{
			ID: d.ID, Title: d.Title, Category: d.Category, Description: d.Description,
			Mitigation: d.Mitigation, Justification: d.Justification, AcceptedBy: d.AcceptedBy,
			TransferredTo: d.TransferredTo, Owner: d.Owner, Ticket: d.Ticket, RuleID: d.RuleID,
		}
		field := func(name string) string {
			return fmt.Sprintf("diagrams[%d].%s[%d].threats[%d].%s", i, list, j, k, name)
		}
		var err error
		if t.Likelihood, err = ParseLevel(d.Likelihood); err != nil {
			r.ps.add(field("likelihood"), err.Error())
		}
		if t.Impact, err = ParseLevel(d.Impact); err != nil {
			r.ps.add(field("impact"), err.Error())
		}
		if d.Decision != "" {
			if t.Decision, err = ParseDecision(d.Decision); err != nil {
				r.ps.add(field("decision"), err.Error())
			}
		}
		if d.Status != "" {
			if t.Status, err = ParseStatus(d.Status); err != nil {
				r.ps.add(field("status"), err.Error())
			}
		}
		if d.Due != "" {
			t.Due = r.date(d.Due, field("due"))
		}
		out.Threats[k] = t
	}
	return out
}

// node converts an attack-tree node; depth counts levels from 1 at the root
// and stops the descent at the depth limit.
func (r *dtoReader) node(d *nodeDTO, path string, depth int, tree string) *Node {
	n := &Node{ID: d.ID, Title: d.Title, Probability: d.Probability, Cost: d.Cost, Skill: d.Skill}
	var err error
	if n.Type, err = ParseNodeType(d.Type); err != nil {
		r.ps.add(path+".type", err.Error())
	}
	if d.Level != "" {
		if n.Level, err = ParseLevel(d.Level); err != nil {
			r.ps.add(path+".level", err.Error())
		}
	}
	if len(d.Countermeasures) > 0 {
		n.Countermeasures = make([]Countermeasure, len(d.Countermeasures))
		for i, c := range d.Countermeasures {
			n.Countermeasures[i] = Countermeasure(c)
		}
	}
	if len(d.Children) == 0 {
		return n
	}
	if depth >= r.lim.TreeDepth {
		r.ps.addf(tree, "the attack tree is deeper than %d levels (below node %q)", r.lim.TreeDepth, d.ID)
		return n
	}
	n.Children = make([]*Node, len(d.Children))
	for i := range d.Children {
		n.Children[i] = r.node(&d.Children[i], path+".children["+strconv.Itoa(i)+"]", depth+1, tree)
	}
	return n
}

func (r *dtoReader) date(s, path string) Date {
	d, err := ParseDate(s)
	if err != nil {
		r.ps.add(path, err.Error())
	}
	return d
}

func (r *dtoReader) status(s, path string) Status {
	v, err := ParseStatus(s)
	if err != nil {
		r.ps.add(path, err.Error())
	}
	return v
}

func rectIn(r *rectDTO) Rect { return Rect{r.X, r.Y, r.W, r.H} }

func pointsIn(ps []pointDTO) []Point {
	if len(ps) == 0 {
		return nil
	}
	out := make([]Point, len(ps))
	for i, p := range ps {
		out[i] = Point{p.X, p.Y}
	}
	return out
}
