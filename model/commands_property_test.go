package model

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestRandomEditsUndoRedo applies long random sequences of valid edits of
// every kind (with invalid ones, undos, redos and seals mixed in) and checks
// that undoing everything gives back the original bytes and redoing
// everything gives back the edited bytes. Every state along the way must
// pass Validate.
func TestRandomEditsUndoRedo(t *testing.T) {
	edits := 500 // valid edits applied per seed
	if testing.Short() {
		edits = 100
	}
	tried := map[string]bool{} // over all seeds, which -short keeps short
	for seed := uint64(1); seed <= 6; seed++ {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			var m *Model
			if seed%2 == 0 {
				m = editModel()
			} else {
				m = Synthetic(40, 60, 6, int64(seed))
			}
			r := rand.New(rand.NewPCG(seed, 42))
			g := &editGen{r: r}
			h := NewHistory(m)
			orig := encode(t, m)
			kinds := map[string]int{}
			for i, applied := 0, 0; applied < edits; i++ {
				switch p := r.IntN(100); {
				case p < 6:
					_ = h.Undo()
					continue
				case p < 9:
					_ = h.Redo()
					continue
				}
				// Most edits may merge, as drags and typing do; some are
				// discrete and never do.
				apply := h.Merge
				if r.IntN(100) < 15 {
					apply = h.Do
				}
				name, c, valid := g.command(m)
				before := encode(t, m)
				err := apply(c)
				if valid && err != nil {
					t.Fatalf("step %d: %s (%s) failed: %v", i, name, c.Label(), err)
				}
				if !valid {
					if err == nil {
						t.Fatalf("step %d: invalid %s succeeded", i, name)
					}
					if !bytes.Equal(encode(t, m), before) {
						t.Fatalf("step %d: failed %s changed the document", i, name)
					}
				}
				if ps := Validate(m); len(ps) > 0 {
					t.Fatalf("step %d: %s left an invalid document: %v", i, name, ps)
				}
				checkIndex(t, m)
				if valid {
					applied++
				}
				kinds[name]++
			}
			checkIndex(t, m)
			for h.CanRedo() { // the redo tail is part of the history too
				if err := h.Redo(); err != nil {
					t.Fatal(err)
				}
			}
			edited := encode(t, m)
			for h.CanUndo() {
				if err := h.Undo(); err != nil {
					t.Fatal(err)
				}
			}
			if got := encode(t, m); !bytes.Equal(got, orig) {
				t.Fatalf("undoing everything did not give back the original bytes (%d kinds of edit: %v)", len(kinds), kinds)
			}
			checkIndex(t, m)
			for h.CanRedo() {
				if err := h.Redo(); err != nil {
					t.Fatal(err)
				}
			}
			if got := encode(t, m); !bytes.Equal(got, edited) {
				t.Fatal("redoing everything did not give back the edited bytes")
			}
			checkIndex(t, m)
			for k := range kinds {
				tried[k] = true
			}
			if !testing.Short() && len(kinds) < 30 {
				t.Errorf("only %d kinds of edit were tried: %v", len(kinds), kinds)
			}
		})
	}
	if len(tried) < 36 {
		t.Errorf("only %d kinds of edit were tried over all seeds: %v", len(tried), tried)
	}
}

// editGen makes random edits of the model as it is now.
type editGen struct {
	r        *rand.Rand
	lastMove []string // repeated now and then so that moves merge
	lastDiag string
}

func (g *editGen) pick(n int) int { return g.r.IntN(n) }

func (g *editGen) coord() float64 { return float64(g.r.IntN(200000))/100 - 500 + g.r.Float64() }

func (g *editGen) point() Point { return Point{g.coord(), g.coord()} }

func (g *editGen) rect() Rect {
	return Rect{g.coord(), g.coord(), 1 + g.r.Float64()*200, 1 + g.r.Float64()*120}
}

func (g *editGen) points(min int) []Point {
	pts := make([]Point, min+g.pick(3))
	for i := range pts {
		pts[i] = g.point()
	}
	return pts
}

func (g *editGen) word() string {
	words := []string{"API", "Store", "Login", "Token", "Ω-cache", "user <admin>", "\"quoted\"", ""}
	return words[g.pick(len(words))]
}

func (g *editGen) diagram(m *Model) *Diagram { return m.Diagrams[g.pick(len(m.Diagrams))] }

func (g *editGen) element(d *Diagram, connectable bool) *Element {
	var es []*Element
	for _, e := range d.Elements {
		if !connectable || e.Kind.Connectable() {
			es = append(es, e)
		}
	}
	if len(es) == 0 {
		return nil
	}
	return es[g.pick(len(es))]
}

// anyObject is the ID of a random element, flow or boundary of d, or "".
func (g *editGen) anyObject(d *Diagram) string {
	var all []string
	all = append(all, elementIDs(d)...)
	all = append(all, flowIDs(d)...)
	for _, b := range d.Boundaries {
		all = append(all, b.ID)
	}
	if len(all) == 0 {
		return ""
	}
	return all[g.pick(len(all))]
}

func (g *editGen) someObjects(d *Diagram) []string {
	var ids []string
	for n := 1 + g.pick(3); n > 0; n-- {
		if id := g.anyObject(d); id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

func (g *editGen) common(d *Diagram) (string, *Common) {
	e := g.element(d, false)
	if len(d.Flows) > 0 && (e == nil || g.pick(3) == 0) {
		f := d.Flows[g.pick(len(d.Flows))]
		return f.ID, &f.Common
	}
	if e == nil {
		return "", nil
	}
	return e.ID, &e.Common
}

func (g *editGen) threat() *Threat {
	return &Threat{Title: g.word(), Category: "tampering", Likelihood: Level(g.pick(4)), Impact: Level(g.pick(4)),
		Decision: Decision(g.pick(6)), Status: Status(g.pick(4)), Due: Date{2027, 1, 1 + g.pick(28)}}
}

func (g *editGen) node(depth int) *Node {
	n := &Node{ID: NewID(), Title: g.word(), Type: Leaf, Probability: g.r.Float64(), Cost: g.r.Float64() * 100, Skill: g.pick(6)}
	if g.pick(3) == 0 {
		n.Probability, n.Level = 0, Level(1+g.pick(3))
	}
	if depth < 3 && g.pick(2) == 0 {
		n.Type = And + NodeType(g.pick(2))
		for i := 1 + g.pick(3); i > 0; i-- {
			n.Children = append(n.Children, g.node(depth+1))
		}
	}
	return n
}

// treeNode picks a random tree and one of its nodes; not the root when
// belowRoot is set. It returns a nil node when there is none.
func (g *editGen) treeNode(m *Model, belowRoot bool) (*AttackTree, *Node) {
	if len(m.AttackTrees) == 0 {
		return nil, nil
	}
	t := m.AttackTrees[g.pick(len(m.AttackTrees))]
	n := g.nodeOf(t)
	if belowRoot && n == t.Root {
		return t, nil
	}
	return t, n
}

func (g *editGen) nodeOf(t *AttackTree) *Node {
	var all []*Node
	t.Root.eachNode(func(n *Node) { all = append(all, n) })
	return all[g.pick(len(all))]
}

// command returns a named random command and whether it must succeed.
// Invalid ones (unknown IDs, bad values) must fail without a trace.
func (g *editGen) command(m *Model) (string, Command, bool) {
	d := g.diagram(m)
	for {
		name, c, valid := g.try(m, d)
		if c != nil {
			return name, c, valid
		}
	}
}

func (g *editGen) try(m *Model, d *Diagram) (string, Command, bool) {
	switch g.pick(53) {
	case 0:
		kinds := []Kind{Actor, Process, MultiProcess, Store, Note}
		return "add element", AddElement(d.ID, &Element{Kind: kinds[g.pick(5)], Bounds: g.rect(), Common: Common{Name: g.word()}}), true
	case 1:
		from, to := g.element(d, true), g.element(d, true)
		if from == nil {
			return "", nil, false
		}
		return "add flow", AddFlow(d.ID, &Flow{From: from.ID, To: to.ID, Waypoints: g.points(0), Common: Common{Name: g.word()}}), true
	case 2:
		if g.pick(2) == 0 {
			return "add line", AddBoundary(d.ID, &Boundary{Shape: BoundaryLine, Points: g.points(2), Name: g.word()}), true
		}
		return "add box", AddBoundary(d.ID, &Boundary{Shape: BoundaryBox, Bounds: g.rect()}), true
	case 3, 4:
		ids := g.someObjects(d)
		if len(ids) == 0 {
			return "", nil, false
		}
		return "delete", Delete(d.ID, ids), true
	case 5, 6, 7, 8:
		ids := g.someObjects(d)
		if g.lastMove != nil && g.lastDiag == d.ID && g.pick(2) == 0 {
			ids = g.lastMove
		}
		if len(ids) == 0 {
			return "", nil, false
		}
		for _, id := range ids {
			if d.Element(id) == nil && d.Boundary(id) == nil && d.Flow(id) == nil {
				return "", nil, false // deleted since
			}
		}
		g.lastMove, g.lastDiag = ids, d.ID
		return "move", Move(d.ID, ids, Point{g.r.Float64()*10 - 5, g.r.Float64()*10 - 5}), true
	case 9:
		if e := g.element(d, false); e != nil {
			return "resize", Resize(d.ID, e.ID, g.rect()), true
		}
	case 10:
		if id := g.anyObject(d); id != "" {
			return "rename", Rename(d.ID, id, g.word()), true
		}
	case 11:
		if e := g.element(d, true); e != nil {
			props := ElementProperties(e.Kind)
			p := props[g.pick(len(props))]
			var v any = g.pick(2) == 0
			if p.Text {
				v = g.word()
			}
			return "set element property", SetProp(d.ID, e.ID, p.Key, v), true
		}
	case 12:
		if len(d.Flows) > 0 {
			f := d.Flows[g.pick(len(d.Flows))]
			p := FlowProperties()[g.pick(len(FlowProperties()))]
			var v any = g.pick(2) == 0
			switch {
			case p.Options != nil:
				v = p.Options[g.pick(len(p.Options))]
			case p.Text:
				v = g.word()
			}
			return "set flow property", SetProp(d.ID, f.ID, p.Key, v), true
		}
	case 13:
		if id, _ := g.common(d); id != "" {
			var cs []Control
			for i := g.pick(3); i > 0; i-- {
				cs = append(cs, Control{Name: g.word(), InPlace: g.pick(2) == 0, Notes: g.word()})
			}
			return "set controls", SetControls(d.ID, id, cs), true
		}
	case 14:
		if id, _ := g.common(d); id != "" {
			var tags []string
			for i := g.pick(3); i > 0; i-- {
				tags = append(tags, g.word())
			}
			return "set tags", SetTags(d.ID, id, tags), true
		}
	case 15:
		if len(d.Flows) > 0 {
			from, to := g.element(d, true), g.element(d, true)
			return "reconnect", Reconnect(d.ID, d.Flows[g.pick(len(d.Flows))].ID, from.ID, to.ID), true
		}
	case 16:
		if len(d.Flows) > 0 {
			return "set waypoints", SetWaypoints(d.ID, d.Flows[g.pick(len(d.Flows))].ID, g.points(0)), true
		}
	case 17:
		if len(d.Flows) > 0 {
			return "move label", MoveLabel(d.ID, d.Flows[g.pick(len(d.Flows))].ID, g.point()), true
		}
	case 18:
		for _, b := range d.Boundaries {
			if b.Shape == BoundaryLine && g.pick(2) == 0 {
				return "set points", SetPoints(d.ID, b.ID, g.points(2)), true
			}
		}
	case 19:
		var ids []string
		for n := 1 + g.pick(3); n > 0; n-- {
			if e := g.element(d, false); e != nil && !slices.Contains(ids, e.ID) {
				ids = append(ids, e.ID)
			}
		}
		if len(ids) > 0 {
			return "reorder", Reorder(d.ID, ids, g.pick(2) == 0), true
		}
	case 20:
		if id, _ := g.common(d); id != "" {
			return "add threat", AddThreat(d.ID, id, g.threat()), true
		}
	case 21:
		if id, c := g.common(d); id != "" && len(c.Threats) > 0 {
			th := *g.threat()
			th.ID = c.Threats[g.pick(len(c.Threats))].ID
			return "edit threat", EditThreat(d.ID, id, th), true
		}
	case 22:
		if id, c := g.common(d); id != "" && len(c.Threats) > 0 {
			return "delete threat", DeleteThreat(d.ID, id, c.Threats[g.pick(len(c.Threats))].ID), true
		}
	case 23:
		if id, c := g.common(d); id != "" {
			rule := fmt.Sprintf("R-%d", g.pick(4))
			return "dismiss", Dismiss(d.ID, id, rule, g.pick(3) > 0 || !slices.Contains(c.Dismissed, rule)), true
		}
	case 24:
		nd := &Diagram{Title: g.word()}
		if e := g.element(d, false); e != nil && e.Kind == MultiProcess && g.pick(2) == 0 {
			return "add child diagram", AddChildDiagram(d.ID, e.ID, nd), e.Child == ""
		}
		return "add diagram", AddDiagram(nd), true
	case 25:
		if len(m.Diagrams) > 1 {
			return "delete diagram", DeleteDiagram(g.diagram(m).ID), true
		}
	case 26:
		return "rename diagram", RenameDiagram(d.ID, g.word()), true
	case 27:
		tr := &AttackTree{Title: g.word(), Root: g.node(1)}
		if r := m.Threats(); len(r) > 0 && g.pick(2) == 0 {
			tr.Target = r[g.pick(len(r))].Threat.ID
		}
		return "add attack tree", AddAttackTree(tr), true
	case 28:
		if len(m.AttackTrees) > 0 {
			tr := m.AttackTrees[g.pick(len(m.AttackTrees))].clone()
			tr.Title, tr.Root = g.word(), g.node(1)
			return "edit attack tree", EditAttackTree(tr), true
		}
	case 29:
		if len(m.AttackTrees) > 0 {
			return "delete attack tree", DeleteAttackTree(m.AttackTrees[g.pick(len(m.AttackTrees))].ID), true
		}
	case 30:
		return "set info", SetInfo(Info{Title: g.word(), Owner: g.word(), Scope: g.word(), Version: g.word(),
			NextSession: Date{2027, 2, 1 + g.pick(28)}}), true
	case 31:
		_, c1, valid := g.try(m, d)
		if c1 == nil {
			return "", nil, false
		}
		// Parts are built against the document as it is now, so the second
		// is one that no first part can invalidate.
		c2 := SetInfo(Info{Title: g.word(), Classification: "Internal"})
		return "batch", Batch("Two edits", c1, c2), valid
	case 32:
		fr := CopyFragment(d, g.someObjects(d))
		if fr.Empty() {
			return "", nil, false
		}
		c, _ := Paste(g.diagram(m).ID, fr, g.point())
		return "paste", c, true
	case 33:
		bad := []Command{
			Move(d.ID, []string{"no-such-id"}, Point{1, 1}),
			Rename("no-such-diagram", "x", "y"),
			Delete(d.ID, []string{g.anyObject(d), "no-such-id"}),
			SetProp(d.ID, "no-such-id", "description", "x"),
			DeleteDiagram("no-such-id"),
			AddElement(d.ID, &Element{Kind: Actor, Bounds: Rect{0, 0, -1, 1}}),
		}
		return "invalid edit", bad[g.pick(len(bad))], false
	case 34:
		if e := g.element(d, false); e != nil && m.hasID(e.ID) {
			return "duplicate ID", AddElement(g.diagram(m).ID, &Element{ID: e.ID, Kind: Actor, Bounds: g.rect()}), false
		}
	case 36:
		if t, n := g.treeNode(m, false); n != nil {
			c := g.node(3)
			return "add node", AddNode(t.ID, n.ID, c, g.pick(4)-1), n.Type != Leaf
		}
	case 37:
		if t, n := g.treeNode(m, false); n != nil {
			v := *g.node(2)
			v.ID = n.ID
			if len(n.Children) > 0 && v.Type == Leaf {
				v.Type = Or
			}
			return "edit node", EditNode(t.ID, v), true
		}
	case 38:
		if t, n := g.treeNode(m, true); n != nil {
			return "delete node", DeleteNode(t.ID, n.ID), true
		}
	case 39:
		if t, n := g.treeNode(m, true); n != nil {
			to := g.nodeOf(t)
			return "move node", MoveNode(t.ID, n.ID, to.ID, g.pick(4)-1), to.Type != Leaf && n.find(to.ID) == nil
		}
	case 40:
		if len(m.AttackTrees) > 0 {
			t := m.AttackTrees[g.pick(len(m.AttackTrees))]
			target := ""
			if r := m.Threats(); len(r) > 0 && g.pick(2) == 0 {
				target = r[g.pick(len(r))].Threat.ID
			}
			return "edit tree info", EditTreeInfo(t.ID, g.word(), target, g.pick(2) == 0), true
		}
	case 35:
		fails := AddFlow(d.ID, &Flow{From: "no-such-id", To: "no-such-id"})
		if e := g.element(d, false); e != nil {
			return "failing batch", Batch("Fails", Rename(d.ID, e.ID, "renamed"), Move(d.ID, []string{e.ID}, Point{1, 2}), fails), false
		}
	case 41:
		s := &Session{Date: Date{2026, 1 + time.Month(g.pick(12)), 1 + g.pick(28)}, Duration: g.pick(120), Notes: g.word()}
		for i := g.pick(4); i > 0; i-- {
			s.Participants = append(s.Participants, Participant{g.word(), Roles()[g.pick(len(Roles()))]})
		}
		return "add session", AddSession(s), true
	case 42:
		if len(m.Sessions) > 0 {
			s := *m.Sessions[g.pick(len(m.Sessions))]
			s.Actual, s.Notes, s.Participants = g.pick(150), g.word(), append(slices.Clone(s.Participants), Participant{Name: g.word()})
			return "edit session", EditSession(s), true
		}
	case 43:
		if len(m.Sessions) > 0 {
			return "delete session", DeleteSession(m.Sessions[g.pick(len(m.Sessions))].ID), true
		}
		return "delete unknown session", DeleteSession("no-such-id"), false
	case 44:
		if id, _ := g.common(d); id != "" {
			cats := []string{"spoofing", "tampering", "linkability", ""}
			cat := cats[g.pick(len(cats))]
			return "discuss", Discuss(d.ID, id, Discussion{cat, Date{2026, 12, 1 + g.pick(28)}, Outcome(1 + g.pick(2))}), cat != ""
		}
	case 45:
		a := &Action{Title: g.word(), Notes: g.word(), Owner: g.word(), Due: Date{2027, 1, 1 + g.pick(28)}, Status: Status(g.pick(4))}
		if r := m.Threats(); len(r) > 0 && g.pick(2) == 0 {
			a.ThreatID = r[g.pick(len(r))].Threat.ID
		}
		return "add action", AddAction(a), true
	case 46:
		if len(m.Actions) > 0 {
			a := *m.Actions[g.pick(len(m.Actions))]
			a.Status, a.Reviewed, a.ReviewNote = Verified, Date{2027, 4, 1 + g.pick(28)}, g.word()
			return "review action", EditAction(a), true
		}
	case 47:
		if len(m.Actions) > 0 {
			return "delete action", DeleteAction(m.Actions[g.pick(len(m.Actions))].ID), true
		}
	case 48:
		return "plan next session", SetNextSession(Date{2027, 3, 1 + g.pick(28)}), true
	case 49:
		if d.Background == nil || g.pick(4) == 0 {
			return "place background", PlaceBackground(d.ID, &Background{Path: g.word() + ".jpg", Bounds: g.rect(),
				Opacity: g.r.Float64(), Rotation: g.pick(4), Locked: g.pick(2) == 0}), true
		}
		return "remove background", RemoveBackground(d.ID), true
	case 50:
		switch has := d.Background != nil; g.pick(5) {
		case 0:
			return "move background", MoveBackground(d.ID, g.rect()), has
		case 1:
			return "rotate background", RotateBackground(d.ID, 1-2*g.pick(2)), has
		case 2:
			return "background opacity", SetBackgroundOpacity(d.ID, g.r.Float64()), has
		case 3:
			return "lock background", LockBackground(d.ID, g.pick(2) == 0), has
		default:
			return "bad background opacity", SetBackgroundOpacity(d.ID, 1.5), false
		}
	case 51:
		var adds []ThreatAdd
		for range 1 + g.pick(3) {
			if id, _ := g.common(d); id != "" {
				adds = append(adds, ThreatAdd{DiagramID: d.ID, TargetID: id, Threat: g.threat()})
			}
		}
		if len(adds) == 0 {
			return "", nil, false
		}
		if g.pick(4) == 0 { // one bad threat: nothing at all is added
			adds[len(adds)-1].TargetID = "nowhere"
			return "add threats to nowhere", AddThreats(adds), false
		}
		return "add threats", AddThreats(adds), true
	case 52:
		// Valid once something is dismissed; before, it must change nothing.
		if m.DismissedCount() == 0 {
			return "restore nothing dismissed", RestoreDismissed(), false
		}
		return "restore dismissed", RestoreDismissed(), true
	}
	return "", nil, false
}
