package drawing

import (
	"math"
	"slices"
	"testing"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

// kinds lists the kinds of items, in order.
func kinds(items []Item) []Kind {
	var out []Kind
	for _, it := range items {
		out = append(out, it.Kind)
	}
	return out
}

func TestAppendElement(t *testing.T) {
	box := model.Rect{X: 10, Y: 20, W: 120, H: 60}
	open := []*model.Threat{{ID: "t1"}, {ID: "t2", Decision: model.Accept}, {ID: "t3", Decision: model.Mitigate, Status: model.Done}}
	tests := map[string]struct {
		e     model.Element
		kinds []Kind
		dash  Dash
	}{
		"actor":         {model.Element{ID: "a", Kind: model.Actor, Bounds: box, Common: model.Common{Name: "User"}}, []Kind{Rect, Text}, Solid},
		"process":       {model.Element{ID: "p", Kind: model.Process, Bounds: box, Common: model.Common{Name: "Web"}}, []Kind{Circle, Text}, Solid},
		"multi-process": {model.Element{ID: "m", Kind: model.MultiProcess, Bounds: box}, []Kind{Circle, Circle}, Solid},
		"multi-process with a child diagram": {model.Element{ID: "m", Kind: model.MultiProcess, Bounds: box, Child: "d2"},
			[]Kind{Circle, Circle, Badge}, Solid},
		"store":                {model.Element{ID: "s", Kind: model.Store, Bounds: box, Common: model.Common{Name: "DB"}}, []Kind{Rect, Line, Line, Text}, Solid},
		"note":                 {model.Element{ID: "n", Kind: model.Note, Bounds: box, Common: model.Common{Name: "hi"}}, []Kind{Rect, Text}, Solid},
		"out of scope":         {model.Element{ID: "o", Kind: model.Actor, Bounds: box, Common: model.Common{OutOfScope: true}}, []Kind{Rect}, Dashed},
		"open threats counted": {model.Element{ID: "t", Kind: model.Actor, Bounds: box, Common: model.Common{Threats: open}}, []Kind{Rect, Badge}, Solid},
		"long name wraps":      {model.Element{ID: "w", Kind: model.Actor, Bounds: box, Common: model.Common{Name: "A rather long name for a small box that goes on"}}, []Kind{Rect, Text, Text, Text}, Solid},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			items := AppendElement(nil, &tc.e)
			if got := kinds(items); !slices.Equal(got, tc.kinds) {
				t.Fatalf("kinds %v, want %v", got, tc.kinds)
			}
			if items[0].Dash != tc.dash && items[0].Stroke != None {
				t.Errorf("outline dash %v, want %v", items[0].Dash, tc.dash)
			}
			for _, it := range items {
				if it.ID != tc.e.ID {
					t.Errorf("item %v has ID %q, want %q", it.Kind, it.ID, tc.e.ID)
				}
				if it.Kind == Text && TextWidth(it.Text, it.Font, it.Size) > it.Box.W {
					t.Errorf("line %q is wider than its box", it.Text)
				}
				if it.Kind == Badge && it.Text != "1" && it.Text != ChildMark {
					t.Errorf("badge %q, want 1 (one threat open)", it.Text)
				}
			}
		})
	}
}

// A multi-process with a child diagram carries its mark opposite the
// threat badge, inside the drawing's reach, so both show at once.
func TestChildDiagramMark(t *testing.T) {
	e := &model.Element{ID: "m", Kind: model.MultiProcess, Bounds: model.Rect{W: 100, H: 100}, Child: "d2",
		Common: model.Common{Threats: []*model.Threat{{ID: "t"}}}}
	var mark, badge *Item
	items := AppendElement(nil, e)
	for i := range items {
		if items[i].Kind == Badge {
			if items[i].Text == ChildMark {
				mark = &items[i]
			} else {
				badge = &items[i]
			}
		}
	}
	if mark == nil || badge == nil {
		t.Fatalf("items %v: want the child mark and the threat badge", kinds(items))
	}
	if mark.Box.Center().Y <= badge.Box.Center().Y {
		t.Errorf("the mark at %v is not below the badge at %v", mark.Box.Center(), badge.Box.Center())
	}
	if outline := AppendOutline(nil, e); !slices.ContainsFunc(outline, func(it Item) bool { return it.Text == ChildMark }) {
		t.Error("the outline of a small view loses the mark")
	}
	plain := *e
	plain.Child = ""
	if slices.ContainsFunc(AppendElement(nil, &plain), func(it Item) bool { return it.Text == ChildMark }) {
		t.Error("a multi-process without a child diagram is marked")
	}
}

func TestMultiProcessInnerCircle(t *testing.T) {
	e := &model.Element{ID: "m", Kind: model.MultiProcess, Bounds: model.Rect{W: 100, H: 80}}
	items := AppendElement(nil, e)
	outer, inner := items[0].Box, items[1].Box
	if outer.W != 80 || inner.W != 80-2*InnerGap || outer.Center() != inner.Center() {
		t.Errorf("outer %v inner %v: want concentric circles 80 and %v wide", outer, inner, 80-2*InnerGap)
	}
	if items[1].Fill != None {
		t.Error("the inner circle is filled: it would hide the name")
	}
}

func TestAppendFlow(t *testing.T) {
	path := []model.Point{{X: 0, Y: 0}, {X: 100, Y: 0}, {X: 100, Y: 50}}
	tests := map[string]struct {
		f      model.Flow
		kinds  []Kind
		dash   Dash
		labelC model.Point
	}{
		"plain":         {model.Flow{ID: "f"}, []Kind{Line, Arrow}, Solid, model.Point{}},
		"bidirectional": {model.Flow{ID: "f", Bidirectional: true}, []Kind{Line, Arrow, Arrow}, Solid, model.Point{}},
		"out of scope":  {model.Flow{ID: "f", Common: model.Common{OutOfScope: true}}, []Kind{Line, Arrow}, Dashed, model.Point{}},
		"named":         {model.Flow{ID: "f", Common: model.Common{Name: "HTTPS"}}, []Kind{Line, Arrow, Rect, Text}, Solid, model.Point{X: 75, Y: 0}},
		"label moved":   {model.Flow{ID: "f", LabelOffset: model.Point{X: 3, Y: -12}, Common: model.Common{Name: "x"}}, []Kind{Line, Arrow, Rect, Text}, Solid, model.Point{X: 78, Y: -12}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			items := AppendFlow(nil, &tc.f, path)
			if got := kinds(items); !slices.Equal(got, tc.kinds) {
				t.Fatalf("kinds %v, want %v", got, tc.kinds)
			}
			if items[0].Dash != tc.dash {
				t.Errorf("dash %v, want %v", items[0].Dash, tc.dash)
			}
			if a := items[1].Points; a[1] != path[2] || a[0] != path[1] {
				t.Errorf("end arrow %v, want from %v to %v", a, path[1], path[2])
			}
			if tc.f.Bidirectional {
				if a := items[2].Points; a[1] != path[0] || a[0] != path[1] {
					t.Errorf("start arrow %v, want from %v to %v", a, path[1], path[0])
				}
			}
			if tc.f.Name != "" {
				if c := items[len(items)-1].Box.Center(); math.Abs(c.X-tc.labelC.X) > 1e-9 || math.Abs(c.Y-tc.labelC.Y) > 1e-9 {
					t.Errorf("label centred on %v, want %v", c, tc.labelC)
				}
			}
		})
	}
	if got := AppendFlow(nil, &model.Flow{ID: "f"}, path[:1]); len(got) != 0 {
		t.Errorf("a one-point path draws %v", kinds(got))
	}
}

func TestAppendBoundary(t *testing.T) {
	tests := map[string]struct {
		b     model.Boundary
		kinds []Kind
		dash  Dash
	}{
		"line":      {model.Boundary{ID: "b", Shape: model.BoundaryLine, Name: "Edge", Points: []model.Point{{X: 0, Y: 0}, {X: 0, Y: 100}}}, []Kind{Line, Text}, Dotted},
		"box":       {model.Boundary{ID: "b", Shape: model.BoundaryBox, Name: "Zone", Bounds: model.Rect{W: 200, H: 100}}, []Kind{Rect, Text}, Dashed},
		"unnamed":   {model.Boundary{ID: "b", Shape: model.BoundaryBox, Bounds: model.Rect{W: 200, H: 100}}, []Kind{Rect}, Dashed},
		"no points": {model.Boundary{ID: "b", Shape: model.BoundaryLine, Name: "x"}, nil, Solid},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			items := AppendBoundary(nil, &tc.b)
			if got := kinds(items); !slices.Equal(got, tc.kinds) {
				t.Fatalf("kinds %v, want %v", got, tc.kinds)
			}
			if len(items) > 0 && (items[0].Dash != tc.dash || items[0].Stroke != Boundary || items[0].Fill != None) {
				t.Errorf("outline %+v: want an unfilled %v boundary stroke", items[0], tc.dash)
			}
			if len(items) > 1 && items[1].Font != assets.Italic {
				t.Error("a boundary's name is not italic")
			}
		})
	}
}

func TestSelected(t *testing.T) {
	outline := Item{Kind: Rect, Stroke: Ink, Width: StrokeWidth, Outline: true}
	if s := outline.Selected(); s.Stroke != Selection || s.Width != SelectedWidth {
		t.Errorf("selected outline %+v", s)
	}
	label := Item{Kind: Text, Stroke: Ink, Outline: true}
	if s := label.Selected(); s.Stroke != Selection || s.Width != 0 {
		t.Errorf("selected label %+v", s)
	}
	name := Item{Kind: Text, Stroke: Ink}
	if s := name.Selected(); s.Stroke != Ink {
		t.Errorf("an element's name changed on selection: %+v", s)
	}
}

func TestDiagramOrderAndBounds(t *testing.T) {
	m, err := model.Decode(assets.Example())
	if err != nil {
		t.Fatal(err)
	}
	d := m.Diagrams[0]
	l := Diagram(d)
	// Boundaries, then flows, then elements: the canvas's paint order.
	rank := map[string]int{}
	for _, b := range d.Boundaries {
		rank[b.ID] = 0
	}
	for _, f := range d.Flows {
		rank[f.ID] = 1
	}
	for _, e := range d.Elements {
		rank[e.ID] = 2
	}
	last := 0
	for _, it := range l.Items {
		r, ok := rank[it.ID]
		if !ok {
			t.Fatalf("item %v has unknown ID %q", it.Kind, it.ID)
		}
		if r < last {
			t.Fatalf("item of %q drawn after a later layer", it.ID)
		}
		last = r
	}
	for _, e := range d.Elements {
		if !l.Bounds.ContainsRect(e.Bounds) {
			t.Errorf("bounds %v miss element %s at %v", l.Bounds, e.ID, e.Bounds)
		}
	}
	if got := Diagram(nil); len(got.Items) != 0 {
		t.Error("a nil diagram draws something")
	}
}

func TestWrap(t *testing.T) {
	tests := map[string]struct {
		s     string
		width float64
		n     int
		want  []string
	}{
		"fits":        {"Web API", 200, 3, []string{"Web API"}},
		"breaks":      {"Browser front-end", 70, 3, []string{"Browser", "front-end"}},
		"newline":     {"a\nb", 200, 3, []string{"a", "b"}},
		"too many":    {"one two three four", 45, 2, []string{"one", "two…"}},
		"long word":   {"Supercalifragilistic", 60, 3, nil}, // ellipsized, checked below
		"empty":       {"", 100, 3, []string{""}},
		"zero lines":  {"x", 100, 0, nil},
		"UTF-8 names": {"Zoë Łódź", 200, 1, []string{"Zoë Łódź"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := Wrap(tc.s, assets.Regular, NameSize, tc.width, tc.n)
			if name == "long word" {
				if len(got) != 1 || []rune(got[0])[len([]rune(got[0]))-1] != '…' || TextWidth(got[0], assets.Regular, NameSize) > tc.width {
					t.Errorf("got %q, want one ellipsized line within %v", got, tc.width)
				}
				return
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestArrowTriangle(t *testing.T) {
	tri := ArrowTriangle(model.Point{X: 0, Y: 0}, model.Point{X: 10, Y: 0}, 7)
	if tri[0] != (model.Point{X: 10, Y: 0}) {
		t.Errorf("tip %v", tri[0])
	}
	for _, p := range tri[1:] {
		if math.Abs(p.X-(10-7-3.5)) > 1e-9 || math.Abs(math.Abs(p.Y)-7*math.Sqrt(3)/2) > 1e-9 {
			t.Errorf("back corner %v", p)
		}
	}
	if got := ArrowTriangle(model.Point{X: 1, Y: 1}, model.Point{X: 1, Y: 1}, 7); got != ([3]model.Point{}) {
		t.Errorf("degenerate arrow %v", got)
	}
}

func BenchmarkDiagram(b *testing.B) {
	d := model.Synthetic(1000, 1500, 20, 1).Diagrams[0]
	b.ReportAllocs()
	for b.Loop() {
		Diagram(d)
	}
}

func TestCountLabel(t *testing.T) {
	tests := map[string]struct {
		n    int
		want string
	}{
		"one":      {1, "1"},
		"nine":     {9, "9"},
		"ten":      {10, "10"},
		"99":       {99, "99"},
		"over 99":  {100, "99+"},
		"far over": {1234, "99+"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := CountLabel(tc.n); got != tc.want {
				t.Errorf("CountLabel(%d) = %q, want %q", tc.n, got, tc.want)
			}
			if a := testing.AllocsPerRun(10, func() { CountLabel(tc.n) }); a != 0 {
				t.Errorf("CountLabel(%d) allocates %v times", tc.n, a)
			}
		})
	}
}

func BenchmarkTextWidth(b *testing.B) {
	for b.Loop() {
		TextWidth("Sign-in with password and MFA", assets.Regular, LabelSize)
	}
}
