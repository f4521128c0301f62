package canvas

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/threatboard/threatboard/model"
)

func sameIDs(got []string, want ...string) bool {
	if len(got) != len(want) {
		return false
	}
	set := map[string]bool{}
	for _, id := range got {
		set[id] = true
	}
	for _, id := range want {
		if !set[id] {
			return false
		}
	}
	return true
}

func TestPaletteDragCreatesElementAtDropPoint(t *testing.T) {
	newApp(t, theme.VariantLight)
	m := &model.Model{ID: "m", Diagrams: []*model.Diagram{{ID: "d"}}}
	h := model.NewHistory(m)
	ed := NewEditor(h, "d", &Clipboard{})
	pal := NewPalette(func() *Editor { return ed })
	win := test.NewTempWindow(t, container.NewBorder(nil, nil, pal, nil, ed))
	win.Resize(fyne.NewSize(900, 600))

	var item *paletteItem
	for _, it := range pal.items {
		if it.tool == ToolProcess {
			item = it
		}
	}
	drv := fyne.CurrentApp().Driver()
	itemAbs, edAbs := drv.AbsolutePositionForObject(item), drv.AbsolutePositionForObject(ed)
	drop := fyne.NewPos(300, 200) // in the editor
	start := fyne.NewPos(10, 10)  // in the item
	target := edAbs.Add(drop).Subtract(itemAbs)
	mid := fyne.NewPos((start.X+target.X)/2, (start.Y+target.Y)/2)
	item.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: mid}, Dragged: fyne.NewDelta(mid.X-start.X, mid.Y-start.Y)})
	item.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: target}, Dragged: fyne.NewDelta(target.X-mid.X, target.Y-mid.Y)})
	if ed.ghost == nil {
		t.Fatal("no ghost under the pointer while dragging over the editor")
	}
	item.DragEnd()

	d := m.Diagrams[0]
	if len(d.Elements) != 1 {
		t.Fatalf("%d elements after the drop, want 1", len(d.Elements))
	}
	e := d.Elements[0]
	want := ed.vp.toModel(drop)
	if e.Kind != model.Process || !closeTo(e.Bounds.Center().X, want.X) || !closeTo(e.Bounds.Center().Y, want.Y) {
		t.Errorf("dropped %v centred at %v, want a process at %v", e.Kind, e.Bounds.Center(), want)
	}
	if ed.ghost != nil {
		t.Error("the ghost stays after the drop")
	}
	if !sameIDs(ed.Selection(), e.ID) {
		t.Errorf("selection %v, want the new element", ed.Selection())
	}
}

func TestPaletteClickThenPlace(t *testing.T) {
	newApp(t, theme.VariantLight)
	m := &model.Model{ID: "m", Diagrams: []*model.Diagram{{ID: "d"}}}
	ed, _, _ := showEditor(t, m, 600, 400)
	pal := NewPalette(func() *Editor { return ed })
	var tools []Tool
	ed.OnToolChanged = func(tl Tool) { tools = append(tools, tl) }
	pal.items[3].Tapped(&fyne.PointEvent{}) // store
	if ed.Tool() != ToolStore {
		t.Fatalf("tool %v after tapping the store item", ed.Tool())
	}
	tapAt(ed, fyne.NewPos(200, 100), 0)
	d := m.Diagrams[0]
	if len(d.Elements) != 1 || d.Elements[0].Kind != model.Store {
		t.Fatalf("elements %v, want one store", d.Elements)
	}
	if ed.Tool() != ToolSelect || len(tools) != 1 {
		t.Errorf("tool %v and changes %v after placing, want back to select", ed.Tool(), tools)
	}

	// Esc cancels a chosen tool.
	pal.items[0].Tapped(&fyne.PointEvent{})
	ed.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	tapAt(ed, fyne.NewPos(400, 300), 0)
	if len(d.Elements) != 1 || ed.Tool() != ToolSelect {
		t.Errorf("after Esc: %d elements, tool %v; want nothing placed", len(d.Elements), ed.Tool())
	}
}

func TestSelectTapShiftTapRubberBand(t *testing.T) {
	newApp(t, theme.VariantLight)
	ed, _, _ := showEditor(t, shapesModel(), 640, 440)
	var notified [][]string
	ed.OnSelectionChanged = func(ids []string) { notified = append(notified, ids) }

	steps := []struct {
		name string
		do   func()
		want []string
	}{
		{"tap actor", func() { tapAt(ed, fyne.NewPos(80, 70), 0) }, []string{"actor"}},
		{"shift-tap process adds", func() { tapAt(ed, fyne.NewPos(290, 70), fyne.KeyModifierShift) }, []string{"actor", "proc"}},
		{"ctrl-tap actor removes", func() { tapAt(ed, fyne.NewPos(80, 70), fyne.KeyModifierControl) }, []string{"proc"}},
		{"tap flow", func() { tapAt(ed, fyne.NewPos(160, 70), 0) }, []string{"f1"}},
		{"tap inside box boundary selects nothing", func() { tapAt(ed, fyne.NewPos(420, 180), 0) }, nil},
		{"tap box edge", func() { tapAt(ed, fyne.NewPos(401, 180), 0) }, []string{"b2"}},
		{"tap background clears", func() { tapAt(ed, fyne.NewPos(350, 200), 0) }, nil},
		{"rubber band", func() { drag(ed, fyne.NewPos(10, 10), fyne.NewPos(350, 130), 4, 0) }, []string{"actor", "proc", "f1"}},
		{"select all", func() { ed.TypedShortcut(&fyne.ShortcutSelectAll{}) }, []string{"actor", "proc", "multi", "store", "note", "out", "outproc", "f1", "f2", "f3", "f4", "b1", "b2"}},
		{"esc clears", func() { ed.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) }, nil},
	}
	for _, s := range steps {
		s.do()
		if !sameIDs(ed.Selection(), s.want...) {
			t.Fatalf("%s: selection %v, want %v", s.name, ed.Selection(), s.want)
		}
	}
	if len(notified) < len(steps)-1 {
		t.Errorf("OnSelectionChanged called %d times for %d changes", len(notified), len(steps))
	}
}

func TestDragMovesAndUndoRestores(t *testing.T) {
	newApp(t, theme.VariantLight)
	m := shapesModel()
	ed, _, h := showEditor(t, m, 640, 440)
	d := m.Diagrams[0]
	before := d.Element("actor").Bounds
	drag(ed, fyne.NewPos(80, 70), fyne.NewPos(110, 170), 10, 0)
	after := d.Element("actor").Bounds
	if want := before.Moved(model.Point{X: 30, Y: 100}); after != want {
		t.Fatalf("after the drag the actor is at %+v, want %+v", after, want)
	}
	if !sameIDs(ed.Selection(), "actor") {
		t.Errorf("dragging an unselected element selects it; selection %v", ed.Selection())
	}
	// The flow follows: its start stays on the actor's outline.
	path := ed.sc.path("f1")
	if want := d.Element("actor").Border(d.Element("proc").Bounds.Center()); path[0] != want {
		t.Errorf("flow starts at %v, want on the actor's outline at %v", path[0], want)
	}
	if err := h.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := d.Element("actor").Bounds; got != before {
		t.Errorf("one undo restores %+v, want %+v: the drag was not one step", got, before)
	}
	if h.CanUndo() {
		t.Errorf("more to undo after undoing the one drag: %q", h.UndoLabel())
	}
}

func TestDragWithTestDrag(t *testing.T) {
	newApp(t, theme.VariantLight)
	m := shapesModel()
	ed, win, _ := showEditor(t, m, 640, 440)
	before := m.Diagrams[0].Element("proc").Bounds
	// test.Drag sends one Dragged event at the end point with the whole delta.
	test.Drag(win.Canvas(), fyne.NewPos(310, 90), 20, 20)
	if got, want := m.Diagrams[0].Element("proc").Bounds, before.Moved(model.Point{X: 20, Y: 20}); got != want {
		t.Errorf("process at %+v, want %+v", got, want)
	}
	_ = ed
}

func TestResizeKeepsCircles(t *testing.T) {
	newApp(t, theme.VariantLight)
	m := shapesModel()
	ed, _, h := showEditor(t, m, 640, 440)
	ed.Select("proc")
	// Bottom-right handle of the process at (340, 120).
	drag(ed, fyne.NewPos(340, 120), fyne.NewPos(380, 130), 5, 0)
	got := m.Diagrams[0].Element("proc").Bounds
	if got.W != got.H || got.W != 140 || got.X != 240 || got.Y != 20 {
		t.Errorf("resized process %+v, want a 140×140 circle with its top-left in place", got)
	}
	_ = h.Undo()
	if got := m.Diagrams[0].Element("proc").Bounds; got.W != 100 {
		t.Errorf("undo left %+v", got)
	}
}

func TestConnect(t *testing.T) {
	newApp(t, theme.VariantLight)
	m := shapesModel()
	ed, _, _ := showEditor(t, m, 640, 440)
	d := m.Diagrams[0]
	n := len(d.Flows)

	// From the note: notes take no flows, so no connector and no flow.
	ed.Select("store")
	// The store's bottom connector is at (490, 280); drop on empty canvas.
	drag(ed, fyne.NewPos(490, 280), fyne.NewPos(350, 400), 5, 0)
	if len(d.Flows) != n {
		t.Fatalf("dropping on empty space added a flow")
	}
	// Valid target highlights while dragging, then the drop connects.
	ed.Select("store")
	ed.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(490, 280)}, Button: desktop.MouseButtonPrimary})
	ed.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(200, 300)}, Dragged: fyne.NewDelta(-290, 20)})
	ed.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(80, 360)}, Dragged: fyne.NewDelta(-120, 60)})
	if ed.g.target != "out" {
		t.Errorf("target while over the out-of-scope actor: %q", ed.g.target)
	}
	ed.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(100, 265)}, Dragged: fyne.NewDelta(20, -95)})
	if ed.g.target != "" {
		t.Errorf("a note is offered as a target: %q", ed.g.target)
	}
	ed.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(80, 70)}, Dragged: fyne.NewDelta(-20, -195)})
	ed.DragEnd()
	if len(d.Flows) != n+1 {
		t.Fatalf("%d flows after connecting, want %d", len(d.Flows), n+1)
	}
	f := d.Flows[len(d.Flows)-1]
	if f.From != "store" || f.To != "actor" {
		t.Errorf("new flow %s→%s, want store→actor", f.From, f.To)
	}
	if !sameIDs(ed.Selection(), f.ID) {
		t.Errorf("the new flow is not selected: %v", ed.Selection())
	}

	// The flow tool connects by clicking one element, then another.
	ed.SetTool(ToolFlow)
	tapAt(ed, fyne.NewPos(80, 360), 0)
	tapAt(ed, fyne.NewPos(100, 265), 0) // a note: refused, starts over
	tapAt(ed, fyne.NewPos(80, 360), 0)
	tapAt(ed, fyne.NewPos(490, 70), 0)
	if len(d.Flows) != n+2 || d.Flows[n+1].From != "out" || d.Flows[n+1].To != "multi" {
		t.Errorf("flow tool: %d flows, last %+v", len(d.Flows), d.Flows[len(d.Flows)-1])
	}
}

func TestDoubleClickRename(t *testing.T) {
	newApp(t, theme.VariantLight)
	m := shapesModel()
	ed, win, h := showEditor(t, m, 640, 440)
	ed.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(80, 70)})
	if !ed.Renaming() {
		t.Fatal("double click did not start a rename")
	}
	en := ed.renaming.entry
	if en.Text != "Employee" {
		t.Errorf("entry holds %q, want the current name", en.Text)
	}
	if win.Canvas().Focused() != en {
		t.Error("the rename entry has no focus")
	}
	en.SetText("")
	test.Type(en, "Podcast listener")
	en.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := m.Diagrams[0].Element("actor").Name; got != "Podcast listener" {
		t.Errorf("name %q after rename", got)
	}
	if ed.Renaming() {
		t.Error("entry still shown after Enter")
	}
	_ = h.Undo()
	if got := m.Diagrams[0].Element("actor").Name; got != "Employee" {
		t.Errorf("undo of the rename left %q", got)
	}

	// A flow's label, and Esc cancels.
	ed.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(160, 70)})
	test.Type(ed.renaming.entry, "XYZ")
	ed.renaming.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if got := m.Diagrams[0].Flow("f1").Name; got != "login" {
		t.Errorf("Esc renamed the flow to %q", got)
	}
}

func TestCopyPasteBetweenDiagrams(t *testing.T) {
	newApp(t, theme.VariantLight)
	m := shapesModel()
	m.Diagrams = append(m.Diagrams, &model.Diagram{ID: "d2", Title: "Other"})
	h := model.NewHistory(m)
	clip := &Clipboard{}
	a := NewEditor(h, "d", clip)
	b := NewEditor(h, "d2", clip)
	test.NewTempWindow(t, container.NewAppTabs(container.NewTabItem("a", a), container.NewTabItem("b", b)))

	a.Select("actor", "proc", "f2") // f2 has only one end selected: it stays behind
	a.TypedShortcut(&fyne.ShortcutCopy{})
	b.TypedShortcut(&fyne.ShortcutPaste{})
	d2 := m.Diagrams[1]
	if len(d2.Elements) != 2 || len(d2.Flows) != 1 {
		t.Fatalf("pasted %d elements and %d flows, want 2 and 1", len(d2.Elements), len(d2.Flows))
	}
	f := d2.Flows[0]
	if f.From != d2.Elements[0].ID || f.To != d2.Elements[1].ID {
		t.Errorf("pasted flow %s→%s does not join the pasted elements", f.From, f.To)
	}
	for _, e := range d2.Elements {
		if e.ID == "actor" || e.ID == "proc" {
			t.Errorf("pasted element kept its ID %q", e.ID)
		}
		if e.Name == "Web API" && (len(e.Threats) != 3 || e.Threats[0].ID == "t1") {
			t.Errorf("threats not copied with fresh IDs: %+v", e.Threats)
		}
	}
	if got := d2.Elements[0].Bounds; got != m.Diagrams[0].Element("actor").Bounds {
		t.Errorf("pasted into another diagram at %+v, want the same place", got)
	}
	if !sameIDs(b.Selection(), d2.Elements[0].ID, d2.Elements[1].ID, f.ID) {
		t.Errorf("paste selects %v", b.Selection())
	}
	// One undo removes the whole paste.
	_ = h.Undo()
	if len(d2.Elements)+len(d2.Flows) != 0 {
		t.Errorf("undo of paste left %d elements", len(d2.Elements))
	}

	// Duplicate within a diagram offsets the copy and leaves the clipboard alone.
	n := len(m.Diagrams[0].Elements)
	a.Select("note")
	a.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyD, Modifier: fyne.KeyModifierShortcutDefault})
	d := m.Diagrams[0]
	if len(d.Elements) != n+1 {
		t.Fatalf("duplicate: %d elements, want %d", len(d.Elements), n+1)
	}
	if got, orig := d.Elements[n].Bounds, d.Element("note").Bounds; got.X != orig.X+pasteOffset || got.Y != orig.Y+pasteOffset {
		t.Errorf("duplicate at %+v, want offset from %+v", got, orig)
	}
	if len(clip.frag.Elements) != 2 {
		t.Error("duplicate replaced the clipboard")
	}

	// Cut removes and paste brings back.
	a.Select("multi")
	a.TypedShortcut(&fyne.ShortcutCut{})
	if d.Element("multi") != nil {
		t.Error("cut left the element")
	}
	for _, fl := range d.Flows {
		if fl.From == "multi" || fl.To == "multi" {
			t.Errorf("cut left flow %s attached to the removed element", fl.ID)
		}
	}
}

func TestDeleteKeyAndUndo(t *testing.T) {
	newApp(t, theme.VariantLight)
	m := shapesModel()
	ed, _, h := showEditor(t, m, 640, 440)
	d := m.Diagrams[0]
	ed.Select("proc")
	ed.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if d.Element("proc") != nil || d.Flow("f1") != nil || d.Flow("f2") != nil {
		t.Fatal("delete left the process or its flows")
	}
	if len(ed.Selection()) != 0 {
		t.Errorf("selection %v after delete", ed.Selection())
	}
	ed.TypedShortcut(&fyne.ShortcutUndo{})
	if d.Element("proc") == nil || d.Flow("f1") == nil || d.Flow("f2") == nil {
		t.Fatal("undo did not restore the process and its flows")
	}
	ed.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift})
	if d.Element("proc") != nil {
		t.Error("ctrl+shift+z did not redo the delete")
	}
	_ = h
}

func TestNudgeIsOneUndoStep(t *testing.T) {
	newApp(t, theme.VariantLight)
	m := shapesModel()
	ed, _, h := showEditor(t, m, 640, 440)
	before := m.Diagrams[0].Element("note").Bounds
	ed.Select("note")
	for range 3 {
		ed.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	}
	ed.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if got := m.Diagrams[0].Element("note").Bounds; got != before.Moved(model.Point{X: 3, Y: 1}) {
		t.Errorf("after nudges %+v", got)
	}
	_ = h.Undo()
	if got := m.Diagrams[0].Element("note").Bounds; got != before {
		t.Errorf("one undo leaves %+v, want %+v", got, before)
	}
}

func TestZoomAboutCursorKeepsPointFixed(t *testing.T) {
	newApp(t, theme.VariantLight)
	ed, win, _ := showEditor(t, shapesModel(), 640, 440)
	at := fyne.NewPos(290, 70) // over the process's centre
	under := ed.vp.toModel(at)
	var told []float64
	ed.OnZoomChanged = func(z float64) { told = append(told, z) }
	test.MoveMouse(win.Canvas(), at)
	ed.KeyDown(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	test.Scroll(win.Canvas(), at, 0, 40)
	ed.KeyUp(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	if !closeTo(ed.Zoom(), zoomStep) {
		t.Fatalf("zoom %v after ctrl+scroll, want %v", ed.Zoom(), zoomStep)
	}
	if got := ed.vp.toModel(at); !closeTo(got.X, under.X) || !closeTo(got.Y, under.Y) {
		t.Errorf("point under the cursor moved from %v to %v", under, got)
	}
	if h := ed.hitAt(at); h.id != "proc" {
		t.Errorf("after zooming the cursor is over %+v, want the process", h)
	}
	// Scrolling without ctrl pans.
	test.Scroll(win.Canvas(), at, 0, -30)
	if !closeTo(ed.Zoom(), zoomStep) || ed.vp.offset.Y == 0 {
		t.Errorf("plain scroll: zoom %v offset %v", ed.Zoom(), ed.vp.offset)
	}
	ed.ZoomToFit()
	for _, e := range shapesModel().Diagrams[0].Elements {
		pos, size := ed.vp.rectToScreen(e.Bounds)
		if pos.X < 0 || pos.Y < 0 || pos.X+size.Width > 640 || pos.Y+size.Height > 440 {
			t.Errorf("after zoom to fit %s is off screen at %v %v", e.ID, pos, size)
		}
	}
	ed.ZoomReset()
	if ed.Zoom() != 1 {
		t.Errorf("zoom reset gives %v", ed.Zoom())
	}
	// ctrl+scroll, fit and reset each told; the plain scroll did not.
	if len(told) != 3 || !closeTo(told[0], zoomStep) || told[2] != 1 {
		t.Errorf("OnZoomChanged was called with %v", told)
	}
}

func TestPanWithMiddleButton(t *testing.T) {
	newApp(t, theme.VariantLight)
	m := shapesModel()
	ed, _, h := showEditor(t, m, 640, 440)
	ed.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(80, 70)}, Button: desktop.MouseButtonTertiary})
	ed.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(130, 90)}, Dragged: fyne.NewDelta(50, 20)})
	ed.DragEnd()
	if ed.vp.offset != (model.Point{X: 50, Y: 20}) {
		t.Errorf("offset %v after a middle drag", ed.vp.offset)
	}
	if h.CanUndo() {
		t.Error("panning edited the document")
	}
}

func TestDrawBoundaryLineByClicks(t *testing.T) {
	newApp(t, theme.VariantLight)
	m := &model.Model{ID: "m", Diagrams: []*model.Diagram{{ID: "d"}}}
	ed, _, _ := showEditor(t, m, 600, 400)
	ed.SetTool(ToolBoundaryLine)
	tapAt(ed, fyne.NewPos(50, 50), 0)
	tapAt(ed, fyne.NewPos(150, 80), 0)
	tapAt(ed, fyne.NewPos(250, 60), 0)
	ed.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(250, 60)})
	bs := m.Diagrams[0].Boundaries
	if len(bs) != 1 || bs[0].Shape != model.BoundaryLine || len(bs[0].Points) != 3 {
		t.Fatalf("boundaries %+v, want one line of 3 points", bs)
	}
	// Its points are handles once selected; dragging one moves it.
	drag(ed, fyne.NewPos(150, 80), fyne.NewPos(150, 120), 3, 0)
	if got := bs[0].Points[1]; got != (model.Point{X: 150, Y: 120}) {
		t.Errorf("point moved to %v", got)
	}
}

func TestBendFlowAndMoveLabel(t *testing.T) {
	newApp(t, theme.VariantLight)
	m := shapesModel()
	ed, _, h := showEditor(t, m, 640, 440)
	f := m.Diagrams[0].Flow("f4") // process (290,120) down to legacy
	drag(ed, fyne.NewPos(290, 150), fyne.NewPos(350, 150), 4, 0)
	if len(f.Waypoints) != 1 || f.Waypoints[0] != (model.Point{X: 350, Y: 150}) {
		t.Fatalf("waypoints %v after bending", f.Waypoints)
	}
	_ = h.Undo()
	if len(f.Waypoints) != 0 {
		t.Errorf("undo of the bend left %v", f.Waypoints)
	}
	// Label of f1 at (190, 70).
	drag(ed, fyne.NewPos(192, 70), fyne.NewPos(192, 50), 4, 0)
	if got := m.Diagrams[0].Flow("f1").LabelOffset; got != (model.Point{Y: -20}) {
		t.Errorf("label offset %v", got)
	}
}

func TestContextMenuActions(t *testing.T) {
	newApp(t, theme.VariantLight)
	ed, win, _ := showEditor(t, shapesModel(), 640, 440)
	test.TapSecondaryAt(ed, fyne.NewPos(80, 70))
	if !sameIDs(ed.Selection(), "actor") {
		t.Errorf("right click selects %v", ed.Selection())
	}
	if len(win.Canvas().Overlays().List()) != 1 {
		t.Fatal("no context menu shown")
	}
	var labels []string
	for _, it := range ed.menu(model.Point{}).Items {
		labels = append(labels, it.Label)
	}
	for _, want := range []string{"Cut", "Copy", "Paste", "Duplicate", "Delete", "Rename", "Bring to front", "Send to back"} {
		found := false
		for _, l := range labels {
			found = found || l == want
		}
		if !found {
			t.Errorf("context menu lacks %q: %v", want, labels)
		}
	}
	d := ed.diagram()
	ed.SendToBack()
	if d.Elements[0].ID != "actor" {
		ed.BringToFront()
		t.Errorf("send to back: first element %q", d.Elements[0].ID)
	}
	ed.BringToFront()
	if d.Elements[len(d.Elements)-1].ID != "actor" {
		t.Errorf("bring to front: last element %q", d.Elements[len(d.Elements)-1].ID)
	}
}

func TestOpenChildDiagram(t *testing.T) {
	newApp(t, theme.VariantLight)
	m := shapesModel()
	m.Diagrams[0].Element("multi").Child = "child"
	ed, _, _ := showEditor(t, m, 640, 440)
	var opened string
	ed.OnOpenDiagram = func(id string) { opened = id }
	ed.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(490, 70)})
	if opened != "child" || ed.Renaming() {
		t.Errorf("opened %q, renaming %v; want the child diagram opened", opened, ed.Renaming())
	}
}

func TestPasteAtPointerAndEscCancelsPaletteDrag(t *testing.T) {
	newApp(t, theme.VariantLight)
	m := shapesModel()
	ed, _, _ := showEditor(t, m, 640, 440)
	ed.Select("actor", "proc")
	ed.Copy()
	ed.PasteAt(model.Point{X: 300, Y: 300})
	d := m.Diagrams[0]
	got := d.Elements[len(d.Elements)-2].Bounds
	if got.X != 300 || got.Y != 320 { // the pair's top-left was the process's top (20) and the actor's left (20)
		t.Errorf("pasted actor at %v,%v; want 300,320", got.X, got.Y)
	}

	pal := NewPalette(func() *Editor { return ed })
	it := pal.items[0]
	n := len(d.Elements)
	ed.showGhost(ToolActor, fyne.NewPos(100, 100))
	ed.palette = pal
	it.drag.active = true
	ed.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	ed.showGhost(ToolActor, fyne.NewPos(110, 100)) // the pointer moves on
	it.DragEnd()
	if len(d.Elements) != n {
		t.Error("the palette drag cancelled with Esc still dropped an element")
	}
	ed.showGhost(ToolActor, fyne.NewPos(110, 100))
	if ed.ghost == nil {
		t.Error("after the cancelled drag ended, the next drag shows no ghost")
	}
}

func TestSpaceDragPansAndHoverConnects(t *testing.T) {
	newApp(t, theme.VariantLight)
	m := shapesModel()
	ed, win, h := showEditor(t, m, 640, 440)
	ed.KeyDown(&fyne.KeyEvent{Name: fyne.KeySpace})
	drag(ed, fyne.NewPos(80, 70), fyne.NewPos(100, 60), 2, 0)
	ed.KeyUp(&fyne.KeyEvent{Name: fyne.KeySpace})
	if ed.vp.offset != (model.Point{X: 20, Y: -10}) || h.CanUndo() {
		t.Fatalf("space-drag: offset %v, document edited %v", ed.vp.offset, h.CanUndo())
	}
	ed.vp = newViewport() // back to where the shapes are
	ed.Refresh()

	// Hovering an unselected element shows its connect handles; dragging
	// from one connects without selecting first.
	test.MoveMouse(win.Canvas(), fyne.NewPos(60, 60))
	if ed.hover != "actor" {
		t.Fatalf("hovering the actor: hover %q", ed.hover)
	}
	n := len(m.Diagrams[0].Flows)
	drag(ed, fyne.NewPos(80, 100), fyne.NewPos(80, 250), 3, 0) // bottom connector to the note: refused
	drag(ed, fyne.NewPos(80, 100), fyne.NewPos(70, 360), 3, 0) // to the out-of-scope actor
	fs := m.Diagrams[0].Flows
	if len(fs) != n+1 || fs[n].From != "actor" || fs[n].To != "out" {
		t.Errorf("flows after connecting from the hovered actor: %d", len(fs))
	}
	test.MoveMouse(win.Canvas(), fyne.NewPos(350, 200))
	if ed.hover != "" {
		t.Errorf("hover %q over empty canvas", ed.hover)
	}
}

// A line boundary has points and no box: duplicating it in its own diagram
// must shift its points and leave it a valid line.
func TestDuplicateLineBoundary(t *testing.T) {
	newApp(t, theme.VariantLight)
	m := shapesModel()
	h := model.NewHistory(m)
	ed := NewEditor(h, "d", &Clipboard{})
	test.NewTempWindow(t, ed)

	n := len(m.Diagrams[0].Boundaries)
	ed.Select("b1")
	ed.Duplicate()
	bs := m.Diagrams[0].Boundaries
	if len(bs) != n+1 {
		t.Fatalf("%d boundaries after duplicate, want %d", len(bs), n+1)
	}
	orig, dup := m.Diagrams[0].Boundary("b1"), bs[len(bs)-1]
	if dup.Shape != model.BoundaryLine || len(dup.Points) != len(orig.Points) {
		t.Fatalf("duplicate is %+v", dup)
	}
	if want := orig.Points[0].Add(model.Point{X: pasteOffset, Y: pasteOffset}); dup.Points[0] != want {
		t.Errorf("duplicate starts at %+v, want %+v", dup.Points[0], want)
	}
	if probs := model.Validate(m); len(probs) > 0 {
		t.Errorf("model invalid after duplicate: %v", probs)
	}
}
