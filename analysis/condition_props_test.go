package analysis

import (
	"testing"

	"github.com/threatboard/threatboard/model"
)

// TestPropReaders checks the property readers against Prop, for every
// property of every kind in the model's table, every value, through the
// typed readers.
func TestPropReaders(t *testing.T) {
	for k := model.Actor; k <= model.Note; k++ {
		for _, p := range model.ElementProperties(k) {
			for _, v := range propValues(p) {
				e := &model.Element{Kind: k}
				if err := e.SetProp(p.Key, v); err != nil {
					t.Fatal(err)
				}
				r := newPropReader(p.Key)
				if want, ok := e.Prop(p.Key); !ok || typed(&r, &subject{e: e}) != want {
					t.Errorf("%s %s: typed %v; Prop says %v, %v", k, p.Key, typed(&r, &subject{e: e}), want, ok)
				}
			}
		}
	}
	for _, p := range model.FlowProperties() {
		for _, v := range propValues(p) {
			f := &model.Flow{}
			if err := f.SetProp(p.Key, v); err != nil {
				t.Fatal(err)
			}
			r := newPropReader(p.Key)
			if want, ok := f.Prop(p.Key); !ok || typed(&r, &subject{f: f}) != want {
				t.Errorf("flow %s: typed %v; Prop says %v, %v", p.Key, typed(&r, &subject{f: f}), want, ok)
			}
		}
	}
	// A property the kind does not have is absent, not false.
	r := newPropReader("isLog")
	if _, ok := r.readBool(&subject{e: &model.Element{Kind: model.Process}}); ok {
		t.Error("a process has no isLog")
	}
	if r := newPropReader("protocol"); typed(&r, &subject{e: &model.Element{Kind: model.Process}}) != nil {
		t.Error("a process has no protocol")
	}
	if r := newPropReader("human"); typed(&r, &subject{f: &model.Flow{}}) != nil {
		t.Error("a flow has no human")
	}
	// The name is every subject's, notes' too.
	name := newPropReader("name")
	for _, s := range []*subject{{e: &model.Element{Kind: model.Note, Common: model.Common{Name: "n"}}}, {f: &model.Flow{Common: model.Common{Name: "n"}}}} {
		if v, ok := name.readText(s); !ok || v != "n" {
			t.Errorf("name = %q, %v", v, ok)
		}
	}
}

// typed reads the property with the reader for its type.
func typed(r *propReader, s *subject) any {
	if v, ok := r.readBool(s); ok {
		return v
	}
	if v, ok := r.readText(s); ok {
		return v
	}
	return nil
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
