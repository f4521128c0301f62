package canvas

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"github.com/threatboard/threatboard/model"
)

// photoBounds is where photoModel's photo lies: wide, 4:3.
var photoBounds = model.Rect{X: 100, Y: 100, W: 400, H: 300}

// photoModel is one process traced on a photo, and a store beside it.
func photoModel(locked bool) *model.Model {
	return &model.Model{ID: "m", Diagrams: []*model.Diagram{{
		ID: "d",
		Elements: []*model.Element{
			{ID: "proc", Kind: model.Process, Bounds: model.Rect{X: 250, Y: 200, W: 80, H: 80}},
			{ID: "store", Kind: model.Store, Bounds: model.Rect{X: 600, Y: 450, W: 120, H: 50}},
		},
		Background: &model.Background{Path: "whiteboard.jpg", Bounds: photoBounds, Opacity: 0.4, Locked: locked},
	}}}
}

// showPhoto opens photoModel in an editor, with a decoded image behind it,
// or, with readable false, the placeholder of an image that could not be read.
func showPhoto(t *testing.T, locked, readable bool) (*Editor, *model.History) {
	t.Helper()
	newApp(t, theme.VariantLight)
	ed, _, h := showEditor(t, photoModel(locked), 900, 700)
	if readable {
		img := image.NewNRGBA(image.Rect(0, 0, 40, 30))
		for i := range img.Pix {
			img.Pix[i] = 0x90
		}
		ed.SetBackgroundImage(img, "", "whiteboard.jpg#0")
	} else {
		ed.SetBackgroundImage(nil, "open whiteboard.jpg: no such file", "whiteboard.jpg#0")
	}
	return ed, h
}

func bgBounds(h *model.History) model.Rect { return h.Model().Diagrams[0].Background.Bounds }

// at is the screen position of a diagram point.
func at(ed *Editor, x, y float64) fyne.Position { return ed.vp.toScreen(model.Point{X: x, Y: y}) }

func TestPhotoClickSelectsAndShapesWin(t *testing.T) {
	ed, _ := showPhoto(t, false, true)
	tapAt(ed, at(ed, 150, 150), 0)
	if !ed.PhotoSelected() || len(ed.Selection()) != 0 {
		t.Fatalf("click on the photo: photo selected %v, selection %v; want the photo alone", ed.PhotoSelected(), ed.Selection())
	}
	if n := len(rendererOf(ed).overlay.objs); n != 5 {
		t.Errorf("selected photo overlay has %d objects, want a frame and 4 handles", n)
	}
	tapAt(ed, at(ed, 290, 240), 0) // the process drawn on the photo
	if ed.PhotoSelected() || !sameIDs(ed.Selection(), "proc") {
		t.Fatalf("click on a shape over the photo: photo selected %v, selection %v; want the shape", ed.PhotoSelected(), ed.Selection())
	}
	tapAt(ed, at(ed, 150, 150), 0)
	ed.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if ed.PhotoSelected() {
		t.Fatal("Esc left the photo selected")
	}
	tapAt(ed, at(ed, 150, 150), 0)
	tapAt(ed, at(ed, 800, 100), 0) // empty canvas beside the photo
	if ed.PhotoSelected() {
		t.Fatal("a click on the empty canvas left the photo selected")
	}
}

func TestPhotoDragMovesAsOneUndoStep(t *testing.T) {
	for _, tc := range []struct {
		name     string
		readable bool
	}{{"image", true}, {"placeholder of an unreadable image", false}} {
		t.Run(tc.name, func(t *testing.T) {
			ed, h := showPhoto(t, false, tc.readable)
			drag(ed, at(ed, 150, 150), at(ed, 210, 180), 6, 0)
			want := model.Rect{X: 160, Y: 130, W: 400, H: 300}
			if got := bgBounds(h); got != want {
				t.Fatalf("after the drag the photo is at %+v, want %+v", got, want)
			}
			if !ed.PhotoSelected() {
				t.Error("the dragged photo is not selected")
			}
			if e := h.Model().Diagrams[0].Elements[0]; e.Bounds.X != 250 {
				t.Errorf("the process on the photo moved with it to x=%v", e.Bounds.X)
			}
			r := rendererOf(ed)
			obj := r.photo.shown[0]
			if obj.Position() != at(ed, 160, 130) {
				t.Errorf("the photo is painted at %v, want %v", obj.Position(), at(ed, 160, 130))
			}
			ed.Undo()
			if got := bgBounds(h); got != photoBounds {
				t.Fatalf("one undo left the photo at %+v, want %+v", got, photoBounds)
			}
			if h.CanUndo() {
				t.Errorf("the drag took more than one undo step (next: %q)", h.UndoLabel())
			}
			ed.Redo()
			if got := bgBounds(h); got != want {
				t.Fatalf("redo put the photo at %+v, want %+v", got, want)
			}
		})
	}
}

func TestPhotoHandlesScale(t *testing.T) {
	for _, tc := range []struct {
		name   string
		corner model.Point
		by     model.Point
		mods   fyne.KeyModifier
		want   model.Rect
	}{
		{"bottom right keeps the aspect", model.Point{X: 500, Y: 400}, model.Point{X: 200, Y: 30}, 0, model.Rect{X: 100, Y: 100, W: 600, H: 450}},
		{"top left keeps the aspect", model.Point{X: 100, Y: 100}, model.Point{X: 40, Y: 150}, 0, model.Rect{X: 300, Y: 250, W: 200, H: 150}},
		{"shift frees the aspect", model.Point{X: 500, Y: 400}, model.Point{X: 200, Y: 30}, fyne.KeyModifierShift, model.Rect{X: 100, Y: 100, W: 600, H: 330}},
		{"never smaller than the least side", model.Point{X: 500, Y: 400}, model.Point{X: -1000, Y: -1000}, 0, model.Rect{X: 100, Y: 100, W: 53.333333333333336, H: 40}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ed, h := showPhoto(t, false, true)
			tapAt(ed, at(ed, 150, 150), 0)
			to := tc.corner.Add(tc.by)
			drag(ed, at(ed, tc.corner.X, tc.corner.Y), at(ed, to.X, to.Y), 4, tc.mods)
			if got := bgBounds(h); got != tc.want {
				t.Fatalf("scaled to %+v, want %+v", got, tc.want)
			}
			ed.Undo()
			if got := bgBounds(h); got != photoBounds || h.CanUndo() {
				t.Fatalf("one undo left %+v (more to undo: %v), want %+v", got, h.CanUndo(), photoBounds)
			}
		})
	}
}

func TestLockedPhotoIsNeverHit(t *testing.T) {
	ed, h := showPhoto(t, true, true)
	tapAt(ed, at(ed, 290, 240), 0)
	if !sameIDs(ed.Selection(), "proc") {
		t.Fatalf("click on a shape over a locked photo selected %v", ed.Selection())
	}
	tapAt(ed, at(ed, 150, 150), 0)
	if ed.PhotoSelected() || len(ed.Selection()) != 0 {
		t.Fatalf("click on a locked photo: photo selected %v, selection %v; want nothing, as on empty canvas", ed.PhotoSelected(), ed.Selection())
	}
	drag(ed, at(ed, 120, 120), at(ed, 400, 350), 5, 0) // a rubber band over the photo
	if !sameIDs(ed.Selection(), "proc") {
		t.Fatalf("rubber band over a locked photo selected %v, want proc", ed.Selection())
	}
	if got := bgBounds(h); got != photoBounds || h.CanUndo() {
		t.Fatalf("a drag over a locked photo changed it: %+v", got)
	}

	ed.SetTool(ToolProcess)
	tapAt(ed, at(ed, 150, 350), 0)
	if n := len(h.Model().Diagrams[0].Elements); n != 3 {
		t.Fatalf("a click with the process tool on a locked photo left %d elements, want 3", n)
	}

	var unlock *fyne.MenuItem
	for _, it := range ed.menu(model.Point{}).Items {
		if it.Label == "Unlock background image" {
			unlock = it
		}
	}
	if unlock == nil {
		t.Fatal("the canvas's context menu offers no way to unlock the photo")
	}
	unlock.Action()
	tapAt(ed, at(ed, 150, 150), 0)
	if !ed.PhotoSelected() {
		t.Fatal("the unlocked photo is not selected by a click")
	}
	ed.Undo()
	if !h.Model().Diagrams[0].Background.Locked || ed.PhotoSelected() {
		t.Fatalf("undo of unlock: locked %v, photo selected %v", h.Model().Diagrams[0].Background.Locked, ed.PhotoSelected())
	}
}

func TestPhotoContextMenuAndDelete(t *testing.T) {
	ed, h := showPhoto(t, false, true)
	opened := false
	ed.OnBackgroundImage = func() { opened = true }
	ed.TappedSecondary(&fyne.PointEvent{Position: at(ed, 150, 150)})
	if !ed.PhotoSelected() {
		t.Fatal("right click did not select the photo")
	}
	items := map[string]*fyne.MenuItem{}
	for _, it := range ed.photoMenu().Items {
		items[it.Label] = it
	}
	for _, l := range []string{"Lock background image", "Turn left", "Turn right", "Remove background image", "Background image…"} {
		if items[l] == nil {
			t.Fatalf("the photo's menu has no %q", l)
		}
	}
	items["Turn right"].Action()
	if b := h.Model().Diagrams[0].Background; b.Rotation != 1 || b.Bounds.W != 300 {
		t.Fatalf("Turn right: rotation %d, bounds %+v", b.Rotation, b.Bounds)
	}
	items["Background image…"].Action()
	if !opened {
		t.Error("Background image… did not open the dialog")
	}
	ed.DoubleTapped(&fyne.PointEvent{Position: at(ed, 150, 150)})
	if ed.renaming != nil {
		t.Error("a double click on the photo started a rename")
	}

	ed.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if h.Model().Diagrams[0].Background != nil {
		t.Fatal("Delete with the photo selected did not remove it")
	}
	if ed.PhotoSelected() {
		t.Error("a removed photo is still selected")
	}
	if len(h.Model().Diagrams[0].Elements) != 2 {
		t.Error("Delete of the photo removed shapes")
	}
	ed.Undo()
	if h.Model().Diagrams[0].Background == nil {
		t.Fatal("undo did not bring the photo back")
	}
	items["Lock background image"].Action()
	if !h.Model().Diagrams[0].Background.Locked || ed.PhotoSelected() {
		t.Fatal("Lock left the photo unlocked or selected")
	}
}

// Shift held at the press frees the aspect of the placeholder too.
func TestPlaceholderScalesWithShift(t *testing.T) {
	ed, h := showPhoto(t, false, false)
	tapAt(ed, at(ed, 150, 150), 0)
	ed.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at(ed, 500, 400)}, Button: desktop.MouseButtonPrimary, Modifier: fyne.KeyModifierShift})
	p := at(ed, 500, 400)
	ed.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: p.AddXY(0, 100)}, Dragged: fyne.NewDelta(0, 100)})
	ed.DragEnd()
	if got, want := bgBounds(h), (model.Rect{X: 100, Y: 100, W: 400, H: 400}); got != want {
		t.Fatalf("shift-scaled placeholder to %+v, want %+v", got, want)
	}
}

func TestScalePhoto(t *testing.T) {
	r := model.Rect{X: 0, Y: 0, W: 200, H: 100}
	for _, tc := range []struct {
		name   string
		corner int
		d      model.Point
		keep   bool
		want   model.Rect
	}{
		{"top right, wider wins", cornerTopRight, model.Point{X: 200, Y: 0}, true, model.Rect{X: 0, Y: -100, W: 400, H: 200}},
		{"bottom left, taller wins", cornerBottomLeft, model.Point{X: 0, Y: 100}, true, model.Rect{X: -200, Y: 0, W: 400, H: 200}},
		{"one side alone scales", cornerTopRight, model.Point{X: -100, Y: 0}, true, model.Rect{X: 0, Y: 50, W: 100, H: 50}},
		{"the larger change wins", cornerBottomRight, model.Point{X: 20, Y: -50}, true, model.Rect{X: 0, Y: 0, W: 100, H: 50}},
		{"free", cornerBottomLeft, model.Point{X: 0, Y: 100}, false, model.Rect{X: 0, Y: 0, W: 200, H: 200}},
		{"free, no turning inside out", cornerTopLeft, model.Point{X: 500, Y: 500}, false, model.Rect{X: 160, Y: 60, W: 40, H: 40}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := scalePhoto(r, tc.corner, tc.d, tc.keep); got != tc.want {
				t.Errorf("scalePhoto = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// The photo's objects are the same between drag steps: a move is a Move.
func TestPhotoDragKeepsItsImageObject(t *testing.T) {
	ed, _ := showPhoto(t, false, true)
	r := rendererOf(ed)
	before := r.photo.img
	drag(ed, at(ed, 150, 150), at(ed, 250, 150), 5, 0)
	if r.photo.img != before || r.photo.img.Image == nil {
		t.Fatal("moving the photo made a new image object")
	}
}

func TestArrowKeysNudgeThePhoto(t *testing.T) {
	ed, h := showPhoto(t, false, true)
	tapAt(ed, at(ed, 150, 150), 0)
	for _, k := range []fyne.KeyName{fyne.KeyRight, fyne.KeyRight, fyne.KeyDown} {
		ed.TypedKey(&fyne.KeyEvent{Name: k})
	}
	want := photoBounds
	want.X, want.Y = want.X+2, want.Y+1
	if got := bgBounds(h); got != want {
		t.Fatalf("nudged to %+v, want %+v", got, want)
	}
	if e := h.Model().Diagrams[0].Elements[0]; e.Bounds.X != 250 {
		t.Errorf("nudging the photo moved a shape to x=%v", e.Bounds.X)
	}
	ed.Undo()
	if got := bgBounds(h); got != photoBounds || h.CanUndo() {
		t.Fatalf("one undo left %+v (more to undo: %v)", got, h.CanUndo())
	}
}

func TestPlaceholderNamesTheImageOnce(t *testing.T) {
	for _, tc := range []struct{ name, problem, want string }{
		{"reason naming the image", "background image whiteboard.jpg: the model has no folder yet",
			"Background image whiteboard.jpg: the model has no folder yet"},
		{"bare reason", "open whiteboard.jpg: no such file", "Background image whiteboard.jpg: open whiteboard.jpg: no such file"},
		{"still reading", "", "Background image whiteboard.jpg (reading…)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ed, _ := showPhoto(t, false, false)
			ed.SetBackgroundImage(nil, tc.problem, "whiteboard.jpg#0")
			r := rendererOf(ed)
			r.Refresh()
			if got := r.photo.text.Text; got != tc.want {
				t.Errorf("placeholder says %q, want %q", got, tc.want)
			}
		})
	}
}
