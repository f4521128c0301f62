package model

import (
	"math"
	"testing"
)

const eps = 1e-9

func near(a, b Point) bool { return math.Abs(a.X-b.X) < 1e-6 && math.Abs(a.Y-b.Y) < 1e-6 }

func finitePoint(p Point) bool {
	return !math.IsNaN(p.X) && !math.IsNaN(p.Y) && !math.IsInf(p.X, 0) && !math.IsInf(p.Y, 0)
}

func TestBorder(t *testing.T) {
	box := Rect{0, 0, 100, 60} // centre (50, 30)
	s2 := math.Sqrt2 / 2
	tests := map[string]struct {
		kind   Kind
		bounds Rect
		toward Point
		want   Point
	}{
		"actor right":             {Actor, box, Point{500, 30}, Point{100, 30}},
		"actor left":              {Actor, box, Point{-500, 30}, Point{0, 30}},
		"actor up":                {Actor, box, Point{50, -500}, Point{50, 0}},
		"actor down":              {Actor, box, Point{50, 500}, Point{50, 60}},
		"actor diagonal hits top": {Actor, box, Point{100, -20}, Point{80, 0}},
		"actor diagonal corner":   {Actor, box, Point{150, 90}, Point{100, 60}},
		"actor toward inside":     {Actor, box, Point{60, 30}, Point{100, 30}},
		"note right":              {Note, box, Point{500, 30}, Point{100, 30}},
		"note diagonal hits side": {Note, box, Point{150, 50}, Point{100, 40}},
		"store down":              {Store, box, Point{50, 500}, Point{50, 60}},
		"store diagonal":          {Store, box, Point{-50, -30}, Point{0, 0}},
		"process right":           {Process, box, Point{500, 30}, Point{100, 30}},
		"process up":              {Process, box, Point{50, -500}, Point{50, 0}},
		"process circle diagonal": {Process, Rect{0, 0, 100, 100}, Point{100, 100}, Point{50 + 50*s2, 50 + 50*s2}},
		"process ellipse diagonal": {Process, box, Point{50 + 50, 30 + 30}, // direction (1, 0.6): t = 1/sqrt(1/2500+0.36/900)
			Point{50 + 50/math.Sqrt2, 30 + 30/math.Sqrt2}},
		"multi-process outer left": {MultiProcess, box, Point{-10, 30}, Point{0, 30}},
		"multi-process diagonal":   {MultiProcess, Rect{0, 0, 100, 100}, Point{0, 0}, Point{50 - 50*s2, 50 - 50*s2}},
		"toward centre is centre":  {Process, box, Point{50, 30}, Point{50, 30}},
		"actor toward centre":      {Actor, box, Point{50, 30}, Point{50, 30}},
		"zero-size actor":          {Actor, Rect{10, 10, 0, 0}, Point{100, 100}, Point{10, 10}},
		"zero-size process":        {Process, Rect{10, 10, 0, 0}, Point{100, 100}, Point{10, 10}},
		"flat process is segment":  {Process, Rect{0, 0, 100, 0}, Point{200, 0}, Point{100, 0}},
		"flat process vertical ray": {Process, Rect{0, 0, 100, 0}, Point{50, 100},
			Point{50, 0}},
		"negative-size actor": {Actor, Rect{100, 60, -100, -60}, Point{500, 30}, Point{100, 30}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			e := &Element{Kind: tc.kind, Bounds: tc.bounds}
			got := e.Border(tc.toward)
			if !finitePoint(got) {
				t.Fatalf("Border = %v, not finite", got)
			}
			if !near(got, tc.want) {
				t.Errorf("Border(%v) = %v, want %v", tc.toward, got, tc.want)
			}
		})
	}
}

// A border point of a round shape lies on its ellipse.
func TestBorderOnEllipse(t *testing.T) {
	e := &Element{Kind: Process, Bounds: Rect{10, 20, 80, 40}}
	for deg := 0; deg < 360; deg += 15 {
		a := float64(deg) * math.Pi / 180
		p := e.Border(Point{50 + 100*math.Cos(a), 40 + 100*math.Sin(a)})
		u, v := (p.X-50)/40, (p.Y-40)/20
		if math.Abs(u*u+v*v-1) > 1e-9 {
			t.Errorf("angle %d: %v is not on the ellipse (%.12f)", deg, p, u*u+v*v)
		}
	}
}

func TestElementHit(t *testing.T) {
	box := Rect{0, 0, 100, 60}
	tests := map[string]struct {
		kind   Kind
		bounds Rect
		p      Point
		want   bool
	}{
		"actor centre":            {Actor, box, Point{50, 30}, true},
		"actor corner":            {Actor, box, Point{2, 2}, true},
		"actor edge":              {Actor, box, Point{100, 60}, true},
		"actor outside":           {Actor, box, Point{101, 30}, false},
		"note inside":             {Note, box, Point{90, 50}, true},
		"store corner":            {Store, box, Point{1, 59}, true},
		"store outside":           {Store, box, Point{50, -1}, false},
		"process centre":          {Process, box, Point{50, 30}, true},
		"process corner misses":   {Process, box, Point{3, 3}, false},
		"process on ellipse edge": {Process, box, Point{100, 30}, true},
		"process near top":        {Process, box, Point{50, 1}, true},
		"process outside box":     {Process, box, Point{-5, 30}, false},
		"multi-process corner":    {MultiProcess, box, Point{97, 57}, false},
		"multi-process inside":    {MultiProcess, box, Point{70, 40}, true},
		"zero-size hit exactly":   {Process, Rect{5, 5, 0, 0}, Point{5, 5}, true},
		"zero-size misses":        {Actor, Rect{5, 5, 0, 0}, Point{6, 5}, false},
		"negative size inside":    {Actor, Rect{100, 60, -100, -60}, Point{50, 30}, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			e := &Element{Kind: tc.kind, Bounds: tc.bounds}
			if got := e.Hit(tc.p); got != tc.want {
				t.Errorf("Hit(%v) = %v, want %v", tc.p, got, tc.want)
			}
		})
	}
}

func geoDiagram() *Diagram {
	return &Diagram{
		ID: "d",
		Elements: []*Element{
			{ID: "a", Kind: Actor, Bounds: Rect{0, 0, 100, 60}},      // centre (50,30)
			{ID: "p", Kind: Process, Bounds: Rect{300, 0, 60, 60}},   // centre (330,30)
			{ID: "s", Kind: Store, Bounds: Rect{300, 200, 100, 40}},  // centre (350,220)
			{ID: "m", Kind: MultiProcess, Bounds: Rect{0, 0, 0, 0}},  // degenerate
			{ID: "n", Kind: Note, Bounds: Rect{-300, -300, 50, 20}},  // not connectable but drawable
			{ID: "q", Kind: Process, Bounds: Rect{330, 200, 0, 0}},   // a point
			{ID: "same", Kind: Actor, Bounds: Rect{0, 0, 100, 60}},   // same centre as a
			{ID: "far", Kind: Actor, Bounds: Rect{1000, 0, 100, 60}}, // centre (1050,30)
		},
		Boundaries: []*Boundary{
			{ID: "line", Shape: BoundaryLine, Points: []Point{{200, -100}, {200, 100}}},
			{ID: "box", Shape: BoundaryBox, Bounds: Rect{250, -50, 200, 150}},
			{ID: "wide", Shape: BoundaryBox, Bounds: Rect{-50, -50, 1200, 400}},
			{ID: "passed", Shape: BoundaryBox, Bounds: Rect{600, 0, 50, 50}},
		},
	}
}

func TestFlowPath(t *testing.T) {
	d := geoDiagram()
	tests := map[string]struct {
		flow Flow
		want []Point
	}{
		"straight":          {Flow{From: "a", To: "p"}, []Point{{100, 30}, {300, 30}}},
		"reverse":           {Flow{From: "p", To: "a"}, []Point{{300, 30}, {100, 30}}},
		"vertical":          {Flow{From: "q", To: "p"}, []Point{{330, 200}, {330, 60}}},
		"through waypoints": {Flow{From: "a", To: "s", Waypoints: []Point{{50, 220}}}, []Point{{50, 60}, {50, 220}, {300, 220}}},
		"two waypoints": {Flow{From: "a", To: "p", Waypoints: []Point{{200, 30}, {330, -100}}},
			[]Point{{100, 30}, {200, 30}, {330, -100}, {330, 0}}},
		"self loop":      {Flow{From: "a", To: "a", Waypoints: []Point{{50, -50}, {150, 30}}}, []Point{{50, 0}, {50, -50}, {150, 30}, {100, 30}}},
		"same centre":    {Flow{From: "a", To: "same"}, []Point{{50, 30}, {50, 30}}},
		"degenerate end": {Flow{From: "m", To: "s"}, []Point{{0, 0}, {350 - 350*20.0/220, 200}}},
		"missing from":   {Flow{From: "x", To: "p"}, nil},
		"missing to":     {Flow{From: "a", To: "x"}, nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := d.FlowPath(&tc.flow)
			if len(got) != len(tc.want) || (got == nil) != (tc.want == nil) {
				t.Fatalf("FlowPath = %v, want %v", got, tc.want)
			}
			for i := range got {
				if !near(got[i], tc.want[i]) {
					t.Errorf("point %d = %v, want %v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestDistToPolyline(t *testing.T) {
	tests := map[string]struct {
		p    Point
		pts  []Point
		want float64
	}{
		"empty":                   {Point{1, 1}, nil, math.Inf(1)},
		"single point":            {Point{3, 4}, []Point{{0, 0}}, 5},
		"above horizontal":        {Point{5, 3}, []Point{{0, 0}, {10, 0}}, 3},
		"beyond the end":          {Point{13, 4}, []Point{{0, 0}, {10, 0}}, 5},
		"before the start":        {Point{0, -2}, []Point{{0, 0}, {0, 10}}, 2},
		"on vertical":             {Point{0, 5}, []Point{{0, 0}, {0, 10}}, 0},
		"diagonal":                {Point{0, 2}, []Point{{0, 0}, {2, 2}}, math.Sqrt2},
		"nearest of two segments": {Point{11, 5}, []Point{{0, 0}, {10, 0}, {10, 10}}, 1},
		"zero-length segment":     {Point{3, 4}, []Point{{0, 0}, {0, 0}}, 5},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := DistToPolyline(tc.p, tc.pts)
			if math.IsNaN(got) || math.Abs(got-tc.want) > eps && !(math.IsInf(got, 1) && math.IsInf(tc.want, 1)) {
				t.Errorf("DistToPolyline = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSegmentsIntersect(t *testing.T) {
	tests := map[string]struct {
		a, b, c, d Point
		want       bool
	}{
		"cross":                 {Point{0, 0}, Point{10, 10}, Point{0, 10}, Point{10, 0}, true},
		"horizontal vertical":   {Point{0, 5}, Point{10, 5}, Point{5, 0}, Point{5, 10}, true},
		"parallel":              {Point{0, 0}, Point{10, 0}, Point{0, 1}, Point{10, 1}, false},
		"apart":                 {Point{0, 0}, Point{1, 1}, Point{5, 0}, Point{6, -1}, false},
		"would cross if longer": {Point{0, 0}, Point{4, 4}, Point{0, 10}, Point{10, 0}, false},
		"touching ends":         {Point{0, 0}, Point{5, 5}, Point{5, 5}, Point{10, 0}, true},
		"T junction":            {Point{0, 0}, Point{10, 0}, Point{5, 0}, Point{5, 5}, true},
		"collinear overlap":     {Point{0, 0}, Point{10, 0}, Point{5, 0}, Point{15, 0}, true},
		"collinear apart":       {Point{0, 0}, Point{4, 0}, Point{5, 0}, Point{15, 0}, false},
		"collinear contained":   {Point{0, 0}, Point{10, 10}, Point{2, 2}, Point{3, 3}, true},
		"point on segment":      {Point{0, 0}, Point{10, 0}, Point{3, 0}, Point{3, 0}, true},
		"point off segment":     {Point{0, 0}, Point{10, 0}, Point{3, 1}, Point{3, 1}, false},
		"two equal points":      {Point{1, 1}, Point{1, 1}, Point{1, 1}, Point{1, 1}, true},
		"two distinct points":   {Point{1, 1}, Point{1, 1}, Point{2, 1}, Point{2, 1}, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := SegmentsIntersect(tc.a, tc.b, tc.c, tc.d); got != tc.want {
				t.Errorf("SegmentsIntersect = %v, want %v", got, tc.want)
			}
			// The answer does not depend on the order of segments or ends.
			if got := SegmentsIntersect(tc.d, tc.c, tc.b, tc.a); got != tc.want {
				t.Errorf("swapped: SegmentsIntersect = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestPolylineMiddle(t *testing.T) {
	tests := map[string]struct {
		pts  []Point
		want Point
	}{
		"empty":          {nil, Point{}},
		"single":         {[]Point{{3, 4}}, Point{3, 4}},
		"segment":        {[]Point{{0, 0}, {10, 0}}, Point{5, 0}},
		"vertical":       {[]Point{{0, 10}, {0, 0}}, Point{0, 5}},
		"elbow":          {[]Point{{0, 0}, {10, 0}, {10, 10}}, Point{10, 0}},
		"uneven":         {[]Point{{0, 0}, {30, 0}, {30, 10}}, Point{20, 0}},
		"diagonal":       {[]Point{{0, 0}, {6, 8}}, Point{3, 4}},
		"zero length":    {[]Point{{2, 2}, {2, 2}, {2, 2}}, Point{2, 2}},
		"leading repeat": {[]Point{{0, 0}, {0, 0}, {0, 10}}, Point{0, 5}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := PolylineMiddle(tc.pts); !near(got, tc.want) {
				t.Errorf("PolylineMiddle = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestRects(t *testing.T) {
	t.Run("Bounds", func(t *testing.T) {
		tests := map[string]struct {
			pts  []Point
			want Rect
		}{
			"empty":  {nil, Rect{}},
			"single": {[]Point{{3, 4}}, Rect{3, 4, 0, 0}},
			"spread": {[]Point{{3, 4}, {-1, 10}, {5, 0}}, Rect{-1, 0, 6, 10}},
		}
		for name, tc := range tests {
			t.Run(name, func(t *testing.T) {
				if got := Bounds(tc.pts); got != tc.want {
					t.Errorf("Bounds = %v, want %v", got, tc.want)
				}
			})
		}
	})
	t.Run("RectBetween", func(t *testing.T) {
		if got, want := RectBetween(Point{10, 0}, Point{0, 5}), (Rect{0, 0, 10, 5}); got != want {
			t.Errorf("RectBetween = %v, want %v", got, want)
		}
	})
	t.Run("Intersects", func(t *testing.T) {
		r := Rect{0, 0, 10, 10}
		tests := map[string]struct {
			s    Rect
			want bool
		}{
			"overlap":       {Rect{5, 5, 10, 10}, true},
			"inside":        {Rect{2, 2, 1, 1}, true},
			"around":        {Rect{-5, -5, 20, 20}, true},
			"touching edge": {Rect{10, 0, 5, 5}, true},
			"right of":      {Rect{11, 0, 5, 5}, false},
			"below":         {Rect{0, 11, 5, 5}, false},
			"zero size in":  {Rect{5, 5, 0, 0}, true},
			"zero size out": {Rect{20, 5, 0, 0}, false},
			"negative size": {Rect{15, 15, -10, -10}, true},
		}
		for name, tc := range tests {
			t.Run(name, func(t *testing.T) {
				if got := r.Intersects(tc.s); got != tc.want {
					t.Errorf("Intersects = %v, want %v", got, tc.want)
				}
				if got := tc.s.Intersects(r); got != tc.want {
					t.Errorf("reversed Intersects = %v, want %v", got, tc.want)
				}
			})
		}
	})
	t.Run("Inset", func(t *testing.T) {
		tests := map[string]struct {
			r    Rect
			d    float64
			want Rect
		}{
			"shrink":   {Rect{0, 0, 10, 20}, 2, Rect{2, 2, 6, 16}},
			"grow":     {Rect{0, 0, 10, 20}, -1, Rect{-1, -1, 12, 22}},
			"collapse": {Rect{0, 0, 10, 20}, 8, Rect{5, 8, 0, 4}},
			"zero":     {Rect{3, 3, 0, 0}, 1, Rect{3, 3, 0, 0}},
		}
		for name, tc := range tests {
			t.Run(name, func(t *testing.T) {
				if got := tc.r.Inset(tc.d); got != tc.want {
					t.Errorf("Inset = %v, want %v", got, tc.want)
				}
			})
		}
	})
	t.Run("Union", func(t *testing.T) {
		if got, want := (Rect{0, 0, 1, 1}).Union(Rect{5, -2, 1, 1}), (Rect{0, -2, 6, 3}); got != want {
			t.Errorf("Union = %v, want %v", got, want)
		}
	})
}

func TestBoundaryCrosses(t *testing.T) {
	line := &Boundary{Shape: BoundaryLine, Points: []Point{{0, -10}, {0, 10}}}
	bent := &Boundary{Shape: BoundaryLine, Points: []Point{{-10, 0}, {0, 0}, {0, 10}}}
	box := &Boundary{Shape: BoundaryBox, Bounds: Rect{0, 0, 10, 10}}
	tests := map[string]struct {
		b    *Boundary
		path []Point
		want bool
	}{
		"line crossed horizontally":  {line, []Point{{-5, 0}, {5, 0}}, true},
		"line missed beyond its end": {line, []Point{{-5, 20}, {5, 20}}, false},
		"line parallel":              {line, []Point{{1, -10}, {1, 10}}, false},
		"line crossed by a bend":     {line, []Point{{-5, -20}, {-5, 5}, {5, 5}}, true},
		"line crossed diagonally":    {line, []Point{{-5, -5}, {5, 5}}, true},
		"bent line crossed":          {bent, []Point{{-5, -5}, {-5, 5}}, true},
		"bent line missed":           {bent, []Point{{5, -5}, {5, -1}}, false},
		"line with one point":        {&Boundary{Shape: BoundaryLine, Points: []Point{{0, 0}}}, []Point{{-1, 0}, {1, 0}}, true},
		"line with no points":        {&Boundary{Shape: BoundaryLine}, []Point{{-1, 0}, {1, 0}}, false},
		"box in to out":              {box, []Point{{5, 5}, {20, 5}}, true},
		"box out to in":              {box, []Point{{5, -20}, {5, 5}}, true},
		"box both inside":            {box, []Point{{2, 2}, {8, 8}}, false},
		"box both outside apart":     {box, []Point{{20, 0}, {20, 10}}, false},
		"box passed through":         {box, []Point{{-5, 5}, {15, 5}}, true},
		"box passed through by bend": {box, []Point{{-5, -5}, {5, -5}, {5, 15}, {20, 15}}, true},
		"box inside going out and back": {box, []Point{{2, 2}, {2, 20}, {8, 8}},
			true},
		"empty path":      {box, nil, false},
		"empty path line": {line, nil, false},
		"unknown shape":   {&Boundary{Points: []Point{{0, -10}, {0, 10}}}, []Point{{-5, 0}, {5, 0}}, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := tc.b.Crosses(tc.path); got != tc.want {
				t.Errorf("Crosses = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestBoundaryEncloses(t *testing.T) {
	box := &Boundary{Shape: BoundaryBox, Bounds: Rect{0, 0, 100, 100}}
	tests := map[string]struct {
		b    *Boundary
		r    Rect
		want bool
	}{
		"inside":         {box, Rect{10, 10, 20, 20}, true},
		"touching edges": {box, Rect{0, 0, 100, 100}, true},
		"sticking out":   {box, Rect{90, 10, 20, 20}, false},
		"outside":        {box, Rect{200, 10, 20, 20}, false},
		"zero size in":   {box, Rect{50, 50, 0, 0}, true},
		"line encloses nothing": {&Boundary{Shape: BoundaryLine, Points: []Point{{0, 0}, {100, 100}}, Bounds: Rect{0, 0, 100, 100}},
			Rect{10, 10, 1, 1}, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := tc.b.Encloses(tc.r); got != tc.want {
				t.Errorf("Encloses = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestBoundaryHit(t *testing.T) {
	line := &Boundary{Shape: BoundaryLine, Points: []Point{{0, 0}, {100, 0}}}
	box := &Boundary{Shape: BoundaryBox, Bounds: Rect{0, 0, 100, 100}}
	tests := map[string]struct {
		b    *Boundary
		p    Point
		want bool
	}{
		"on line":             {line, Point{50, 0}, true},
		"near line":           {line, Point{50, 3}, true},
		"far from line":       {line, Point{50, 10}, false},
		"past line end":       {line, Point{110, 0}, false},
		"box top edge":        {box, Point{50, 2}, true},
		"box left edge":       {box, Point{-3, 50}, true},
		"box bottom edge":     {box, Point{50, 100}, true},
		"box interior misses": {box, Point{50, 50}, false},
		"box outside":         {box, Point{150, 50}, false},
		"empty line":          {&Boundary{Shape: BoundaryLine}, Point{0, 0}, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := tc.b.Hit(tc.p, 4); got != tc.want {
				t.Errorf("Hit(%v) = %v, want %v", tc.p, got, tc.want)
			}
		})
	}
}

func TestCrossedBoundaries(t *testing.T) {
	d := geoDiagram()
	tests := map[string]struct {
		flow Flow
		want []string
	}{
		"crosses line and box":   {Flow{From: "a", To: "p"}, []string{"line", "box"}},
		"leaves the box":         {Flow{From: "p", To: "q"}, []string{"box"}},
		"passes through a box":   {Flow{From: "a", To: "far"}, []string{"line", "box", "passed"}},
		"routed around the line": {Flow{From: "a", To: "s", Waypoints: []Point{{50, 220}}}, nil},
		"missing end":            {Flow{From: "a", To: "x"}, nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var got []string
			for _, b := range d.CrossedBoundaries(&tc.flow) {
				got = append(got, b.ID)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("CrossedBoundaries = %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("CrossedBoundaries = %v, want %v", got, tc.want)
				}
			}
		})
	}
}

// Random shapes and points never produce NaN or panic.
func TestGeometryNeverNaN(t *testing.T) {
	vals := []float64{0, 1, -1, 0.5, 100, 1e-300, 1e300}
	for _, k := range []Kind{Actor, Process, MultiProcess, Store, Note} {
		for _, w := range vals {
			for _, h := range vals {
				for _, x := range vals {
					e := &Element{Kind: k, Bounds: Rect{0, 0, w, h}}
					p := e.Border(Point{x, -x / 2})
					if math.IsNaN(p.X) || math.IsNaN(p.Y) {
						t.Fatalf("%s %vx%v toward %v: NaN border %v", k, w, h, x, p)
					}
					e.Hit(Point{x, x})
				}
			}
		}
	}
}

// FuzzBorder: for any finite shape and point the border point is finite,
// lies on the shape's bounding box or inside it, and is hit by the shape.
func FuzzBorder(f *testing.F) {
	f.Add(uint8(Actor), 0.0, 0.0, 100.0, 60.0, 500.0, 30.0)
	f.Add(uint8(Process), 10.0, 10.0, 0.0, 0.0, 10.0, 10.0)
	f.Add(uint8(MultiProcess), -5.0, 3.0, 1e-9, 50.0, 1e6, -1e6)
	f.Add(uint8(Store), 0.0, 0.0, -10.0, -10.0, 3.0, 3.0)
	f.Fuzz(func(t *testing.T, kind uint8, x, y, w, h, px, py float64) {
		for _, v := range []float64{x, y, w, h, px, py} {
			if math.IsNaN(v) || math.Abs(v) > 1e9 {
				t.Skip()
			}
		}
		e := &Element{Kind: Kind(kind%5 + 1), Bounds: Rect{x, y, w, h}}
		p := e.Border(Point{px, py})
		if !finitePoint(p) {
			t.Fatalf("Border = %v", p)
		}
		r := e.Bounds.canon()
		slack := 1e-6 * (1 + math.Abs(x) + math.Abs(y) + math.Abs(w) + math.Abs(h))
		if !r.Inset(-slack).Contains(p) {
			t.Fatalf("Border %v is outside %v", p, r)
		}
		if d := DistToPolyline(p, []Point{{px, py}}); math.IsNaN(d) {
			t.Fatalf("distance NaN")
		}
	})
}

// FuzzSegmentsIntersect: the answer does not depend on the order of the
// segments or of their ends, and a segment always meets itself.
func FuzzSegmentsIntersect(f *testing.F) {
	f.Add(0.0, 0.0, 10.0, 10.0, 0.0, 10.0, 10.0, 0.0)
	f.Add(0.0, 0.0, 10.0, 0.0, 5.0, 0.0, 15.0, 0.0)
	f.Add(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 2.0)
	f.Fuzz(func(t *testing.T, ax, ay, bx, by, cx, cy, dx, dy float64) {
		a, b, c, d := Point{ax, ay}, Point{bx, by}, Point{cx, cy}, Point{dx, dy}
		got := SegmentsIntersect(a, b, c, d)
		if SegmentsIntersect(c, d, a, b) != got || SegmentsIntersect(b, a, d, c) != got {
			t.Fatalf("order changes the answer for %v-%v and %v-%v", a, b, c, d)
		}
		if !math.IsNaN(ax+ay+bx+by) && !SegmentsIntersect(a, b, a, b) {
			t.Fatalf("%v-%v does not meet itself", a, b)
		}
	})
}

func BenchmarkBoundaryCrosses(b *testing.B) {
	box := &Boundary{Shape: BoundaryBox, Bounds: Rect{0, 0, 100, 100}}
	line := &Boundary{Shape: BoundaryLine, Points: []Point{{50, -50}, {50, 50}, {150, 150}}}
	path := []Point{{-20, 50}, {20, 60}, {40, 200}, {300, 300}}
	b.ReportAllocs()
	for b.Loop() {
		box.Crosses(path)
		line.Crosses(path)
	}
}

// TestCrossesTouchingExactly: a path whose bend lies exactly on a box's
// side meets it, even where the path segment's Rect bounds would round its
// far edge short of the side (Y+H of -76.005… and 197.005… is not 121).
func TestCrossesTouchingExactly(t *testing.T) {
	box := &Boundary{ID: "b", Shape: BoundaryBox, Bounds: Rect{X: -80, Y: 121, W: 250, H: 49}}
	a := Point{X: -77.84967268173621, Y: -76.00565757770046}
	bend := Point{X: -63, Y: 121}
	if r := Bounds([]Point{a, bend}); r.Y+r.H >= bend.Y {
		t.Fatalf("the case no longer rounds (%v): pick another", r.Y+r.H)
	}
	if !box.Crosses([]Point{a, bend, a}) {
		t.Error("a path bending on the box's side does not cross it")
	}
}
