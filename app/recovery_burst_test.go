package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/threatboard/threatboard/model"
)

// TestRecoveryAfterBurst: five quick edits schedule five copies; only the
// one recoveryQuiet after the last edit writes, and it holds all five.
// The write runs in the background: until the background runs it, the UI
// thread has returned with nothing on disk.
func TestRecoveryAfterBurst(t *testing.T) {
	type timer struct {
		d time.Duration
		f func()
	}
	var timers []timer
	var jobs []func()
	a := New(test.NewTempApp(t), testModel(), "", Options{RecoveryDir: t.TempDir(), files: &fakeFiles{}, ask: &fakeAsk{},
		background: func(f func()) { jobs = append(jobs, f) },
		later:      func(d time.Duration, f func()) { timers = append(timers, timer{d, f}) }})
	names := []string{"S", "St", "Sta", "Staf", "Staff"}
	for _, n := range names {
		a.do(model.Rename("d1", "e1", n))
	}
	var copies []func()
	for _, tm := range timers {
		if tm.d == recoveryQuiet {
			copies = append(copies, tm.f)
		}
	}
	if len(copies) != len(names) {
		t.Fatalf("%d copies scheduled for %d edits", len(copies), len(names))
	}
	before := len(jobs)
	for _, f := range copies[:len(copies)-1] {
		f()
	}
	if len(jobs) != before {
		t.Fatal("an earlier edit's timer copied while the burst went on")
	}
	copies[len(copies)-1]()
	if len(jobs) != before+1 {
		t.Fatalf("the last edit's timer posted %d jobs, want 1", len(jobs)-before)
	}
	if _, ok := a.rec.pending(); ok {
		t.Fatal("the copy was written on the UI thread")
	}
	for _, j := range jobs {
		j()
	}
	m, err := model.Load(a.rec.modelPath())
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Diagram("d1").Element("e1").Name; got != "Staff" {
		t.Errorf("the copy holds %q, not the last edit", got)
	}
	// Clearing returns at once too; the removal is the background's.
	jobs = jobs[:0]
	a.clearRecovery()
	if _, ok := a.rec.pending(); !ok || len(jobs) != 1 {
		t.Fatal("clearing did not wait for the background")
	}
	jobs[0]()
	if _, ok := a.rec.pending(); ok {
		t.Error("the copy outlived clearing")
	}
}

// TestRecoveryBelongsToOneProcess: a copy in the folder of a process that
// runs is left alone; one of a process that is gone is taken over and
// offered; an empty folder of a process that is gone is removed; a copy
// where builds before per-process folders kept it is taken over.
func TestRecoveryBelongsToOneProcess(t *testing.T) {
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skipf("cannot start a process to find a dead PID: %v", err)
	}
	dead := strconv.Itoa(cmd.Process.Pid)
	alive := strconv.Itoa(os.Getppid())
	write := func(t *testing.T, dir, title string) {
		t.Helper()
		r := &recovery{dir: dir}
		if err := r.write([]byte("{}"), recoveryInfo{Title: title}); err != nil {
			t.Fatal(err)
		}
	}
	cases := map[string]struct {
		setup      func(t *testing.T, root string)
		wantTitle  string // the copy this process then has; "" for none
		wantRemain []string
	}{
		"a running process's copy": {
			setup:      func(t *testing.T, root string) { write(t, filepath.Join(root, alive), "theirs") },
			wantRemain: []string{alive},
		},
		"a dead process's copy": {
			setup:     func(t *testing.T, root string) { write(t, filepath.Join(root, dead), "orphan") },
			wantTitle: "orphan",
		},
		"a dead process's empty folder": {
			setup: func(t *testing.T, root string) {
				if err := os.Mkdir(filepath.Join(root, dead), 0o700); err != nil {
					t.Fatal(err)
				}
			},
		},
		"a copy of an older build": {
			setup:     func(t *testing.T, root string) { write(t, root, "old") },
			wantTitle: "old",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			tc.setup(t, root)
			r := newRecovery(root)
			r.claim()
			info, ok := r.pending()
			if ok != (tc.wantTitle != "") || info.Title != tc.wantTitle {
				t.Fatalf("pending = %+v, %v; want %q", info, ok, tc.wantTitle)
			}
			for _, d := range tc.wantRemain {
				if _, ok := (&recovery{dir: filepath.Join(root, d)}).pending(); !ok {
					t.Errorf("the copy in %s was touched", d)
				}
			}
			if tc.wantTitle == "" && len(tc.wantRemain) == 0 {
				if entries, _ := os.ReadDir(root); len(entries) != 0 {
					t.Errorf("left behind %v", entries)
				}
			}
		})
	}
}
