package interop

import (
	"os"
	"testing"

	"github.com/threatboard/threatboard/model"
)

// fuzzImport checks what must hold for any input: no panic; an error, or a
// model that validates and survives the format's export and import.
func fuzzImport(t *testing.T, data []byte, export func(*model.Model) ([]byte, error)) {
	r, err := Import(data)
	if err != nil {
		if r != nil {
			t.Fatal("a result came with an error")
		}
		return
	}
	if ps := model.Validate(r.Model); len(ps) > 0 {
		t.Fatalf("the imported model is invalid: %v", ps)
	}
	out, err := export(r.Model)
	if err != nil {
		t.Fatalf("export of an imported model: %v", err)
	}
	if _, err := Import(out); err != nil {
		t.Fatalf("import of the export: %v", err)
	}
}

func addFixtures(f *testing.F, patterns ...string) {
	for _, p := range patterns {
		for _, path := range fixtureFiles(f, p) {
			data, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
}

// FuzzImportThreatDragon is seeded with every Threat Dragon fixture and the
// small hostile files in testdata/fuzz.
func FuzzImportThreatDragon(f *testing.F) {
	addFixtures(f, "threat-dragon/v2/*.json", "threat-dragon/v1/*.json", "threat-dragon/negative/*.json")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, data, ExportThreatDragon) })
}

// FuzzImportOTM is seeded with every OTM fixture and the YAML files in
// testdata/fuzz.
func FuzzImportOTM(f *testing.F) {
	addFixtures(f, "otm/*.otm")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzImport(t, data, ExportOTM) })
}
