package canvas

import (
	"github.com/threatboard/threatboard/drawing"
	"github.com/threatboard/threatboard/model"
)

// scene caches what the editor derives from the diagram and needs on every
// pointer event: each flow's polyline, its bounding box and label, and each
// element's flows. A full rebuild follows outside edits; a drag step
// updates only what moved.
type scene struct {
	flows   []flowGeom               // in the diagram's flow order
	index   map[string]int           // flow ID → position in flows
	flowsOf map[string][]*model.Flow // element ID → flows that start or end there
	// notElement holds the IDs of flows and boundaries: see element.
	notElement map[string]bool
	grid       grid
}

// flowGeom is the cached geometry of one flow, in diagram units.
type flowGeom struct {
	f     *model.Flow
	path  []model.Point
	box   model.Rect // the path's bounding box
	label model.Rect // where the label is drawn; zero when the flow has no name
}

func (s *scene) rebuild(d *model.Diagram) {
	oldFlows, oldIndex := s.flows, s.index
	s.flows = make([]flowGeom, 0, len(oldFlows))
	s.index = make(map[string]int, len(oldIndex))
	s.flowsOf = make(map[string][]*model.Flow)
	s.notElement = make(map[string]bool, len(oldIndex))
	if d == nil {
		return
	}
	for _, b := range d.Boundaries {
		s.notElement[b.ID] = true
	}
	for _, f := range d.Flows {
		var buf []model.Point
		if i, ok := oldIndex[f.ID]; ok {
			buf = oldFlows[i].path[:0] // reuse the buffers of flows that stay
		}
		s.index[f.ID] = len(s.flows)
		s.flows = append(s.flows, flowGeom{f: f, path: buf})
		s.notElement[f.ID] = true
		s.measure(d, &s.flows[len(s.flows)-1])
		s.flowsOf[f.From] = append(s.flowsOf[f.From], f)
		if f.To != f.From {
			s.flowsOf[f.To] = append(s.flowsOf[f.To], f)
		}
	}
	s.grid.build(d, s.flows)
}

// moved tells the grid that an element or flow changed place since the
// last rebuild: hit-testing then tries it wherever it is now.
func (s *scene) moved(d *model.Diagram, id string) {
	if i, ok := s.index[id]; ok {
		s.grid.markFlow(i)
		return
	}
	if s.element(d, id) != nil {
		s.grid.markElement(d.ElementIndex(id))
	}
}

// indexed reports whether the grid matches the diagram; when something
// changed the diagram behind the editor's back, hit-testing scans instead.
func (s *scene) indexed(d *model.Diagram) bool {
	return s.grid.nElems == len(d.Elements) && len(s.flows) == len(d.Flows) && len(s.grid.elems) > 0
}

// element is d.Element without its cost on a miss: the model rebuilds its
// element index whenever asked for an ID that is not an element's, and the
// editor asks about selected flows and boundaries, and "", all the time.
func (s *scene) element(d *model.Diagram, id string) *model.Element {
	if id == "" || s.notElement[id] {
		return nil
	}
	return d.Element(id)
}

// path is the cached polyline of the flow with the given ID, or nil.
func (s *scene) path(id string) []model.Point {
	if g := s.geom(id); g != nil {
		return g.path
	}
	return nil
}

func (s *scene) geom(id string) *flowGeom {
	if i, ok := s.index[id]; ok {
		return &s.flows[i]
	}
	return nil
}

// updatePath recomputes one flow's geometry into its existing buffer, so a
// drag step allocates nothing.
func (s *scene) updatePath(d *model.Diagram, f *model.Flow) {
	if g := s.geom(f.ID); g != nil {
		s.measure(d, g)
	}
}

func (s *scene) measure(d *model.Diagram, g *flowGeom) {
	g.path = d.AppendFlowPath(g.path[:0], g.f)
	g.box = model.Bounds(g.path)
	g.label = model.Rect{}
	if g.f.Name != "" && len(g.path) > 0 {
		g.label = drawing.LabelRect(g.f, g.path)
	}
}
