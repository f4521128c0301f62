package analysis

import (
	"fmt"
	"hash/maphash"
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
	maxTreeNodes = 1 << 18
	maxTreeDepth = 1 << 10
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
	prefix  string // the path of the root node, e.g. attackTrees[0].root
	nodes   []*model.Node
	parent  []int32     // index of the parent; -1 for the root
	pos     []int32     // position among the parent's children
	types   []int8      // the node types, compactly: the fold reads them at random
	vals    []NodeValue // starting values (see startValue), folded by evaluate
	guarded []guard     // inner nodes with countermeasures in place, in pre-order
	keys    []uint64    // ID hash<<32 | position, for the index
	index   idIndex
	noID    map[*model.Node]bool // nodes without an ID, so that cycles among them are found too
	errs    []located
	dropped int  // problems past maxTreeProblems
	capped  bool // the walk hit maxTreeNodes or maxTreeDepth
}

// guard is an inner node's countermeasure factor, applied once its children
// are folded in; a leaf's is applied to its starting value at once.
type guard struct {
	at     int32
	factor float64
}

// located is a problem found during the walk. Its path is spelled only when
// the problem is reported, so that a tree walked round a cycle, where every
// lap finds the same problems again, costs no more than the walk.
type located struct {
	at     int32  // pre-order position of the node it belongs to, for document order; -1 for the tree
	base   int32  // the node whose path the problem's path extends; -1 for the root's own path
	step   string // appended to base's path: "", ".children[3]", ".countermeasures[0]"
	id     string
	title  string
	reason string
}

// maxTreeProblems bounds the problems kept for one tree: past it, the rest
// of the tree is walked but its problems are counted, not described.
const maxTreeProblems = 1000

func flatten(t *model.AttackTree, path string) *flatTree {
	f := &flatTree{prefix: "root", index: idIndex{seed: maphash.MakeSeed()}}
	if path != "" {
		f.prefix = path + ".root"
	}
	if t == nil || t.Root == nil {
		f.add(located{at: -1, base: -1, reason: "the tree has no root goal"})
		return f
	}
	if n := countNodes(t.Root, presizeLimit); n <= presizeLimit {
		// Sized once, the slices leave no garbage behind: on a large tree
		// that spares the collector a good part of the work.
		f.nodes = make([]*model.Node, 0, n)
		f.parent = make([]int32, 0, n)
		f.pos = make([]int32, 0, n)
		f.types = make([]int8, 0, n)
		f.vals = make([]NodeValue, 0, n)
		f.keys = make([]uint64, 0, n)
	}
	f.visit(t.Root, -1, 0, 1)
	f.index.keys = radixSortHigh(f.keys)
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

// add records a problem, unless maxTreeProblems are recorded already.
func (f *flatTree) add(l located) {
	if len(f.errs) >= maxTreeProblems {
		f.dropped++
		return
	}
	f.errs = append(f.errs, l)
}

// full reports whether no more problems are recorded, so that callers can
// skip describing one.
func (f *flatTree) full() bool {
	if len(f.errs) >= maxTreeProblems {
		f.dropped++
		return true
	}
	return false
}

// errors lists the problems in document order.
func (f *flatTree) errors() []*TreeError {
	slices.SortStableFunc(f.errs, func(a, b located) int { return int(a.at) - int(b.at) })
	out := make([]*TreeError, 0, len(f.errs)+1)
	for _, l := range f.errs {
		path := f.prefix
		if l.base >= 0 {
			path = f.path(l.base)
		}
		out = append(out, &TreeError{Path: path + l.step, NodeID: l.id, Title: l.title, Reason: l.reason})
	}
	if f.dropped > 0 {
		out = append(out, &TreeError{Path: f.prefix, Reason: fmt.Sprintf("%d more problems not listed", f.dropped)})
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

// childAt is the located problem of the child at pos under parent (the
// root when parent is -1), sorted with its parent.
func childAt(parent int32, pos int, n *model.Node, reason string) located {
	l := located{at: parent, base: parent, reason: reason}
	if parent >= 0 {
		l.step = ".children[" + strconv.Itoa(pos) + "]"
	}
	if n != nil {
		l.id, l.title = n.ID, n.Title
	}
	return l
}

func (f *flatTree) fail(i int32, format string, args ...any) {
	if f.full() {
		return
	}
	n := f.nodes[i]
	f.add(located{at: i, base: i, id: n.ID, title: n.Title, reason: fmt.Sprintf(format, args...)})
}

// visit adds n, found at position pos under parent at the given depth, and
// its subtree. Repeated IDs are found after the walk (see duplicates), where
// sorting hashes costs a fraction of a lookup per node; here only the bounds
// stop a cycle.
func (f *flatTree) visit(n *model.Node, parent int32, pos, depth int) {
	if len(f.nodes) >= maxTreeNodes || depth > maxTreeDepth {
		if !f.capped {
			f.capped = true
			f.add(childAt(parent, pos, n,
				fmt.Sprintf("the tree is larger than %d nodes or deeper than %d levels (is a node its own ancestor?)", maxTreeNodes, maxTreeDepth)))
		}
		return
	}
	if n.ID == "" {
		if f.noID[n] {
			f.add(childAt(parent, pos, n, "the same node is reached twice (a cycle or a shared subtree)"))
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
	f.types = append(f.types, int8(n.Type)) // a valid type is 1..3; others fail check
	// Everything evaluate needs is taken now, while the node is in cache.
	v := startValue(n)
	if len(n.Countermeasures) > 0 {
		if q := countermeasureFactor(n); n.Type == model.Leaf {
			v.Probability *= q
		} else {
			f.guarded = append(f.guarded, guard{i, q})
		}
	}
	f.vals = append(f.vals, v)
	if n.ID != "" {
		f.keys = append(f.keys, uint64(f.index.hash(n.ID))<<32|uint64(i))
	} else {
		f.fail(i, "node has no ID")
	}
	f.check(i, n)
	for k, c := range n.Children {
		if c == nil {
			f.add(childAt(i, k, nil, "child is missing (null)"))
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
	first := make([]int32, len(f.nodes)) // position of the first node with the same ID, +1; 0 for none
	for _, r := range reps {
		first[r.repeat] = r.first + 1
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
		if first[i] == 0 {
			continue
		}
		j := first[i] - 1
		n := f.nodes[i]
		same := f.nodes[j] == n
		hidden[i] = same
		if len(found) >= maxTreeProblems {
			f.dropped++
			continue
		}
		reason := fmt.Sprintf("ID %q repeated (first at %s)", n.ID, f.path(j))
		if same {
			reason = "the same node is reached twice (a cycle or a shared subtree; first at " + f.path(j) + ")"
		}
		found = append(found, located{at: i, base: i, id: n.ID, title: n.Title, reason: reason})
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
	if !isProbability(n.Probability) {
		f.fail(i, "probability %v is outside 0..1", n.Probability)
	}
	if n.Cost < 0 || math.IsNaN(n.Cost) || math.IsInf(n.Cost, 0) {
		f.fail(i, "cost %v is not a finite amount of zero or more", n.Cost)
	}
	if n.Skill < 0 || n.Skill > MaxSkill {
		f.fail(i, "skill %d is outside 0..%d (0 means not rated)", n.Skill, MaxSkill)
	}
	for k, c := range n.Countermeasures {
		if !isProbability(c.Strength) && !f.full() {
			f.add(located{at: i, base: i, step: ".countermeasures[" + strconv.Itoa(k) + "]", id: n.ID, title: c.Title,
				reason: fmt.Sprintf("strength %v is outside 0..1", c.Strength)})
		}
	}
}

// isProbability reports whether p is a probability: a number in 0..1 (NaN is not).
func isProbability(p float64) bool { return p >= 0 && p <= 1 }
