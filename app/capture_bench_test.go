package app

import (
	"testing"

	"github.com/threatboard/threatboard/model"
)

// BenchmarkTidyLayout1000 lays out the whole 1,000-element diagram with
// Arrange › Tidy Layout and applies it as one edit. Target: under 1 s.
func BenchmarkTidyLayout1000(b *testing.B) {
	m := model.Synthetic(1000, 1500, 20, 1)
	d := m.Diagrams[0]
	h := model.NewHistory(m)
	b.ReportAllocs()
	for b.Loop() {
		c := tidyCommand(d, nil)
		if c == nil {
			b.Fatal("nothing to tidy")
		}
		if err := h.Do(c); err != nil {
			b.Fatal(err)
		}
		if err := h.Undo(); err != nil {
			b.Fatal(err)
		}
	}
}
