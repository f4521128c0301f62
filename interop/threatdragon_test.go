package interop

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

func tdFixtures(t testing.TB) []string {
	return append(fixtureFiles(t, "threat-dragon/v2/*.json"), fixtureFiles(t, "threat-dragon/v1/*.json")...)
}

func TestImportThreatDragonFixtures(t *testing.T) {
	for _, path := range tdFixtures(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			r, err := Import(data)
			if err != nil {
				t.Fatal(err)
			}
			if r.Format != ThreatDragon {
				t.Errorf("format %q", r.Format)
			}
			if ps := model.Validate(r.Model); len(ps) > 0 {
				t.Errorf("invalid model: %v", ps)
			}
			for _, n := range r.Notes {
				t.Log(n)
			}
			m := r.Model
			t.Logf("%q: %d diagrams", m.Title, len(m.Diagrams))
			for _, d := range m.Diagrams {
				var threats int
				for _, e := range d.Elements {
					threats += len(e.Threats)
				}
				for _, f := range d.Flows {
					threats += len(f.Threats)
				}
				t.Logf("  %q: %d elements, %d flows, %d boundaries, %d threats", d.Title, len(d.Elements), len(d.Flows), len(d.Boundaries), threats)
			}
		})
	}
}

// TestThreatDragonRoundTrip: for every fixture, import → export → import
// gives the same model, and export → import → export the same bytes.
func TestThreatDragonRoundTrip(t *testing.T) {
	for _, path := range tdFixtures(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			first, err := Import(data)
			if err != nil {
				t.Fatal(err)
			}
			roundTrip(t, first.Model, ExportThreatDragon)
		})
	}
}

// roundTrip checks that m survives export and import unchanged, and that a
// second export writes the same bytes as the first.
func roundTrip(t *testing.T, m *model.Model, export func(*model.Model) ([]byte, error)) {
	t.Helper()
	out1, err := export(m)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Import(out1)
	if err != nil {
		t.Fatalf("import of the export: %v", err)
	}
	want, err := model.Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	got, err := model.Encode(again.Model)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("import → export → import changed the model:\n%s", firstDiff(string(want), string(got)))
	}
	out2, err := export(again.Model)
	if err != nil {
		t.Fatal(err)
	}
	if string(out1) != string(out2) {
		t.Errorf("export → import → export changed the bytes:\n%s", firstDiff(string(out1), string(out2)))
	}
}

// firstDiff shows the first line where a and b differ, with some context.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range max(len(la), len(lb)) {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			lo := max(0, i-3)
			return "line " + strconv.Itoa(i+1) + ":\n- " + x + "\n+ " + y + "\ncontext:\n" + strings.Join(la[lo:min(len(la), i+1)], "\n")
		}
	}
	return "(no difference)"
}

// TestThreatDragonExportValidates: the export of every fixture and of a
// synthetic model with every feature validates against Threat Dragon's v2
// schema.
func TestThreatDragonExportValidates(t *testing.T) {
	schema := compileSchema(t, "threat-dragon/schema/threat-dragon-v2.schema.json")
	models := map[string]*model.Model{"synthetic": model.Synthetic(60, 90, 6, 3)}
	for _, path := range tdFixtures(t) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Import(data)
		if err != nil {
			t.Fatal(err)
		}
		models[filepath.Base(path)] = r.Model
	}
	for name, m := range models {
		t.Run(name, func(t *testing.T) {
			out, err := ExportThreatDragon(m)
			if err != nil {
				t.Fatal(err)
			}
			validateJSON(t, schema, out)
		})
	}
}

// TestThreatDragonFixturesLenient: the real files break the strict schema
// (strokeDasharray null, threats under data): the schema says so, the
// import does not mind.
func TestThreatDragonFixturesLenient(t *testing.T) {
	schema := compileSchema(t, "threat-dragon/schema/threat-dragon-v2.schema.json")
	data := fixture(t, "threat-dragon/v2/v2-threat-model.json")
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if schema.Validate(inst) == nil {
		t.Skip("the fixture validates strictly now; nothing lenient to test")
	}
	if _, err := Import(data); err != nil {
		t.Errorf("the import is not lenient: %v", err)
	}
}

// TestThreatDragonRoundTripOurs: a Threatboard model with sessions, attack
// trees, actions, controls and every property comes back from Threat
// Dragon exactly as it left.
func TestThreatDragonRoundTripOurs(t *testing.T) {
	for name, m := range ourModels(t) {
		t.Run(name, func(t *testing.T) { roundTrip(t, m, ExportThreatDragon) })
	}
}

// ourModels are Threatboard models that use what other tools lack: the
// bundled example and a synthetic model.
func ourModels(t *testing.T) map[string]*model.Model {
	t.Helper()
	example, err := model.Decode(assets.Example())
	if err != nil {
		t.Fatal(err)
	}
	return map[string]*model.Model{"example": example, "synthetic": model.Synthetic(80, 120, 6, 9)}
}

// TestThreatDragonThreatsWhereTheSchemaPutsThem: threats on the cell, as
// the v2 schema describes, count as much as threats under data.
func TestThreatDragonThreatsWhereTheSchemaPutsThem(t *testing.T) {
	in := `{"version": "2.3.0", "summary": {"title": "t"}, "detail": {"diagrams": [{"title": "d", "diagramType": "STRIDE", "cells": [
		{"id": "a", "shape": "process", "position": {"x": 0, "y": 0}, "size": {"width": 100, "height": 100}, "data": {"name": "P"},
		 "threats": [{"title": "On the cell", "type": "Tampering", "status": "Mitigated", "severity": "Low", "description": "", "mitigation": "m"}]}]}]}}`
	r, err := Import([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	ts := r.Model.Diagrams[0].Elements[0].Threats
	if len(ts) != 1 || ts[0].Title != "On the cell" || ts[0].Category != "tampering" || ts[0].Decision != model.Mitigate || ts[0].Impact != model.Low {
		t.Errorf("threats %+v", ts)
	}
}
