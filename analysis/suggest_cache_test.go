package analysis

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/threatboard/threatboard/model"
)

// TestResultsUpdate applies long runs of random edits to a synthetic model,
// updating the analysis after each with the IDs the edit touched, and wants
// it to equal a fresh whole-model analysis every time.
func TestResultsUpdate(t *testing.T) {
	c := builtinCatalog(t)
	for seed := range uint64(6) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			m := model.Synthetic(60, 240, 12, int64(seed))
			d := m.Diagrams[0]
			a := c.Analyze(m)
			rng := rand.New(rand.NewPCG(seed, 99))
			for step := range 300 {
				what, ids := randomEdit(rng, d, step)
				a.Update(d.ID, ids...)
				if got, want := a.Suggestions(), c.Suggest(m); !reflect.DeepEqual(got, want) {
					t.Fatalf("step %d (%s %v): analysis has %d suggestions, a fresh run %d", step, what, ids, len(got), len(want))
				}
			}
		})
	}
}

// randomEdit changes the diagram at random and returns what it did and the
// IDs it touched.
func randomEdit(rng *rand.Rand, d *model.Diagram, step int) (string, []string) {
	connectable := func() *model.Element {
		for {
			e := d.Elements[rng.IntN(len(d.Elements))]
			if e.Kind.Connectable() {
				return e
			}
		}
	}
	switch r := rng.IntN(10); {
	case r < 3: // flip a yes/no property of an element
		e := connectable()
		props := model.ElementProperties(e.Kind)
		for {
			p := props[rng.IntN(len(props))]
			if !p.Text && len(p.Options) == 0 {
				v, _ := e.Prop(p.Key)
				_ = e.SetProp(p.Key, !v.(bool))
				return "set " + p.Key, []string{e.ID}
			}
		}
	case r < 5: // flip a yes/no property of a flow
		if len(d.Flows) == 0 {
			return "nothing", nil
		}
		f := d.Flows[rng.IntN(len(d.Flows))]
		props := model.FlowProperties()
		for {
			p := props[rng.IntN(len(props))]
			if !p.Text && len(p.Options) == 0 {
				v, _ := f.Prop(p.Key)
				_ = f.SetProp(p.Key, !v.(bool))
				return "set flow " + p.Key, []string{f.ID}
			}
		}
	case r < 6: // move an element across boundaries
		e := connectable()
		e.Bounds = e.Bounds.Moved(model.Point{X: float64(rng.IntN(641) - 320), Y: float64(rng.IntN(641) - 320)})
		return "move", []string{e.ID}
	case r < 7: // add a flow
		a, b := connectable(), connectable()
		f := &model.Flow{ID: fmt.Sprintf("new-flow-%d", step), From: a.ID, To: b.ID, Bidirectional: rng.IntN(2) == 0}
		f.CarriesPersonalData = rng.IntN(2) == 0
		d.Flows = append(d.Flows, f)
		return "add flow", []string{f.ID}
	case r < 8: // delete a flow
		if len(d.Flows) == 0 {
			return "nothing", nil
		}
		i := rng.IntN(len(d.Flows))
		id := d.Flows[i].ID
		d.Flows = slices.Delete(d.Flows, i, i+1)
		return "delete flow", []string{id}
	case r < 9: // delete an element and its flows
		e := connectable()
		i := slices.Index(d.Elements, e)
		d.Elements = slices.Delete(d.Elements, i, i+1)
		d.Reindex()
		d.Flows = slices.DeleteFunc(d.Flows, func(f *model.Flow) bool { return f.From == e.ID || f.To == e.ID })
		return "delete element", []string{e.ID}
	default: // add an element
		e := &model.Element{ID: fmt.Sprintf("new-el-%d", step), Kind: model.Kind(1 + rng.IntN(4)),
			Bounds: model.Rect{X: float64(rng.IntN(2000)), Y: float64(rng.IntN(2000)), W: 100, H: 60}}
		e.Name = e.ID
		d.Elements = append(d.Elements, e)
		d.Reindex()
		return "add element", []string{e.ID}
	}
}

// TestResultsBoundaryEdit moves a boundary: the whole diagram is redone.
func TestResultsBoundaryEdit(t *testing.T) {
	c := builtinCatalog(t)
	m := model.Synthetic(200, 400, 10, 3)
	d := m.Diagrams[0]
	a := c.Analyze(m)
	for _, b := range d.Boundaries {
		if b.Shape == model.BoundaryBox {
			b.Bounds = b.Bounds.Moved(model.Point{X: 170, Y: 90})
			a.Update(d.ID, b.ID)
		}
	}
	if !reflect.DeepEqual(a.Suggestions(), c.Suggest(m)) {
		t.Error("analysis differs from a fresh run after boundary moves")
	}
	if got, want := a.For(d.ID, d.Flows[0].ID), c.SuggestFor(m, d.ID, d.Flows[0].ID); !reflect.DeepEqual(got, want) {
		t.Errorf("For = %v, SuggestFor = %v", suggestionKeys(got), suggestionKeys(want))
	}
}

// TestResultsReachNeighbours edits one element and wants the suggestions
// of elements two steps away, whose rules look at it, updated too.
func TestResultsReachNeighbours(t *testing.T) {
	c := builtinCatalog(t)
	s := newSketch(t)
	s.add("a", kActor, "authenticates").add("p", kProc, "parsesUntrustedInput").add("l", kStore, "isLog", "signed").
		flow("f1", "a", "p").flow("f2", "p", "l")
	m := s.model(ChecklistSTRIDE)
	a := c.Analyze(m)
	for _, k := range []string{"TB-R-006:a", "TB-R-004:l"} {
		if !hasKey(a.Suggestions(), k) {
			t.Fatalf("%s missing before the edit", k)
		}
	}
	s.set("p", "writesAuditLog").control("p", "Input validation", true)
	a.Update("d1", "p")
	for _, k := range []string{"TB-R-006:a", "TB-R-004:l"} {
		if hasKey(a.Suggestions(), k) {
			t.Errorf("%s still suggested after the edit of p", k)
		}
	}
	if !reflect.DeepEqual(a.Suggestions(), c.Suggest(m)) {
		t.Error("analysis differs from a fresh run")
	}
}

// TestCatalogShared runs analyses of separate models on one catalog from
// several goroutines, as the app's background analysis and the side panel
// do; run with -race.
func TestCatalogShared(t *testing.T) {
	c := builtinCatalog(t)
	want := c.Suggest(model.Synthetic(300, 600, 10, 9))
	done := make(chan []Suggestion)
	for range 4 {
		go func() {
			m := model.Synthetic(300, 600, 10, 9)
			a := c.Analyze(m)
			d := m.Diagrams[0]
			a.Update(d.ID, d.Elements[5].ID)
			c.SuggestFor(m, d.ID, d.Elements[7].ID)
			done <- a.Suggestions()
		}()
	}
	for range 4 {
		if got := <-done; !reflect.DeepEqual(got, want) {
			t.Error("a concurrent analysis differs")
		}
	}
}

// TestParallelSuggest runs a diagram big enough to be split across cores
// and wants exactly the sequential result, with the built-in catalog and
// with one whose rules also ask for insideBoundary; run with -race.
func TestParallelSuggest(t *testing.T) {
	extra, errs := ParseRules("extra.json", []byte(`{"checklist":"stride","rules":[
	  {"id":"X-1","category":"tampering","targets":["process","flow"],
	   "condition":{"any":[{"all":[{"kind":"process"},{"fact":"insideBoundary","is":false}]},{"source":{"fact":"insideBoundary"}}]},
	   "title":"x","description":"y","mitigation":"z","likelihood":"low","impact":"low"}]}`))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	builtin := builtinCatalog(t)
	cls, _ := BuiltinChecklists()
	rules, _ := BuiltinRules()
	withInside, errs := NewCatalog(cls, append(rules, extra...))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	m := model.Synthetic(1500, 3000, 40, 11)
	defer func(n int) { parallelFrom = n }(parallelFrom)
	for name, c := range map[string]*Catalog{"built-in": builtin, "insideBoundary": withInside} {
		parallelFrom = 1 << 30
		want := c.Suggest(m)
		parallelFrom = 1
		if got := c.Suggest(m); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: parallel run: %d suggestions, sequential %d", name, len(got), len(want))
		}
	}
}
