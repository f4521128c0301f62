package canvas

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"github.com/threatboard/threatboard/model"
)

// TestHitTest checks what points across every shape land on, at 100% and
// at other zooms (tolerances are in screen pixels).
func TestHitTest(t *testing.T) {
	m := shapesModel()
	d := m.Diagrams[0]
	var sc scene
	sc.rebuild(d)
	none := &selection{}
	sel := &selection{}
	sel.replace("proc", "f3", "b1", "b2")

	cases := map[string]struct {
		p     model.Point
		zoom  float64
		sel   *selection
		hover string
		want  hit
	}{
		"connector of hovered":         {p: model.Point{X: 290, Y: 120}, hover: "proc", want: hit{part: partConnector, id: "proc", index: 2}},
		"hovered note has none":        {p: model.Point{X: 100, Y: 240}, hover: "note", want: hit{part: partElement, id: "note"}},
		"actor centre":                 {p: model.Point{X: 80, Y: 70}, want: hit{part: partElement, id: "actor"}},
		"actor corner inside":          {p: model.Point{X: 21, Y: 41}, want: hit{part: partElement, id: "actor"}},
		"left of actor":                {p: model.Point{X: 10, Y: 70}, want: hit{}},
		"process centre":               {p: model.Point{X: 290, Y: 70}, want: hit{part: partElement, id: "proc"}},
		"process bounding-box corner":  {p: model.Point{X: 243, Y: 23}, want: hit{}},
		"process rim inside":           {p: model.Point{X: 290, Y: 22}, want: hit{part: partElement, id: "proc"}},
		"multi-process inner circle":   {p: model.Point{X: 490, Y: 70}, want: hit{part: partElement, id: "multi"}},
		"multi-process between rings":  {p: model.Point{X: 490, Y: 23}, want: hit{part: partElement, id: "multi"}},
		"store between the lines":      {p: model.Point{X: 490, Y: 250}, want: hit{part: partElement, id: "store"}},
		"store on top line":            {p: model.Point{X: 430, Y: 220}, want: hit{part: partElement, id: "store"}},
		"note":                         {p: model.Point{X: 100, Y: 265}, want: hit{part: partElement, id: "note"}},
		"out-of-scope actor":           {p: model.Point{X: 80, Y: 360}, want: hit{part: partElement, id: "out"}},
		"flow on the line":             {p: model.Point{X: 160, Y: 70}, want: hit{part: partFlow, id: "f1"}},
		"flow 4px off at 100%":         {p: model.Point{X: 160, Y: 74}, want: hit{part: partFlow, id: "f1"}},
		"flow 8px off at 100% misses":  {p: model.Point{X: 160, Y: 78}, want: hit{}},
		"flow 8 units off at 200% far": {p: model.Point{X: 160, Y: 78}, zoom: 2, want: hit{}},
		"flow 4 units off at 50% near": {p: model.Point{X: 160, Y: 78}, zoom: 0.5, want: hit{part: partFlow, id: "f1"}},
		"flow label":                   {p: model.Point{X: 197, Y: 70}, want: hit{part: partLabel, id: "f1"}},
		"moved label":                  {p: model.Point{X: 598, Y: 154}, want: hit{part: partLabel, id: "f3"}},
		"bent flow second leg":         {p: model.Point{X: 560, Y: 195}, want: hit{part: partFlow, id: "f3"}},
		"line boundary":                {p: model.Point{X: 195, Y: 105}, want: hit{part: partBoundary, id: "b1"}},
		"box boundary edge":            {p: model.Point{X: 402, Y: 150}, want: hit{part: partBoundary, id: "b2"}},
		"box boundary interior":        {p: model.Point{X: 420, Y: 180}, want: hit{}},
		"element inside box":           {p: model.Point{X: 470, Y: 60}, want: hit{part: partElement, id: "multi"}},
		"empty canvas":                 {p: model.Point{X: 350, Y: 200}, want: hit{}},
		"resize handle of selected":    {p: model.Point{X: 341, Y: 119}, sel: sel, want: hit{part: partResize, id: "proc", index: cornerBottomRight}},
		"connector of selected":        {p: model.Point{X: 340, Y: 70}, sel: sel, want: hit{part: partConnector, id: "proc", index: 1}},
		"handle of unselected misses":  {p: model.Point{X: 341, Y: 119}, want: hit{}},
		"waypoint of selected flow":    {p: model.Point{X: 591, Y: 171}, sel: sel, want: hit{part: partWaypoint, id: "f3", index: 0}},
		"segment of selected flow":     {p: model.Point{X: 560, Y: 195}, sel: sel, want: hit{part: partSegment, id: "f3", index: 1}},
		"point of selected line":       {p: model.Point{X: 200, Y: 200}, sel: sel, want: hit{part: partPoint, id: "b1", index: 1}},
		"corner of selected box":       {p: model.Point{X: 600, Y: 305}, sel: sel, want: hit{part: partResize, id: "b2", index: cornerBottomRight}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			zoom, s := tc.zoom, tc.sel
			if zoom == 0 {
				zoom = 1
			}
			if s == nil {
				s = none
			}
			if got := hitTest(d, &sc, s, tc.hover, tc.p, zoom); got != tc.want {
				t.Errorf("hitTest(%v) = %+v, want %+v", tc.p, got, tc.want)
			}
		})
	}
}

func TestInRect(t *testing.T) {
	d := shapesModel().Diagrams[0]
	var sc scene
	sc.rebuild(d)
	cases := map[string]struct {
		r    model.Rect
		want []string
	}{
		"nothing":              {r: model.Rect{X: 300, Y: 150, W: 50, H: 50}},
		"actor alone":          {r: model.Rect{X: 10, Y: 30, W: 140, H: 80}, want: []string{"actor"}},
		"actor and process":    {r: model.Rect{X: 10, Y: 10, W: 340, H: 120}, want: []string{"actor", "proc", "f1"}},
		"half a process":       {r: model.Rect{X: 10, Y: 10, W: 290, H: 120}, want: []string{"actor", "f1"}}, // the flow lies wholly inside
		"the box and contents": {r: model.Rect{X: 395, Y: 0, W: 220, H: 310}, want: []string{"b2", "multi", "store", "f3"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got := inRect(d, &sc, tc.r)
			if len(got) != len(tc.want) {
				t.Fatalf("inRect = %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("inRect = %v, want %v", got, tc.want)
				}
			}
		})
	}
}

// TestBoundaryHitMatchesModel checks the editor's quick boundary test
// against the model's own on a sweep of points around both shapes.
func TestBoundaryHitMatchesModel(t *testing.T) {
	bs := map[string]*model.Boundary{
		"box":  {Shape: model.BoundaryBox, Bounds: model.Rect{X: 10, Y: 20, W: 100, H: 60}},
		"line": {Shape: model.BoundaryLine, Points: []model.Point{{X: 0, Y: 0}, {X: 50, Y: 80}, {X: 120, Y: 40}}},
		"flat": {Shape: model.BoundaryBox, Bounds: model.Rect{X: 10, Y: 20, W: 100, H: 4}},
	}
	for name, b := range bs {
		t.Run(name, func(t *testing.T) {
			for x := -10.0; x <= 130; x += 1.5 {
				for y := -10.0; y <= 100; y += 1.5 {
					p := model.Point{X: x, Y: y}
					if got, want := boundaryHit(b, p, 5), b.Hit(p, 5); got != want {
						// The model measures Euclidean distance to a box's
						// corners; the editor a square around them. Only
						// points diagonally off a corner may differ.
						if b.Shape == model.BoundaryBox && cornerZone(b.Bounds, p, 5) {
							continue
						}
						t.Fatalf("boundaryHit(%v) = %v, model says %v", p, got, want)
					}
				}
			}
		})
	}
}

func cornerZone(r model.Rect, p model.Point, tol float64) bool {
	outX := p.X < r.X || p.X > r.X+r.W
	outY := p.Y < r.Y || p.Y > r.Y+r.H
	return outX && outY && p.X >= r.X-tol && p.X <= r.X+r.W+tol && p.Y >= r.Y-tol && p.Y <= r.Y+r.H+tol
}

// TestNearPolylineMatchesModel checks the fast polyline test against the model's distance.
func TestNearPolylineMatchesModel(t *testing.T) {
	paths := map[string][]model.Point{
		"segment":    {{X: 0, Y: 0}, {X: 100, Y: 50}},
		"bent":       {{X: 0, Y: 0}, {X: 50, Y: 80}, {X: 120, Y: 40}, {X: 120, Y: -20}},
		"degenerate": {{X: 30, Y: 30}, {X: 30, Y: 30}},
		"one point":  {{X: 30, Y: 30}},
	}
	for name, path := range paths {
		t.Run(name, func(t *testing.T) {
			for x := -20.0; x <= 140; x += 1.25 {
				for y := -30.0; y <= 100; y += 1.25 {
					p := model.Point{X: x, Y: y}
					if got, want := nearPolyline(p, path, 5), model.DistToPolyline(p, path) <= 5; got != want {
						t.Fatalf("nearPolyline(%v) = %v, model says %v", p, got, want)
					}
				}
			}
		})
	}
}

// TestHitWhileDragging checks the grid between rebuilds: mid-drag, the
// moved element is hit where it is now and no longer where it was.
func TestHitWhileDragging(t *testing.T) {
	newApp(t, theme.VariantLight)
	ed, _, _ := showEditor(t, shapesModel(), 640, 440)
	from, to := fyne.NewPos(80, 70), fyne.NewPos(330, 420)
	ed.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	ed.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-from.X, to.Y-from.Y)})
	if h := ed.hitAt(to); h.id != "actor" {
		t.Errorf("mid-drag, the pointer is over %+v, want the actor", h)
	}
	if h := ed.hitAt(from); h.id == "actor" {
		t.Error("mid-drag, the actor is still hit where it was")
	}
	if h := ed.hitAt(fyne.NewPos(160, 70)); h.id == "f1" {
		t.Error("mid-drag, the actor's flow is still hit where it was")
	}
	ed.DragEnd()
	if h := ed.hitAt(to); h.id != "actor" {
		t.Errorf("after the drag the pointer is over %+v", h)
	}
}
