package app

import (
	"slices"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/model"
)

// snapshot is a copy of the document as it is after its latest edit, for
// work off the UI thread: lint and the rule catalog read it while the UI
// thread goes on editing the original. Nothing may change it. It is copied
// at most once per edit (a selection does not copy again), since copying a
// 10,000-element model takes tens of milliseconds of the UI thread.
func (a *App) snapshot() *model.Model {
	s := &a.snap
	if s.m == nil || s.doc != a.doc || s.edits != a.doc.edits {
		s.doc, s.edits, s.m = a.doc, a.doc.edits, a.doc.m.Clone()
	}
	return s.m
}

// snapshotCache is the latest snapshot and the document and edit it copies.
type snapshotCache struct {
	doc   *document
	edits int
	m     *model.Model
}

// suggestions finds the rule catalog's suggestions for one element or flow
// on a snapshot in the background, so that neither a selection nor an edit
// runs the rules on the UI thread. A search that a later one overtook (the
// selection or the model changed meanwhile) is dropped.
type suggestions struct {
	a   *App
	gen int // counts searches; only the last one's result is kept
	// key is what list is for, or what the search under way is for while
	// ready is false.
	key   suggestionsKey
	list  []analysis.Suggestion
	ready bool
	// known is set while list belongs to key's element or flow: the final
	// list, or the one from before its latest edit.
	known bool
}

type suggestionsKey struct {
	doc             *document
	edits           int
	diagram, target string
}

// of returns the suggestions for the element or flow id of diagram did as
// far as they are known, and whether it is still looking for them with
// nothing to show yet. When they are not up to date, it starts a search
// (unless one is under way) and calls found on the UI thread once the
// result is in.
//
// After an edit of the same element or flow, the previous result stands in
// until the search ends, without the suggestions the edit handled (added
// as a threat, dismissed): the panel neither flickers nor offers one twice.
func (s *suggestions) of(did, id string, found func()) (list []analysis.Suggestion, looking bool) {
	a := s.a
	key := suggestionsKey{doc: a.doc, edits: a.doc.edits, diagram: did, target: id}
	if s.key == key {
		return s.list, !s.known
	}
	if s.key.doc == key.doc && s.key.diagram == did && s.key.target == id {
		s.list = unhandled(a.doc.m, did, id, s.list)
	} else {
		s.list, s.known = nil, false
	}
	s.key, s.ready = key, false
	s.gen++
	gen := s.gen
	snapshot := a.snapshot()
	cat := a.cat
	// A search that ends before background returns (tests run it inline)
	// is simply the answer; found is for results that come later.
	waiting := false
	a.background(func() {
		list := cat.SuggestFor(snapshot, did, id)
		a.ui(func() {
			if gen != s.gen {
				return // the selection or the model moved on
			}
			s.list, s.ready, s.known = list, true, true
			if waiting {
				found()
			}
		})
	})
	waiting = !s.ready
	return s.list, !s.known
}

// unhandled is list without the suggestions the element or flow has
// recorded as a threat or dismissed since (analysis never suggests those).
func unhandled(m *model.Model, did, id string, list []analysis.Suggestion) []analysis.Suggestion {
	if len(list) == 0 {
		return nil
	}
	c := target{d: m.Diagram(did), ids: []string{id}}.common()
	if c == nil {
		return nil
	}
	return slices.DeleteFunc(slices.Clone(list), func(sg analysis.Suggestion) bool {
		return slices.Contains(c.Dismissed, sg.RuleID) || slices.ContainsFunc(c.Threats, func(t *model.Threat) bool { return t.RuleID == sg.RuleID })
	})
}
