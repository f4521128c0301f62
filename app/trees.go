package app

import (
	"fmt"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/model"
)

// treesPanel lists the model's attack trees and edits one: AND/OR/leaf
// children, leaf values, with every node's computed probability, cost and
// skill, and the cheapest attack path highlighted.
type treesPanel struct {
	a        *App
	pick     *widget.Select
	tree     *widget.Tree
	result   *widget.Label
	treeID   string // the tree shown
	nodeID   string // the node selected in it
	byID     map[string]*model.Node
	values   *analysis.TreeResult
	cheapest map[string]bool
	buttons  []*widget.Button // node actions, enabled with a selected node
	obj      fyne.CanvasObject
	view     *treeView // the tree drawn as a tree, in its own tab
	drawnObj fyne.CanvasObject
}

func newTreesPanel(a *App) *treesPanel {
	p := &treesPanel{a: a, byID: map[string]*model.Node{}, cheapest: map[string]bool{}}
	// The options are the trees' titles in model order, so the chosen
	// option's index finds the tree even when two share a title.
	p.pick = widget.NewSelect(nil, func(string) {
		i := p.pick.SelectedIndex()
		if i >= 0 && i < len(a.doc.m.AttackTrees) && a.doc.m.AttackTrees[i].ID != p.treeID {
			p.treeID, p.nodeID = a.doc.m.AttackTrees[i].ID, ""
			p.refresh()
		}
	})
	p.pick.PlaceHolder = "No attack tree"
	p.tree = widget.NewTree(p.children, p.isBranch, p.createRow, p.updateRow)
	p.tree.OnSelected = func(id widget.TreeNodeID) { p.nodeID = id; p.enable(); p.view.selectNode(id) }
	p.tree.OnUnselected = func(widget.TreeNodeID) { p.nodeID = ""; p.enable(); p.view.selectNode("") }
	p.result = widget.NewLabel("")
	p.result.Wrapping = fyne.TextWrapWord

	newTree := widget.NewButtonWithIcon("", theme.ContentAddIcon(), p.addTree)
	editTree := widget.NewButtonWithIcon("", theme.SettingsIcon(), p.editTree)
	delTree := widget.NewButtonWithIcon("", theme.DeleteIcon(), p.deleteTree)
	addAnd := widget.NewButton("+ AND", func() { p.addChild(model.And) })
	addOr := widget.NewButton("+ OR", func() { p.addChild(model.Or) })
	addLeaf := widget.NewButton("+ Leaf", func() { p.addChild(model.Leaf) })
	edit := widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), p.editNode)
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), p.deleteNode)
	p.buttons = []*widget.Button{addAnd, addOr, addLeaf, edit, del}

	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(newTree, editTree, delTree), p.pick),
		container.NewHBox(addAnd, addOr, addLeaf, edit, del),
	)
	p.obj = container.NewBorder(top, p.result, nil, nil, p.tree)
	p.drawnObj = p.newDrawn()
	return p
}

func (p *treesPanel) object() fyne.CanvasObject { return p.obj }

func (p *treesPanel) current() *model.AttackTree {
	if t := p.a.doc.m.AttackTree(p.treeID); t != nil {
		return t
	}
	if len(p.a.doc.m.AttackTrees) > 0 {
		t := p.a.doc.m.AttackTrees[0]
		p.treeID, p.nodeID = t.ID, ""
		return t
	}
	p.treeID, p.nodeID = "", ""
	return nil
}

// refresh reloads the tree list and re-evaluates the tree shown.
func (p *treesPanel) refresh() {
	t := p.current()
	titles := make([]string, len(p.a.doc.m.AttackTrees))
	seen := map[string]int{}
	selected := ""
	for i, at := range p.a.doc.m.AttackTrees {
		// Options must differ for the choice to tell trees apart.
		seen[at.Title]++
		titles[i] = at.Title
		if n := seen[at.Title]; n > 1 {
			titles[i] = fmt.Sprintf("%s (%d)", at.Title, n)
		}
		if t != nil && at.ID == t.ID {
			selected = titles[i]
		}
	}
	p.pick.Options = titles
	p.byID = map[string]*model.Node{}
	p.cheapest = map[string]bool{}
	p.values = nil
	if t == nil {
		p.pick.ClearSelected()
		p.result.SetText("")
	} else {
		p.pick.Selected = selected // set directly: SetSelected would call back
		p.index(t.Root)
		if p.byID[p.nodeID] == nil {
			p.nodeID = ""
		}
		res, err := analysis.EvaluateTree(t)
		if err != nil {
			p.result.SetText(err.Error())
		} else {
			p.values = res
			for _, id := range res.CheapestPath {
				p.cheapest[id] = true
			}
			text := fmt.Sprintf("Goal: probability %.3g, cheapest attack costs %s, needs skill %d. The cheapest path is marked ★.",
				res.Root.Probability, formatCost(res.Root.Cost), res.Root.Skill)
			if prop, ok, _ := analysis.ProposeLikelihood(p.a.doc.m, t); ok {
				ref, _ := p.a.doc.m.Threat(prop.ThreatID)
				text += fmt.Sprintf(" Each edit of the tree sets the likelihood of “%s” from it: %s.", ref.Threat.Title, prop.Proposed)
			}
			p.result.SetText(text)
		}
	}
	p.pick.Refresh()
	p.view.show(t, p.nodeID)
	p.tree.Refresh()
	if t != nil && t.Root != nil {
		p.tree.OpenAllBranches()
	}
	p.enable()
}

func (p *treesPanel) index(n *model.Node) {
	if n == nil {
		return
	}
	p.byID[n.ID] = n
	for _, c := range n.Children {
		p.index(c)
	}
}

func (p *treesPanel) children(id widget.TreeNodeID) []widget.TreeNodeID {
	if id == "" {
		if t := p.a.doc.m.AttackTree(p.treeID); t != nil && t.Root != nil {
			return []string{t.Root.ID}
		}
		return nil
	}
	n := p.byID[id]
	if n == nil {
		return nil
	}
	out := make([]string, len(n.Children))
	for i, c := range n.Children {
		out[i] = c.ID
	}
	return out
}

func (p *treesPanel) isBranch(id widget.TreeNodeID) bool {
	if id == "" {
		return true
	}
	n := p.byID[id]
	return n != nil && (n.Type != model.Leaf || len(n.Children) > 0)
}

// A row is two lines: the node's type and title, then its computed values,
// so that neither is cut off in a narrow side panel.
func (p *treesPanel) createRow(bool) fyne.CanvasObject {
	title := widget.NewLabel("")
	title.Truncation = fyne.TextTruncateEllipsis
	values := widget.NewLabel("")
	values.Truncation = fyne.TextTruncateEllipsis
	values.SizeName = theme.SizeNameCaptionText
	return container.New(&rowsLayout{}, title, values)
}

func (p *treesPanel) updateRow(id widget.TreeNodeID, _ bool, o fyne.CanvasObject) {
	row := o.(*fyne.Container)
	title, values := row.Objects[0].(*widget.Label), row.Objects[1].(*widget.Label)
	n := p.byID[id]
	if n == nil {
		title.SetText("")
		values.SetText("")
		return
	}
	text := nodeLabel(n)
	if p.cheapest[id] {
		text = "★ " + text
	}
	title.TextStyle.Bold = p.cheapest[id]
	title.SetText(text)
	values.SetText("")
	if p.values != nil {
		if v, ok := p.values.Node(id); ok {
			values.SetText(fmt.Sprintf("p = %.3g · cost %s · skill %d", v.Probability, formatCost(v.Cost), v.Skill))
		}
	}
}

// rowsLayout stacks its objects with no padding between them, so two labels
// make a compact two-line tree row.
type rowsLayout struct{}

func (rowsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h - theme.Padding()*2 // labels carry their own padding
	}
}

func (rowsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height - theme.Padding()*2
	}
	s.Height += theme.Padding() * 2
	return s
}

func nodeLabel(n *model.Node) string {
	switch n.Type {
	case model.And:
		return "AND  " + n.Title
	case model.Or:
		return "OR  " + n.Title
	}
	return n.Title
}

func formatCost(c float64) string { return strconv.FormatFloat(c, 'f', -1, 64) }

func (p *treesPanel) enable() {
	n := p.byID[p.nodeID]
	t := p.a.doc.m.AttackTree(p.treeID)
	for i, b := range p.buttons {
		on := n != nil
		switch {
		case i < 3: // the add buttons need a node that can have children
			on = on && n.Type != model.Leaf
		case i == len(p.buttons)-1: // the root goes with its tree
			on = on && t != nil && t.Root != n
		}
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

// do applies one edit of the tree shown and, when the tree feeds its
// threat's likelihood, the likelihood its root now proposes, as one step.
func (p *treesPanel) do(c model.Command) {
	p.a.do(feeding(p.treeID, c))
}

func (p *treesPanel) addTree() {
	root := &model.Node{ID: model.NewID(), Title: "Attacker goal", Type: model.Or}
	t := &model.AttackTree{ID: model.NewID(), Title: fmt.Sprintf("Attack tree %d", len(p.a.doc.m.AttackTrees)+1), Root: root}
	p.treeID, p.nodeID = t.ID, root.ID
	p.a.do(model.AddAttackTree(t))
}

func (p *treesPanel) deleteTree() {
	t := p.current()
	if t == nil {
		return
	}
	p.a.ask.Confirm("Delete attack tree", fmt.Sprintf("Delete the attack tree “%s”? You can undo this.", t.Title), func(ok bool) {
		if ok {
			p.a.do(model.DeleteAttackTree(t.ID))
		}
	})
}

// addChild adds a node under the selected one. A new leaf is rated by the
// level Medium, which its edit form shows as the chosen rating.
func (p *treesPanel) addChild(typ model.NodeType) {
	if p.current() == nil {
		return
	}
	child := &model.Node{ID: model.NewID(), Type: typ, Title: "New sub-goal"}
	if typ == model.Leaf {
		child.Title, child.Level, child.Cost, child.Skill = "New attack step", model.Medium, 1000, 2
	}
	p.do(model.AddNode(p.treeID, p.nodeID, child, -1))
	if p.byID[child.ID] != nil {
		p.nodeID = child.ID
		p.tree.Select(child.ID)
	}
}

// deleteNode removes the selected node and its sub-tree; the root stays,
// as a tree needs one (Delete tree removes the whole tree).
func (p *treesPanel) deleteNode() {
	t := p.current()
	if t == nil || t.Root == nil || t.Root.ID == p.nodeID || p.byID[p.nodeID] == nil {
		return
	}
	p.do(model.DeleteNode(t.ID, p.nodeID))
}

// editTree edits the tree's title, the threat it hangs off and whether the
// root's probability sets that threat's likelihood.
func (p *treesPanel) editTree() {
	t := p.current()
	if t == nil {
		return
	}
	title := widget.NewEntry()
	title.SetText(t.Title)
	// Threats are offered by title; the option list maps back to IDs.
	const none = "(none)"
	options, ids := []string{none}, []string{""}
	selected := none
	for _, r := range p.a.doc.m.Threats() {
		label := fmt.Sprintf("%s — %s", r.Threat.Title, targetName(r))
		options, ids = append(options, label), append(ids, r.Threat.ID)
		if r.Threat.ID == t.Target {
			selected = label
		}
	}
	target := widget.NewSelect(options, nil)
	target.SetSelected(selected)
	feeds := widget.NewCheck("The root's probability sets the threat's likelihood", nil)
	feeds.SetChecked(t.FeedsLikelihood)
	items := []*widget.FormItem{
		widget.NewFormItem("Title", title),
		widget.NewFormItem("Threat", target),
		widget.NewFormItem("", feeds),
	}
	items[2].HintText = "After every edit of the tree; undo takes it back with the edit."
	id := t.ID
	d := dialog.NewForm("Attack tree", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		// An unchanged choice keeps the target, which may be an element
		// rather than one of the threats offered.
		targetID := t.Target
		if i := slices.Index(options, target.Selected); i >= 0 && target.Selected != selected {
			targetID = ids[i]
		}
		p.do(model.EditTreeInfo(id, title.Text, targetID, feeds.Checked))
	}, p.a.win)
	d.Resize(fyne.NewSize(520, 300))
	d.Show()
}

// editNode edits the selected node: an AND or OR node its title and type,
// a leaf also its rating, cost and skill.
func (p *treesPanel) editNode() {
	n := p.byID[p.nodeID]
	if n == nil {
		return
	}
	f := newNodeForm(n)
	var d dialog.Dialog
	f.onCancel = func() { d.Hide() }
	f.onSave = func() {
		v, err := f.node()
		if err != nil {
			p.a.ask.Error(err)
			return
		}
		d.Hide()
		p.do(model.EditNode(p.treeID, v))
	}
	d = dialog.NewCustomWithoutButtons("Edit node", f.obj, p.a.win)
	d.Resize(fyne.NewSize(460, 0))
	d.Show()
}

func numberEntry(text string, lo, hi float64) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(text)
	e.Validator = func(s string) error {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || v < lo || v > hi {
			return fmt.Errorf("a number from %g to %g", lo, hi)
		}
		return nil
	}
	return e
}
