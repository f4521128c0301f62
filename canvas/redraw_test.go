package canvas

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"github.com/threatboard/threatboard/drawing"
	"github.com/threatboard/threatboard/model"
)

// TestOutsideEditRedrawsAsFullRebuild makes edits the way the side panel,
// the menus and undo do (through the history, then DocumentChanged) and
// checks that the canvas then draws exactly what a full rebuild draws, and
// hit-tests the same, while edits in place redraw only what they touched.
func TestOutsideEditRedrawsAsFullRebuild(t *testing.T) {
	type fixture struct {
		d        *model.Diagram
		el, to   *model.Element // an element with a flow to another
		f        *model.Flow
		boundary *model.Boundary
	}
	cases := map[string]struct {
		prepare  func(h *model.History, x fixture) // an edit drawn before the one looked at
		edit     func(h *model.History, x fixture)
		targeted bool // redrawn without a rebuild of the whole diagram
		same     bool // nothing visible changes
	}{
		"rename element": {
			edit: func(h *model.History, x fixture) {
				do(t, h, model.Rename(x.d.ID, x.el.ID, "A much longer name that wraps onto more lines"))
			},
			targeted: true,
		},
		"rename flow moves its label": {
			edit: func(h *model.History, x fixture) {
				do(t, h, model.Rename(x.d.ID, x.f.ID, "a far longer label than before"))
			},
			targeted: true,
		},
		"rename boundary": {
			edit:     func(h *model.History, x fixture) { do(t, h, model.Rename(x.d.ID, x.boundary.ID, "DMZ")) },
			targeted: true,
		},
		"typing merges into one step": {
			prepare:  func(h *model.History, x fixture) { merge(t, h, model.Rename(x.d.ID, x.el.ID, x.el.Name+"x")) },
			edit:     func(h *model.History, x fixture) { merge(t, h, model.Rename(x.d.ID, x.el.ID, x.el.Name+"y")) },
			targeted: true,
		},
		"element out of scope is dashed": {
			edit:     func(h *model.History, x fixture) { do(t, h, model.SetProp(x.d.ID, x.el.ID, "outOfScope", true)) },
			targeted: true,
		},
		"flow out of scope is dashed": {
			edit:     func(h *model.History, x fixture) { do(t, h, model.SetProp(x.d.ID, x.f.ID, "outOfScope", true)) },
			targeted: true,
		},
		"threat added shows a marker": {
			edit: func(h *model.History, x fixture) {
				do(t, h, model.AddThreat(x.d.ID, x.to.ID, &model.Threat{Title: "Tampering", Category: "tampering"}))
			},
			targeted: true,
		},
		"resize moves the flows' ends": {
			edit: func(h *model.History, x fixture) {
				r := x.el.Bounds
				r.W, r.H = r.W*2, r.H*2
				do(t, h, model.Resize(x.d.ID, x.el.ID, r))
			},
			targeted: true,
		},
		"undo of a rename": {
			prepare:  func(h *model.History, x fixture) { do(t, h, model.Rename(x.d.ID, x.el.ID, "Renamed")) },
			edit:     func(h *model.History, x fixture) { undo(t, h) },
			targeted: true,
		},
		"redo of a move": {
			prepare: func(h *model.History, x fixture) {
				do(t, h, model.Move(x.d.ID, []string{x.el.ID, x.boundary.ID}, model.Point{X: 35, Y: -20}))
				undo(t, h)
			},
			edit:     func(h *model.History, x fixture) { redo(t, h) },
			targeted: true,
		},
		"add": {
			edit: func(h *model.History, x fixture) {
				do(t, h, model.AddElement(x.d.ID, &model.Element{Kind: model.Store, Bounds: model.Rect{X: 40, Y: 40, W: 120, H: 60}}))
			},
		},
		"undo of an add": {
			prepare: func(h *model.History, x fixture) {
				do(t, h, model.AddElement(x.d.ID, &model.Element{Kind: model.Store, Bounds: model.Rect{X: 40, Y: 40, W: 120, H: 60}}))
			},
			edit: func(h *model.History, x fixture) { undo(t, h) },
		},
		"delete drops the element and its flows": {
			edit: func(h *model.History, x fixture) { do(t, h, model.Delete(x.d.ID, []string{x.el.ID})) },
		},
		"two edits seen as one": { // an editor that missed a change rebuilds
			edit: func(h *model.History, x fixture) {
				do(t, h, model.Rename(x.d.ID, x.el.ID, "One"))
				do(t, h, model.Rename(x.d.ID, x.to.ID, "Two"))
			},
		},
		"another diagram": {
			edit: func(h *model.History, x fixture) {
				other := h.Model().Diagrams[1]
				do(t, h, model.Rename(other.ID, other.Elements[0].ID, "Elsewhere"))
			},
			targeted: true,
			same:     true,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			newApp(t, theme.VariantLight)
			m := model.Synthetic(12, 18, 2, 3)
			m.Diagrams = append(m.Diagrams, model.Synthetic(2, 0, 0, 4).Diagrams[0])
			m.Diagrams[1].ID = "other"
			d := m.Diagrams[0]
			x := fixture{d: d, f: d.Flows[0], boundary: d.Boundaries[0]}
			x.el, x.to = d.Element(x.f.From), d.Element(x.f.To)
			ed, _, h := showEditor(t, m, 900, 700)
			ed.ZoomToFit()
			ed.Select(x.el.ID, x.f.ID) // handles in the overlay too
			r := rendererOf(ed)
			if tc.prepare != nil {
				tc.prepare(h, x)
				ed.DocumentChanged()
			}
			before, gen := drawn(ed), r.gen

			tc.edit(h, x)
			ed.DocumentChanged()
			got := drawn(ed)
			if targeted := r.gen == gen; targeted != tc.targeted {
				t.Errorf("redrawn in part: %v, want %v", targeted, tc.targeted)
			}
			if unchanged := slices.Equal(got, before); unchanged != tc.same {
				t.Errorf("the drawing stayed the same: %v, want %v", unchanged, tc.same)
			}
			ed.Refresh() // the full rebuild
			if want := drawn(ed); !slices.Equal(got, want) {
				t.Errorf("after the edit the canvas draws\n%s\nwhere a full rebuild draws\n%s", diffLines(got, want), diffLines(want, got))
			}
		})
	}
}

func do(t *testing.T, h *model.History, c model.Command) {
	t.Helper()
	if err := h.Do(c); err != nil {
		t.Fatal(err)
	}
}

func merge(t *testing.T, h *model.History, c model.Command) {
	t.Helper()
	if err := h.Merge(c); err != nil {
		t.Fatal(err)
	}
}

func undo(t *testing.T, h *model.History) {
	t.Helper()
	if err := h.Undo(); err != nil {
		t.Fatal(err)
	}
}

func redo(t *testing.T, h *model.History) {
	t.Helper()
	if err := h.Redo(); err != nil {
		t.Fatal(err)
	}
}

// drawn describes what the editor hands the painter, object by object in
// paint order, and what it hit-tests at the middle of every element and
// flow label: two drawings are the same when their descriptions are.
func drawn(ed *Editor) []string {
	var out []string
	for _, o := range rendererOf(ed).Objects() {
		out = append(out, describe(o))
	}
	d := ed.diagram()
	for _, e := range d.Elements {
		at := e.Bounds.Center()
		h := hitTest(d, &ed.sc, &ed.sel, ed.hover, at, ed.vp.zoom)
		out = append(out, fmt.Sprintf("hit %v: %s %v", at, h.id, h.part))
	}
	for i := range ed.sc.flows {
		g := &ed.sc.flows[i]
		at := g.label.Center()
		h := hitTest(d, &ed.sc, &ed.sel, ed.hover, at, ed.vp.zoom)
		out = append(out, fmt.Sprintf("flow %s %v label %v; hit %s %v", g.f.ID, g.path, g.label, h.id, h.part))
	}
	return out
}

func describe(o fyne.CanvasObject) string {
	pos, size := o.Position(), o.Size()
	switch o := o.(type) {
	case *canvas.Rectangle:
		return fmt.Sprintf("rect %v %v fill %v stroke %v %g", pos, size, o.FillColor, o.StrokeColor, o.StrokeWidth)
	case *canvas.Circle:
		return fmt.Sprintf("circle %v %v fill %v stroke %v %g", o.Position1, o.Position2, o.FillColor, o.StrokeColor, o.StrokeWidth)
	case *canvas.Line:
		return fmt.Sprintf("line %v %v stroke %v %g", o.Position1, o.Position2, o.StrokeColor, o.StrokeWidth)
	case *canvas.Text:
		return fmt.Sprintf("text %q %v %v %v %g", o.Text, pos, size, o.Color, o.TextSize)
	case *canvas.Polygon:
		return fmt.Sprintf("polygon %v %v %g fill %v", pos, size, o.Angle, o.FillColor)
	}
	return fmt.Sprintf("%T %v %v", o, pos, size)
}

// diffLines lists the lines of a that b lacks, at most a few.
func diffLines(a, b []string) string {
	in := map[string]int{}
	for _, s := range b {
		in[s]++
	}
	var out []string
	for _, s := range a {
		if in[s] > 0 {
			in[s]--
			continue
		}
		if out = append(out, "  "+s); len(out) == 8 {
			break
		}
	}
	return strings.Join(out, "\n")
}

// TestCoverageChangedDrawsMarks sets the coverage marks and redraws them
// without a rebuild of the scene: the canvas then draws what a full
// rebuild draws, marks included.
func TestCoverageChangedDrawsMarks(t *testing.T) {
	newApp(t, theme.VariantLight)
	ed, _, _ := showEditor(t, shapesModel(), 640, 440)
	before := drawn(ed)
	flows := &ed.sc.flows[0]
	ed.Coverage = func(string) drawing.Coverage { return drawing.Partly }
	ed.CoverageChanged()
	got := drawn(ed)
	if slices.Equal(got, before) {
		t.Fatal("the coverage marks are not drawn")
	}
	if flows != &ed.sc.flows[0] {
		t.Error("the scene was rebuilt for a change of the marks")
	}
	ed.Refresh()
	if want := drawn(ed); !slices.Equal(got, want) {
		t.Errorf("the canvas draws\n%s\nwhere a full rebuild draws\n%s", diffLines(got, want), diffLines(want, got))
	}
}
