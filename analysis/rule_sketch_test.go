package analysis

import (
	"math"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/model"
)

// sketch builds the minimal diagram of a rule test. Elements sit on a
// circle, so that a straight flow between two of them passes no third one
// and no boundary drawn around a third one.
type sketch struct {
	t *testing.T
	d *model.Diagram
}

func newSketch(t *testing.T) *sketch {
	return &sketch{t: t, d: &model.Diagram{ID: "d1", Title: "Use case"}}
}

const (
	sketchRadius = 400.0
	sketchSlots  = 8
)

// add places an element. props are "key" (yes), "!key" (no) or "key=text";
// "name=…" sets the name, which otherwise is the ID.
func (s *sketch) add(id string, k model.Kind, props ...string) *sketch {
	i := float64(len(s.d.Elements))
	angle := 2 * math.Pi * i / sketchSlots
	c := model.Point{X: sketchRadius * math.Cos(angle), Y: sketchRadius * math.Sin(angle)}
	e := &model.Element{ID: id, Kind: k, Bounds: model.Rect{X: c.X - 50, Y: c.Y - 30, W: 100, H: 60}}
	e.Name = id
	s.d.Elements = append(s.d.Elements, e)
	s.d.Reindex()
	return s.set(id, props...)
}

// flow adds a flow named after its ID.
func (s *sketch) flow(id, from, to string, props ...string) *sketch {
	f := &model.Flow{ID: id, From: from, To: to}
	f.Name = id
	s.d.Flows = append(s.d.Flows, f)
	return s.set(id, props...)
}

// zone draws a trust-boundary box around the elements.
func (s *sketch) zone(ids ...string) *sketch {
	var r model.Rect
	for i, id := range ids {
		b := s.d.Element(id).Bounds
		if i == 0 {
			r = b
		} else {
			r = r.Union(b)
		}
	}
	s.d.Boundaries = append(s.d.Boundaries, &model.Boundary{ID: "z" + ids[0], Shape: model.BoundaryBox, Bounds: r.Inset(-20)})
	return s
}

// noZones removes every boundary.
func (s *sketch) noZones() *sketch {
	s.d.Boundaries = nil
	return s
}

// control lists a control on an element or flow.
func (s *sketch) control(id, name string, inPlace bool) *sketch {
	c := s.common(id)
	c.Controls = append(c.Controls, model.Control{Name: name, InPlace: inPlace})
	return s
}

func (s *sketch) common(id string) *model.Common {
	if e := s.d.Element(id); e != nil {
		return &e.Common
	}
	if f := s.d.Flow(id); f != nil {
		return &f.Common
	}
	s.t.Fatalf("sketch: no element or flow %q", id)
	return nil
}

// set changes properties of an element or flow, written as for add.
func (s *sketch) set(id string, props ...string) *sketch {
	s.t.Helper()
	for _, p := range props {
		var v any = true
		key := p
		switch {
		case strings.HasPrefix(p, "!"):
			key, v = p[1:], false
		case strings.Contains(p, "="):
			key, v, _ = strings.Cut(p, "=")
		}
		if key == "name" {
			s.common(id).Name = v.(string)
			continue
		}
		var err error
		if e := s.d.Element(id); e != nil {
			err = e.SetProp(key, v)
		} else if f := s.d.Flow(id); f != nil {
			err = f.SetProp(key, v)
		} else {
			s.t.Fatalf("sketch: no element or flow %q", id)
		}
		if err != nil {
			s.t.Fatalf("sketch: %s: %v", id, err)
		}
	}
	return s
}

func (s *sketch) model(checklist string) *model.Model {
	s.d.Checklist = checklist
	return &model.Model{ID: "m1", Title: "Sketch", Diagrams: []*model.Diagram{s.d}}
}
