package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
)

// reference is the DTO v as plain values and ordered objects, for
// encoding/json to format: the keys and their order are the parser's field
// table's, every property of a block one key.
func reference(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return reference(v.Elem())
	case reflect.Slice:
		if v.IsNil() {
			return nil
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = reference(v.Index(i))
		}
		return out
	case reflect.Struct:
		var out orderedObject
		info := structInfoOf(v.Type())
		for i := range info.fields {
			f := &info.fields[i]
			fv := f.of(v)
			switch {
			case f.prop != nil:
				b := fv.Interface().(propsDTO)
				switch {
				case !b.set(f.prop):
				case f.prop.isText():
					out = append(out, orderedField{f.name, b.texts[f.prop.slot]})
				default:
					out = append(out, orderedField{f.name, true})
				}
			case f.omitEmpty && empty(fv):
			default:
				out = append(out, orderedField{f.name, reference(fv)})
			}
		}
		return out
	}
	return v.Interface()
}

type orderedObject []orderedField

type orderedField struct {
	key   string
	value any
}

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		for k, v := range []any{f.key, f.value} {
			if k == 1 {
				b.WriteByte(':')
			}
			if err := enc.Encode(v); err != nil {
				return nil, err
			}
			b.Truncate(b.Len() - 1) // the newline Encode adds
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// TestWriterMatchesEncodingJSON holds the hand-written writer to the output
// of encoding/json, the reference for JSON formatting. The DTOs' property
// blocks stand for a field per property, which encoding/json cannot see, so
// it is given the same keys and values as ordered objects (reference).
func TestWriterMatchesEncodingJSON(t *testing.T) {
	weird := fullModel()
	e := weird.Diagrams[0].Elements[0]
	e.Name = "ctl \x00\x01\x1f \b\f\n\r\t quote\" back\\ <&> \u2028\u2029 é 日本 \xff\xfe bad"
	e.Bounds = Rect{X: 1e21, Y: -1e-7, W: 123456789.125, H: 1e-6}
	e.Tags = []string{"", "x"}
	weird.Diagrams[0].Flows[0].Waypoints = []Point{{math.SmallestNonzeroFloat64, math.MaxFloat64}, {-0.000001, 0.1}, {1e20, 12345678901234567890}}
	deep := fullModel()
	n := deep.AttackTrees[0].Root
	for i := range 40 { // deeper than the indentation the writer keeps ready
		child := &Node{ID: fmt.Sprint("deep", i), Type: Or}
		n.Children = append(n.Children, child)
		n = child
	}
	tests := map[string]*Model{
		"deep tree": deep,
		"full":      fullModel(),
		"weird":     weird,
		"empty":     {},
		"synthetic": Synthetic(200, 300, 10, 7),
	}
	for name, m := range tests {
		t.Run(name, func(t *testing.T) {
			f, err := toDTO(m)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(reference(reflect.ValueOf(f))); err != nil {
				t.Fatal(err)
			}
			got, err := writeJSON(nil, f)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("writer output differs from encoding/json:\n got: %s\nwant: %s", got, want.Bytes())
			}
		})
	}
}

func TestEncodeRoundsCoordinates(t *testing.T) {
	tests := map[string]struct {
		in   Element
		want string // the bounds as written
	}{
		"a fractional drag":  {Element{Bounds: Rect{23.03125, -4.96875, 120.25, 60}}, `"bounds": {"x": 23, "y": -5, "w": 120.3, "h": 60}`},
		"one decimal stays":  {Element{Bounds: Rect{10.5, 0.1, 99.9, 40.2}}, `"bounds": {"x": 10.5, "y": 0.1, "w": 99.9, "h": 40.2}`},
		"no negative zero":   {Element{Bounds: Rect{-0.04, -0.01, 10, 10}}, `"bounds": {"x": 0, "y": 0, "w": 10, "h": 10}`},
		"a tiny size stays":  {Element{Bounds: Rect{0, 0, 0.04, 10}}, `"bounds": {"x": 0, "y": 0, "w": 0.04, "h": 10}`},
		"whole numbers stay": {Element{Bounds: Rect{100, 200, 300, 400}}, `"bounds": {"x": 100, "y": 200, "w": 300, "h": 400}`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			e := tc.in
			e.ID, e.Kind, e.Name = "e", Actor, "User"
			m := &Model{ID: "m", Diagrams: []*Diagram{{ID: "d", Elements: []*Element{&e}}}}
			b, err := Encode(m)
			if err != nil {
				t.Fatal(err)
			}
			squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
			if !strings.Contains(squeeze(string(b)), squeeze(tc.want)) {
				t.Errorf("encoded:\n%s\nwant %s", b, tc.want)
			}
			back, err := Decode(b)
			if err != nil {
				t.Fatal(err)
			}
			again, _ := Encode(back)
			if string(again) != string(b) {
				t.Error("a rounded file changes when loaded and saved again")
			}
		})
	}
}
