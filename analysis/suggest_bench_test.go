package analysis

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/threatboard/threatboard/model"
)

// BenchmarkSuggest analyses synthetic models of growing size with a fixed
// number of boundaries: the time per op should grow linearly.
func BenchmarkSuggest(b *testing.B) {
	c := builtinCatalog(b)
	for _, n := range []int{1000, 10000, 50000} {
		m := model.Synthetic(n, 2*n, 200, 1)
		b.Run(fmt.Sprintf("elements=%d/flows=%d", n, 2*n), func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				c.Suggest(m)
			}
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		})
	}
}

// BenchmarkSuggestAfterEdit is the side panel's re-analysis after an edit of
// one element of a 10,000-element model: the element and its flows.
func BenchmarkSuggestAfterEdit(b *testing.B) {
	c := builtinCatalog(b)
	m := model.Synthetic(10000, 20000, 200, 1)
	d := m.Diagrams[0]
	e := d.Elements[len(d.Elements)/2]
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		e.ParsesUntrustedInput = !e.ParsesUntrustedInput
		c.SuggestAround(m, d.ID, e.ID)
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// cpuTime is the process's user+system CPU time; benchmarks report it per
// op next to the wall time, which a busy machine inflates.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkResultsUpdate is the register's re-analysis after an edit of one
// element of a 10,000-element model: everything within the catalog's reach
// of it.
func BenchmarkResultsUpdate(b *testing.B) {
	c := builtinCatalog(b)
	m := model.Synthetic(10000, 20000, 200, 1)
	d := m.Diagrams[0]
	e := d.Elements[len(d.Elements)/2]
	a := c.Analyze(m)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		e.ParsesUntrustedInput = !e.ParsesUntrustedInput
		a.Update(d.ID, e.ID)
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}
