package report

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// update is the -update flag of every golden test in the package.
var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte, same func(want, got []byte) error) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if err := same(want, got); err != nil {
		t.Errorf("%s differs from the golden file (run with -update and look at it): %v", name, err)
	}
}
