package canvas

import "github.com/threatboard/threatboard/model"

// scene caches what the editor derives from the diagram and needs on every
// pointer event: each flow's polyline and each element's flows. A full
// rebuild follows outside edits; a drag step updates only what moved.
type scene struct {
	paths   map[string][]model.Point // flow ID → polyline in diagram units
	flowsOf map[string][]*model.Flow // element ID → flows that start or end there
}

func (s *scene) rebuild(d *model.Diagram) {
	old := s.paths
	s.paths = make(map[string][]model.Point, len(old))
	s.flowsOf = make(map[string][]*model.Flow)
	if d == nil {
		return
	}
	for _, f := range d.Flows {
		s.paths[f.ID] = flowPathInto(old[f.ID][:0], d, f) // reuse the buffers of flows that stay
		s.flowsOf[f.From] = append(s.flowsOf[f.From], f)
		if f.To != f.From {
			s.flowsOf[f.To] = append(s.flowsOf[f.To], f)
		}
	}
}

// updatePath recomputes one flow's polyline into its existing buffer, so a
// drag step allocates nothing.
func (s *scene) updatePath(d *model.Diagram, f *model.Flow) []model.Point {
	p := flowPathInto(s.paths[f.ID][:0], d, f)
	s.paths[f.ID] = p
	return p
}

// flowPathInto is model.Diagram.FlowPath appending to dst: the same polyline
// without a fresh slice per call.
func flowPathInto(dst []model.Point, d *model.Diagram, f *model.Flow) []model.Point {
	from, to := d.Element(f.From), d.Element(f.To)
	if from == nil || to == nil {
		return dst
	}
	first, last := to.Bounds.Center(), from.Bounds.Center()
	if n := len(f.Waypoints); n > 0 {
		first, last = f.Waypoints[0], f.Waypoints[n-1]
	}
	dst = append(dst, from.Border(first))
	dst = append(dst, f.Waypoints...)
	return append(dst, to.Border(last))
}
