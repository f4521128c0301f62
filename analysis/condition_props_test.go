package analysis

import (
	"testing"

	"github.com/threatboard/threatboard/model"
)

// TestPropReaders checks the direct property readers against the model's
// property table, for every property of every kind, both values.
func TestPropReaders(t *testing.T) {
	for k := model.Actor; k <= model.Note; k++ {
		for _, p := range model.ElementProperties(k) {
			if elementBools[p.Key] == nil && elementTexts[p.Key] == nil {
				t.Errorf("no reader for element property %q", p.Key)
			}
			for _, v := range propValues(p) {
				e := &model.Element{Kind: k}
				if err := e.SetProp(p.Key, v); err != nil {
					t.Fatal(err)
				}
				r := newPropReader(p.Key)
				got, ok := r.read(&subject{e: e})
				if want, _ := e.Prop(p.Key); !ok || got != want {
					t.Errorf("%s %s = %v, %v; Prop says %v", k, p.Key, got, ok, want)
				}
			}
		}
	}
	for _, p := range model.FlowProperties() {
		if flowBools[p.Key] == nil && flowTexts[p.Key] == nil {
			t.Errorf("no reader for flow property %q", p.Key)
		}
		for _, v := range propValues(p) {
			f := &model.Flow{}
			if err := f.SetProp(p.Key, v); err != nil {
				t.Fatal(err)
			}
			r := newPropReader(p.Key)
			got, ok := r.read(&subject{f: f})
			if want, _ := f.Prop(p.Key); !ok || got != want {
				t.Errorf("flow %s = %v, %v; Prop says %v", p.Key, got, ok, want)
			}
		}
	}
	// A property the kind does not have is absent, not false.
	r := newPropReader("isLog")
	if _, ok := r.readBool(&subject{e: &model.Element{Kind: model.Process}}); ok {
		t.Error("a process has no isLog")
	}
}

func propValues(p model.Property) []any {
	switch {
	case len(p.Options) > 0:
		out := make([]any, len(p.Options))
		for i, o := range p.Options {
			out[i] = o
		}
		return out
	case p.Text:
		return []any{"", "some text"}
	}
	return []any{false, true}
}
