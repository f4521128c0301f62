package analysis

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/threatboard/threatboard/model"
)

// TreeError is one problem of an attack tree, located by its path in the
// document (attackTrees[0].root.children[2]) and the title of the node.
type TreeError struct {
	Path   string
	NodeID string
	Title  string
	Reason string
}

func (e *TreeError) Error() string {
	if e.Title == "" {
		return e.Path + ": " + e.Reason
	}
	return fmt.Sprintf("%s (%q): %s", e.Path, e.Title, e.Reason)
}

// MaxSkill is the highest attacker skill: 1 is a script kiddie, 5 a nation state.
const MaxSkill = 5

// The walk over a tree stops at these bounds, so that a node that is its own
// ancestor (possible in memory, never in a file) ends in bounded time. Both
// are far above what a file may hold (model.DefaultLimits).
const (
	maxTreeNodes = 1 << 22
	maxTreeDepth = 1 << 12
)

// ValidateTrees checks every attack tree of the model; paths start at
// attackTrees[i].
func ValidateTrees(m *model.Model) []*TreeError {
	var errs []*TreeError
	for i, t := range m.AttackTrees {
		errs = append(errs, ValidateTree(t, "attackTrees["+strconv.Itoa(i)+"]")...)
	}
	return errs
}

// ValidateTree checks one attack tree whose own path is path ("" when it has
// none; node paths then start at "root"). It finds nodes reached twice (a
// cycle or a shared subtree) and repeated IDs, AND/OR nodes without children,
// leaves with children or without a probability or level, and values out of
// range, in document order.
func ValidateTree(t *model.AttackTree, path string) []*TreeError {
	return flatten(t, path).errors()
}

// flatTree is an attack tree laid out in pre-order: a parent always comes
// before its children, so one backward pass evaluates the whole tree without
// recursion, and one forward pass marks paths from the root.
type flatTree struct {
	prefix string // the path of the root node, e.g. attackTrees[0].root
	nodes  []*model.Node
	parent []int32 // index of the parent; -1 for the root
	pos    []int32 // position among the parent's children
	index  idIndex
	noID   map[*model.Node]bool // nodes without an ID, so that cycles among them are found too
	errs   []located
	capped bool // the walk hit maxTreeNodes or maxTreeDepth
}

// located is a problem and the pre-order position of the node it belongs to,
// so that problems found after the walk still come out in document order.
type located struct {
	at  int32
	err *TreeError
}

func flatten(t *model.AttackTree, path string) *flatTree {
	f := &flatTree{prefix: "root"}
	if path != "" {
		f.prefix = path + ".root"
	}
	if t == nil || t.Root == nil {
		f.errs = append(f.errs, located{-1, &TreeError{Path: f.prefix, Reason: "the tree has no root goal"}})
		return f
	}
	if n := countNodes(t.Root, presizeLimit); n <= presizeLimit {
		// Sized once, the slices leave no garbage behind: on a large tree
		// that spares the collector a good part of the work.
		f.nodes = make([]*model.Node, 0, n)
		f.parent = make([]int32, 0, n)
		f.pos = make([]int32, 0, n)
	}
	f.visit(t.Root, -1, 0, 1)
	f.index = newIDIndex(f.nodes)
	f.duplicates()
	return f
}

// presizeLimit bounds the count that sizes a tree's slices up front; a
// larger tree (or one with a cycle) grows them as it goes.
const presizeLimit = 1 << 18

// countNodes counts the nodes of the tree, stopping past limit: a node that
// is its own ancestor makes the count stop there.
func countNodes(root *model.Node, limit int) int {
	n := 0
	stack := []*model.Node{root}
	for len(stack) > 0 && n <= limit {
		nd := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n++
		for _, c := range nd.Children {
			if c != nil {
				stack = append(stack, c)
			}
		}
	}
	return n
}

// errors lists the problems in document order.
func (f *flatTree) errors() []*TreeError {
	slices.SortStableFunc(f.errs, func(a, b located) int { return int(a.at) - int(b.at) })
	out := make([]*TreeError, len(f.errs))
	for i, l := range f.errs {
		out[i] = l.err
	}
	return out
}

// path spells the document path of node i, walking up to the root. It is
// only built for errors: a valid tree of 100,000 nodes builds none.
func (f *flatTree) path(i int32) string {
	var steps []int32
	for ; f.parent[i] >= 0; i = f.parent[i] {
		steps = append(steps, f.pos[i])
	}
	var b strings.Builder
	b.WriteString(f.prefix)
	for k := len(steps) - 1; k >= 0; k-- {
		b.WriteString(".children[")
		b.WriteString(strconv.Itoa(int(steps[k])))
		b.WriteByte(']')
	}
	return b.String()
}

func (f *flatTree) childPath(parent int32, pos int) string {
	if parent < 0 {
		return f.prefix
	}
	return f.path(parent) + ".children[" + strconv.Itoa(pos) + "]"
}

func (f *flatTree) fail(i int32, format string, args ...any) {
	n := f.nodes[i]
	f.errs = append(f.errs, located{i, &TreeError{Path: f.path(i), NodeID: n.ID, Title: n.Title, Reason: fmt.Sprintf(format, args...)}})
}

// visit adds n, found at position pos under parent at the given depth, and
// its subtree. Repeated IDs are found after the walk (see duplicates), where
// sorting hashes costs a fraction of a lookup per node; here only the bounds
// stop a cycle.
func (f *flatTree) visit(n *model.Node, parent int32, pos, depth int) {
	if len(f.nodes) >= maxTreeNodes || depth > maxTreeDepth {
		if !f.capped {
			f.capped = true
			f.errs = append(f.errs, located{parent, &TreeError{Path: f.childPath(parent, pos), NodeID: n.ID, Title: n.Title,
				Reason: fmt.Sprintf("the tree is larger than %d nodes or deeper than %d levels (is a node its own ancestor?)", maxTreeNodes, maxTreeDepth)}})
		}
		return
	}
	if n.ID == "" {
		if f.noID[n] {
			f.errs = append(f.errs, located{parent, &TreeError{Path: f.childPath(parent, pos), Title: n.Title,
				Reason: "the same node is reached twice (a cycle or a shared subtree)"}})
			return
		}
		if f.noID == nil {
			f.noID = map[*model.Node]bool{}
		}
		f.noID[n] = true
	}

	i := int32(len(f.nodes))
	f.nodes = append(f.nodes, n)
	f.parent = append(f.parent, parent)
	f.pos = append(f.pos, int32(pos))
	if n.ID == "" {
		f.fail(i, "node has no ID")
	}
	f.check(i, n)
	for k, c := range n.Children {
		if c == nil {
			f.errs = append(f.errs, located{i, &TreeError{Path: f.childPath(i, k), Reason: "child is missing (null)"}})
			continue
		}
		f.visit(c, i, k, depth+1)
	}
}

// duplicates reports nodes whose ID was seen earlier in document order. A
// node reached a second time through the same pointer (a shared subtree or a
// cycle) is reported once, and nothing below it: its subtree was checked
// where it was first reached, and walking round a cycle only repeats it.
func (f *flatTree) duplicates() {
	reps := f.index.repeats(f.nodes)
	if len(reps) == 0 {
		return
	}
	first := make(map[int32]int32, len(reps))
	for _, r := range reps {
		first[r.repeat] = r.first
	}
	// hidden marks the nodes inside a subtree reached a second time.
	hidden := make([]bool, len(f.nodes))
	var found []located
	for i := range f.nodes {
		i := int32(i)
		if p := f.parent[i]; p >= 0 && hidden[p] {
			hidden[i] = true
			continue
		}
		j, ok := first[i]
		if !ok {
			continue
		}
		n := f.nodes[i]
		reason := fmt.Sprintf("ID %q repeated (first at %s)", n.ID, f.path(j))
		if f.nodes[j] == n {
			hidden[i] = true
			reason = "the same node is reached twice (a cycle or a shared subtree; first at " + f.path(j) + ")"
		}
		found = append(found, located{i, &TreeError{Path: f.path(i), NodeID: n.ID, Title: n.Title, Reason: reason}})
	}
	kept := f.errs[:0]
	for _, l := range f.errs {
		if l.at < 0 || !hidden[l.at] {
			kept = append(kept, l)
		}
	}
	f.errs = append(kept, found...)
}

// check validates the node's own values.
func (f *flatTree) check(i int32, n *model.Node) {
	switch n.Type {
	case model.And, model.Or:
		if len(n.Children) == 0 {
			f.fail(i, "%s node has no children", strings.ToUpper(n.Type.String()))
		}
	case model.Leaf:
		if len(n.Children) > 0 {
			f.fail(i, "leaf has %d children; make it an AND or OR node", len(n.Children))
		}
		if n.Level == model.LevelUnset && n.Probability == 0 {
			f.fail(i, "leaf has neither a probability nor a level")
		}
	default:
		f.fail(i, "unknown node type %d", int(n.Type))
	}
	if n.Level < model.LevelUnset || n.Level > model.High {
		f.fail(i, "unknown level %d", int(n.Level))
	}
	if !unit(n.Probability) {
		f.fail(i, "probability %v is outside 0..1", n.Probability)
	}
	if n.Cost < 0 || math.IsNaN(n.Cost) || math.IsInf(n.Cost, 0) {
		f.fail(i, "cost %v is not a finite amount of zero or more", n.Cost)
	}
	if n.Skill < 0 || n.Skill > MaxSkill {
		f.fail(i, "skill %d is outside 0..%d (0 means not rated)", n.Skill, MaxSkill)
	}
	for k, c := range n.Countermeasures {
		if !unit(c.Strength) {
			f.errs = append(f.errs, located{i, &TreeError{
				Path: f.path(i) + ".countermeasures[" + strconv.Itoa(k) + "]", NodeID: n.ID, Title: c.Title,
				Reason: fmt.Sprintf("strength %v is outside 0..1", c.Strength),
			}})
		}
	}
}

// unit reports whether p is a probability: a number in 0..1 (NaN is not).
func unit(p float64) bool { return p >= 0 && p <= 1 }
