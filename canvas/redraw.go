package canvas

import "github.com/threatboard/threatboard/model"

// change is what a redraw must bring up to date, from least to most.
type change uint8

const (
	changedNothing  change = iota
	changedOverlay         // handles, previews, hover: not the document
	changedObjects         // some objects of the document were edited in place
	changedView            // selection, zoom, pan, size, theme: every view, not the scene
	changedDocument        // anything: the scene is rebuilt and every view redrawn
)

// redraw is what the renderer has not drawn yet: the widget records it,
// the renderer takes it in Refresh.
type redraw struct {
	what change
	ids  []string // with changedObjects: the elements, flows and boundaries edited
}

// invalidate is the editor's one way to be redrawn. It brings the widget's
// own caches (the scene and its grid) up to date with what changed, records
// it for the renderer, and refreshes the widget unless it is hidden: a
// hidden editor is redrawn in full when Show refreshes it.
func (e *Editor) invalidate(c change, ids ...string) {
	switch c {
	case changedDocument:
		e.sync()
	case changedObjects:
		if d := e.diagram(); d != nil {
			e.sc.touched(d, ids)
			if !e.g.active {
				e.sc.compact(d)
			}
		}
	}
	if c == changedObjects || c == changedDocument { // the scene is in step
		e.seen = e.h.Changes()
	}
	p := &e.pending
	switch {
	case c == changedDocument:
		p.what, p.ids = changedView, p.ids[:0]
	case c == changedObjects && p.what <= changedObjects:
		p.what = changedObjects
		p.ids = append(p.ids, ids...)
	case c > p.what:
		p.what = c
	}
	if e.Visible() {
		e.BaseWidget.Refresh()
	}
}

// takeRedraw hands the renderer what it has to draw and forgets it.
func (e *Editor) takeRedraw() redraw {
	p := e.pending
	e.pending = redraw{ids: p.ids[:0]}
	return p
}

// DocumentChanged redraws after an edit made elsewhere (the side panel, a
// menu, undo): only the objects the edit changed in place when the history
// says which and this editor has seen every change before it, the whole
// diagram otherwise. The application calls it from History.OnChanged; it
// does nothing for the editor's own edits, which redraw themselves.
func (e *Editor) DocumentChanged() {
	if !e.applying {
		e.catchUp()
	}
}

// catchUp redraws what the history changed since the editor last looked.
func (e *Editor) catchUp() {
	ch := e.h.LastChange()
	switch {
	case ch.Seq == e.seen:
		return // nothing new: a refused edit
	case ch.Seq != e.seen+1 || !ch.Known:
		e.invalidate(changedDocument)
	case ch.Diagram != e.diagramID:
		e.seen = ch.Seq // another diagram's objects: nothing here changed
	default:
		e.invalidate(changedObjects, ch.IDs...)
	}
}

// maxMoved is how many objects may be tried on top of the hit-testing grid
// (see grid.moved) before an outside edit rebuilds the grid.
const maxMoved = 512

// touched updates the scene for objects edited in place: the geometry of
// the flows among them and at the elements among them (an element's bounds
// move its flows' ends; a flow's name sizes its label), and their places
// in the grid. A drag step changes the same way.
func (s *scene) touched(d *model.Diagram, ids []string) {
	for _, id := range ids {
		s.moved(d, id)
		for _, f := range s.flowsOf[id] {
			s.updatePath(d, f)
			s.moved(d, f.ID)
		}
		if g := s.geom(id); g != nil { // the scene finds flows in O(1)
			s.measure(d, g)
		}
	}
}

// compact rebuilds the grid when so many objects moved since it was built
// that hit-testing would try them all at every pointer move.
func (s *scene) compact(d *model.Diagram) {
	if len(s.grid.movedEl)+len(s.grid.movedFl) > maxMoved {
		s.grid.build(d, s.flows)
	}
}
