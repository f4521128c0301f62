package app

import (
	"fmt"
	"sync"
	"time"

	"github.com/threatboard/threatboard/model"
)

// A burst of edits is copied for recovery recoveryQuiet after its last
// edit, and an edit that comes more than recoveryMaxWait after the first
// one not yet copied is copied at once: a crash loses at most the last two
// seconds of work, even while the user types on without a pause.
const (
	recoveryQuiet   = time.Second
	recoveryMaxWait = 2 * time.Second
)

// autosaver takes the recovery copies. The document is copied on the UI
// thread, where it is edited; the encoding and writing of the copy, and its
// removal, run in the background (App.background), so that the UI thread never waits for
// the disk. One job is done at a time, and a job that a newer one overtook
// before it started is dropped: the disk only ever moves forward to the
// newest state.
type autosaver struct {
	// The UI thread's side.
	gen   int       // counts scheduled copies; only the last one runs
	since time.Time // the first edit not yet in a copy; zero when none
	// copied is the document and edit count of the last copy, so that an
	// unchanged document is not encoded again.
	copied struct {
		doc   *document
		edits int
	}

	// The background's side.
	mu      sync.Mutex
	next    *recoveryJob // the newest job not yet started
	writing sync.Mutex   // held while a job runs
	jobs    sync.WaitGroup
}

// recoveryJob writes a copy of m, or removes the copy when clear is set;
// the error (nil for a job that was overtaken) goes to result.
type recoveryJob struct {
	clear  bool
	m      *model.Model // a snapshot, no longer edited
	info   recoveryInfo
	result chan error
}

// post hands a job to the background without waiting for it.
func (a *App) post(job *recoveryJob) {
	s, rec := a.autosave, a.rec
	s.mu.Lock()
	if s.next != nil {
		s.next.result <- nil // overtaken: the newer job covers it
	}
	s.next = job
	s.mu.Unlock()
	s.jobs.Add(1)
	a.background(func() {
		defer s.jobs.Done()
		// Take the newest job only once it is this one's turn, so that no
		// older content can land after a newer one.
		s.writing.Lock()
		defer s.writing.Unlock()
		s.mu.Lock()
		job := s.next
		s.next = nil
		s.mu.Unlock()
		if job == nil {
			return // an earlier turn did it
		}
		if job.clear {
			job.result <- rec.clear()
			return
		}
		data, err := model.Encode(job.m)
		if err != nil {
			job.result <- fmt.Errorf("encode recovery copy: %w", err)
			return
		}
		job.result <- rec.write(data, job.info)
	})
}

// wait waits for the jobs posted so far, off the UI thread: Main does, once
// the window is gone, so that the removal of the copy on a clean quit is
// done before the process ends.
func (s *autosaver) wait() { s.jobs.Wait() }

// edited schedules the recovery copy after an edit: recoveryQuiet after the
// last edit of a burst, at once when the burst has gone on for longer than
// recoveryMaxWait since the last copy.
func (a *App) edited() {
	s := a.autosave
	if s == nil || a.rec == nil {
		return
	}
	now := time.Now()
	if s.since.IsZero() {
		s.since = now
	}
	if now.Sub(s.since) >= recoveryMaxWait {
		a.autosaveNow()
		return
	}
	s.gen++
	gen := s.gen
	a.later(recoveryQuiet, func() {
		if gen == s.gen {
			a.autosaveNow()
		}
	})
}

// autosaveNow takes a recovery copy if the document has unsaved changes. It
// runs on the UI thread and returns before the copy is on disk; wait for
// the write with the returned channel (tests do).
func (a *App) autosaveNow() <-chan error {
	result := make(chan error, 1)
	s := a.autosave
	if a.rec == nil || !a.doc.dirty() || (s.copied.doc == a.doc && s.copied.edits == a.doc.edits) {
		result <- nil
		return result
	}
	// A snapshot, encoded in the background: encoding a 10,000-element model
	// takes several times as long as copying it. Lint and the suggestions
	// share the snapshot: one copy per burst of edits.
	snapshot := a.snapshot()
	info := recoveryInfo{Path: a.doc.path, Title: a.doc.m.Title, Saved: time.Now()}
	s.copied.doc, s.copied.edits = a.doc, a.doc.edits
	s.since = time.Time{}
	s.gen++ // a copy scheduled for later has nothing more to copy
	a.post(&recoveryJob{m: snapshot, info: info, result: result})
	return result
}

// clearRecovery removes the recovery copy once it is no longer needed. It
// returns at once; the writer removes it after any copy under way.
func (a *App) clearRecovery() <-chan error {
	result := make(chan error, 1)
	if a.rec == nil {
		result <- nil
		return result
	}
	s := a.autosave
	if s == nil {
		result <- a.rec.clear()
		return result
	}
	s.copied.doc = nil
	s.since = time.Time{}
	s.gen++
	a.post(&recoveryJob{clear: true, result: result})
	return result
}

// OfferRecovery asks whether to reopen the copy a previous run left behind
// when it ended without saving. Accepting loads it as an unsaved document
// belonging to its original file; declining deletes it.
func (a *App) OfferRecovery() {
	if a.rec == nil {
		return
	}
	a.rec.claim()
	info, ok := a.rec.pending()
	if !ok {
		return
	}
	title := info.Title
	if title == "" {
		title = "Untitled"
	}
	msg := fmt.Sprintf("Threatboard did not close normally. Recover the unsaved changes to “%s” from %s?",
		title, info.Saved.Local().Format("2 Jan 2006 15:04"))
	a.ask.Confirm("Recover unsaved changes", msg, func(yes bool) {
		if !yes {
			a.clearRecovery()
			return
		}
		m, err := model.Load(a.rec.modelPath())
		if err != nil {
			a.ask.Error(fmt.Errorf("recover unsaved changes: %w", err))
			return
		}
		d := newDocument(m, info.Path)
		d.recovered = true // it differs from its file until saved
		a.setDocument(d)
	})
}
