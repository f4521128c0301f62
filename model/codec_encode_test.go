package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"testing"
)

// TestWriterMatchesEncodingJSON holds the hand-written writer to the output
// of encoding/json, the reference for JSON formatting.
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
			if err := enc.Encode(f); err != nil {
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
