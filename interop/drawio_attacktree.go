package interop

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/threatboard/threatboard/model"
)

// attackTrees reads an attack-tree page: every gate and box is a node, an
// edge joins the upper of its two ends (the parent) to the lower, and each
// node without a parent roots a tree of its own.
func (imp drawioImporter) attackTrees(m *model.Model, r *Result, pc *drawioPageCells) {
	where := func(c *drawioCell) string {
		label := strings.ReplaceAll(c.value, "\n", " ")
		return fmt.Sprintf("attack-tree page %q › cell %q (%s)", pc.name, c.id, label)
	}
	note := func(c *drawioCell, msg string) { r.Notes = append(r.Notes, Note{Where: where(c), Message: msg}) }

	var nodes []*drawioCell
	isNode := map[string]bool{}
	for _, c := range pc.cells {
		if !c.vertex {
			continue
		}
		if p := pc.byID[c.parent]; p != nil && p.edge {
			if c.value != "" {
				note(c, "a label on an attack-tree edge: not kept (tree edges carry no text)")
			}
			continue
		}
		rule, _ := classify(c.style)
		c.shape = rule
		switch rule.Kind {
		case shapeContainer:
			continue
		case shapeText, shapeOther:
			if c.value != "" {
				note(c, "text on an attack-tree page: not part of any tree, left out")
			}
			continue
		}
		nodes = append(nodes, c)
		isNode[c.id] = true
	}

	parent := map[string]string{}
	children := map[string][]*drawioCell{}
	for _, c := range pc.cells {
		if !c.edge {
			continue
		}
		if !isNode[c.source] || !isNode[c.target] {
			note(c, "an attack-tree edge that does not join two nodes: left out")
			continue
		}
		up, down := pc.byID[c.source], pc.byID[c.target]
		if pc.bounds(down).Center().Y < pc.bounds(up).Center().Y {
			up, down = down, up
		}
		if up == down {
			continue
		}
		if p, ok := parent[down.id]; ok {
			note(down, fmt.Sprintf("a second parent (cell %q): the tree keeps the first, cell %q", up.id, p))
			continue
		}
		parent[down.id] = up.id
		children[up.id] = append(children[up.id], down)
	}
	left := func(c *drawioCell) float64 { return pc.bounds(c).Center().X }
	for _, cs := range children {
		slices.SortStableFunc(cs, func(a, b *drawioCell) int { return cmp.Compare(left(a), left(b)) })
	}

	done := map[string]bool{}
	var build func(c *drawioCell, depth int) *model.Node
	build = func(c *drawioCell, depth int) *model.Node {
		done[c.id] = true
		n := &model.Node{ID: imp.newID(), Title: c.value, Type: model.Leaf}
		kids := children[c.id]
		if c.shape.Kind == shapeGate {
			n.Type = c.shape.Gate
			if t, ok := gateFromLabel(c.value); ok {
				n.Type = t
			}
			if len(kids) == 0 {
				note(c, fmt.Sprintf("an %s gate without children", n.Type))
			}
		} else if len(kids) > 0 {
			n.Type = model.Or
			if t, ok := gateFromLabel(c.value); ok {
				n.Type = t
			}
			note(c, fmt.Sprintf("a box with sub-goals but no gate shape: read as an %s node", strings.ToUpper(n.Type.String())))
		}
		for _, k := range kids {
			switch {
			case done[k.id]:
				note(k, "part of a cycle: the edge that closes it is left out")
			case depth+1 >= model.DefaultLimits.TreeDepth:
				note(k, fmt.Sprintf("deeper than %d levels: left out with its sub-goals", model.DefaultLimits.TreeDepth))
			default:
				n.Children = append(n.Children, build(k, depth+1))
			}
		}
		return n
	}
	var roots []*drawioCell
	for _, c := range nodes {
		if _, ok := parent[c.id]; !ok {
			roots = append(roots, c)
		}
	}
	// A cycle with no way in has no root: the first of its nodes (in the
	// file's order) starts a tree of its own.
	reached := map[string]bool{}
	mark := func(from *drawioCell) {
		stack := []*drawioCell{from}
		for len(stack) > 0 {
			c := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if reached[c.id] {
				continue
			}
			reached[c.id] = true
			stack = append(stack, children[c.id]...)
		}
	}
	for _, c := range roots {
		mark(c)
	}
	for _, c := range nodes {
		if !reached[c.id] {
			roots = append(roots, c)
			note(c, "a cycle with no root: the tree starts here")
			mark(c)
		}
	}
	for _, c := range roots {
		if done[c.id] {
			continue
		}
		root := build(c, 1)
		m.AttackTrees = append(m.AttackTrees, &model.AttackTree{ID: imp.newID(), Title: c.value, Root: root})
		r.Notes = append(r.Notes, Note{Where: fmt.Sprintf("attack tree %q", oneLine(c.value)),
			Message: "draw.io gives the leaves no probability, cost or skill: rate them before the tree can be evaluated"})
	}
}

// gateFromLabel reads AND or OR from a gate's label, a word on its own in
// capitals or the whole label in any case: the label decides before the
// shape, which libraries draw differently.
func gateFromLabel(label string) (model.NodeType, bool) {
	words := strings.FieldsFunc(label, func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) == 1 {
		switch strings.ToUpper(words[0]) {
		case "AND":
			return model.And, true
		case "OR":
			return model.Or, true
		}
	}
	for _, w := range words {
		switch w {
		case "AND":
			return model.And, true
		case "OR":
			return model.Or, true
		}
	}
	return 0, false
}
