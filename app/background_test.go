package app

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

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
