package app

import (
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/threatboard/threatboard/model"
)

const autosaveEvery = time.Minute

// autosaver writes a recovery copy of an unsaved document every minute. The
// document is encoded on the UI thread (where it is edited) and the bytes
// are written on the ticker's goroutine, so the disk never blocks editing.
type autosaver struct {
	stopOnce sync.Once
	done     chan struct{}
	// writing serialises writes, so an old copy never lands after a new one.
	writing sync.Mutex
	// copied is the document and edit count of the last copy, so an
	// unchanged document is not encoded again; only the UI thread uses it.
	copied struct {
		doc   *document
		edits int
	}
}

func startAutosave(a *App) *autosaver {
	s := &autosaver{done: make(chan struct{})}
	if a.rec == nil {
		return s
	}
	go func() {
		t := time.NewTicker(autosaveEvery)
		defer t.Stop()
		for {
			select {
			case <-s.done:
				return
			case <-t.C:
				fyne.Do(func() { a.autosaveNow() })
			}
		}
	}()
	return s
}

func (s *autosaver) stop() { s.stopOnce.Do(func() { close(s.done) }) }

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
	data, err := model.Encode(a.doc.m)
	if err != nil {
		result <- fmt.Errorf("encode recovery copy: %w", err)
		return result
	}
	info := recoveryInfo{Path: a.doc.path, Title: a.doc.m.Title, Saved: time.Now()}
	s.copied.doc, s.copied.edits = a.doc, a.doc.edits
	rec := a.rec
	go func() {
		s.writing.Lock()
		defer s.writing.Unlock()
		result <- rec.write(data, info)
	}()
	return result
}

// clearRecovery removes the recovery copy once it is no longer needed.
func (a *App) clearRecovery() {
	if a.rec == nil {
		return
	}
	s := a.autosave
	if s == nil {
		_ = a.rec.clear()
		return
	}
	s.copied.doc = nil
	s.writing.Lock()
	defer s.writing.Unlock()
	_ = a.rec.clear()
}

// OfferRecovery asks whether to reopen the copy a previous run left behind
// when it ended without saving. Accepting loads it as an unsaved document
// belonging to its original file; declining deletes it.
func (a *App) OfferRecovery() {
	if a.rec == nil {
		return
	}
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
