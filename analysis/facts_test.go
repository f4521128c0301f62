package analysis

import (
	"testing"

	"github.com/threatboard/threatboard/model"
)

// TestFactsMatchGeometry checks the indexed boundary facts against the
// model's own geometry, flow by flow and element by element, on synthetic
// models with many boundaries of both shapes.
func TestFactsMatchGeometry(t *testing.T) {
	for name, m := range map[string]*model.Model{
		"small":           model.Synthetic(50, 80, 10, 7),
		"many boundaries": model.Synthetic(2000, 4000, 200, 3),
	} {
		t.Run(name, func(t *testing.T) {
			d := m.Diagrams[0]
			indexed := newDiagramFacts(d)
			indexed.index()
			scanned := newDiagramFacts(d)
			crossing := 0
			for _, f := range d.Flows {
				want := len(d.CrossedBoundaries(f)) > 0
				if want {
					crossing++
				}
				if got := indexed.crosses(f, nil); got != want {
					t.Errorf("flow %s: indexed crosses = %v, geometry says %v", f.ID, got, want)
				}
				if got := scanned.crosses(f, nil); got != want {
					t.Errorf("flow %s: scanned crosses = %v, geometry says %v", f.ID, got, want)
				}
			}
			inside := 0
			for _, e := range d.Elements {
				want := false
				for _, b := range d.Boundaries {
					want = want || b.Encloses(e.Bounds)
				}
				if want {
					inside++
				}
				if got := indexed.inside(e); got != want {
					t.Errorf("element %s: indexed inside = %v, geometry says %v", e.ID, got, want)
				}
				if got := scanned.inside(e); got != want {
					t.Errorf("element %s: scanned inside = %v, geometry says %v", e.ID, got, want)
				}
			}
			if crossing == 0 || crossing == len(d.Flows) || inside == 0 {
				t.Errorf("a weak test: %d of %d flows cross, %d elements inside", crossing, len(d.Flows), inside)
			}
		})
	}
}

// TestFlowFactsBothWays checks adjacency: a bidirectional flow is incoming
// and outgoing at both ends, seen from the other end each time.
func TestFlowFactsBothWays(t *testing.T) {
	for _, indexed := range []bool{false, true} {
		s := newSketch(t)
		s.add("a", kActor).add("p", kProc).add("s", kStore).
			flow("f1", "a", "p", "bidirectional").flow("f2", "p", "s")
		df := newDiagramFacts(s.d)
		if indexed {
			df.index()
		}
		a, p, st := s.d.Element("a"), s.d.Element("p"), s.d.Element("s")
		check := func(e *model.Element, in, out []string) {
			t.Helper()
			adj := df.adjacent(e)
			var gotIn, gotOut []string
			for _, fe := range adj.in {
				if fe.dst != e {
					t.Errorf("%s: incoming %s does not end here", e.ID, fe.f.ID)
				}
				gotIn = append(gotIn, fe.f.ID+"<"+fe.src.ID)
			}
			for _, fe := range adj.out {
				if fe.src != e {
					t.Errorf("%s: outgoing %s does not start here", e.ID, fe.f.ID)
				}
				gotOut = append(gotOut, fe.f.ID+">"+fe.dst.ID)
			}
			if !equalStrings(gotIn, in) || !equalStrings(gotOut, out) {
				t.Errorf("indexed=%v %s: in %v out %v, want in %v out %v", indexed, e.ID, gotIn, gotOut, in, out)
			}
		}
		check(a, []string{"f1<p"}, []string{"f1>p"})
		check(p, []string{"f1<a"}, []string{"f1>a", "f2>s"})
		check(st, []string{"f2<p"}, nil)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, s := range a {
		seen[s]++
	}
	for _, s := range b {
		seen[s]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}
