package interop

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/threatboard/threatboard/model"
)

func TestImportOTMFixtures(t *testing.T) {
	for _, path := range fixtureFiles(t, "otm/*.otm") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Import(data)
			if err != nil {
				t.Fatal(err)
			}
			if r.Format != OTM {
				t.Errorf("format %q", r.Format)
			}
			if ps := model.Validate(r.Model); len(ps) > 0 {
				t.Errorf("invalid model: %v", ps)
			}
			for _, n := range r.Notes {
				t.Log(n)
			}
			for _, d := range r.Model.Diagrams {
				t.Logf("%q: %d elements, %d flows, %d boundaries", d.Title, len(d.Elements), len(d.Flows), len(d.Boundaries))
				for _, e := range d.Elements {
					t.Logf("   %s %q %v", e.Kind, e.Name, e.Bounds)
				}
				for _, b := range d.Boundaries {
					t.Logf("   zone %q %v", b.Name, b.Bounds)
				}
			}
		})
	}
}

// TestOTMRoundTrip: for every fixture and for our own models, import →
// export → import keeps the model (and a second export the bytes).
func TestOTMRoundTrip(t *testing.T) {
	models := ourModels(t)
	for _, path := range fixtureFiles(t, "otm/*.otm") {
		r, err := Import(fixture(t, "otm/"+filepath.Base(path)))
		if err != nil {
			t.Fatal(err)
		}
		models[filepath.Base(path)] = r.Model
	}
	for name, m := range models {
		t.Run(name, func(t *testing.T) { roundTrip(t, m, ExportOTM) })
	}
}

func TestOTMExportValidates(t *testing.T) {
	schema := compileSchema(t, "otm/schema/otm_schema.json")
	models := ourModels(t)
	for _, path := range fixtureFiles(t, "otm/*.otm") {
		r, err := Import(fixture(t, "otm/"+filepath.Base(path)))
		if err != nil {
			t.Fatal(err)
		}
		models[filepath.Base(path)] = r.Model
	}
	for name, m := range models {
		t.Run(name, func(t *testing.T) {
			out, err := ExportOTM(m)
			if err != nil {
				t.Fatal(err)
			}
			validateJSON(t, schema, out)
		})
	}
}

// TestOTMYAMLSameAsJSON: every OTM fixture written as YAML imports to the
// same model as its JSON.
func TestOTMYAMLSameAsJSON(t *testing.T) {
	for _, path := range fixtureFiles(t, "otm/*.otm") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var doc any
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatal(err)
			}
			asYAML, err := yaml.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			if format, err := Detect(asYAML); err != nil || format != OTM {
				t.Fatalf("Detect of the YAML = %q, %v", format, err)
			}
			fromJSON, err := Import(data)
			if err != nil {
				t.Fatal(err)
			}
			fromYAML, err := Import(asYAML)
			if err != nil {
				t.Fatal(err)
			}
			a, _ := model.Encode(fromJSON.Model)
			b, _ := model.Encode(fromYAML.Model)
			if string(a) != string(b) {
				t.Errorf("the YAML imports differently:\n%s", firstDiff(string(a), string(b)))
			}
		})
	}
}
