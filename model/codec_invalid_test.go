package model

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInvalidCorpus decodes every broken file in testdata/invalid and
// compares the error text with its .golden file (go test -update rewrites
// them): each problem must be found, located and explained.
func TestInvalidCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "invalid", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, file := range files {
		if strings.HasSuffix(file, ".golden") {
			continue
		}
		n++
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			m, err := Decode(data)
			if err == nil {
				t.Fatalf("Decode accepted the file: %+v", m)
			}
			var le *LoadError
			if !errors.As(err, &le) || len(le.Problems) == 0 {
				t.Fatalf("Decode: got %T %v, want a *LoadError with problems", err, err)
			}
			got := err.Error() + "\n"
			golden := file + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("errors differ from %s (go test -update rewrites it)\n got:\n%s\nwant:\n%s", golden, got, want)
			}
		})
	}
	if n < 10 {
		t.Errorf("only %d broken files in testdata/invalid", n)
	}
}
