package model

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// small returns limits low enough to be crossed by tiny files.
func small(change func(*Limits)) Limits {
	lim := DefaultLimits
	change(&lim)
	return lim
}

func TestDecodeWithLimits(t *testing.T) {
	data, err := Encode(fullModel())
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		lim  Limits
		want string
	}{
		"file size": {small(func(l *Limits) { l.FileSize = 100 }),
			"the file is larger than the limit of 100 bytes"},
		"elements per diagram": {small(func(l *Limits) { l.ElementsPerDiagram = 3 }),
			"diagrams[0].elements: more than 3 elements, the limit"},
		"flows per diagram": {small(func(l *Limits) { l.FlowsPerDiagram = 1 }),
			"diagrams[0].flows: more than 1 flows, the limit"},
		"boundaries per diagram": {small(func(l *Limits) { l.BoundariesPerDiagram = 1 }),
			"diagrams[0].boundaries: more than 1 boundaries, the limit"},
		"diagrams": {small(func(l *Limits) { l.Diagrams = 1 }),
			"diagrams: more than 1 diagrams, the limit"},
		"attack trees": {small(func(l *Limits) { l.AttackTrees = 0 }),
			"attackTrees: more than 0 attack trees, the limit"},
		"tree depth": {small(func(l *Limits) { l.TreeDepth = 2 }),
			`attackTrees[0]: the attack tree is deeper than 2 levels (below node "n3")`},
		"nodes per tree": {small(func(l *Limits) { l.NodesPerTree = 4 }),
			"attackTrees[0]: the tree has 5 nodes; the limit is 4"},
		"list length": {small(func(l *Limits) { l.ListLength = 1 }),
			"sessions[0].participants: more than 1 entries, the limit"},
		"string length": {small(func(l *Limits) { l.StringLength = 20 }),
			"attackTrees[0].title: text of 27 bytes is longer than the limit of 20 (line 271, column 16)"},
		"objects": {small(func(l *Limits) { l.Objects = 10 }),
			"the file has more than 10 objects and list entries, the limit"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := DecodeWithLimits(data, tc.lim)
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("got %v, want a *LoadError", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error:\n%s\nwant it to contain %q", err, tc.want)
			}
		})
	}
	if _, err := DecodeWithLimits(data, DefaultLimits); err != nil {
		t.Errorf("the same file within the default limits: %v", err)
	}
}

// TestListEntriesCountAsObjects: a list of elements written as numbers
// holds no objects, but each entry still becomes a zeroed element in
// memory, so entries count against Limits.Objects too.
func TestListEntriesCountAsObjects(t *testing.T) {
	text := `{"format": "threatboard", "version": 1, "diagrams": [{"id": "d", "elements": [` +
		strings.Repeat("1,", 150) + `1]}]}`
	_, err := DecodeWithLimits([]byte(text), small(func(l *Limits) { l.Objects = 100 }))
	want := "diagrams[0].elements: the file has more than 100 objects and list entries, the limit (line 1, column 275)"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestValidateLimits checks the limits on models built in code, which
// never went through the parser.
func TestValidateLimits(t *testing.T) {
	m := &Model{Diagrams: []*Diagram{{ID: "d1"}}}
	for i := range DefaultLimits.ElementsPerDiagram + 1 {
		m.Diagrams[0].Elements = append(m.Diagrams[0].Elements,
			&Element{ID: fmt.Sprint("e", i), Kind: Note, Bounds: Rect{0, 0, 10, 10}})
	}
	deep := &Node{ID: "n0", Type: And}
	m.AttackTrees = []*AttackTree{{ID: "a1", Root: deep}}
	for i := range DefaultLimits.TreeDepth + 10 {
		child := &Node{ID: fmt.Sprint("n", i+1), Type: And}
		deep.Children = []*Node{child}
		deep = child
	}
	got := fmt.Sprint(Validate(m))
	for _, want := range []string{
		"diagrams[0].elements: 100001 elements; the limit is 100000",
		`attackTrees[0]: the attack tree is deeper than 64 levels (below node "n63")`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Validate: %s\nwant %q", got, want)
		}
	}
}

func TestMigrate(t *testing.T) {
	renameTitle := func(doc map[string]any) error {
		doc["title"] = doc["name"]
		delete(doc, "name")
		return nil
	}
	addVersionNote := func(doc map[string]any) error {
		doc["documentVersion"] = "migrated"
		return nil
	}
	table := map[int]migration{1: renameTitle, 2: addVersionNote}
	in := []byte(`{"format": "threatboard", "version": 1, "name": "Old", "diagrams": [{"id": "d1", "elements": [{"id": "e1", "kind": "actor", "bounds": {"x": 0.1, "y": 12345678901234567890, "w": 1, "h": 1}}]}]}`)
	out, err := migrate(in, 1, 3, table)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"title":"Old"`, `"version":3`, `"documentVersion":"migrated"`, `"y":12345678901234567890`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("migrated document lacks %s: %s", want, out)
		}
	}
	if strings.Contains(string(out), `"name"`) {
		t.Errorf("migration 1 did not run: %s", out)
	}

	if _, err := migrate(in, 0, 3, table); err == nil || !strings.Contains(err.Error(), "version 0 is not supported (this Threatboard reads versions 1 to 3)") {
		t.Errorf("migrate from a version without a migration: %v", err)
	}
	failing := map[int]migration{1: func(map[string]any) error { return errors.New("boom") }}
	if _, err := migrate(in, 1, 2, failing); err == nil || !strings.Contains(err.Error(), "migrate from version 1 to 2: boom") {
		t.Errorf("failing migration: %v", err)
	}
	if len(migrations) != CurrentVersion-1 {
		t.Errorf("the migration table has %d entries; version %d needs %d", len(migrations), CurrentVersion, CurrentVersion-1)
	}
}
