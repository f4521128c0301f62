package model

import (
	"math"
	"math/rand/v2"
)

// The hostile shapes below are the trust boundaries that once made analysis
// and lint run out of time or memory on files of a few megabytes. Tests and
// benchmarks hold analysis to time and memory proportional to the file's
// size on them (docs/PERFORMANCE.md).

// SyntheticDiagonal is Synthetic(elements, flows, 0, seed) with one line
// boundary of points points running back and forth along the diagonal of
// the elements' grid: every segment spans most of the diagram, so that the
// bounding box of each covers nearly all of it.
func SyntheticDiagonal(elements, flows, points int, seed int64) *Model {
	m := Synthetic(elements, flows, 0, seed)
	d := m.Diagrams[0]
	rng := rand.New(rand.NewPCG(uint64(seed), 0x6469616730303031))
	side := gridSide(elements)
	pts := make([]Point, points)
	for k := range pts {
		t := 0.1 * rng.Float64()
		if k%2 == 1 {
			t = 1 - t
		}
		pts[k] = Point{X: math.Round(t * side), Y: math.Round(t * side)}
	}
	d.Boundaries = []*Boundary{{ID: "diagonal", Name: "Back and forth", Shape: BoundaryLine, Points: pts}}
	return m
}

// SyntheticBeside is Synthetic(elements, flows, 0, seed) with one line
// boundary of points points zigzagging along three sides of the elements'
// grid, just outside it: every flow lies within the boundary's bounding box
// and none crosses it.
func SyntheticBeside(elements, flows, points int, seed int64) *Model {
	m := Synthetic(elements, flows, 0, seed)
	d := m.Diagrams[0]
	side := gridSide(elements)
	lo, hi := -synthCell/2, side+synthCell/2
	perimeter := 3 * (hi - lo)
	pts := make([]Point, points)
	for k := range pts {
		// Walk down the left side, along the bottom and up the right side,
		// stepping a little in and out of the line at every point.
		s := perimeter * float64(k) / float64(max(points-1, 1))
		jitter := float64(k%2) * synthCell / 8
		switch {
		case s < hi-lo:
			pts[k] = Point{X: lo - jitter, Y: lo + s}
		case s < 2*(hi-lo):
			pts[k] = Point{X: lo + s - (hi - lo), Y: hi + jitter}
		default:
			pts[k] = Point{X: hi + jitter, Y: hi - (s - 2*(hi-lo))}
		}
	}
	d.Boundaries = []*Boundary{{ID: "beside", Name: "Beside", Shape: BoundaryLine, Points: pts}}
	return m
}

// gridSide is the width of the square grid Synthetic lays elements out on.
func gridSide(elements int) float64 {
	return float64(max(1, int(math.Ceil(math.Sqrt(float64(elements)))))) * synthCell
}
