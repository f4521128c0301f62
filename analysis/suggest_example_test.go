package analysis

import (
	"testing"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

func exampleModel(t *testing.T) *model.Model {
	t.Helper()
	m, err := model.Decode(assets.Example())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestExampleSuggestions runs the catalog on the built-in example: every
// in-scope element gets advice, out-of-scope ones and notes get none, what
// the example dismissed stays dismissed, and facts computed from the drawing
// (a flow crossing a boundary nobody marked) drive suggestions.
func TestExampleSuggestions(t *testing.T) {
	m := exampleModel(t)
	c := builtinCatalog(t)
	got := c.Suggest(m)
	per := map[string]int{}
	for _, s := range got {
		per[s.TargetID]++
	}
	for _, d := range m.Diagrams {
		for _, e := range d.Elements {
			switch {
			case e.Kind == model.Note || e.OutOfScope:
				if per[e.ID] != 0 {
					t.Errorf("%s %q (out of scope or a note) got %d suggestions", e.Kind, e.Name, per[e.ID])
				}
			case per[e.ID] == 0:
				t.Errorf("%s %q got no suggestion", e.Kind, e.Name)
			}
			for _, id := range e.Dismissed {
				if hasKey(got, SuggestionKey(id, e.ID)) {
					t.Errorf("%q: dismissed %s suggested again", e.Name, id)
				}
			}
		}
	}
	// The audit log is written across a boundary drawn in the diagram; no
	// flow is marked as crossing anything by hand.
	var audit *model.Element
	for _, e := range m.Diagrams[0].Elements {
		if e.Name == "Audit log" {
			audit = e
		}
	}
	if audit == nil || !hasKey(got, SuggestionKey("TB-T-008", audit.ID)) {
		t.Error("no boundary-driven suggestion TB-T-008 for the audit log")
	}
}

// TestAcceptAndDismiss walks the side panel's path: accept a suggestion
// (a threat with the rule ID), dismiss another, re-run, undo.
func TestAcceptAndDismiss(t *testing.T) {
	m := exampleModel(t)
	h := model.NewHistory(m)
	c := builtinCatalog(t)
	before := c.Suggest(m)
	if len(before) < 2 {
		t.Fatal("too few suggestions to test with")
	}
	accept, dismiss := before[0], before[1]
	threat := accept.Threat()
	if err := h.Do(model.AddThreat(accept.DiagramID, accept.TargetID, threat)); err != nil {
		t.Fatal(err)
	}
	if err := h.Do(model.Dismiss(dismiss.DiagramID, dismiss.TargetID, dismiss.RuleID, true)); err != nil {
		t.Fatal(err)
	}
	after := c.Suggest(m)
	if hasKey(after, accept.Key) || hasKey(after, dismiss.Key) {
		t.Errorf("accepted %s or dismissed %s suggested again", accept.Key, dismiss.Key)
	}
	if len(after) != len(before)-2 {
		t.Errorf("%d suggestions after, want %d", len(after), len(before)-2)
	}
	if ref, ok := m.Threat(threat.ID); !ok || ref.Threat.RuleID != accept.RuleID {
		t.Errorf("accepted threat lost its rule ID")
	}
	for _, k := range []string{accept.Key, dismiss.Key} {
		s := c.SuggestFor(m, accept.DiagramID, accept.TargetID)
		if hasKey(s, k) {
			t.Errorf("SuggestFor offers %s again", k)
		}
	}
	// Undoing both brings both back.
	for range 2 {
		if err := h.Undo(); err != nil {
			t.Fatal(err)
		}
	}
	if again := c.Suggest(m); !hasKey(again, accept.Key) || !hasKey(again, dismiss.Key) || len(again) != len(before) {
		t.Errorf("after undo: %d suggestions, want %d with both back", len(again), len(before))
	}
}
