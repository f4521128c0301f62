package analysis

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

// fuzzDiagram is a small diagram with every kind of element, a boundary, a
// bidirectional flow and a dangling one, for fuzzed conditions to run on.
func fuzzDiagram() *model.Diagram {
	d := &model.Diagram{ID: "d"}
	for i, k := range []model.Kind{model.Actor, model.Process, model.MultiProcess, model.Store, model.Note} {
		e := &model.Element{ID: string(rune('a' + i)), Kind: k, Bounds: model.Rect{X: float64(i) * 200, W: 100, H: 60}}
		e.Name = k.String()
		e.Tags = []string{"pci"}
		e.Controls = []model.Control{{Name: "TLS", InPlace: true}}
		d.Elements = append(d.Elements, e)
	}
	d.Elements[3].IsLog = true
	d.Flows = []*model.Flow{
		{ID: "f1", From: "a", To: "b", Protocol: "HTTP"},
		{ID: "f2", From: "b", To: "d", Bidirectional: true, Classification: model.DataSecret},
		{ID: "f3", From: "c", To: "b", Waypoints: []model.Point{{X: 300, Y: 300}}},
		{ID: "f4", From: "b", To: "zz"},
	}
	d.Boundaries = []*model.Boundary{
		{ID: "z1", Shape: model.BoundaryBox, Bounds: model.Rect{X: 180, Y: -20, W: 140, H: 100}},
		{ID: "z2", Shape: model.BoundaryLine, Points: []model.Point{{X: 550, Y: -100}, {X: 550, Y: 200}}},
	}
	return d
}

// FuzzParseRules feeds rule files to the parser: it must never panic, and
// every rule it accepts must evaluate and fill its texts on every element and
// flow without panicking either. Seeds: the built-in rule files and the
// files in testdata/fuzz/FuzzParseRules.
func FuzzParseRules(f *testing.F) {
	files, _ := fs.Glob(assets.Rules, "rules/*.json")
	for _, name := range files {
		data, _ := fs.ReadFile(assets.Rules, name)
		f.Add(data)
	}
	seeds, _ := filepath.Glob(filepath.Join("testdata", "rules", "*.json"))
	for _, name := range seeds {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	d := fuzzDiagram()
	f.Fuzz(func(t *testing.T, data []byte) {
		rules, errs := ParseRules("fuzz.json", data)
		for _, err := range errs {
			if err.Error() == "" {
				t.Error("empty error message")
			}
		}
		df := newDiagramFacts(d)
		for _, r := range rules {
			_ = r.Condition.String()
			for _, e := range d.Elements {
				if t := TargetOf(e.Kind); t != 0 && r.Applies(t) {
					s := df.elementSubject(e)
					r.Condition.match(s)
					r.title.fill(s)
					r.description.fill(s)
					r.miti.fill(s)
				}
			}
			for _, fl := range d.Flows {
				src, dst, ok := df.ends(fl)
				if !ok || !r.Applies(TargetFlow) {
					continue
				}
				s := df.flowSubject(flowEnd{fl, nil, src, dst})
				r.Condition.match(s)
				r.title.fill(s)
			}
		}
	})
}

// FuzzParseChecklist feeds checklist files to the parser: it must never
// panic, and an accepted checklist must answer Applicable for every kind.
func FuzzParseChecklist(f *testing.F) {
	for _, name := range []string{"checklists/stride.json", "checklists/linddun.json"} {
		data, _ := fs.ReadFile(assets.Checklists, name)
		f.Add(data)
	}
	f.Add([]byte(`{"id":"x","name":"X","categories":[{"id":"a","name":"A","appliesTo":[{"targets":["store"],"when":{"not":{"fact":"isLog"}}}]}]}`))
	d := fuzzDiagram()
	f.Fuzz(func(t *testing.T, data []byte) {
		cl, err := ParseChecklist("fuzz.json", data)
		if err != nil {
			return
		}
		for _, e := range d.Elements {
			cl.Applicable(e)
		}
		for _, fl := range d.Flows {
			cl.ApplicableFlow(fl)
		}
	})
}
