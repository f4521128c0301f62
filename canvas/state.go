package canvas

import (
	"math"

	"fyne.io/fyne/v2/driver/desktop"

	"github.com/threatboard/threatboard/model"
)

// mode is what a drag on the canvas is doing.
type mode int

const (
	modeIdle       mode = iota
	modeMoving          // the selection follows the pointer
	modeResizing        // a corner handle of an element or box follows the pointer
	modeConnecting      // a new flow is being dragged out of an element
	modeRubberBand      // a selection rectangle is being drawn
	modePanning         // the view follows the pointer
	modeWaypoint        // a waypoint of a flow follows the pointer
	modeLabel           // a flow's label follows the pointer
	modePoint           // a point of a line boundary follows the pointer
	modePhotoMove       // the background photo follows the pointer
	modePhotoSize       // a corner of the background photo follows the pointer
)

func (m mode) String() string {
	return [...]string{"idle", "moving", "resizing", "connecting", "rubber-band", "panning", "waypoint", "label", "point", "photo-moving", "photo-resizing"}[m]
}

// gesture is the state of one drag, from its first Dragged event to DragEnd.
type gesture struct {
	active     bool // set by the drag's first event, cleared by DragEnd
	mode       mode
	hit        hit
	start, cur model.Point // where the drag started and is now, in diagram units
	applied    model.Point // the part of a move already applied to the document
	anchor     model.Point // top-left of the grabbed object, which snaps to the grid
	orig       model.Rect  // bounds before a resize
	origPts    []model.Point
	origOffset model.Point
	ids        []string // what a move moves
	target     string   // element a new flow would connect to, or ""
	stepped    bool     // an edit of this drag is in the history: later ones merge into it
	// live holds what the drag changes: the elements, flows and boundaries
	// drawn as canvas objects while the rest is drawn into one image. It is
	// nil when the drag draws everything as objects.
	live map[string]bool
}

// beginMode decides what a drag does from what it started on, the tool, the
// mouse button and whether the pan key (space) is held: the heart of the
// editor's interaction state machine.
func beginMode(h hit, tool Tool, button desktop.MouseButton, panKey bool) mode {
	if button == desktop.MouseButtonTertiary || panKey {
		return modePanning
	}
	switch tool {
	case ToolSelect:
	case ToolFlow:
		if h.part == partElement || h.part == partConnector {
			return modeConnecting
		}
		return modeIdle
	default: // placing tools act on clicks, not drags
		return modeIdle
	}
	switch h.part {
	case partNone:
		return modeRubberBand
	case partResize:
		return modeResizing
	case partConnector:
		return modeConnecting
	case partWaypoint, partSegment, partFlow:
		return modeWaypoint
	case partLabel:
		return modeLabel
	case partPoint:
		return modePoint
	case partElement, partBoundary:
		return modeMoving
	case partPhoto:
		return modePhotoMove
	case partPhotoSize:
		return modePhotoSize
	}
	return modeIdle
}

// minSide is the smallest width or height a resize leaves, in diagram units.
const minSide = 20

// resizeRect moves corner c of r by d, keeping the opposite corner fixed and
// every side at least minSide. With square set (circles) the result is a
// square of the larger side, growing away from the fixed corner.
func resizeRect(r model.Rect, c int, d model.Point, square bool) model.Rect {
	w, h := cornerDragged(r, c, d, minSide)
	if square {
		w = math.Max(w, h)
		h = w
	}
	return anchoredOpposite(r, c, w, h)
}

// cornerDragged is the width and height of r after its corner c moved by d,
// each at least least: a rectangle never turns inside out.
func cornerDragged(r model.Rect, c int, d model.Point, least float64) (w, h float64) {
	x0, y0, x1, y1 := r.X, r.Y, r.X+r.W, r.Y+r.H
	switch c {
	case cornerTopLeft:
		x0, y0 = x0+d.X, y0+d.Y
	case cornerTopRight:
		x1, y0 = x1+d.X, y0+d.Y
	case cornerBottomRight:
		x1, y1 = x1+d.X, y1+d.Y
	case cornerBottomLeft:
		x0, y1 = x0+d.X, y1+d.Y
	}
	return math.Max(least, x1-x0), math.Max(least, y1-y0)
}

// anchoredOpposite is a w × h rectangle whose corner opposite c is where
// r's is: the corner a resize by c keeps in place.
func anchoredOpposite(r model.Rect, c int, w, h float64) model.Rect {
	out := model.Rect{W: w, H: h}
	switch c {
	case cornerTopLeft:
		out.X, out.Y = r.X+r.W-w, r.Y+r.H-h
	case cornerTopRight:
		out.X, out.Y = r.X, r.Y+r.H-h
	case cornerBottomRight:
		out.X, out.Y = r.X, r.Y
	case cornerBottomLeft:
		out.X, out.Y = r.X+r.W-w, r.Y
	}
	return out
}

// snapPoint rounds p to the nearest multiple of grid.
func snapPoint(p model.Point, grid float64) model.Point {
	return model.Point{X: math.Round(p.X/grid) * grid, Y: math.Round(p.Y/grid) * grid}
}

// moveDelta is how far a move has gone: the pointer's way, or with snap the
// way that puts the grabbed object's top-left corner on the grid.
func moveDelta(start, cur, anchor model.Point, snap bool) model.Point {
	d := cur.Sub(start)
	if !snap {
		return d
	}
	return snapPoint(anchor.Add(d), gridSize).Sub(anchor)
}

// withPoint returns a copy of pts with pts[i] replaced by p.
func withPoint(pts []model.Point, i int, p model.Point) []model.Point {
	out := append([]model.Point(nil), pts...)
	if i >= 0 && i < len(out) {
		out[i] = p
	}
	return out
}

// insertPoint returns a copy of pts with p inserted before index i.
func insertPoint(pts []model.Point, i int, p model.Point) []model.Point {
	i = max(0, min(i, len(pts)))
	out := make([]model.Point, 0, len(pts)+1)
	out = append(out, pts[:i]...)
	out = append(out, p)
	return append(out, pts[i:]...)
}
