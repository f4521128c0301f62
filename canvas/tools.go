package canvas

import "github.com/threatboard/threatboard/model"

// Tool is what a press on the canvas does: select and edit, or place a new
// shape of one kind.
type Tool int

// The tools, in palette order.
const (
	ToolSelect Tool = iota
	ToolActor
	ToolProcess
	ToolMultiProcess
	ToolStore
	ToolFlow
	ToolBoundaryLine
	ToolBoundaryBox
	ToolNote
)

// paletteTools are the tools the palette offers, top to bottom.
var paletteTools = []Tool{ToolActor, ToolProcess, ToolMultiProcess, ToolStore, ToolFlow, ToolBoundaryLine, ToolBoundaryBox, ToolNote}

func (t Tool) String() string {
	switch t {
	case ToolSelect:
		return "Select"
	case ToolActor:
		return "Actor"
	case ToolProcess:
		return "Process"
	case ToolMultiProcess:
		return "Multi-process"
	case ToolStore:
		return "Data store"
	case ToolFlow:
		return "Data flow"
	case ToolBoundaryLine:
		return "Trust boundary (line)"
	case ToolBoundaryBox:
		return "Trust boundary (box)"
	case ToolNote:
		return "Text note"
	}
	return "Unknown tool"
}

// Kind is the element kind the tool places, or 0 for a tool that places no element.
func (t Tool) Kind() model.Kind {
	switch t {
	case ToolActor:
		return model.Actor
	case ToolProcess:
		return model.Process
	case ToolMultiProcess:
		return model.MultiProcess
	case ToolStore:
		return model.Store
	case ToolNote:
		return model.Note
	}
	return 0
}

// defaultName names a newly placed element so that it is never blank on the canvas.
func defaultName(k model.Kind) string {
	switch k {
	case model.Actor:
		return "Actor"
	case model.Process:
		return "Process"
	case model.MultiProcess:
		return "Services"
	case model.Store:
		return "Store"
	case model.Note:
		return "Note"
	}
	return ""
}

// newElement makes an element of kind k centred on p.
func newElement(k model.Kind, p model.Point) *model.Element {
	w, h := k.DefaultSize()
	return &model.Element{
		ID:     model.NewID(),
		Kind:   k,
		Bounds: model.Rect{X: p.X - w/2, Y: p.Y - h/2, W: w, H: h},
		Common: model.Common{Name: defaultName(k)},
	}
}

// newBoxBoundary makes a box boundary centred on p.
func newBoxBoundary(p model.Point) *model.Boundary {
	return &model.Boundary{
		ID:     model.NewID(),
		Name:   "Trust boundary",
		Shape:  model.BoundaryBox,
		Bounds: model.Rect{X: p.X - 150, Y: p.Y - 100, W: 300, H: 200},
	}
}

// newGhostElement is the outline a palette drag previews: no ID, as it is
// redrawn on every pointer move and never enters the document.
func newGhostElement(k model.Kind, p model.Point) *model.Element {
	w, h := k.DefaultSize()
	return &model.Element{Kind: k, Bounds: model.Rect{X: p.X - w/2, Y: p.Y - h/2, W: w, H: h}}
}
