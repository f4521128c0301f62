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

// BenchmarkHostile lints and analyses the hostile boundary shapes next to a
// plain synthetic model of about the same file size: each should take about
// as long as the plain one (docs/PERFORMANCE.md).
func BenchmarkHostile(b *testing.B) {
	c := builtinCatalog(b)
	const points = 100_000
	shapes := []struct {
		name string
		m    *model.Model
	}{
		{"diagonal", model.SyntheticDiagonal(2000, 2000, points, 1)},
		{"beside", model.SyntheticBeside(2000, 2000, points, 1)},
	}
	for _, s := range shapes {
		data, err := model.Encode(s.m)
		if err != nil {
			b.Fatal(err)
		}
		plain := plainOfSize(b, len(data))
		for _, m := range []struct {
			name string
			m    *model.Model
		}{{s.name, s.m}, {s.name + "-plain", plain}} {
			b.Run("lint/"+m.name, func(b *testing.B) {
				b.ReportMetric(float64(len(data))/1e6, "MB")
				start := cpuTime()
				for b.Loop() {
					Lint(m.m)
				}
				b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
			})
			b.Run("analyze/"+m.name, func(b *testing.B) {
				start := cpuTime()
				for b.Loop() {
					c.Suggest(m.m)
				}
				b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
			})
		}
	}
}

// plainOfSize returns a synthetic model (twice as many flows as elements,
// a few boundaries) whose file is about size bytes.
func plainOfSize(b testing.TB, size int) *model.Model {
	b.Helper()
	n := 1000
	for {
		m := model.Synthetic(n, 2*n, 20, 1)
		data, err := model.Encode(m)
		if err != nil {
			b.Fatal(err)
		}
		if len(data) >= size {
			return m
		}
		n = int(float64(n)*float64(size)/float64(len(data))) + 1
	}
}

// BenchmarkBoundaryIndex builds the boundary index of the hostile shapes of
// BenchmarkHostile alone: most of lint's time on them.
func BenchmarkBoundaryIndex(b *testing.B) {
	for _, s := range []struct {
		name string
		m    *model.Model
	}{
		{"diagonal", model.SyntheticDiagonal(2000, 2000, 100_000, 1)},
		{"beside", model.SyntheticBeside(2000, 2000, 100_000, 1)},
	} {
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				newBoundaryIndex(s.m.Diagrams[0])
			}
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		})
	}
}
