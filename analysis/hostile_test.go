package analysis

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/threatboard/threatboard/model"
)

// TestBoundaryIndexHostile holds the index to the model's answers on the
// shapes that once made analysis run out of time or memory, and checks that
// what it files and tests stays proportional to the diagram: a few cells
// per segment, a few segment tests per flow.
func TestBoundaryIndexHostile(t *testing.T) {
	cases := map[string]struct {
		m *model.Model
		// maxTests bounds the segment tests of the whole diagram's crossing
		// questions, per flow; 0: not bounded. Segments that overlap along
		// one line crowd the cells they share whatever their size, and a
		// flow through such a cell that crosses none of them tests them
		// all: there, only what is filed is proportional.
		maxTests int
	}{
		"back and forth along the diagonal": {model.SyntheticDiagonal(100, 150, 2000, 1), 50},
		"beside a long line":                {model.SyntheticBeside(100, 150, 2000, 1), 50},
		"tidy":                              {model.Synthetic(100, 150, 6, 1), 50},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			d := tc.m.Diagrams[0]
			x := newBoundaryIndex(d)
			if filed, segs := len(x.grid.items), len(x.segs); filed > 24*segs+64 {
				t.Errorf("%d segments filed under %d cells; want a few each", segs, filed)
			}
			if cells := x.grid.cols * x.grid.rows; cells > 16*len(x.segs)+16 {
				t.Errorf("%d cells for %d segments", cells, len(x.segs))
			}
			for _, f := range d.Flows {
				got, want := x.crossed(f), d.CrossedBoundaries(f)
				if !slices.Equal(got, want) {
					t.Fatalf("flow %s: crossed %v, want %v", f.ID, boundaryIDs(got), boundaryIDs(want))
				}
			}
			for _, e := range d.Elements {
				want := slices.ContainsFunc(d.Boundaries, func(b *model.Boundary) bool { return b.Encloses(e.Bounds) })
				if got := x.encloses(e.Bounds); got != want {
					t.Fatalf("element %s: encloses = %v, want %v", e.ID, got, want)
				}
			}
			x.tested = 0
			for _, f := range d.Flows {
				x.crosses(d.FlowPath(f))
			}
			if tc.maxTests > 0 && x.tested > tc.maxTests*len(d.Flows) {
				t.Errorf("%d segment tests for %d flows; want at most %d per flow", x.tested, len(d.Flows), tc.maxTests)
			}
		})
	}
}

// TestBoundaryIndexEdgeCases compares the index with the model on shapes
// that sit on cell borders: a boundary that is one point, a vertical and a
// horizontal line, flows touching an end, and paths far outside the grid.
func TestBoundaryIndexEdgeCases(t *testing.T) {
	el := func(id string, x, y float64) *model.Element {
		return &model.Element{ID: id, Kind: model.Process, Bounds: model.Rect{X: x, Y: y, W: 10, H: 10}}
	}
	var els []*model.Element
	for i := range 6 {
		for j := range 6 {
			els = append(els, el(fmt.Sprintf("e%d%d", i, j), float64(i)*40-100, float64(j)*40-100))
		}
	}
	var flows []*model.Flow
	for i := 0; i+7 < len(els); i += 2 {
		flows = append(flows, &model.Flow{ID: "f" + els[i].ID, From: els[i].ID, To: els[i+7].ID})
		flows = append(flows, &model.Flow{ID: "g" + els[i].ID, From: els[i].ID, To: els[len(els)-1-i].ID,
			Waypoints: []model.Point{{X: 1000, Y: -1000}}})
	}
	d := &model.Diagram{
		Elements: els,
		Flows:    flows,
		Boundaries: []*model.Boundary{
			{ID: "dot", Shape: model.BoundaryLine, Points: []model.Point{{X: 5, Y: 5}}},
			{ID: "vertical", Shape: model.BoundaryLine, Points: []model.Point{{X: 25, Y: -200}, {X: 25, Y: 200}}},
			{ID: "horizontal", Shape: model.BoundaryLine, Points: []model.Point{{X: -200, Y: 65}, {X: 200, Y: 65}}},
			{ID: "box", Shape: model.BoundaryBox, Bounds: model.Rect{X: -95, Y: -95, W: 100, H: 100}},
			{ID: "inside-out", Shape: model.BoundaryBox, Bounds: model.Rect{X: 100, Y: 100, W: -60, H: -60}},
		},
	}
	for _, err := range indexDisagreements(d) {
		t.Error(err)
	}
}

// TestSuggestionTextBounded: names of up to the string limit appear in
// every suggestion's text; each is cut, so that the text stays short.
func TestSuggestionTextBounded(t *testing.T) {
	c := builtinCatalog(t)
	long := strings.Repeat("ä", 50_000) // 100 KB, and two bytes a character
	m := model.Synthetic(40, 60, 2, 1)
	for _, e := range m.Diagrams[0].Elements {
		e.Name = long
	}
	for _, f := range m.Diagrams[0].Flows {
		f.Name = long
	}
	sugs := c.Suggest(m)
	if len(sugs) == 0 {
		t.Fatal("no suggestions")
	}
	named := 0
	for _, s := range sugs {
		for _, text := range []string{s.Title, s.Description, s.Mitigation} {
			if len(text) > 2000 {
				t.Fatalf("%s: text of %d bytes", s.Key, len(text))
			}
			if !utf8.ValidString(text) {
				t.Fatalf("%s: a name cut inside a character", s.Key)
			}
			if strings.Contains(text, "ää…") {
				named++
			}
		}
	}
	if named == 0 {
		t.Error("no suggestion names its target: the test proves nothing")
	}
}

// FuzzBoundaryIndex builds small diagrams from bytes (elements, flows with
// bends, line and box boundaries on a coarse lattice, so that points fall
// on each other and on the index's cell borders, at several scales) and
// holds the index to the model's own answers.
func FuzzBoundaryIndex(f *testing.F) {
	f.Add([]byte{0, 3, 0, 0, 20, 20, 40, 0, 1, 0, 2, 10, 250, 10, 10, 2, 0, 1, 0, 1, 2, 1, 30, 30})
	f.Add([]byte{1, 4, 0, 0, 10, 0, 0, 10, 10, 10, 2, 1, 250, 250, 20, 20, 0, 5, 0, 0, 10, 10, 0, 0, 10, 10, 0, 0, 4, 0, 3, 0, 1, 2, 0, 0, 2, 1, 0})
	f.Add([]byte{2, 2, 128, 128, 129, 129, 1, 0, 3, 128, 128, 129, 129, 128, 128, 1, 0, 1, 0})
	f.Add([]byte{3, 5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 3, 1, 0, 0, 6, 6, 0, 2, 0, 0, 255, 255, 1, 9, 9, 1, 1, 4, 0, 4, 1, 7, 7, 1, 3, 0, 0, 2, 4, 0, 3, 2, 1, 2})
	f.Fuzz(func(t *testing.T, data []byte) {
		d := diagramFromBytes(data)
		if errs := indexDisagreements(d); len(errs) > 0 {
			t.Fatal(errs[0])
		}
	})
}

// diagramFromBytes reads a diagram for FuzzBoundaryIndex; missing bytes
// read as zero.
func diagramFromBytes(data []byte) *model.Diagram {
	at := 0
	next := func() int {
		if at >= len(data) {
			return 0
		}
		at++
		return int(data[at-1])
	}
	scale := []float64{1, 0.001, 1e6, 3.7}[next()%4]
	coord := func() float64 { return float64(next()-128) * scale }
	point := func() model.Point { return model.Point{X: coord(), Y: coord()} }
	d := &model.Diagram{ID: "d"}
	for i := range 1 + next()%8 {
		p := point()
		d.Elements = append(d.Elements, &model.Element{ID: fmt.Sprintf("e%d", i), Kind: model.Process,
			Bounds: model.Rect{X: p.X, Y: p.Y, W: 4 * scale, H: 4 * scale}})
	}
	for i := range next() % 5 {
		b := &model.Boundary{ID: fmt.Sprintf("b%d", i), Shape: model.BoundaryLine}
		if next()%2 == 1 {
			b.Shape = model.BoundaryBox
			p := point()
			b.Bounds = model.Rect{X: p.X, Y: p.Y, W: float64(1+next()) * scale, H: float64(1+next()) * scale}
		} else {
			for range 2 + next()%9 {
				b.Points = append(b.Points, point())
			}
		}
		d.Boundaries = append(d.Boundaries, b)
	}
	for i := range next() % 9 {
		fl := &model.Flow{ID: fmt.Sprintf("f%d", i), From: d.Elements[next()%len(d.Elements)].ID, To: d.Elements[next()%len(d.Elements)].ID}
		for range next() % 4 {
			fl.Waypoints = append(fl.Waypoints, point())
		}
		d.Flows = append(d.Flows, fl)
	}
	d.Reindex()
	return d
}

// indexDisagreements lists where the boundary index answers otherwise than
// the model's own crossing and enclosure tests.
func indexDisagreements(d *model.Diagram) []error {
	var errs []error
	x := newBoundaryIndex(d)
	for _, f := range d.Flows {
		if got, want := x.crossed(f), d.CrossedBoundaries(f); !slices.Equal(got, want) {
			errs = append(errs, fmt.Errorf("flow %s: crossed %v, want %v", f.ID, boundaryIDs(got), boundaryIDs(want)))
		}
	}
	for _, e := range d.Elements {
		want := slices.ContainsFunc(d.Boundaries, func(b *model.Boundary) bool { return b.Encloses(e.Bounds) })
		if got := x.encloses(e.Bounds); got != want {
			errs = append(errs, fmt.Errorf("element %s: encloses = %v, want %v", e.ID, got, want))
		}
	}
	return errs
}
