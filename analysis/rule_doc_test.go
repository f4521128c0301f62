package analysis

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// update rewrites generated files (docs/RULES.md) instead of comparing.
var update = flag.Bool("update", false, "rewrite generated and golden files")

// TestRulesDoc fails when docs/RULES.md differs from what the catalog
// generates; `go generate ./analysis` (or -update) rewrites it.
func TestRulesDoc(t *testing.T) {
	var buf bytes.Buffer
	if err := builtinCatalog(t).WriteRulesDoc(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "docs", "RULES.md")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go generate ./analysis)", err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Errorf("docs/RULES.md is out of date with assets/rules and assets/checklists: run go generate ./analysis")
	}
}

// TestRulesDocExamples checks that the examples in the document load.
func TestRulesDocExamples(t *testing.T) {
	cl, err := ParseChecklist("example", []byte(exampleChecklist))
	if err != nil {
		t.Fatal(err)
	}
	rules, errs := ParseRules("example", []byte(exampleRuleFile))
	if len(errs) > 0 || len(rules) != 1 {
		t.Fatalf("example rule file: %v", errs)
	}
	builtins, err := BuiltinChecklists()
	if err != nil {
		t.Fatal(err)
	}
	if _, errs := NewCatalog(append(builtins, cl), rules); len(errs) > 0 {
		t.Errorf("example catalog: %v", errs)
	}
	if !json.Valid([]byte(exampleRuleFile)) {
		t.Error("example rule file is not JSON")
	}
}
