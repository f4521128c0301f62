package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/threatboard/threatboard/drawing"
	"github.com/threatboard/threatboard/model"
)

// treeModel has one tree: an OR root over a leaf and an AND of two leaves.
func treeModel() *model.Model {
	m := testModel()
	m.AttackTrees = []*model.AttackTree{{ID: "tr", Title: "Take over an account", Root: &model.Node{ID: "root", Title: "Take over", Type: model.Or,
		Children: []*model.Node{
			{ID: "phish", Title: "Phish", Type: model.Leaf, Probability: 0.3, Cost: 100, Skill: 1},
			{ID: "and", Title: "Steal and replay", Type: model.And, Children: []*model.Node{
				{ID: "steal", Title: "Steal token", Type: model.Leaf, Probability: 0.2, Cost: 500, Skill: 3},
				{ID: "replay", Title: "Replay", Type: model.Leaf, Probability: 0.9, Cost: 10, Skill: 2},
			}},
		}}}}
	return m
}

// centre is where node id is drawn in the view, in widget coordinates.
func centre(t *testing.T, v *treeView, id string) fyne.Position {
	t.Helper()
	for _, it := range v.list.Items {
		if it.Kind == drawing.Rect && it.Outline && it.ID == id {
			return fyne.NewPos(float32((it.Box.X+it.Box.W/2-v.off.X)*v.zoom), float32((it.Box.Y+it.Box.H/2-v.off.Y)*v.zoom))
		}
	}
	t.Fatalf("node %s is not drawn", id)
	return fyne.Position{}
}

func nodesDrawn(v *treeView) int {
	n := 0
	for _, it := range v.list.Items {
		if it.Kind == drawing.Rect && it.Outline {
			n++
		}
	}
	return n
}

func treeFixture(t *testing.T) (*fixture, *treeView) {
	f := newFixture(t, treeModel())
	f.a.refreshPanels()
	v := f.a.trees.view
	v.Resize(fyne.NewSize(900, 500))
	v.off = model.Point{X: v.list.Bounds.X, Y: v.list.Bounds.Y}
	return f, v
}

func TestTreeViewSelectsAndEdits(t *testing.T) {
	f, v := treeFixture(t)
	if got := nodesDrawn(v); got != 5 {
		t.Fatalf("%d nodes drawn, want 5", got)
	}
	test.Tap(v) // on the background: nothing selected
	test.TapAt(v, centre(t, v, "steal"))
	if f.a.trees.nodeID != "steal" || v.selected != "steal" {
		t.Fatalf("after a click on Steal token: panel %q, view %q", f.a.trees.nodeID, v.selected)
	}
	// Add a child to the node selected in the view: it is drawn at once.
	f.a.trees.nodeID = "and"
	f.a.trees.addChild(model.Leaf)
	if got := nodesDrawn(v); got != 6 {
		t.Fatalf("%d nodes drawn after adding a leaf, want 6", got)
	}
	f.a.undo()
	if got := nodesDrawn(v); got != 5 {
		t.Fatalf("%d nodes drawn after undo, want 5", got)
	}
}

func TestTreeViewFoldsAndMoves(t *testing.T) {
	f, v := treeFixture(t)
	test.DoubleTap(v) // nothing under the top-left corner
	v.off = model.Point{X: v.list.Bounds.X, Y: v.list.Bounds.Y}
	v.DoubleTapped(&fyne.PointEvent{Position: centre(t, v, "and")})
	if got := nodesDrawn(v); got != 3 {
		t.Fatalf("%d nodes drawn with the AND folded, want 3", got)
	}
	v.DoubleTapped(&fyne.PointEvent{Position: centre(t, v, "and")})
	if got := nodesDrawn(v); got != 5 {
		t.Fatalf("%d nodes drawn unfolded, want 5", got)
	}
	// Drag Replay onto the root: the subtree moves there, one undo step.
	from, to := centre(t, v, "replay"), centre(t, v, "root")
	drag(v, from, to)
	v.DragEnd()
	root := f.a.doc.m.AttackTrees[0].Root
	if len(root.Children) != 3 || root.Children[2].ID != "replay" {
		t.Fatalf("after dragging Replay onto the root: %d children", len(root.Children))
	}
	f.a.undo()
	if root = f.a.doc.m.AttackTrees[0].Root; len(root.Children) != 2 {
		t.Fatalf("undo of the move: root has %d children", len(root.Children))
	}
}

func TestTreeViewDropPlace(t *testing.T) {
	tree := treeModel().AttackTrees[0]
	cases := map[string]struct {
		id, target, parent string
		at                 int
	}{
		"onto an earlier sibling: before it": {"replay", "steal", "and", 0},
		"onto a later sibling: after it":     {"steal", "replay", "and", 1},
		"onto a later sibling AND: after it": {"phish", "and", "root", 1},
		"onto an earlier sibling leaf":       {"and", "phish", "root", 0},
		"onto a leaf elsewhere: before it":   {"phish", "replay", "and", 1},
		"onto the root: its last child":      {"replay", "root", "root", -1},
		"onto an AND elsewhere: last child":  {"steal", "root", "root", -1},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			parent, at := dropPlace(tree, tc.id, tc.target)
			if parent != tc.parent || at != tc.at {
				t.Errorf("dropPlace = %s, %d; want %s, %d", parent, at, tc.parent, tc.at)
			}
		})
	}
}

func TestTreeViewPansAndZooms(t *testing.T) {
	_, v := treeFixture(t)
	off := v.off
	drag(v, fyne.NewPos(2, 2), fyne.NewPos(52, 22)) // from the background: a pan
	v.DragEnd()
	if v.off.X != off.X-50 || v.off.Y != off.Y-20 {
		t.Errorf("pan moved the view to %v from %v", v.off, off)
	}
	v.ctrl = true
	under := v.unit(fyne.NewPos(300, 200))
	v.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(300, 200)}, Scrolled: fyne.NewDelta(0, 40)})
	if v.zoom <= 1 {
		t.Errorf("zoom %v after ctrl+scroll up", v.zoom)
	}
	if got := v.unit(fyne.NewPos(300, 200)); abs(got.X-under.X) > 1e-9 || abs(got.Y-under.Y) > 1e-9 {
		t.Errorf("zoom moved the point under the pointer: %v to %v", under, got)
	}
	v.fit()
	if v.zoom > 1 {
		t.Errorf("fit zoomed in to %v", v.zoom)
	}
	if img := test.WidgetRenderer(v).Objects()[0]; img == nil {
		t.Error("no image")
	}
}

// drag moves the pointer from one point to another in one step, as the
// driver reports a drag: the first event carries the distance moved.
func drag(v *treeView, from, to fyne.Position) {
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-from.X, to.Y-from.Y)})
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
