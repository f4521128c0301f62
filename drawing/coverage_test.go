package drawing

import (
	"testing"

	"github.com/threatboard/threatboard/model"
)

func TestAppendCoverage(t *testing.T) {
	actor := &model.Element{ID: "a", Kind: model.Actor, Bounds: model.Rect{X: 0, Y: 0, W: 120, H: 60}}
	tests := map[string]struct {
		c     Coverage
		kinds []Kind
		fill  Role
	}{
		"not shown":     {NoCoverage, nil, None},
		"not discussed": {NotDiscussed, []Kind{Circle}, Fill},
		"partly":        {Partly, []Kind{Circle, Polygon}, Fill},
		"discussed":     {Discussed, []Kind{Circle}, Selection},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			items := AppendCoverage(nil, actor, tc.c)
			if len(items) != len(tc.kinds) {
				t.Fatalf("%d items, want %d", len(items), len(tc.kinds))
			}
			for i, it := range items {
				if it.Kind != tc.kinds[i] || it.ID != "a" {
					t.Errorf("item %d: kind %v id %q", i, it.Kind, it.ID)
				}
			}
			if len(items) > 0 && items[0].Fill != tc.fill {
				t.Errorf("fill %v, want %v", items[0].Fill, tc.fill)
			}
		})
	}
	// The mark sits inside the actor's box, at the bottom left, clear of the badge.
	it := AppendCoverage(nil, actor, Discussed)[0]
	if it.Box.X < 0 || it.Box.Y+it.Box.H > 60 || it.Box.X+it.Box.W > 60 || it.Box.Y < 30 {
		t.Errorf("mark at %v, want it in the bottom-left quarter of %v", it.Box, actor.Bounds)
	}
	half := AppendCoverage(nil, actor, Partly)[1].Points
	c := CoverageCentre(model.Actor, actor.Bounds)
	for _, p := range half {
		if p.X > c.X+1e-9 {
			t.Errorf("the half disc reaches right of the centre: %v", p)
		}
	}
}
