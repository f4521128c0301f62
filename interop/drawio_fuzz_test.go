package interop

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/threatboard/threatboard/model"
)

// seedFuzz adds the files of testdata/<dir> and, where the shared fixtures
// are present, the fixtures matching pattern.
func seedFuzz(f *testing.F, dir, pattern string) {
	names, _ := filepath.Glob(filepath.Join("testdata", dir, "*"))
	for _, n := range names {
		if filepath.Ext(n) == ".golden" {
			continue
		}
		if data, err := os.ReadFile(n); err == nil {
			f.Add(data)
		}
	}
	if dir := fixturesDir(); dir != "" {
		more, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, n := range more {
			if data, err := os.ReadFile(n); err == nil {
				f.Add(data)
			}
		}
	}
}

// fixturesDir is the shared fixtures folder, or "" (fuzzing must not skip).
func fixturesDir() string {
	dir, err := filepath.Abs(".")
	if err != nil {
		return ""
	}
	for {
		for _, p := range []string{filepath.Join(dir, "shared", "fixtures"), filepath.Join(dir, "..", "shared", "fixtures")} {
			if fi, err := os.Stat(p); err == nil && fi.IsDir() {
				return p
			}
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

// checkImported is what every importer promises: an error, or a model that
// validates.
func checkImported(t *testing.T, r *Result, err error) {
	if err != nil {
		return
	}
	if r == nil || r.Model == nil {
		t.Fatal("no error and no model")
	}
	if ps := model.Validate(r.Model); len(ps) > 0 {
		t.Fatalf("the imported model does not validate: %v", ps[0])
	}
}

func FuzzDrawIO(f *testing.F) {
	seedFuzz(f, "drawio", "drawio/*")
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := importDrawIO(data)
		checkImported(t, r, err)
	})
}
