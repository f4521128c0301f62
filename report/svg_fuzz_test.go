package report

import (
	"bytes"
	"encoding/xml"
	"io"
	"testing"

	"github.com/threatboard/threatboard/drawing"
	"github.com/threatboard/threatboard/model"
)

// FuzzWriteSVG writes diagrams whose names and IDs hold any text: the SVG
// must always be well-formed XML.
func FuzzWriteSVG(f *testing.F) {
	for _, s := range []string{"R&D <team>", "\"quoted\"", "\x00\x01\x1f", "]]>", "Zoë → ≤", "\xff", "\ufffe", "𝄞"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, name, id string) {
		d := &model.Diagram{
			Elements:   []*model.Element{{ID: id, Kind: model.Actor, Bounds: model.Rect{W: 120, H: 60}, Common: model.Common{Name: name}}},
			Boundaries: []*model.Boundary{{ID: id + "b", Name: name, Shape: model.BoundaryBox, Bounds: model.Rect{X: -10, Y: -10, W: 200, H: 100}}},
		}
		var buf bytes.Buffer
		if err := WriteSVG(&buf, drawing.Diagram(d), ImageOptions{}); err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(&buf)
		for {
			if _, err := dec.Token(); err == io.EOF {
				return
			} else if err != nil {
				t.Fatalf("not well-formed for name %q, id %q: %v", name, id, err)
			}
		}
	})
}
