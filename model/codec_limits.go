package model

import "fmt"

// Limits bound what Decode accepts, so that a corrupt or hostile file is
// refused with a clear message instead of exhausting memory or the stack.
// They are far above any model a team draws by hand (docs/FORMAT.md).
type Limits struct {
	FileSize             int64 // bytes
	Diagrams             int
	ElementsPerDiagram   int
	FlowsPerDiagram      int
	BoundariesPerDiagram int
	AttackTrees          int
	TreeDepth            int // levels, the root being level 1
	NodesPerTree         int
	// ListLength bounds every other list: sessions, participants, actions,
	// threats, controls, tags, waypoints and boundary points of one object.
	ListLength   int
	StringLength int // bytes in one string value
	// Objects bounds the JSON objects and list entries in the file, of
	// every kind together: the memory a file can claim grows with them,
	// not with its bytes.
	Objects int
}

// DefaultLimits are the limits Decode and Load apply.
var DefaultLimits = Limits{
	FileSize:             64 << 20,
	Diagrams:             1_000,
	ElementsPerDiagram:   100_000,
	FlowsPerDiagram:      200_000,
	BoundariesPerDiagram: 10_000,
	AttackTrees:          1_000,
	TreeDepth:            64,
	NodesPerTree:         10_000,
	ListLength:           100_000,
	StringLength:         1 << 20,
	Objects:              1_000_000,
}

// checkLimits reports the counts of m that exceed lim; the decoder has
// already checked the file size and string lengths, the converter the trees.
func checkLimits(m *Model, lim Limits, ps *problems) {
	over := func(path, what string, n, max int) {
		if n > max {
			ps.add(path, fmt.Sprintf("%d %s; the limit is %d", n, what, max))
		}
	}
	over("sessions", "sessions", len(m.Sessions), lim.ListLength)
	over("diagrams", "diagrams", len(m.Diagrams), lim.Diagrams)
	over("attackTrees", "attack trees", len(m.AttackTrees), lim.AttackTrees)
	over("actions", "actions", len(m.Actions), lim.ListLength)
	for i, s := range m.Sessions {
		if s != nil {
			over(fmt.Sprintf("sessions[%d].participants", i), "participants", len(s.Participants), lim.ListLength)
		}
	}
	common := func(path string, c *Common) {
		over(path+".tags", "tags", len(c.Tags), lim.ListLength)
		over(path+".controls", "controls", len(c.Controls), lim.ListLength)
		over(path+".threats", "threats", len(c.Threats), lim.ListLength)
		over(path+".dismissed", "dismissed rules", len(c.Dismissed), lim.ListLength)
		over(path+".discussed", "discussions", len(c.Discussed), lim.ListLength)
	}
	for i, d := range m.Diagrams {
		if d == nil {
			continue
		}
		dp := fmt.Sprintf("diagrams[%d]", i)
		over(dp+".elements", "elements", len(d.Elements), lim.ElementsPerDiagram)
		over(dp+".flows", "flows", len(d.Flows), lim.FlowsPerDiagram)
		over(dp+".boundaries", "boundaries", len(d.Boundaries), lim.BoundariesPerDiagram)
		for j, e := range d.Elements {
			if e != nil && listsLong(&e.Common, lim) {
				common(fmt.Sprintf("%s.elements[%d]", dp, j), &e.Common)
			}
		}
		for j, f := range d.Flows {
			if f == nil {
				continue
			}
			if listsLong(&f.Common, lim) {
				common(fmt.Sprintf("%s.flows[%d]", dp, j), &f.Common)
			}
			if len(f.Waypoints) > lim.ListLength {
				over(fmt.Sprintf("%s.flows[%d].waypoints", dp, j), "points", len(f.Waypoints), lim.ListLength)
			}
		}
		for j, b := range d.Boundaries {
			if b != nil && len(b.Points) > lim.ListLength {
				over(fmt.Sprintf("%s.boundaries[%d].points", dp, j), "points", len(b.Points), lim.ListLength)
			}
		}
	}
}

// listsLong is the cheap test that spares building paths for the common case.
func listsLong(c *Common, lim Limits) bool {
	return len(c.Tags) > lim.ListLength || len(c.Controls) > lim.ListLength ||
		len(c.Threats) > lim.ListLength || len(c.Dismissed) > lim.ListLength || len(c.Discussed) > lim.ListLength
}
