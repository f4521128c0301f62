package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/threatboard/threatboard/model"
)

// bigTree is an attack tree of n nodes: ORs and ANDs of up to four
// children down to rated leaves.
func bigTree(n int) *model.AttackTree {
	count := 1
	root := &model.Node{ID: "n0", Title: "Attacker goal", Type: model.Or}
	queue := []*model.Node{root}
	for len(queue) > 0 && count < n {
		p := queue[0]
		queue = queue[1:]
		for k := 0; k < 4 && count < n; k++ {
			c := &model.Node{ID: fmt.Sprintf("n%d", count), Title: fmt.Sprintf("Step %d", count), Type: model.Leaf,
				Probability: 0.1 + float64(count%8)/10, Cost: float64(100 * (1 + count%9)), Skill: 1 + count%5}
			p.Children = append(p.Children, c)
			count++
			queue = append(queue, c)
		}
		if len(p.Children) > 0 {
			p.Type, p.Probability, p.Cost, p.Skill = []model.NodeType{model.Or, model.And}[len(queue)%2], 0, 0, 0
		}
	}
	return &model.AttackTree{ID: "big", Title: "A thousand steps", Root: root}
}

// BenchmarkTreeViewFrame1000 is one frame of scrolling the drawn
// 1,000-node tree: the scroll and the raster of what the 1,200×600 view
// shows (the layout is done once, when the tree changes). Target: < 30 ms.
func BenchmarkTreeViewFrame1000(b *testing.B) {
	test.NewTempApp(b)
	v := newTreeView()
	v.Resize(fyne.NewSize(1200, 600))
	v.show(bigTree(1000), "n5")
	v.off = model.Point{X: v.list.Bounds.X + v.list.Bounds.W/2, Y: v.list.Bounds.Y}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(float32(20-40*(i%2)), 10)})
		if img := test.WidgetRenderer(v).(*treeViewRenderer).img.Generator(1200, 600); img == nil {
			b.Fatal("no frame")
		}
	}
}

// BenchmarkTreeViewLayout1000 lays out and shows the 1,000-node tree, as
// after an edit of it.
func BenchmarkTreeViewLayout1000(b *testing.B) {
	test.NewTempApp(b)
	v := newTreeView()
	t := bigTree(1000)
	b.ReportAllocs()
	for b.Loop() {
		v.show(t, "")
	}
}
