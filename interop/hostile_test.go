package interop

import (
	"fmt"
	"strings"
	"testing"
)

// billionLaughs is a YAML alias bomb: nine levels of ten aliases each would
// expand to 10⁹ strings.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString("otmVersion: 0.2.0\nproject: {name: x, id: x}\na0: &a0 [\"lol\"]\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := range 10 {
			if j > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

// manyCells is a Threat Dragon file of n actor cells.
func manyCells(n int) string {
	var b strings.Builder
	b.WriteString(`{"version": "2.3.0", "summary": {"title": "big"}, "detail": {"diagrams": [{"title": "d", "diagramType": "STRIDE", "cells": [`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id": "c%d", "shape": "actor", "position": {"x": %d, "y": 0}, "size": {"width": 100, "height": 60}, "data": {"name": "a%d"}}`, i, i*120, i)
	}
	b.WriteString(`]}]}}`)
	return b.String()
}

// deepParents is a chain of n cells, each the parent of the next.
func deepParents(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id": "c%d", "shape": "actor", "parent": "c%d"}`, i, i+1)
	}
	return b.String()
}

// TestHostile: a file that is not what it claims gets a clear error that
// says where, and no model.
func TestHostile(t *testing.T) {
	td := func(cells string) string {
		return `{"version": "2.3.0", "summary": {"title": "t"}, "detail": {"diagrams": [{"title": "d", "diagramType": "STRIDE", "cells": [` + cells + `]}]}}`
	}
	actor := func(id string) string {
		return `{"id": "` + id + `", "shape": "actor", "position": {"x": 0, "y": 0}, "size": {"width": 100, "height": 60}}`
	}
	otm := func(rest string) string {
		return `{"otmVersion": "0.2.0", "project": {"name": "p", "id": "p"}` + rest + `}`
	}
	zone := func(id, parent string) string {
		p := ""
		if parent != "" {
			p = `, "parent": {"trustZone": "` + parent + `"}`
		}
		return `{"id": "` + id + `", "name": "` + id + `", "risk": {"trustRating": 10}` + p + `}`
	}
	tests := map[string]struct {
		in   string
		want string // a part of the error
	}{
		"invalid json":        {in: "{\"summary\": {\"title\": \"t\"},\n \"detail\": {]", want: "line 2, column 13"},
		"truncated json":      {in: `{"summary": {"title": "t"}, "detail": {"diagrams": [`, want: "unexpected end"},
		"wrong type":          {in: `{"summary": {"title": 5}, "detail": {}}`, want: "summary.title is a JSON number, want string"},
		"wrong cell type":     {in: td(`{"id": "a", "shape": "actor", "position": {"x": "left", "y": 0}}`), want: `line 1, column 177: detail.diagrams.cells.position.x is a JSON string, want float64`},
		"missing detail":      {in: `{"summary": {"title": "t"}, "detail": null}`, want: "detail: missing"},
		"dangling source":     {in: td(actor("a") + `, {"id": "f", "shape": "flow", "source": {"cell": "zz"}, "target": {"cell": "a"}}`), want: `cells[1].source: unknown cell "zz"`},
		"flow without ends":   {in: td(actor("a") + `, {"id": "f", "shape": "flow", "target": {"cell": "a"}}`), want: "cells[1].source: missing"},
		"duplicate cell ids":  {in: td(actor("a") + "," + actor("a")), want: `cells[1].id: duplicate cell ID "a" (also at detail.diagrams[0].cells[0])`},
		"missing cell id":     {in: td(`{"shape": "actor"}`), want: "cells[0].id: missing"},
		"parent cycle":        {in: td(`{"id": "a", "shape": "actor", "parent": "b"}, {"id": "b", "shape": "actor", "parent": "a"}`), want: "parents form a cycle"},
		"huge coordinate":     {in: td(`{"id": "a", "shape": "actor", "position": {"x": 1e300, "y": 0}}`), want: "cells[0].position: coordinate 1e+300 is out of range"},
		"huge size":           {in: td(`{"id": "a", "shape": "actor", "size": {"width": 1e12, "height": 5}}`), want: "cells[0].size"},
		"deep parents":        {in: td(deepParents(200)), want: "nest deeper than 100"},
		"100000 cells":        {in: manyCells(100_000), want: "100000 cells; the limit is 50000"},
		"otm yaml bomb":       {in: billionLaughs(), want: "excessive aliasing"},
		"otm yaml NaN":        {in: "otmVersion: 0.2.0\nproject: {name: x, id: x}\ncomponents:\n  - {id: c, name: c, type: process, parent: {trustZone: z}, representations: [{representation: r, id: c1, position: {x: .nan, y: 0}}]}\n", want: "NaN"},
		"otm yaml broken":     {in: "otmVersion: 0.2.0\nproject: [\n", want: "YAML"},
		"otm yaml wrong type": {in: "otmVersion: 0.2.0\nproject: {name: [1], id: x}\n", want: "project.name is a array"},
		"otm invalid json":    {in: `{"otmVersion": "0.2.0", "project": {"name": }`, want: "line 1, column 45"},
		"otm no project":      {in: `{"otmVersion": "0.2.0"}`, want: "project: missing"},
		"otm duplicate ids":   {in: otm(`, "trustZones": [` + zone("z", "") + `, ` + zone("z", "") + `]`), want: `trustZones[1].id: duplicate ID "z" (also at trustZones[0])`},
		"otm zone cycle":      {in: otm(`, "trustZones": [` + zone("a", "b") + `, ` + zone("b", "a") + `]`), want: "trustZones[0].parent: the parents form a cycle"},
		"otm unknown parent":  {in: otm(`, "trustZones": [` + zone("a", "q") + `]`), want: `trustZones[0].parent.trustZone: unknown trust zone "q"`},
		"otm dangling flow": {in: otm(`, "trustZones": [` + zone("z", "") + `], "components": [{"id": "c", "name": "c", "type": "process", "parent": {"trustZone": "z"}}], "dataflows": [{"id": "f", "name": "f", "source": "c", "destination": "gone"}]`),
			want: `dataflows[0].destination: unknown component "gone"`},
		"otm unknown threat": {in: otm(`, "trustZones": [` + zone("z", "") + `], "components": [{"id": "c", "name": "c", "type": "process", "parent": {"trustZone": "z"}, "threats": [{"threat": "t9", "state": "expose"}]}]`),
			want: `components[0].threats[0].threat: unknown threat "t9"`},
		"otm huge position": {in: otm(`, "representations": [{"id": "r", "name": "r", "type": "diagram"}], "trustZones": [` + zone("z", "") + `], "components": [{"id": "c", "name": "c", "type": "process", "parent": {"trustZone": "z"}, "representations": [{"representation": "r", "id": "c-r", "position": {"x": 1e200, "y": 0}}]}]`),
			want: "components[0].representations[0].position: coordinate out of range"},
		"otm risk out of range": {in: otm(`, "trustZones": [` + zone("z", "") + `], "components": [{"id": "c", "name": "c", "type": "process", "parent": {"trustZone": "z"}, "threats": [{"threat": "t", "state": "expose"}]}], "threats": [{"id": "t", "name": "t", "risk": {"likelihood": 500, "impact": 5}}]`),
			want: "likelihood 500 is outside 0..100"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			r, err := Import([]byte(tc.in))
			if err == nil {
				t.Fatalf("no error; want one containing %q", tc.want)
			}
			if r != nil {
				t.Error("a result came with the error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to contain %q", err, tc.want)
			}
		})
	}
}
