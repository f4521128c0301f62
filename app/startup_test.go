package app

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

// The probe reports the first frame painted after the diagram was fitted,
// once, and quits after the hold.
func TestFirstFrameReportsTheFittedFrameOnce(t *testing.T) {
	f := newFixture(t, testModel())
	var out bytes.Buffer
	quit := make(chan struct{}, 2)
	probe := newFirstFrame(time.Now(), 0, &out, func() { quit <- struct{}{} })
	f.a.firstFrame = probe
	f.a.win.SetContent(probe.wrap(f.a.win.Content()))
	f.a.win.Resize(fyne.NewSize(1200, 800))

	f.a.win.Canvas().Capture() // a frame before the fit counts for nothing
	if out.Len() > 0 || probe.armed {
		t.Fatalf("reported before the diagram was fitted: %q", out.String())
	}
	f.a.currentView().fitted = false
	f.a.fitCurrent()
	if !f.a.currentView().fitted || !probe.armed {
		t.Fatalf("fitted %v, armed %v after fitCurrent", f.a.currentView().fitted, probe.armed)
	}
	f.a.win.Canvas().Capture()
	f.a.win.Canvas().Capture()
	select {
	case <-quit:
	case <-time.After(5 * time.Second):
		t.Fatal("no quit after the first frame")
	}
	got := out.String()
	if strings.Count(got, "first frame with the diagram") != 1 || !strings.Contains(got, "Go runtime") {
		t.Errorf("report = %q, want one first frame and the memory line", got)
	}
	if len(quit) != 0 {
		t.Error("quit twice")
	}
}

// BenchmarkStartup is the in-process part of a cold start: decoding the
// model and building the window on it with every panel, laid out at the
// desktop's default size and zoomed to fit. It leaves out what the real
// driver adds (the window and GL context, painting), which the
// whole-process figures in docs/PERFORMANCE.md include.
func BenchmarkStartup(b *testing.B) {
	big, err := model.Encode(model.Synthetic(1000, 1500, 20, 1))
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"example", assets.Example()},
		{"1000", big},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				m, err := model.Decode(c.data)
				if err != nil {
					b.Fatal(err)
				}
				a := New(test.NewTempApp(b), m, "", Options{RecoveryDir: b.TempDir(), files: &fakeFiles{}, ask: &fakeAsk{},
					later: func(time.Duration, func()) {}})
				a.win.Resize(defaultWindowSize)
				a.fitCurrent()
				if v := a.currentView(); v == nil || !v.fitted {
					b.Fatal("the diagram was not fitted")
				}
				a.autosave.wait()
			}
		})
	}
}
