package drawing

import (
	"math"
	"strconv"
	"strings"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

// Metrics of a drawn attack tree, in units.
const (
	TreeNodeWidth  = 170
	TreeNodeHeight = 58
	treeGapX       = 20 // between neighbouring columns
	treeGapY       = 50 // between a node and its children's row
	treeTitleSize  = 11
	treeValueSize  = 9
	treeNoteSize   = 9 // countermeasures, the folded-away count
	treeGateW      = 30
	treeGateH      = 14
	treePad        = 5
)

// TreeOptions choose what a drawn tree shows.
type TreeOptions struct {
	// Collapsed holds the IDs of nodes whose subtrees are folded away: such
	// a node is drawn with the number of nodes below it, and no children.
	Collapsed map[string]bool
}

// Tree lays an attack tree out top-down and returns its display list: a box
// per node with its title and its computed probability, cost and skill
// (analysis.EvaluateTree), the AND/OR gate under each parent, the edges, the
// countermeasures as a small list under their node, and the cheapest
// (Selection) and likeliest (Likeliest) attack paths highlighted. A tree that
// does not evaluate is not drawn: its error is returned.
func Tree(t *model.AttackTree, opt TreeOptions) (*List, error) {
	res, err := analysis.EvaluateTree(t)
	if err != nil {
		return nil, err
	}
	tl := &treeLayout{
		opt:    opt,
		res:    res,
		cheap:  setOf(res.CheapestPath),
		likely: setOf(res.LikeliestPath),
	}
	tl.place(t.Root, 0)
	tl.draw(t.Root)
	tl.l.finish()
	return &tl.l, nil
}

func setOf(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

type treeLayout struct {
	opt           TreeOptions
	res           *analysis.TreeResult
	cheap, likely map[string]bool
	next          float64                    // the left edge of the next free column
	at            map[*model.Node]model.Rect // each drawn node's box
	l             List
}

// folded reports whether n is drawn without its children.
func (tl *treeLayout) folded(n *model.Node) bool {
	return len(n.Children) == 0 || tl.opt.Collapsed[n.ID]
}

// place gives each node its box: a node without drawn children takes the
// next column of its row, a parent sits centred over its first and last
// child. Subtrees thus never share a column, and the space under a leaf is
// free for its countermeasures.
func (tl *treeLayout) place(n *model.Node, depth int) {
	if tl.at == nil {
		tl.at = make(map[*model.Node]model.Rect)
	}
	y := float64(depth) * (TreeNodeHeight + treeGapY)
	var x float64
	if tl.folded(n) {
		x = tl.next
		tl.next += TreeNodeWidth + treeGapX
	} else {
		for _, c := range n.Children {
			tl.place(c, depth+1)
		}
		first, last := tl.at[n.Children[0]], tl.at[n.Children[len(n.Children)-1]]
		x = (first.X + last.X) / 2
	}
	tl.at[n] = model.Rect{X: x, Y: y, W: TreeNodeWidth, H: TreeNodeHeight}
}

// draw appends the items of n's subtree, edges before boxes.
func (tl *treeLayout) draw(n *model.Node) {
	r := tl.at[n]
	if !tl.folded(n) {
		gate := tl.gateRect(r)
		for _, c := range n.Children {
			tl.edge(gate, tl.at[c], c.ID)
			tl.draw(c)
		}
	}
	tl.node(n, r)
}

func (tl *treeLayout) gateRect(r model.Rect) model.Rect {
	return model.Rect{X: r.X + (r.W-treeGateW)/2, Y: r.Y + r.H - treeGateH/2, W: treeGateW, H: treeGateH}
}

// edge joins a parent's gate to a child's top with a right-angled line.
func (tl *treeLayout) edge(gate, child model.Rect, id string) {
	top := model.Point{X: gate.X + gate.W/2, Y: gate.Y + gate.H}
	bottom := model.Point{X: child.X + child.W/2, Y: child.Y}
	mid := (top.Y + bottom.Y) / 2
	pts := []model.Point{top, {X: top.X, Y: mid}, {X: bottom.X, Y: mid}, bottom}
	if top.X == bottom.X {
		pts = []model.Point{top, bottom}
	}
	line := Item{Kind: Line, ID: id, Points: pts, Stroke: Ink, Width: 1}
	switch {
	case tl.cheap[id]:
		line.Stroke, line.Width = Selection, SelectedWidth
	case tl.likely[id]:
		line.Stroke, line.Width = Likeliest, SelectedWidth
	}
	tl.l.Items = append(tl.l.Items, line)
	if tl.cheap[id] && tl.likely[id] { // on both paths: orange dashes over the blue
		tl.l.Items = append(tl.l.Items, Item{Kind: Line, ID: id, Points: pts, Stroke: Likeliest, Width: StrokeWidth, Dash: Dashed})
	}
}

// node appends n's box, title, values, gate, folded count and countermeasures.
func (tl *treeLayout) node(n *model.Node, r model.Rect) {
	items := &tl.l.Items
	if tl.likely[n.ID] {
		*items = append(*items, Item{Kind: Rect, ID: n.ID, Box: r.Inset(-4), Stroke: Likeliest, Width: StrokeWidth, Dash: Dashed})
	}
	box := Item{Kind: Rect, ID: n.ID, Box: r, Fill: Fill, Stroke: Ink, Width: StrokeWidth, Outline: true}
	if tl.cheap[n.ID] {
		box.Stroke, box.Width = Selection, SelectedWidth
	}
	*items = append(*items, box)

	const titleLH = treeTitleSize * 1.3
	lines := Wrap(n.Title, assets.Bold, treeTitleSize, r.W-2*treePad, 2)
	y := r.Y + treePad
	if len(lines) == 1 {
		y += titleLH / 2
	}
	for _, s := range lines {
		*items = append(*items, Item{Kind: Text, ID: n.ID, Box: model.Rect{X: r.X, Y: y, W: r.W, H: titleLH}, Stroke: Ink, Text: s, Size: treeTitleSize, Font: assets.Bold, Align: Center})
		y += titleLH
	}
	v, _ := tl.res.Node(n.ID)
	vy := r.Y + r.H - treePad - treeGateH/2 - treeValueSize*1.3
	*items = append(*items, Item{Kind: Text, ID: n.ID, Box: model.Rect{X: r.X, Y: vy, W: r.W, H: treeValueSize * 1.3}, Stroke: Ink, Text: ValueLine(v), Size: treeValueSize, Align: Center})

	if !tl.folded(n) {
		g := tl.gateRect(r)
		*items = append(*items,
			Item{Kind: Rect, ID: n.ID, Box: g, Fill: Background, Stroke: Ink, Width: 1},
			Item{Kind: Text, ID: n.ID, Box: g, Stroke: Ink, Text: strings.ToUpper(n.Type.String()), Size: 8, Font: assets.Bold, Align: Center},
		)
	}
	y = r.Y + r.H + 4
	if len(n.Children) > 0 && tl.opt.Collapsed[n.ID] {
		*items = append(*items, Item{Kind: Text, ID: n.ID, Box: model.Rect{X: r.X, Y: y, W: r.W, H: treeNoteSize * 1.4}, Stroke: Ink, Text: "+" + strconv.Itoa(descendants(n)) + " folded", Size: treeNoteSize, Font: assets.Italic, Align: Center})
		y += treeNoteSize * 1.4
	}
	for _, c := range n.Countermeasures {
		s := "• " + c.Title + " (" + percent(c.Strength)
		if c.InPlace {
			s += ", in place)"
		} else {
			s += ", planned)"
		}
		if TextWidth(s, assets.Regular, treeNoteSize) > r.W {
			s = Ellipsize(s, assets.Regular, treeNoteSize, r.W)
		}
		*items = append(*items, Item{Kind: Text, ID: n.ID, Box: model.Rect{X: r.X, Y: y, W: r.W, H: treeNoteSize * 1.4}, Stroke: Ink, Text: s, Size: treeNoteSize, Align: Left})
		y += treeNoteSize * 1.4
	}
}

func descendants(n *model.Node) int {
	k := 0
	for _, c := range n.Children {
		k += 1 + descendants(c)
	}
	return k
}

// ValueLine is how a node's computed values are printed under its title.
func ValueLine(v analysis.NodeValue) string {
	s := "p " + strconv.FormatFloat(math.Round(v.Probability*1000)/1000, 'f', -1, 64) +
		" · cost " + strconv.FormatFloat(v.Cost, 'g', 6, 64) + " · skill "
	if v.Skill == 0 {
		return s + "–"
	}
	return s + strconv.Itoa(v.Skill)
}

func percent(f float64) string {
	return strconv.FormatFloat(math.Round(f*100), 'f', -1, 64) + "%"
}
