package model

import (
	"strconv"
	"sync"
	"testing"
)

// benchModel is the 10,000-element synthetic model, built once.
var benchModel = sync.OnceValue(func() *Model { return Synthetic(10000, 15000, 200, 1) })

// moveSelections are what a user drags in a big diagram: one element, and a
// group of elements with the flows between them and a boundary.
func moveSelections(d *Diagram) map[string][]string {
	one := []string{d.Elements[len(d.Elements)/2].ID}
	var group []string
	for _, e := range d.Elements[5000:5020] {
		group = append(group, e.ID)
	}
	group = append(group, d.Boundaries[0].ID)
	return map[string][]string{"one element": one, "twenty elements": group}
}

// BenchmarkMoveDo applies one new Move command, as every drag step does.
func BenchmarkMoveDo(b *testing.B) {
	m := benchModel()
	d := m.Diagrams[0]
	for name, ids := range moveSelections(d) {
		b.Run(name, func(b *testing.B) {
			_ = Move(d.ID, ids, Point{}).Do(m) // build the indexes outside the timing
			b.ReportAllocs()
			for b.Loop() {
				if err := Move(d.ID, ids, Point{1, 0.5}).Do(m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMoveUndo undoes a Move on the same model. Undo writes the
// recorded former geometry after looking every object up, whatever the
// document holds, so undoing the same command again repeats exactly the
// work of an undo, without a redo (or a stopped timer) between.
func BenchmarkMoveUndo(b *testing.B) {
	m := benchModel()
	d := m.Diagrams[0]
	for name, ids := range moveSelections(d) {
		b.Run(name, func(b *testing.B) {
			c := Move(d.ID, ids, Point{1, 0.5})
			if err := c.Do(m); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				c.Undo(m)
			}
		})
	}
}

// BenchmarkMoveDrag is one whole drag through the History: 60 merged steps.
func BenchmarkMoveDrag(b *testing.B) {
	m := benchModel()
	d := m.Diagrams[0]
	ids := moveSelections(d)["twenty elements"]
	h := NewHistory(m)
	b.ReportAllocs()
	for b.Loop() {
		if err := h.Do(Move(d.ID, ids, Point{0.5, 0.25})); err != nil {
			b.Fatal(err)
		}
		for range 59 {
			if err := h.Merge(Move(d.ID, ids, Point{0.5, 0.25})); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkStructureEdits measures the edits that change the diagram's
// slices on the 10,000-element model, each done and undone: they rebuild
// the element index, so they cost O(elements), not O(1) like a move.
func BenchmarkStructureEdits(b *testing.B) {
	m := benchModel()
	d := m.Diagrams[0]
	mid := d.Elements[len(d.Elements)/2]
	edits := map[string]func() Command{
		"add element": func() Command {
			return AddElement(d.ID, &Element{Kind: Process, Bounds: Rect{0, 0, 100, 100}})
		},
		"add flow":       func() Command { return AddFlow(d.ID, &Flow{From: d.Elements[0].ID, To: mid.ID}) },
		"delete element": func() Command { return Delete(d.ID, []string{mid.ID}) },
		"rename":         func() Command { return Rename(d.ID, mid.ID, "Renamed") },
	}
	for name, edit := range edits {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c := edit()
				if err := c.Do(m); err != nil {
					b.Fatal(err)
				}
				c.Undo(m)
			}
		})
	}
}

// BenchmarkAddThreats adds one threat to every element of synthetic models
// of growing size in one edit, as `analyze -apply` does: the time per
// threat must stay flat as the model grows (it once grew with the model:
// 16,000 elements took 33 s).
func BenchmarkAddThreats(b *testing.B) {
	for _, n := range []int{4000, 16000} {
		m := Synthetic(n, n, 20, 1)
		d := m.Diagrams[0]
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			start := cpuTime()
			for b.Loop() {
				adds := make([]ThreatAdd, len(d.Elements))
				for i, e := range d.Elements {
					adds[i] = ThreatAdd{DiagramID: d.ID, TargetID: e.ID, Threat: &Threat{Title: "Spoofing of " + e.Name, Category: "spoofing"}}
				}
				c := AddThreats(adds)
				if err := c.Do(m); err != nil {
					b.Fatal(err)
				}
				c.Undo(m)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(d.Elements)), "ns/threat")
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N*len(d.Elements)), "cpu-ns/threat")
		})
	}
}
