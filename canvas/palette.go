package canvas

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/drawing"
	"github.com/threatboard/threatboard/model"
)

// Palette lists the shapes that can be added to a diagram. An item is
// dragged onto the editor (a ghost follows the pointer there) or clicked and
// then placed with a click on the canvas; Esc cancels. The palette acts on
// whatever editor target returns, the current tab's, so one palette serves
// every diagram of a window. The highlighted item follows the editor's tool,
// also when the editor goes back to selecting by itself.
type Palette struct {
	widget.BaseWidget
	target func() *Editor
	items  []*paletteItem
}

// NewPalette makes a palette acting on the editor target returns (nil for none).
func NewPalette(target func() *Editor) *Palette {
	p := &Palette{target: target}
	for _, t := range paletteTools {
		p.items = append(p.items, newPaletteItem(p, t))
	}
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer is part of fyne.Widget.
func (p *Palette) CreateRenderer() fyne.WidgetRenderer {
	objs := make([]fyne.CanvasObject, len(p.items))
	for i, it := range p.items {
		objs[i] = it
	}
	return widget.NewSimpleRenderer(container.NewVBox(objs...))
}

// Refresh redraws the items, highlighting the current editor's tool.
func (p *Palette) Refresh() {
	for _, it := range p.items {
		it.Refresh()
	}
	p.BaseWidget.Refresh()
}

func (p *Palette) editor() *Editor {
	if p.target == nil {
		return nil
	}
	return p.target()
}

// paletteItem is one tool of the palette: an icon drawn with the canvas's
// own shapes, and its name.
type paletteItem struct {
	widget.BaseWidget
	p       *Palette
	tool    Tool
	hovered bool
	drag    struct {
		active bool
		abs    fyne.Position // the pointer, on the window's canvas
	}
}

var (
	_ fyne.Tappable     = (*paletteItem)(nil)
	_ fyne.Draggable    = (*paletteItem)(nil)
	_ desktop.Hoverable = (*paletteItem)(nil)
)

func newPaletteItem(p *Palette, t Tool) *paletteItem {
	it := &paletteItem{p: p, tool: t}
	it.ExtendBaseWidget(it)
	return it
}

// Tapped chooses the item's tool on the current editor; tapping the chosen
// tool again goes back to selecting.
func (it *paletteItem) Tapped(*fyne.PointEvent) {
	ed := it.p.editor()
	if ed == nil {
		return
	}
	ed.palette = it.p
	if ed.Tool() == it.tool {
		ed.SetTool(ToolSelect)
	} else {
		ed.SetTool(it.tool)
	}
	it.p.Refresh()
}

// Dragged moves the ghost over the editor. Fyne has no drag and drop between
// widgets, so the item converts the pointer's absolute position into the
// editor's own coordinates.
func (it *paletteItem) Dragged(ev *fyne.DragEvent) {
	ed := it.p.editor()
	if ed == nil {
		return
	}
	d := fyne.CurrentApp().Driver()
	ed.palette = it.p
	it.drag.active = true
	it.drag.abs = d.AbsolutePositionForObject(it).Add(ev.Position)
	local := it.drag.abs.Subtract(d.AbsolutePositionForObject(ed))
	if inside(local, ed.Size()) {
		ed.showGhost(it.tool, local)
	} else {
		ed.hideGhost()
	}
}

// DragEnd drops the item where the pointer is, if that is on the editor.
func (it *paletteItem) DragEnd() {
	ed := it.p.editor()
	if ed == nil || !it.drag.active {
		return
	}
	it.drag.active = false
	if ed.ghost == nil { // cancelled with Esc, or released outside
		ed.ghostOff = false
		return
	}
	local := it.drag.abs.Subtract(fyne.CurrentApp().Driver().AbsolutePositionForObject(ed))
	ed.hideGhost()
	if inside(local, ed.Size()) {
		ed.drop(it.tool, local)
		// The new element is selected: the keys (Delete, arrows, F2) must
		// reach the editor, not the palette the drag started on.
		if c := fyne.CurrentApp().Driver().CanvasForObject(ed); c != nil {
			c.Focus(ed)
		}
	}
	it.p.Refresh()
}

func inside(p fyne.Position, s fyne.Size) bool {
	return p.X >= 0 && p.Y >= 0 && p.X <= s.Width && p.Y <= s.Height
}

func (it *paletteItem) MouseIn(*desktop.MouseEvent) { it.hovered = true; it.Refresh() }

func (it *paletteItem) MouseMoved(*desktop.MouseEvent) {}

func (it *paletteItem) MouseOut() { it.hovered = false; it.Refresh() }

// Cursor shows that items can be picked up.
func (it *paletteItem) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (it *paletteItem) CreateRenderer() fyne.WidgetRenderer {
	r := &itemRenderer{it: it, back: &canvas.Rectangle{CornerRadius: 4}, label: &canvas.Text{}}
	r.Refresh()
	return r
}

// Icon area and padding of a palette item, in pixels.
const (
	iconW, iconH = 34, 22
	itemPad      = 6
)

type itemRenderer struct {
	it    *paletteItem
	back  *canvas.Rectangle
	icon  pool
	label *canvas.Text
	objs  []fyne.CanvasObject
}

func (r *itemRenderer) Destroy() {}

func (r *itemRenderer) MinSize() fyne.Size {
	ts := r.it.Theme().Size(theme.SizeNameText)
	w := fyne.MeasureText(r.it.tool.String(), ts, fyne.TextStyle{}).Width
	return fyne.NewSize(iconW+3*itemPad+w, iconH+2*itemPad)
}

func (r *itemRenderer) Layout(size fyne.Size) {
	r.back.Resize(size)
	r.label.Move(fyne.NewPos(iconW+2*itemPad, 0))
	r.label.Resize(fyne.NewSize(size.Width-iconW-2*itemPad, size.Height))
	r.Refresh()
}

func (r *itemRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *itemRenderer) Refresh() {
	th := r.it.Theme()
	col := themeColors(th)
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.back.FillColor = color.Transparent
	if ed := r.it.p.editor(); ed != nil && ed.Tool() == r.it.tool {
		r.back.FillColor = th.Color(theme.ColorNameSelection, v)
	} else if r.it.hovered {
		r.back.FillColor = th.Color(theme.ColorNameHover, v)
	}
	r.label.Text = r.it.tool.String()
	r.label.Color = col.fg
	r.label.TextSize = th.Size(theme.SizeNameText)
	r.label.Alignment = fyne.TextAlignLeading
	r.icon.reset()
	drawIcon(&r.icon, &col, r.it.tool, fyne.NewPos(itemPad, (r.it.Size().Height-iconH)/2), fyne.NewSize(iconW, iconH))
	r.objs = append(append(append(r.objs[:0], r.back), r.icon.objs...), r.label)
	canvas.Refresh(r.it)
}

// drawIcon draws a tool's icon with the canvas's own shapes.
func drawIcon(p *pool, col *colors, t Tool, pos fyne.Position, size fyne.Size) {
	mid := pos.Y + size.Height/2
	switch t {
	case ToolFlow:
		a, b := fyne.NewPos(pos.X, mid), fyne.NewPos(pos.X+size.Width, mid)
		p.line(col.fg, strokeWidth, a, b)
		drawArrow(p, col.fg, a, b, 5)
	case ToolBoundaryLine:
		dashLine(p, col.boundary, strokeWidth, fyne.NewPos(pos.X, pos.Y+size.Height), fyne.NewPos(pos.X+size.Width, pos.Y), dotOn, dotOff)
	case ToolBoundaryBox:
		dashRect(p, col.boundary, strokeWidth, pos, size, dashOn, dashOff)
	default:
		k := t.Kind()
		if k == model.Process || k == model.MultiProcess {
			pos.X += (size.Width - size.Height) / 2
			size.Width = size.Height
		}
		// Drawn at 70 %, so a multi-process's inner circle keeps its place.
		const z = 0.7
		items := drawing.AppendShape(nil, "", k, model.Rect{W: float64(size.Width / z), H: float64(size.Height / z)}, false)
		emit(p, col, viewport{zoom: z, offset: model.Point{X: float64(pos.X), Y: float64(pos.Y)}}, items, look{})
	}
}
