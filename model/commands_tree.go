package model

import (
	"errors"
	"fmt"
	"slices"
)

// The attack-tree node commands edit one node of a tree at a time, so that
// an undo step is the one change the user made, not a copy of the tree.
// Each checks its result on a copy of the tree before it touches the tree
// itself: the copy must load (values in range, depth and size within the
// limits) and keep the rules of a leaf (see checkLeaf).

// Node finds the node with the given ID in the tree, or nil.
func (t *AttackTree) Node(id string) *Node {
	if t == nil {
		return nil
	}
	return t.Root.find(id)
}

// Parent is the node that has the node with the given ID as a child: nil for
// the root and for an unknown ID.
func (t *AttackTree) Parent(id string) *Node {
	if t == nil {
		return nil
	}
	return t.Root.parentOf(id)
}

func (n *Node) find(id string) *Node {
	if n == nil {
		return nil
	}
	if n.ID == id {
		return n
	}
	for _, c := range n.Children {
		if f := c.find(id); f != nil {
			return f
		}
	}
	return nil
}

func (n *Node) parentOf(id string) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.ID == id {
			return n
		}
		if p := c.parentOf(id); p != nil {
			return p
		}
	}
	return nil
}

// Rated reports how a leaf's probability is given: by its Level when one is
// set, else by its Probability.
func (n *Node) Rated() bool { return n.Level != LevelUnset }

// checkLeaf tells why a leaf's values are ambiguous: a leaf is rated either
// by a probability or by a level, never both, so that a typed probability
// is not silently replaced by a level.
func checkLeaf(n *Node) error {
	if n.Type == Leaf && n.Level != LevelUnset && n.Probability != 0 {
		return fmt.Errorf("leaf %s has both a probability (%v) and a level (%s); give one of them", excerpt(n.ID), n.Probability, n.Level)
	}
	return nil
}

// editTree runs f on a copy of the tree with the given ID and checks the
// result; only when both succeed does it run f on the tree itself. f must
// address nodes by ID, as it sees the copy first.
func editTree(m *Model, treeID string, f func(t *AttackTree) error) error {
	t := m.AttackTree(treeID)
	if t == nil {
		return fmt.Errorf("attack tree %s: %w", excerpt(treeID), errNotFound)
	}
	if t.Root == nil {
		return fmt.Errorf("attack tree %s has no root", excerpt(treeID))
	}
	cp := t.clone()
	if err := f(cp); err != nil {
		return err
	}
	if err := checkSizes(cp); err != nil {
		return err
	}
	i := slices.Index(m.AttackTrees, t)
	if err := firstProblem(m, func(v *validator) { v.tree(cp, i) }); err != nil {
		return err
	}
	return f(t)
}

type addNodeCmd struct {
	tree, parent string
	at           int
	n            *Node
}

// AddNode adds n, with the nodes below it, as a child of the node parentID
// of a tree, at position at among its children (past the end, or negative:
// last). The parent must be an AND or OR node. A node without an ID, and
// every node below it without one, is given a fresh one.
func AddNode(treeID, parentID string, n *Node, at int) Command {
	n.eachNode(func(x *Node) {
		if x.ID == "" {
			x.ID = NewID()
		}
	})
	return &addNodeCmd{tree: treeID, parent: parentID, at: at, n: n}
}

func (c *addNodeCmd) Label() string {
	if c.n.Type == Leaf {
		return "Add attack step"
	}
	return "Add sub-goal"
}

func (c *addNodeCmd) Do(m *Model) error {
	seen := map[string]bool{}
	var err error
	c.n.eachNode(func(x *Node) {
		switch {
		case err != nil:
		case seen[x.ID] || m.hasID(x.ID):
			err = fmt.Errorf("node ID %s is already taken", excerpt(x.ID))
		default:
			err = checkLeaf(x)
		}
		seen[x.ID] = true
	})
	if err == nil {
		err = editTree(m, c.tree, func(t *AttackTree) error {
			p := t.Node(c.parent)
			switch {
			case p == nil:
				return fmt.Errorf("node %s: %w", excerpt(c.parent), errNotFound)
			case p.Type == Leaf:
				return fmt.Errorf("node %s is a leaf; only an AND or OR node has children", excerpt(c.parent))
			}
			p.Children = insertAt(p.Children, clampAt(c.at, len(p.Children)), c.n)
			return nil
		})
	}
	if err != nil {
		return fmt.Errorf("add node to attack tree %s: %w", excerpt(c.tree), err)
	}
	return nil
}

func (c *addNodeCmd) Undo(m *Model) {
	if p := m.AttackTree(c.tree).Node(c.parent); p != nil {
		if i := slices.Index(p.Children, c.n); i >= 0 {
			p.Children = nilIfEmpty(removeAt(p.Children, i))
		}
	}
}

type editNodeCmd struct {
	tree string
	n    Node // the new values; its Children are ignored
	old  Node
}

// EditNode gives the node with n's ID the values of n: title, type,
// probability, level, cost, skill and countermeasures. The nodes below it
// stay; a node with children cannot become a leaf.
func EditNode(treeID string, n Node) Command {
	n.Children = nil
	n.Countermeasures = slices.Clone(n.Countermeasures)
	return &editNodeCmd{tree: treeID, n: n}
}

func (c *editNodeCmd) Label() string { return "Edit node" }

func (c *editNodeCmd) Do(m *Model) error {
	err := checkLeaf(&c.n)
	if err == nil {
		err = editTree(m, c.tree, func(t *AttackTree) error {
			x := t.Node(c.n.ID)
			if x == nil {
				return fmt.Errorf("node %s: %w", excerpt(c.n.ID), errNotFound)
			}
			if c.n.Type == Leaf && len(x.Children) > 0 {
				return fmt.Errorf("node %s has children; delete or move them before making it a leaf", excerpt(c.n.ID))
			}
			c.old = *x
			x.setValues(&c.n)
			return nil
		})
	}
	if err != nil {
		return fmt.Errorf("edit node in attack tree %s: %w", excerpt(c.tree), err)
	}
	return nil
}

func (c *editNodeCmd) Undo(m *Model) {
	if x := m.AttackTree(c.tree).Node(c.n.ID); x != nil {
		x.setValues(&c.old)
	}
}

// setValues copies what EditNode edits: everything but the ID and children.
func (n *Node) setValues(v *Node) {
	n.Title, n.Type, n.Probability, n.Level = v.Title, v.Type, v.Probability, v.Level
	n.Cost, n.Skill, n.Countermeasures = v.Cost, v.Skill, v.Countermeasures
}

type deleteNodeCmd struct {
	tree, id, parent string
	old              removed[*Node]
}

// DeleteNode removes a node and the nodes below it. The root goes only with
// its tree (DeleteAttackTree).
func DeleteNode(treeID, nodeID string) Command { return &deleteNodeCmd{tree: treeID, id: nodeID} }

func (c *deleteNodeCmd) Label() string { return "Delete node" }

func (c *deleteNodeCmd) Do(m *Model) error {
	err := editTree(m, c.tree, func(t *AttackTree) error {
		if t.Root.ID == c.id {
			return errors.New("the root goes only with its tree; delete the tree instead")
		}
		p := t.Parent(c.id)
		if p == nil {
			return fmt.Errorf("node %s: %w", excerpt(c.id), errNotFound)
		}
		i := slices.IndexFunc(p.Children, func(x *Node) bool { return x.ID == c.id })
		c.parent, c.old = p.ID, removed[*Node]{i, p.Children[i]}
		p.Children = nilIfEmpty(removeAt(p.Children, i))
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete node %s of attack tree %s: %w", excerpt(c.id), excerpt(c.tree), err)
	}
	return nil
}

func (c *deleteNodeCmd) Undo(m *Model) {
	if p := m.AttackTree(c.tree).Node(c.parent); p != nil {
		p.Children = insertAt(p.Children, c.old.at, c.old.v)
	}
}

type moveNodeCmd struct {
	tree, id, parent string
	at               int
	from             string // the parent before the move
	fromAt, toAt     int
}

// MoveNode makes the node nodeID, with the nodes below it, a child of the
// node parentID at position at among its children (counted without the
// moved node; past the end, or negative: last). The new parent must be an
// AND or OR node and not the moved node or one below it.
func MoveNode(treeID, nodeID, parentID string, at int) Command {
	return &moveNodeCmd{tree: treeID, id: nodeID, parent: parentID, at: at}
}

func (c *moveNodeCmd) Label() string { return "Move node" }

func (c *moveNodeCmd) Do(m *Model) error {
	err := editTree(m, c.tree, func(t *AttackTree) error {
		if t.Root.ID == c.id {
			return errors.New("the root cannot move")
		}
		from, x := t.Parent(c.id), t.Node(c.id)
		to := t.Node(c.parent)
		switch {
		case x == nil:
			return fmt.Errorf("node %s: %w", excerpt(c.id), errNotFound)
		case to == nil:
			return fmt.Errorf("node %s: %w", excerpt(c.parent), errNotFound)
		case x.find(c.parent) != nil:
			return fmt.Errorf("node %s is %s or below it; a node cannot move under itself", excerpt(c.parent), excerpt(c.id))
		case to.Type == Leaf:
			return fmt.Errorf("node %s is a leaf; only an AND or OR node has children", excerpt(c.parent))
		}
		c.from = from.ID
		c.fromAt = slices.Index(from.Children, x)
		from.Children = nilIfEmpty(removeAt(from.Children, c.fromAt))
		c.toAt = clampAt(c.at, len(to.Children))
		to.Children = insertAt(to.Children, c.toAt, x)
		return nil
	})
	if err != nil {
		return fmt.Errorf("move node %s of attack tree %s: %w", excerpt(c.id), excerpt(c.tree), err)
	}
	return nil
}

func (c *moveNodeCmd) Undo(m *Model) {
	t := m.AttackTree(c.tree)
	to, from := t.Node(c.parent), t.Node(c.from)
	if to == nil || from == nil || c.toAt >= len(to.Children) {
		return
	}
	x := to.Children[c.toAt]
	to.Children = nilIfEmpty(removeAt(to.Children, c.toAt))
	from.Children = insertAt(from.Children, c.fromAt, x)
}

type treeInfoCmd struct {
	id, title, target string
	feeds             bool
	old               AttackTree // the former title, target and feeds flag
}

// EditTreeInfo sets an attack tree's title, the element or threat it hangs
// off (empty for none) and whether its root's probability feeds that
// threat's likelihood. Its nodes stay as they are.
func EditTreeInfo(treeID, title, target string, feeds bool) Command {
	return &treeInfoCmd{id: treeID, title: title, target: target, feeds: feeds}
}

func (c *treeInfoCmd) Label() string { return "Edit attack tree" }

func (c *treeInfoCmd) Do(m *Model) error {
	err := editTree(m, c.id, func(t *AttackTree) error {
		c.old = AttackTree{Title: t.Title, Target: t.Target, FeedsLikelihood: t.FeedsLikelihood}
		t.Title, t.Target, t.FeedsLikelihood = c.title, c.target, c.feeds
		return nil
	})
	if err != nil {
		return fmt.Errorf("edit attack tree %s: %w", excerpt(c.id), err)
	}
	return nil
}

func (c *treeInfoCmd) Undo(m *Model) {
	if t := m.AttackTree(c.id); t != nil {
		t.Title, t.Target, t.FeedsLikelihood = c.old.Title, c.old.Target, c.old.FeedsLikelihood
	}
}

// clampAt turns an insert position into one within 0..n: a negative
// position or one past the end means last.
func clampAt(at, n int) int {
	if at < 0 || at > n {
		return n
	}
	return at
}

func (n *Node) eachNode(fn func(*Node)) {
	if n == nil {
		return
	}
	fn(n)
	for _, c := range n.Children {
		c.eachNode(fn)
	}
}
