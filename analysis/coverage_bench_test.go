package analysis

import (
	"testing"

	"github.com/threatboard/threatboard/model"
)

// BenchmarkDiagramCoverage computes the coverage of 10,000 elements (and
// 20,000 flows) with a third of the elements partly discussed: the target
// is under 10 ms.
func BenchmarkDiagramCoverage(b *testing.B) {
	m := model.Synthetic(10_000, 20_000, 200, 1)
	d := m.Diagrams[0]
	for i, e := range d.Elements {
		if i%3 == 0 {
			e.Discussed = []model.Discussion{{Category: "spoofing", Outcome: model.NothingFound},
				{Category: "tampering", Outcome: model.ThreatsFound}}
		}
	}
	cl := stride(b)
	b.ReportAllocs()
	for b.Loop() {
		DiagramCoverage(d, cl)
	}
}

// BenchmarkWalk lists the walk-through of the 1,000-element synthetic model.
func BenchmarkWalk(b *testing.B) {
	m := model.Synthetic(1_000, 2_000, 20, 1)
	cl := stride(b)
	b.ReportAllocs()
	for b.Loop() {
		Walk(m.Diagrams[0], cl)
	}
}
