package app

import (
	"testing"

	"github.com/threatboard/threatboard/model"
)

func TestWindowTitle(t *testing.T) {
	tests := map[string]struct {
		title string
		dirty bool
		want  string
	}{
		"clean":    {"Podcast feed", false, "Podcast feed — Threatboard"},
		"dirty":    {"Podcast feed", true, "• Podcast feed — Threatboard"},
		"untitled": {"", false, "Untitled — Threatboard"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := windowTitle(&model.Model{Title: tc.title}, tc.dirty); got != tc.want {
				t.Errorf("windowTitle = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRecentFiles(t *testing.T) {
	tests := map[string]struct {
		add  []string
		drop string
		want []string
	}{
		"newest first":        {add: []string{"a", "b"}, want: []string{"b", "a"}},
		"reopen moves to top": {add: []string{"a", "b", "a"}, want: []string{"a", "b"}},
		"capped": {add: []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"},
			want: []string{"9", "8", "7", "6", "5", "4", "3", "2"}},
		"removed": {add: []string{"a", "b", "c"}, drop: "b", want: []string{"c", "a"}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			p := &settings{}
			for _, f := range tc.add {
				addRecent(p, f)
			}
			if tc.drop != "" {
				removeRecent(p, tc.drop)
			}
			got := recentFiles(p)
			if len(got) != len(tc.want) {
				t.Fatalf("recent = %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("recent = %v, want %v", got, tc.want)
				}
			}
		})
	}
}

// A word typed into a field is one undo step; typing into another field
// starts the next, and so does a discrete edit in between.
func TestTypingIsOneUndoStep(t *testing.T) {
	f := newFixture(t, testModel())
	name := func() string { return f.a.doc.m.Diagram("d1").Element("e1").Name }
	for _, s := range []string{"C", "Cl", "Clerk"} {
		f.a.typed(model.Rename("d1", "e1", s))
	}
	f.a.typed(model.Rename("d1", "e2", "Gateway")) // another field
	f.a.do(model.SetProp("d1", "e1", "human", true))
	f.a.typed(model.Rename("d1", "e1", "Clerks")) // after a discrete edit
	if len(f.ask.errs) > 0 {
		t.Fatal(f.ask.errs)
	}
	for _, want := range []string{"Clerk", "Clerk", "Clerk", "Employee"} {
		f.a.undo()
		if got := name(); got != want {
			t.Fatalf("after an undo the name is %q, want %q", got, want)
		}
	}
	if f.a.doc.h.CanUndo() {
		t.Fatal("more undo steps than words typed and edits made")
	}
}

func TestFileNameFor(t *testing.T) {
	tests := map[string]struct{ title, want string }{
		"words":     {"Private podcast feed", "Private-podcast-feed.threatboard.json"},
		"odd chars": {"A/B: C?", "AB-C.threatboard.json"},
		"empty":     {"", "threat-model.threatboard.json"},
		"only odd":  {"///", "threat-model.threatboard.json"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := fileNameFor(tc.title); got != tc.want {
				t.Errorf("fileNameFor(%q) = %q, want %q", tc.title, got, tc.want)
			}
		})
	}
}

func TestTargetName(t *testing.T) {
	d := &model.Diagram{Elements: []*model.Element{
		{ID: "a", Kind: model.Actor, Common: model.Common{Name: "Employee"}},
		{ID: "b", Kind: model.Process, Common: model.Common{Name: "API"}},
	}}
	tests := map[string]struct {
		ref  model.ThreatRef
		want string
	}{
		"element":         {model.ThreatRef{Diagram: d, Element: d.Elements[0]}, "Employee"},
		"labelled flow":   {model.ThreatRef{Diagram: d, Flow: &model.Flow{From: "a", To: "b", Common: model.Common{Name: "Sign in"}}}, "Sign in"},
		"unlabelled flow": {model.ThreatRef{Diagram: d, Flow: &model.Flow{From: "a", To: "b"}}, "Employee → API"},
		"dangling flow":   {model.ThreatRef{Diagram: d, Flow: &model.Flow{From: "a", To: "x"}}, ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := targetName(tc.ref); got != tc.want {
				t.Errorf("targetName = %q, want %q", got, tc.want)
			}
		})
	}
}
