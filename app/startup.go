package app

import (
	"fmt"
	"image"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fynecanvas "fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// Start-up measurement, off unless asked for by the environment:
//
//	THREATBOARD_FIRST_FRAME=HOLD  report on stderr when the first frame that
//	                              shows the diagram zoomed to fit is painted,
//	                              then quit HOLD (a duration, "0s") later
//	THREATBOARD_CPUPROFILE=FILE   write a CPU profile of the whole run
//	THREATBOARD_MEMPROFILE=FILE   write a heap profile as the window closes
//
// With them a start-up can be timed and its memory read as a user gets it,
// from outside the process, and its costs found with go tool pprof.
const (
	firstFrameEnv = "THREATBOARD_FIRST_FRAME"
	cpuProfileEnv = "THREATBOARD_CPUPROFILE"
	memProfileEnv = "THREATBOARD_MEMPROFILE"
)

// firstFrame notices the first frame painted with the diagram fitted. It is
// a one-pixel raster painted after everything else in the window: Fyne's
// painter calls its generator while it paints a frame that holds it, and
// again only after it was refreshed. It is refreshed (armed) once the
// diagram is zoomed to fit, so the call after that comes from the frame
// that draws the fitted diagram, just before that frame is shown.
type firstFrame struct {
	start  time.Time
	hold   time.Duration
	raster *fynecanvas.Raster
	out    io.Writer
	armed  bool
	done   bool
	quit   func()
}

func newFirstFrame(start time.Time, hold time.Duration, out io.Writer, quit func()) *firstFrame {
	f := &firstFrame{start: start, hold: hold, out: out, quit: quit}
	f.raster = fynecanvas.NewRaster(f.generate)
	f.raster.Resize(fyne.NewSize(1, 1))
	return f
}

// wrap puts the probe over the window's content, last in paint order.
func (f *firstFrame) wrap(content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(content, container.NewWithoutLayout(f.raster))
}

// arm makes the next frame painted the one reported.
func (f *firstFrame) arm() {
	if f == nil || f.armed {
		return
	}
	f.armed = true
	fynecanvas.Refresh(f.raster)
}

func (f *firstFrame) generate(w, h int) image.Image {
	if f.armed && !f.done {
		f.done = true
		fmt.Fprintf(f.out, "threatboard: first frame with the diagram %d ms after start\n", time.Since(f.start).Milliseconds())
		time.AfterFunc(f.hold, func() {
			fyne.Do(func() {
				fmt.Fprintf(f.out, "threatboard: %s after start: %s\n", time.Since(f.start).Round(time.Millisecond), memoryReport())
				f.quit()
			})
		})
	}
	return image.NewNRGBA(image.Rect(0, 0, w, h)) // transparent
}

// memoryReport tells what the process holds: its resident set where the
// system says (Linux), and the Go runtime's own share of it.
func memoryReport() string {
	ms := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/gc/heap/goal:bytes"},
	}
	metrics.Read(ms)
	mib := func(b uint64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }
	s := fmt.Sprintf("Go runtime %s (heap objects %s, GC goal %s)",
		mib(ms[0].Value.Uint64()), mib(ms[1].Value.Uint64()), mib(ms[2].Value.Uint64()))
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && (k == "VmRSS" || k == "VmHWM") {
				s += ", " + k + " " + strings.Join(strings.Fields(v), " ")
			}
		}
	}
	return s
}

// profiles starts the CPU profile the environment asks for; stop ends it
// and writes the heap profile asked for, while the window is still open.
func profiles() (stop func(), err error) {
	stopCPU := func() {}
	if path := os.Getenv(cpuProfileEnv); path != "" {
		f, err := os.Create(path)
		if err != nil {
			return func() {}, fmt.Errorf("CPU profile: %w", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return func() {}, fmt.Errorf("CPU profile: %w", err)
		}
		stopCPU = func() {
			pprof.StopCPUProfile()
			if err := f.Close(); err != nil {
				fmt.Fprintln(os.Stderr, "threatboard: CPU profile:", err)
			}
		}
	}
	stopped := false
	return func() {
		if stopped {
			return
		}
		stopped = true
		stopCPU()
		if path := os.Getenv(memProfileEnv); path != "" {
			if err := writeHeapProfile(path); err != nil {
				fmt.Fprintln(os.Stderr, "threatboard: heap profile:", err)
			}
		}
	}, nil
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC() // the profile shows what is live, not what awaits collection
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
