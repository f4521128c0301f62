// Package canvas is Threatboard's diagram editor: one Fyne widget that draws
// a whole data flow diagram, hit-tests it geometrically, and turns pointer
// and keyboard input into the model's edit commands on a shared history.
package canvas

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/drawing"
	"github.com/threatboard/threatboard/model"
)

// gridSize is the snap grid's spacing in diagram units.
const gridSize = 10

// Editor edits one diagram of a model through the model's commands on the
// history it shares with the rest of the application.
type Editor struct {
	widget.BaseWidget

	// OnSelectionChanged is called with the selected IDs whenever the selection changes.
	OnSelectionChanged func(ids []string)
	// OnOpenDiagram is called when a multi-process with a child diagram is double clicked.
	OnOpenDiagram func(diagramID string)
	// OnToolChanged is called when the editor returns to the select tool by itself
	// (after placing a shape, or on Esc), so that a palette can follow.
	OnToolChanged func(Tool)
	// OnBackgroundImage, when set, opens the background image dialog: the
	// photo's context menu and a double click on the photo offer it.
	OnBackgroundImage func()
	// OnError is called when an edit is refused by the model; nil ignores it.
	OnError func(err error)
	// OnZoomChanged is called with the new zoom factor after any zoom: the
	// buttons, the keys, ctrl+scroll, fit.
	OnZoomChanged func(zoom float64)
	// Coverage, when set, says how far sessions discussed each element:
	// the mark drawn at its bottom left (see drawing.AppendCoverage). Call
	// CoverageChanged after setting it or when its answers change.
	Coverage func(elementID string) drawing.Coverage

	h         *model.History
	diagramID string
	clip      *Clipboard

	vp   viewport
	sel  selection
	sc   scene
	tool Tool
	snap bool

	g      gesture             // the drag in progress
	mods   fyne.KeyModifier    // modifier keys at the last mouse press
	button desktop.MouseButton // button of the last mouse press
	held   heldKeys            // keys held down, for space-drag panning and ctrl+scroll zoom

	line     []model.Point // points of a boundary line being drawn by clicks
	flowFrom string        // first element clicked with the flow tool
	ghost    *ghost        // preview of a shape dragged in from the palette
	ghostOff bool          // Esc cancelled the palette drag in progress
	pointer  fyne.Position // last known pointer position, for zooming with keys
	hover    string        // connectable element under the pointer, showing its connect handles
	// overConnector is set while the pointer is over a connect handle.
	overConnector bool
	renaming      *renamer
	photo         backdrop // the background image, set by the app
	photoSel      bool     // the background image is selected (see PhotoSelected)

	// applying is set while the editor applies an edit of its own and updates
	// its drawing itself: a redraw from the history's OnChanged is then redundant.
	applying bool
	// seen is the history's change (model.Change.Seq) the drawing shows.
	seen    uint64
	pending redraw   // what the renderer has yet to draw (see invalidate)
	palette *Palette // the palette that last chose a tool here, to follow tool changes
	// objectsOnly draws drags and big diagrams as canvas objects throughout,
	// without drawing the static part of the diagram into one image (see layer).
	objectsOnly bool
}

// ghost is the outline shown under the pointer while a palette item is dragged.
type ghost struct {
	tool Tool
	at   model.Point
}

type heldKeys struct{ space, ctrl bool }

var (
	_ fyne.Widget            = (*Editor)(nil)
	_ fyne.Tappable          = (*Editor)(nil)
	_ fyne.DoubleTappable    = (*Editor)(nil)
	_ fyne.SecondaryTappable = (*Editor)(nil)
	_ fyne.Draggable         = (*Editor)(nil)
	_ fyne.Scrollable        = (*Editor)(nil)
	_ fyne.Focusable         = (*Editor)(nil)
	_ fyne.Shortcutable      = (*Editor)(nil)
	_ desktop.Mouseable      = (*Editor)(nil)
	_ desktop.Hoverable      = (*Editor)(nil)
	_ desktop.Keyable        = (*Editor)(nil)
	_ desktop.Cursorable     = (*Editor)(nil)
)

// NewEditor makes an editor for the diagram with the given ID. clip is shared
// by the editors of one window, so that copy and paste work between diagrams.
func NewEditor(h *model.History, diagramID string, clip *Clipboard) *Editor {
	if clip == nil {
		clip = &Clipboard{}
	}
	e := &Editor{h: h, diagramID: diagramID, clip: clip, vp: newViewport()}
	e.ExtendBaseWidget(e)
	e.sc.rebuild(e.diagram())
	e.seen = h.Changes()
	return e
}

// DiagramID is the diagram this editor edits.
func (e *Editor) DiagramID() string { return e.diagramID }

func (e *Editor) diagram() *model.Diagram { return e.h.Model().Diagram(e.diagramID) }

// CreateRenderer is part of fyne.Widget.
func (e *Editor) CreateRenderer() fyne.WidgetRenderer { return newEditorRenderer(e) }

// MinSize keeps the canvas usable in a small window.
func (e *Editor) MinSize() fyne.Size { return fyne.NewSize(200, 150) }

// Refresh rebuilds and redraws the whole diagram: when shown, after a
// change of theme, or when anything may have changed. After an edit,
// DocumentChanged redraws no more than the edit changed.
func (e *Editor) Refresh() {
	if !e.applying {
		e.invalidate(changedDocument)
	}
}

// CoverageChanged redraws the coverage marks after Coverage was set or
// changed its answers: every view, without rebuilding the scene, which
// the marks do not touch.
func (e *Editor) CoverageChanged() { e.redraw() }

// sync brings the editor's caches up to date with the document and drops
// selected objects that no longer exist.
func (e *Editor) sync() {
	d := e.diagram()
	e.sc.rebuild(d)
	if e.sel.keep(e.exists) {
		e.selectionChanged()
	}
}

// exists reports whether the diagram has an object with the given ID; flows
// are looked up in the scene, which indexes them.
func (e *Editor) exists(id string) bool {
	d := e.diagram()
	return d != nil && (e.sc.element(d, id) != nil || e.sc.geom(id) != nil || d.Boundary(id) != nil)
}

// do applies an edit of the editor's own as an undo step of its own; the
// caller redraws.
func (e *Editor) do(c model.Command) bool { return e.apply(c, e.h.Do) }

// apply applies c through the history's Do or Merge.
func (e *Editor) apply(c model.Command, through func(model.Command) error) bool {
	e.applying = true
	err := through(c)
	e.applying = false
	if err != nil {
		if e.OnError != nil {
			e.OnError(err)
		}
		return false
	}
	return true
}

// edit applies c and redraws what it changed.
func (e *Editor) edit(c model.Command) bool {
	ok := e.do(c)
	e.catchUp()
	return ok
}

// Selection lists the selected elements, flows and boundaries by ID.
func (e *Editor) Selection() []string { return e.sel.list() }

// Select makes ids the selection; unknown IDs are ignored.
func (e *Editor) Select(ids ...string) {
	known := make([]string, 0, len(ids))
	for _, id := range ids {
		if e.exists(id) {
			known = append(known, id)
		}
	}
	photo := e.photoSel
	e.photoSel = false // a shape and the photo are never selected together
	if e.sel.replace(known...) {
		e.selectionChanged()
		e.redraw()
	} else if photo {
		e.selectionChanged()
		e.redrawOverlay()
	}
}

// redraw redraws after a change of view state only (selection, zoom, pan):
// the document, and so the scene and its grid, are as they were.
func (e *Editor) redraw() { e.invalidate(changedView) }

// SelectAll selects every element, flow and boundary of the diagram.
func (e *Editor) SelectAll() {
	d := e.diagram()
	if d == nil {
		return
	}
	var ids []string
	for _, b := range d.Boundaries {
		ids = append(ids, b.ID)
	}
	for _, el := range d.Elements {
		ids = append(ids, el.ID)
	}
	for _, f := range d.Flows {
		ids = append(ids, f.ID)
	}
	e.Select(ids...)
}

func (e *Editor) selectionChanged() {
	if e.OnSelectionChanged != nil {
		e.OnSelectionChanged(e.sel.list())
	}
}

// SetSnap turns snapping to the grid on or off for moves, resizes and new shapes.
func (e *Editor) SetSnap(on bool) { e.snap = on }

// Snap reports whether snapping to the grid is on.
func (e *Editor) Snap() bool { return e.snap }

// SetTool chooses what the next press on the canvas does.
func (e *Editor) SetTool(t Tool) {
	e.tool = t
	e.line = nil
	e.flowFrom = ""
	e.redrawOverlay()
}

// Tool is the current tool.
func (e *Editor) Tool() Tool { return e.tool }

// resetTool goes back to the select tool and tells the palette.
func (e *Editor) resetTool() {
	if e.tool == ToolSelect && e.line == nil && e.flowFrom == "" {
		return
	}
	e.SetTool(ToolSelect)
	if e.palette != nil {
		e.palette.Refresh()
	}
	if e.OnToolChanged != nil {
		e.OnToolChanged(ToolSelect)
	}
}

// snapped rounds p to the grid when snapping is on.
func (e *Editor) snapped(p model.Point) model.Point {
	if !e.snap {
		return p
	}
	return snapPoint(p, gridSize)
}
