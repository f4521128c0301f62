package analysis

import (
	"testing"

	"github.com/threatboard/threatboard/model"
)

// BenchmarkLint lints the synthetic model of the suggestion benchmark:
// 10,000 elements, 20,000 flows and 200 boundaries.
func BenchmarkLint(b *testing.B) {
	m := model.Synthetic(10_000, 20_000, 200, 1)
	b.ReportAllocs()
	for b.Loop() {
		Lint(m)
	}
}

func TestLintSynthetic(t *testing.T) {
	m := model.Synthetic(200, 300, 6, 1)
	a, b := Lint(m), Lint(m)
	if len(a) != len(b) {
		t.Fatalf("two runs differ: %d and %d findings", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("finding %d differs: %v and %v", i, a[i], b[i])
		}
	}
}
