package app

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	fcanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/canvas"
	"github.com/threatboard/threatboard/model"
)

func writePNG(t *testing.T, path string, w, h int) {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestBackgroundImage places a photo behind a diagram from the dialog,
// turns, dims, locks and removes it, each one undo step.
func TestBackgroundImage(t *testing.T) {
	f := newFixture(t, testModel())
	dir := t.TempDir()
	f.a.doc.path = filepath.Join(dir, "model.threatboard.json")
	f.files.open = filepath.Join(dir, "photos", "whiteboard.png")
	if err := os.Mkdir(filepath.Dir(f.files.open), 0o700); err != nil {
		t.Fatal(err)
	}
	writePNG(t, f.files.open, 400, 300)
	d := f.a.doc.m.Diagram("d1")

	f.a.backgroundDialog()
	top := f.a.win.Canvas().Overlays().Top()
	test.Tap(findButton(top, "Choose image…"))
	b := d.Background
	if b == nil {
		t.Fatalf("no background after choosing an image; errors %v", f.ask.errs)
	}
	want := model.Background{Path: "photos/whiteboard.png", Bounds: model.Rect{X: 40, Y: 30, W: placedWidth, H: placedWidth * 3 / 4}, Opacity: defaultOpacity}
	if *b != want {
		t.Fatalf("placed %+v, want %+v", *b, want)
	}
	test.Tap(findButton(top, "Turn right"))
	if d.Background.Rotation != 1 || d.Background.Bounds.W != placedWidth*3/4 {
		t.Errorf("after Turn right: %+v", *d.Background)
	}
	var slider *widget.Slider
	var lock *widget.Check
	walk(top, func(o any) {
		switch w := o.(type) {
		case *widget.Slider:
			slider = w
		case *widget.Check:
			lock = w
		}
	})
	// A slide: the values as the handle moves, then its release.
	slider.OnChanged(0.6)
	slider.OnChanged(0.8)
	slider.OnChangeEnded(0.8)
	test.Tap(lock)
	if d.Background.Opacity != 0.8 || !d.Background.Locked {
		t.Errorf("after the slider and the lock: %+v", *d.Background)
	}
	f.a.undo() // the lock
	f.a.undo() // the whole slide
	if d.Background.Locked || d.Background.Opacity != defaultOpacity {
		t.Errorf("after two undos: %+v", *d.Background)
	}
	test.Tap(findButton(top, "Remove"))
	if d.Background != nil {
		t.Fatal("Remove left the background")
	}
	for f.a.doc.h.CanUndo() {
		f.a.undo()
	}
	if d.Background != nil {
		t.Error("undoing everything left a background")
	}
}

// TestBackgroundImageRefused: a decompression bomb is reported and the
// diagram keeps what it had.
func TestBackgroundImageRefused(t *testing.T) {
	f := newFixture(t, testModel())
	f.files.open = filepath.Join("..", "photo", "testdata", "bomb-header.png")
	f.a.backgroundDialog()
	test.Tap(findButton(f.a.win.Canvas().Overlays().Top(), "Choose image…"))
	if f.a.doc.m.Diagram("d1").Background != nil || f.a.doc.h.CanUndo() {
		t.Fatal("a refused image changed the document")
	}
	if len(f.ask.errs) != 1 || !strings.Contains(f.ask.errs[0].Error(), "100000 × 100000 pixels") {
		t.Errorf("errors shown: %v", f.ask.errs)
	}
}

// TestBackgroundImageDrawn: the editor gets the decoded photo, turned by
// the background's rotation; a missing file gives a placeholder with the
// path and the reason, and the model still opens.
func TestBackgroundImageDrawn(t *testing.T) {
	dir := t.TempDir()
	writePNG(t, filepath.Join(dir, "wb.png"), 40, 20)
	m := testModel()
	m.Diagrams[0].Background = &model.Background{Path: "wb.png", Bounds: model.Rect{W: 400, H: 200}, Opacity: 0.4, Rotation: 1}
	m.Diagrams[1].Background = &model.Background{Path: "gone.jpg", Bounds: model.Rect{W: 400, H: 200}, Opacity: 0.4}
	f := newFixture(t, m)
	f.a.doc.path = filepath.Join(dir, "m.threatboard.json")
	f.a.views[0].ed.SetBackgroundImage(nil, "", "") // as before the model had a path
	f.a.views[1].ed.SetBackgroundImage(nil, "", "")
	f.a.syncBackgrounds()
	ed := f.a.views[0].ed
	if got, want := ed.BackgroundImageKey(), filepath.Join(dir, "wb.png")+"#1"; got != want {
		t.Fatalf("key %q, want %q", got, want)
	}
	img, problem := backgroundOf(t, ed)
	if problem != "" || img == nil || img.Bounds().Dx() != 20 || img.Bounds().Dy() != 40 {
		t.Fatalf("image %v, problem %q: want the 40×20 photo turned to 20×40", img, problem)
	}
	_, problem = backgroundOf(t, f.a.views[1].ed)
	if !strings.Contains(problem, "gone.jpg") || !strings.Contains(problem, "no such file") {
		t.Errorf("placeholder reason %q", problem)
	}
	if len(f.ask.errs) != 0 {
		t.Errorf("a missing photo was reported as an error: %v", f.ask.errs)
	}
}

// backgroundOf is what the editor paints for its background: the image
// object's picture, or the placeholder's text.
func backgroundOf(t *testing.T, ed *canvas.Editor) (image.Image, string) {
	t.Helper()
	r := test.WidgetRenderer(ed)
	ed.Resize(fyne.NewSize(800, 600)) // a hidden tab's editor has no size yet
	ed.Refresh()
	for _, o := range r.Objects() {
		switch o := o.(type) {
		case *fcanvas.Image:
			return o.Image, ""
		case *fcanvas.Text:
			if strings.HasPrefix(o.Text, "Background image ") {
				return nil, o.Text
			}
		}
	}
	t.Fatal("the editor paints no background image nor its placeholder")
	return nil, ""
}

// TestBackgroundOutsideTheFolder: a model's own background path is read
// only inside the model's folder or below it (a model from a stranger must
// not make the app read any file it names), but a photo the user picks in
// the dialog may lie anywhere.
func TestBackgroundOutsideTheFolder(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "outside.png")
	writePNG(t, outside, 40, 20)
	dir := filepath.Join(root, "model")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	for name, stored := range map[string]string{
		"up and out": "../outside.png",
		"absolute":   filepath.ToSlash(outside),
		"a URL":      "https://example.com/outside.png",
	} {
		t.Run(name, func(t *testing.T) {
			m := testModel()
			m.Diagrams[0].Background = &model.Background{Path: stored, Bounds: model.Rect{W: 400, H: 200}, Opacity: 0.4}
			f := newFixture(t, m)
			f.a.doc.path = filepath.Join(dir, "m.threatboard.json")
			f.a.views[0].ed.SetBackgroundImage(nil, "", "")
			f.a.syncBackgrounds()
			img, problem := backgroundOf(t, f.a.views[0].ed)
			if img != nil || problem == "" {
				t.Fatalf("%q was read (image: %t), placeholder %q", stored, img != nil, problem)
			}
			if len(f.ask.errs) != 0 {
				t.Errorf("a refused photo was reported as an error: %v", f.ask.errs)
			}
		})
	}
	t.Run("picked in the dialog", func(t *testing.T) {
		f := newFixture(t, testModel())
		f.a.doc.path = filepath.Join(dir, "m.threatboard.json")
		f.files.open = outside
		f.a.backgroundDialog()
		test.Tap(findButton(f.a.win.Canvas().Overlays().Top(), "Choose image…"))
		// Kept as picked: not in the model's folder (see storedPath).
		b := f.a.doc.m.Diagram("d1").Background
		if b == nil || b.Path != outside {
			t.Fatalf("placed %+v, errors %v", b, f.ask.errs)
		}
		f.a.syncBackgrounds()
		if img, problem := backgroundOf(t, f.a.views[0].ed); img == nil {
			t.Errorf("the picked photo was not drawn: %q", problem)
		}
	})
}

// TestBackgroundPathFollowsTheSave: the model file keeps a photo relative
// to itself when the photo lies in its folder or below, else as picked;
// saving a never-saved model and saving elsewhere (save as) store it anew,
// both in the file and in the document, and the photo stays shown. A path
// the model may not read stays as it was wherever the model is saved.
func TestBackgroundPathFollowsTheSave(t *testing.T) {
	root := t.TempDir()
	for _, dir := range []string{"team/photos", "team/sub", "elsewhere"} {
		if err := os.MkdirAll(filepath.Join(root, dir), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	in := func(p string) string { return filepath.Join(root, filepath.FromSlash(p)) }
	for _, p := range []string{"team/photos/wb.png", "team/sub/wb.png", "elsewhere/wb.png", "team/x.png"} {
		writePNG(t, in(p), 40, 20)
	}
	tests := map[string]struct {
		from   string // the model's file before the save; "" never saved
		pick   string // a photo picked in the dialog, or
		stored string // the path the model names
		to     string // the file saved
		want   string // the path in the file and the document; "ABS" the picked file
		shown  bool   // the photo is drawn after the save
	}{
		"never saved, photo below":     {pick: "team/photos/wb.png", to: "team/m.json", want: "photos/wb.png", shown: true},
		"never saved, photo elsewhere": {pick: "elsewhere/wb.png", to: "team/m.json", want: "ABS", shown: true},
		"save as to the parent folder": {from: "team/sub/m.json", stored: "wb.png", to: "team/m.json", want: "sub/wb.png", shown: true},
		"save as beside":               {from: "team/m.json", stored: "photos/wb.png", to: "team/copy.json", want: "photos/wb.png", shown: true},
		"save as away from the photo":  {from: "team/m.json", stored: "photos/wb.png", to: "elsewhere/m.json", want: in("team/photos/wb.png"), shown: true},
		"picked, then saved elsewhere": {from: "team/m.json", pick: "team/photos/wb.png", to: "team/sub/m.json", want: in("team/photos/wb.png"), shown: true},
		"refused stays refused":        {from: "team/sub/m.json", stored: "../x.png", to: "team/m.json", want: "../x.png"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			m := testModel()
			if tc.stored != "" {
				m.Diagrams[0].Background = &model.Background{Path: tc.stored, Bounds: model.Rect{W: 400, H: 200}, Opacity: 0.4}
			}
			f := newFixture(t, m)
			if tc.from != "" {
				f.a.doc.path = in(tc.from)
			}
			if tc.pick != "" {
				f.a.placeBackground("d1", in(tc.pick), nil)
				f.a.doc.h.MarkSaved()
			}
			want := tc.want
			if want == "ABS" {
				want = in(tc.pick)
			}
			f.files.save = in(tc.to)
			saved := false
			f.a.saveAs(func(ok bool) { saved = ok })
			if !saved || len(f.ask.errs) > 0 {
				t.Fatalf("not saved: %v", f.ask.errs)
			}
			if got := f.a.doc.m.Diagram("d1").Background.Path; got != want {
				t.Errorf("the document keeps %q, want %q", got, want)
			}
			onDisk, err := model.Load(in(tc.to))
			if err != nil {
				t.Fatal(err)
			}
			if got := onDisk.Diagram("d1").Background.Path; got != want {
				t.Errorf("the file keeps %q, want %q", got, want)
			}
			if f.a.doc.dirty() {
				t.Error("the document is dirty after the save")
			}
			f.a.views[0].ed.SetBackgroundImage(nil, "", "")
			f.a.syncBackgrounds()
			if img, problem := backgroundOf(t, f.a.views[0].ed); (img != nil) != tc.shown {
				t.Errorf("drawn %v, want %v (%q)", img != nil, tc.shown, problem)
			}
		})
	}
}

// TestFailedSaveKeepsTheBackgroundPath: a save that fails changes nothing,
// the photo's path included.
func TestFailedSaveKeepsTheBackgroundPath(t *testing.T) {
	dir := t.TempDir()
	photo := filepath.Join(dir, "wb.png")
	writePNG(t, photo, 40, 20)
	f := newFixture(t, testModel())
	f.a.placeBackground("d1", photo, nil)
	f.files.save = filepath.Join(dir, "missing", "m.json") // a folder that is not there
	f.a.saveAs(nil)
	if len(f.ask.errs) != 1 {
		t.Fatalf("errors %v, want the failed save", f.ask.errs)
	}
	if got := f.a.doc.m.Diagram("d1").Background.Path; got != photo || f.a.doc.path != "" {
		t.Errorf("after a failed save: path %q, document file %q", got, f.a.doc.path)
	}
	if l := f.a.doc.h.UndoLabel(); l != "Place background image" {
		t.Errorf("undo offers %q", l)
	}
}

// TestBackgroundPhotoSelected: a photo selected on the canvas says in the
// status bar what the user can do with it, and a double click on it opens
// the background dialog.
func TestBackgroundPhotoSelected(t *testing.T) {
	f := newFixture(t, testModel())
	f.a.do(model.PlaceBackground("d1", &model.Background{Path: "whiteboard.png",
		Bounds: model.Rect{X: -500, Y: -500, W: 400, H: 300}, Opacity: 0.4}))
	ed := f.a.editor()
	ed.SelectPhoto(true)
	if got := f.a.status.selection.Text; got != photoSelectedText {
		t.Fatalf("status with the photo selected: %q", got)
	}
	ed.Select()
	if got := f.a.status.selection.Text; got == photoSelectedText {
		t.Fatal("the status still names the photo after it was deselected")
	}
	if ed.OnBackgroundImage == nil {
		t.Fatal("the editor cannot open the background dialog")
	}
	ed.OnBackgroundImage()
	if top := f.a.win.Canvas().Overlays().Top(); top == nil || findButton(top, "Choose image…") == nil {
		t.Fatal("the photo's Background image… did not open the dialog")
	}
}
