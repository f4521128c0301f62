package model_test

import (
	"math"
	"reflect"
	"testing"

	"github.com/threatboard/threatboard/model"
)

func TestSynthetic(t *testing.T) {
	tests := map[string]struct {
		elements, flows, boundaries int
		wantNotes, wantFlows        int
	}{
		"empty":          {0, 5, 2, 0, 0},
		"one element":    {1, 3, 1, 1, 0},
		"two elements":   {2, 4, 2, 1, 4},
		"small":          {30, 40, 4, 1, 40},
		"thousand":       {1000, 1500, 10, 10, 1500},
		"odd boundaries": {250, 300, 7, 2, 300},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			m := model.Synthetic(tc.elements, tc.flows, tc.boundaries, 42)
			if len(m.Diagrams) != 1 || m.Diagrams[0].Title != "Synthetic" {
				t.Fatalf("want one diagram \"Synthetic\", got %d", len(m.Diagrams))
			}
			d := m.Diagrams[0]
			var connectable, notes int
			for _, e := range d.Elements {
				if e.Kind == model.Note {
					notes++
				} else if e.Kind.Connectable() {
					connectable++
				} else {
					t.Errorf("element %s has kind %v", e.ID, e.Kind)
				}
			}
			if connectable != tc.elements || notes != tc.wantNotes {
				t.Errorf("got %d elements and %d notes, want %d and %d", connectable, notes, tc.elements, tc.wantNotes)
			}
			if len(d.Flows) != tc.wantFlows {
				t.Errorf("got %d flows, want %d", len(d.Flows), tc.wantFlows)
			}
			if len(d.Boundaries) != tc.boundaries {
				t.Errorf("got %d boundaries, want %d", len(d.Boundaries), tc.boundaries)
			}
			for _, f := range d.Flows {
				from, to := d.Element(f.From), d.Element(f.To)
				if from == nil || to == nil {
					t.Fatalf("flow %s: missing end %q or %q", f.ID, f.From, f.To)
				}
				if f.From == f.To {
					t.Errorf("flow %s loops on %s", f.ID, f.From)
				}
				if !from.Kind.Connectable() || !to.Kind.Connectable() {
					t.Errorf("flow %s connects a note", f.ID)
				}
			}
			for _, b := range d.Boundaries {
				switch b.Shape {
				case model.BoundaryLine:
					if len(b.Points) < 2 {
						t.Errorf("line boundary %s has %d points", b.ID, len(b.Points))
					}
					for i := 1; i < len(b.Points); i++ {
						if b.Points[i] == b.Points[i-1] {
							t.Errorf("line boundary %s repeats point %d", b.ID, i)
						}
					}
				case model.BoundaryBox:
					if b.Bounds.W <= 0 || b.Bounds.H <= 0 {
						t.Errorf("box boundary %s is empty: %+v", b.ID, b.Bounds)
					}
				default:
					t.Errorf("boundary %s has shape %v", b.ID, b.Shape)
				}
			}
			checkIDsUnique(t, m)
			checkNoOverlap(t, d)
			checkBoundariesMissShapes(t, d)
		})
	}
}

func TestSyntheticDeterministic(t *testing.T) {
	a := model.Synthetic(500, 700, 6, 7)
	b := model.Synthetic(500, 700, 6, 7)
	if !reflect.DeepEqual(a, b) {
		t.Error("two models from the same seed differ")
	}
	c := model.Synthetic(500, 700, 6, 8)
	if a.ID == c.ID || a.Diagrams[0].Elements[0].ID == c.Diagrams[0].Elements[0].ID {
		t.Error("models from different seeds share IDs")
	}
	if reflect.DeepEqual(a.Diagrams[0].Flows, c.Diagrams[0].Flows) {
		t.Error("models from different seeds have the same flows")
	}
}

// TestSyntheticVariety checks that the generated model exercises what the
// editor and the analysis must handle: every kind, waypoints, both
// directions, both boundary shapes, threats on about one element in ten.
func TestSyntheticVariety(t *testing.T) {
	d := model.Synthetic(2000, 3000, 10, 1).Diagrams[0]
	kinds := map[model.Kind]int{}
	threats := 0
	for _, e := range d.Elements {
		kinds[e.Kind]++
		threats += len(e.Threats)
	}
	for _, k := range []model.Kind{model.Actor, model.Process, model.MultiProcess, model.Store, model.Note} {
		if kinds[k] == 0 {
			t.Errorf("no element of kind %v", k)
		}
	}
	if threats < 100 || threats > 300 {
		t.Errorf("%d threats on 2000 elements, want about 200", threats)
	}
	var waypoints, bidi, encrypted int
	for _, f := range d.Flows {
		if len(f.Waypoints) > 0 {
			waypoints++
		}
		if f.Bidirectional {
			bidi++
		}
		if f.Encrypted {
			encrypted++
		}
	}
	if waypoints == 0 || bidi == 0 || encrypted == 0 || encrypted == len(d.Flows) {
		t.Errorf("flows lack variety: %d with waypoints, %d bidirectional, %d encrypted of %d",
			waypoints, bidi, encrypted, len(d.Flows))
	}
	shapes := map[model.BoundaryShape]int{}
	for _, b := range d.Boundaries {
		shapes[b.Shape]++
	}
	if shapes[model.BoundaryBox] != 5 || shapes[model.BoundaryLine] != 5 {
		t.Errorf("boundary shapes %v, want 5 boxes and 5 lines", shapes)
	}
}

// checkBoundariesMissShapes checks that lines run between shapes and boxes
// hold whole shapes, as a user would draw them.
func checkBoundariesMissShapes(t *testing.T, d *model.Diagram) {
	t.Helper()
	for _, b := range d.Boundaries {
		for _, e := range d.Elements {
			r := e.Bounds
			outline := []model.Point{{X: r.X, Y: r.Y}, {X: r.X + r.W, Y: r.Y}, {X: r.X + r.W, Y: r.Y + r.H}, {X: r.X, Y: r.Y + r.H}, {X: r.X, Y: r.Y}}
			if b.Crosses(outline) {
				t.Fatalf("boundary %s (%v) cuts through %s %+v", b.ID, b.Shape, e.ID, r)
			}
		}
	}
}

func checkIDsUnique(t *testing.T, m *model.Model) {
	t.Helper()
	seen := map[string]bool{}
	add := func(id string) {
		if id == "" || seen[id] {
			t.Errorf("ID %q empty or used twice", id)
		}
		seen[id] = true
	}
	add(m.ID)
	for _, d := range m.Diagrams {
		add(d.ID)
		for _, e := range d.Elements {
			add(e.ID)
		}
		for _, f := range d.Flows {
			add(f.ID)
		}
		for _, b := range d.Boundaries {
			add(b.ID)
		}
	}
	for _, r := range m.Threats() {
		add(r.Threat.ID)
	}
}

// checkNoOverlap compares every pair of shapes: quadratic, but cheap enough
// for the sizes tested here.
func checkNoOverlap(t *testing.T, d *model.Diagram) {
	t.Helper()
	for i, a := range d.Elements {
		for _, b := range d.Elements[i+1:] {
			if a.Bounds.X < b.Bounds.X+b.Bounds.W && b.Bounds.X < a.Bounds.X+a.Bounds.W &&
				a.Bounds.Y < b.Bounds.Y+b.Bounds.H && b.Bounds.Y < a.Bounds.Y+a.Bounds.H {
				t.Fatalf("%s %+v overlaps %s %+v", a.ID, a.Bounds, b.ID, b.Bounds)
			}
		}
	}
}

func BenchmarkSynthetic10k(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		model.Synthetic(10000, 15000, 20, 1)
	}
}

// TestSyntheticValidates checks that the generated model is a valid file:
// the codec benchmarks decode and validate it.
func TestSyntheticValidates(t *testing.T) {
	for _, n := range []int{0, 1, 300} {
		m := model.Synthetic(n, 2*n, 6, int64(n))
		data, err := model.Encode(m)
		if err != nil {
			t.Fatalf("encode %d elements: %v", n, err)
		}
		if _, err := model.Decode(data); err != nil {
			t.Errorf("decode %d elements: %v", n, err)
		}
	}
}

// FuzzSynthetic checks that any size and seed gives a model that passes
// validation, with the counts asked for.
func FuzzSynthetic(f *testing.F) {
	f.Add(0, 0, 0, int64(0))
	f.Add(2, 1, 1, int64(-1))
	f.Add(math.MinInt, math.MinInt, math.MinInt, int64(math.MinInt64))
	f.Add(17, 40, 5, int64(99))
	f.Fuzz(func(t *testing.T, elements, flows, boundaries int, seed int64) {
		// Keep each run small; size is not what this explores.
		elements, flows, boundaries = small(elements, 300), small(flows, 600), small(boundaries, 20)
		m := model.Synthetic(elements, flows, boundaries, seed)
		data, err := model.Encode(m)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := model.Decode(data); err != nil {
			t.Fatalf("Synthetic(%d, %d, %d, %d) does not validate: %v", elements, flows, boundaries, seed, err)
		}
		d := m.Diagrams[0]
		if elements >= 2 && len(d.Flows) != flows || len(d.Boundaries) != boundaries {
			t.Errorf("Synthetic(%d, %d, %d, %d): %d flows, %d boundaries", elements, flows, boundaries, seed, len(d.Flows), len(d.Boundaries))
		}
		checkBoundariesMissShapes(t, d)
	})
}

// small maps any n onto 0..limit-1.
func small(n, limit int) int {
	n %= limit
	if n < 0 {
		n += limit
	}
	return n
}
