package capture

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/threatboard/threatboard/layout"
	"github.com/threatboard/threatboard/model"
)

// boundaryPad is the margin between a boundary box and the elements in it.
const boundaryPad = 30.0

// Result is the edit a capture makes of one diagram.
type Result struct {
	// Command is the whole capture as one undoable edit; nil when the text
	// adds nothing to the diagram.
	Command model.Command
	// NewIDs are the elements the command adds, for the editor to select.
	NewIDs []string
	// Counts of what the command adds or reuses.
	Added, Reused, Flows, Boundaries, Notes int
	// Errors are the lines that could not be used, by line number; the
	// command holds everything else.
	Errors []Error
}

// Summary says in a sentence what the capture does.
func (r Result) Summary() string {
	s := fmt.Sprintf("%s added, %s reused, %s, %s", count(r.Added, "element"), count(r.Reused, "element"),
		count(r.Flows, "flow"), count(r.Boundaries, "boundary"))
	if r.Notes > 0 {
		s += ", " + count(r.Notes, "note")
	}
	if len(r.Errors) > 0 {
		s += "; " + count(len(r.Errors), "line") + " left out"
	}
	return s
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	if strings.HasSuffix(what, "y") {
		return fmt.Sprintf("%d %sies", n, what[:len(what)-1])
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// Apply parses text and plans its edit of diagram d: Parse then Plan.
func Apply(d *model.Diagram, text string) Result {
	c, errs := Parse(text)
	r := Plan(d, c)
	r.Errors = append(errs, r.Errors...)
	slices.SortStableFunc(r.Errors, func(a, b Error) int { return cmp.Compare(a.Line, b.Line) })
	return r
}

// Plan turns a capture into one command on d. Names match the diagram's
// elements without regard to case; a name not found becomes a new element,
// and the new elements are placed by the layered layout around what is
// already there. A flow already in the diagram (same ends, same label) is
// not added twice.
func Plan(d *model.Diagram, c *Capture) Result {
	var r Result
	byName := map[string]*model.Element{}
	for _, e := range d.Elements {
		key := strings.ToLower(strings.TrimSpace(e.Name))
		if _, dup := byName[key]; !dup && key != "" {
			byName[key] = e
		}
	}
	// The scratch diagram holds the existing elements and flows and the
	// new ones, for the layout to see; the document is not touched.
	scratch := &model.Diagram{Elements: slices.Clone(d.Elements), Flows: slices.Clone(d.Flows)}
	var added []*model.Element
	for _, decl := range c.Elements {
		key := strings.ToLower(decl.Name)
		if e, ok := byName[key]; ok {
			if decl.Explicit && e.Kind != decl.Kind {
				r.Errors = append(r.Errors, Error{decl.Line, fmt.Sprintf("%q is a %s in the diagram; it stays one", e.Name, e.Kind)})
			}
			r.Reused++
			continue
		}
		w, h := decl.Kind.DefaultSize()
		e := &model.Element{ID: model.NewID(), Kind: decl.Kind, Bounds: model.Rect{W: w, H: h}, Common: model.Common{Name: decl.Name}}
		byName[key] = e
		added = append(added, e)
		scratch.Elements = append(scratch.Elements, e)
	}
	var flows []*model.Flow
	seen := map[[3]string]bool{}
	for _, f := range d.Flows {
		seen[[3]string{f.From, f.To, strings.ToLower(f.Name)}] = true
	}
	for _, fl := range c.Flows {
		from, to := byName[strings.ToLower(fl.From)], byName[strings.ToLower(fl.To)]
		if bad := unconnectable(from, to); bad != nil {
			r.Errors = append(r.Errors, Error{fl.Line, fmt.Sprintf("%q is a %s; flows join actors, processes and stores", bad.Name, bad.Kind)})
			continue
		}
		key := [3]string{from.ID, to.ID, strings.ToLower(fl.Label)}
		if seen[key] {
			continue
		}
		seen[key] = true
		f := &model.Flow{ID: model.NewID(), From: from.ID, To: to.ID, Common: model.Common{Name: fl.Label},
			Protocol: fl.Protocol, Bidirectional: fl.Bidirectional}
		flows = append(flows, f)
		scratch.Flows = append(scratch.Flows, f)
	}
	var cmds []model.Command
	if len(added) > 0 {
		ids := make([]string, len(added))
		for i, e := range added {
			ids[i] = e.ID
		}
		placed := layout.Layered(scratch, ids)
		for _, e := range added {
			if b, ok := placed[e.ID]; ok {
				e.Bounds = b
			}
			cmds = append(cmds, model.AddElement(d.ID, e))
		}
		r.NewIDs = ids
	}
	for _, f := range flows {
		cmds = append(cmds, model.AddFlow(d.ID, f))
	}
	cmds = append(cmds, boundaryCmds(d, c.Boundaries, byName, &r)...)
	cmds = append(cmds, noteCmds(d, c.Notes, scratch, &r)...)
	r.Added, r.Flows = len(added), len(flows)
	if len(cmds) > 0 {
		r.Command = model.Batch("Quick capture", cmds...)
	}
	return r
}

func unconnectable(es ...*model.Element) *model.Element {
	for _, e := range es {
		if !e.Kind.Connectable() {
			return e
		}
	}
	return nil
}

// boundaryCmds draws a box around each boundary's members, or widens the
// box of that name when the diagram has one.
func boundaryCmds(d *model.Diagram, bs []BoundaryLine, byName map[string]*model.Element, r *Result) []model.Command {
	var cmds []model.Command
	for _, bl := range bs {
		box := model.Rect{}
		for i, n := range bl.Members {
			e := byName[strings.ToLower(n)]
			if i == 0 {
				box = e.Bounds
			} else {
				box = union(box, e.Bounds)
			}
		}
		box = model.Rect{X: box.X - boundaryPad, Y: box.Y - boundaryPad, W: box.W + 2*boundaryPad, H: box.H + 2*boundaryPad}
		if old := boxNamed(d, bl.Name); old != nil {
			if grown := union(old.Bounds, box); grown != old.Bounds {
				cmds = append(cmds, model.Resize(d.ID, old.ID, grown))
			}
			r.Boundaries++
			continue
		}
		cmds = append(cmds, model.AddBoundary(d.ID, &model.Boundary{Name: bl.Name, Shape: model.BoundaryBox, Bounds: box}))
		r.Boundaries++
	}
	return cmds
}

func boxNamed(d *model.Diagram, name string) *model.Boundary {
	for _, b := range d.Boundaries {
		if b.Shape == model.BoundaryBox && strings.EqualFold(strings.TrimSpace(b.Name), name) {
			return b
		}
	}
	return nil
}

// noteCmds puts the notes in a column under everything else.
func noteCmds(d *model.Diagram, ns []NoteLine, scratch *model.Diagram, r *Result) []model.Command {
	if len(ns) == 0 {
		return nil
	}
	left, bottom := 0.0, 0.0
	for i, e := range scratch.Elements {
		if i == 0 || e.Bounds.X < left {
			left = e.Bounds.X
		}
		bottom = math.Max(bottom, e.Bounds.Y+e.Bounds.H)
	}
	var cmds []model.Command
	y := bottom + layout.NodeGap
	for _, n := range ns {
		w, h := model.Note.DefaultSize()
		w = math.Max(w, float64(len([]rune(n.Text)))*7) // about one character's width each
		cmds = append(cmds, model.AddElement(d.ID, &model.Element{Kind: model.Note, Bounds: model.Rect{X: left, Y: y, W: w, H: h},
			Common: model.Common{Name: n.Text}}))
		y += h + layout.NodeGap/2
		r.Notes++
	}
	return cmds
}

func union(a, b model.Rect) model.Rect {
	x0, y0 := math.Min(a.X, b.X), math.Min(a.Y, b.Y)
	x1, y1 := math.Max(a.X+a.W, b.X+b.W), math.Max(a.Y+a.H, b.Y+b.H)
	return model.Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}
