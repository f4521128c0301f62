package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// FuzzDecode feeds arbitrary bytes to Decode. It must never panic; what it
// accepts must be JSON, must encode, and must come back byte for byte
// through a second round; what it refuses must come with located problems.
// Seeds: every round-trip and broken file in testdata, plus the corpus Go
// keeps in testdata/fuzz/FuzzDecode.
func FuzzDecode(f *testing.F) {
	for _, pattern := range []string{"testdata/roundtrip/*.json", "testdata/invalid/*"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			if strings.HasSuffix(file, ".golden") {
				continue
			}
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	tiny := Limits{FileSize: 4096, Diagrams: 2, ElementsPerDiagram: 4, FlowsPerDiagram: 4, BoundariesPerDiagram: 2,
		AttackTrees: 2, TreeDepth: 3, NodesPerTree: 5, ListLength: 3, StringLength: 16, Objects: 40}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Every limit can be crossed by a small input; none may panic.
		if small, err := DecodeWithLimits(data, tiny); err != nil {
			var le *LoadError
			if !errors.As(err, &le) || len(le.Problems) == 0 {
				t.Fatalf("DecodeWithLimits failed without problems: %T %v", err, err)
			}
		} else {
			// What loads within limits, edits and saves accept within them.
			if err := tiny.sizes(reflect.ValueOf(small)); err != nil {
				t.Fatalf("a model loaded within the limits is over them for an edit: %v", err)
			}
			if _, _, objects, err := encodeLimited(small, 0); err != nil || objects > tiny.Objects {
				t.Fatalf("a model loaded within %d objects saves with %d (%v)", tiny.Objects, objects, err)
			}
		}
		m, err := Decode(data)
		if err != nil {
			var le *LoadError
			if !errors.As(err, &le) || len(le.Problems) == 0 {
				t.Fatalf("Decode failed without problems: %T %v", err, err)
			}
			return
		}
		if !json.Valid(data) {
			t.Fatalf("Decode accepted text that is not JSON")
		}
		if ps := Validate(m); len(ps) > 0 {
			t.Fatalf("Decode accepted a model that Validate refuses: %v", ps)
		}
		out, err := Encode(m)
		if err != nil {
			t.Fatalf("Encode of a decoded model: %v", err)
		}
		m2, err := Decode(out)
		if err != nil {
			t.Fatalf("Decode(Encode(Decode(data))): %v\n%s", err, out)
		}
		out2, err := Encode(m2)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, out2) {
			t.Fatalf("second round trip differs:\n%s\n---\n%s", out, out2)
		}
	})
}
