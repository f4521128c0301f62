package interop

import (
	"os"
	"path/filepath"
	"testing"
)

// fixtures returns the folder of real files made by other tools: the
// nearest shared/fixtures walking up from the package directory (in CI,
// shared/ sits beside the clone). The test is skipped when there is none.
func fixtures(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		for _, p := range []string{filepath.Join(dir, "shared", "fixtures"), filepath.Join(dir, "..", "shared", "fixtures")} {
			if fi, err := os.Stat(p); err == nil && fi.IsDir() {
				return p
			}
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Skip("no shared/fixtures folder above the package")
		}
		dir = up
	}
}

// fixture reads one fixture file, relative to the fixtures folder.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fixtures(t), name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// fixtureFiles lists the files matching pattern in the fixtures folder.
func fixtureFiles(t testing.TB, pattern string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(fixtures(t), pattern))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatalf("no fixtures match %s", pattern)
	}
	return names
}
