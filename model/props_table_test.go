package model

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// Every field of Element, Flow and Common that holds a yes/no, a text or a
// data classification is a row of the property table, unless it is one of
// the few the editor sets otherwise; and no two rows share a field.
func TestEveryPropertyFieldIsInTheTable(t *testing.T) {
	notProperties := map[string]bool{
		"ID": true, "Name": true, // renamed on the canvas, read by conditions as "name"
		"Child": true,             // set by "Model it in depth"
		"From":  true, "To": true, // the flow's ends
	}
	e, f := &Element{}, &Flow{}
	tests := map[string]struct {
		obj  reflect.Value
		rows []Property
		ptr  func(*Property) any
	}{
		"element": {reflect.ValueOf(e).Elem(), elementProperties, func(p *Property) any { return p.elemField(e) }},
		"flow":    {reflect.ValueOf(f).Elem(), flowProperties, func(p *Property) any { return p.flowField(f) }},
	}
	dataClass := reflect.TypeOf(DataClass(0))
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			rowOf := map[uintptr]string{}
			for i := range tc.rows {
				p := &tc.rows[i]
				addr := reflect.ValueOf(tc.ptr(p)).Pointer()
				if other, ok := rowOf[addr]; ok {
					t.Errorf("rows %q and %q share a field", other, p.Key)
				}
				rowOf[addr] = p.Key
			}
			var walk func(v reflect.Value)
			walk = func(v reflect.Value) {
				for i := range v.NumField() {
					sf, fv := v.Type().Field(i), v.Field(i)
					switch {
					case sf.Anonymous:
						walk(fv)
					case notProperties[sf.Name]:
					case fv.Kind() == reflect.Bool || fv.Kind() == reflect.String || fv.Type() == dataClass:
						if _, ok := rowOf[fv.Addr().Pointer()]; !ok {
							t.Errorf("%s.%s is not in the property table", v.Type().Name(), sf.Name)
						}
					}
				}
			}
			walk(tc.obj)
		})
	}
}

// A new property is one row of the table: with nothing else changed it is
// written to the file and read back, checked against the element's kind,
// readable by key and by the rule engine's typed readers, and listed for
// its kinds (which the panel and the rules' documentation show). Side
// storage stands in for the field the new row would add.
func TestANewPropertyIsOneRow(t *testing.T) {
	retains := map[*Element]*bool{}
	zones := map[*Flow]*string{}
	elemRow := eb(storeKinds, "retainsForever", "Retains forever", "Never deletes anything.", func(e *Element) *bool {
		if retains[e] == nil {
			retains[e] = new(bool)
		}
		return retains[e]
	})
	flowRow := ft("zone", "Network zone", "Where it runs.", func(f *Flow) *string {
		if zones[f] == nil {
			zones[f] = new(string)
		}
		return zones[f]
	})
	saved := [2][]Property{elementProperties, flowProperties}
	rederive := func() {
		deriveTables()
		structInfos.Clear() // the DTOs' keys are derived from the table too
	}
	t.Cleanup(func() {
		elementProperties, flowProperties = saved[0], saved[1]
		rederive()
	})
	elementProperties = append(slices.Clone(elementProperties), elemRow)
	flowProperties = append(slices.Clone(flowProperties), flowRow)
	rederive()

	m := &Model{ID: "m", Diagrams: []*Diagram{{ID: "d", Elements: []*Element{
		{ID: "s", Kind: Store, Bounds: Rect{0, 0, 10, 10}, Common: Common{Name: "Archive"}, Shared: true},
		{ID: "p", Kind: Process, Bounds: Rect{20, 0, 10, 10}},
	}, Flows: []*Flow{{ID: "f", From: "p", To: "s", Encrypted: true}}}}}
	d := m.Diagrams[0]
	if err := d.Elements[0].SetProp("retainsForever", true); err != nil {
		t.Fatal(err)
	}
	if err := d.Flows[0].SetProp("zone", "DMZ"); err != nil {
		t.Fatal(err)
	}
	data, err := Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	squeezed := strings.Join(strings.Fields(string(data)), "")
	for _, want := range []string{`"shared":true,"retainsForever":true}`, `"encrypted":true,"zone":"DMZ"}`} {
		if !strings.Contains(squeezed, want) {
			t.Errorf("the file lacks %s, in table order after the last property:\n%s", want, data)
		}
	}
	if strings.Count(squeezed, "retainsForever") != 1 {
		t.Error("the process's false value is written")
	}

	back, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	store, flow := back.Diagrams[0].Elements[0], back.Diagrams[0].Flows[0]
	if v, ok := store.Prop("retainsForever"); !ok || v != true {
		t.Errorf("decoded store: retainsForever = %v, %v", v, ok)
	}
	if v, ok := flow.Prop("zone"); !ok || v != "DMZ" {
		t.Errorf("decoded flow: zone = %v, %v", v, ok)
	}
	if again, _ := Encode(back); string(again) != string(data) {
		t.Error("the file changes when read and written again")
	}

	p, ok := ElementProperty("retainsForever")
	if !ok {
		t.Fatal("ElementProperty does not find the new row")
	}
	if v, ok := p.ElementBool(store); !ok || !v {
		t.Errorf("ElementBool(store) = %v, %v", v, ok)
	}
	if _, ok := p.ElementBool(back.Diagrams[0].Elements[1]); ok {
		t.Error("a process has the store's property")
	}
	fp, _ := FlowProperty("zone")
	if v, ok := fp.FlowText(flow); !ok || v != "DMZ" {
		t.Errorf("FlowText = %q, %v", v, ok)
	}
	listed := func(ps []Property, key string) bool {
		return slices.ContainsFunc(ps, func(p Property) bool { return p.Key == key })
	}
	if !listed(ElementProperties(Store), "retainsForever") || listed(ElementProperties(Process), "retainsForever") ||
		!listed(FlowProperties(), "zone") {
		t.Error("the new rows are not listed for exactly their kinds")
	}

	// Checked like any other property: by kind, by type, with its place.
	for bad, want := range map[string]string{
		strings.Replace(string(data), `"id": "p",`, `"id": "p", "retainsForever": true,`, 1): "diagrams[0].elements[1].retainsForever: retainsForever is a property of stores, not of processes",
		strings.Replace(string(data), `"zone": "DMZ"`, `"zone": 7`, 1):                       "diagrams[0].flows[0].zone: want text, not a number (line ",
	} {
		if _, err := Decode([]byte(bad)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Decode: %v\nwant %s", err, want)
		}
	}
}

// TestFormatDocListsEveryProperty keeps the tables of docs/FORMAT.md in
// step with the property table: every property has its row in the section
// of its object, with its type and kinds, in the order the file writes it.
func TestFormatDocListsEveryProperty(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "FORMAT.md"))
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		section string
		blocks  [][]*Property
	}{
		"elements": {"## Elements", [][]*Property{elementCommon, elemOwn}},
		"flows":    {"## Flows", [][]*Property{flowCommon, flowOwn}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			rows := formatDocRows(t, string(doc), tc.section)
			at := -1 // the row of the property before
			for _, block := range tc.blocks {
				for _, p := range block {
					i := slices.IndexFunc(rows, func(r []string) bool { return r[0] == "`"+p.Key+"`" })
					if i < 0 && p.common != nil && name == "flows" {
						// The flows' section names the shared keys in one row.
						i = slices.IndexFunc(rows, func(r []string) bool { return strings.Contains(r[3], p.Key) })
					}
					if i < 0 {
						t.Errorf("docs/FORMAT.md %s: no row for %q", tc.section, p.Key)
						continue
					}
					if i < at {
						t.Errorf("docs/FORMAT.md %s: %q is listed before the property the file writes before it", tc.section, p.Key)
					}
					at = i
					if rows[i][0] != "`"+p.Key+"`" {
						continue
					}
					typ := "bool"
					if p.isText() {
						typ = "string"
					}
					kinds := ""
					if p.common == nil {
						kinds = kindNamesOf(p.Kinds)
					}
					if rows[i][1] != typ || rows[i][2] != kinds {
						t.Errorf("docs/FORMAT.md %s: %s is %q of %q, want %q of %q", tc.section, p.Key, rows[i][1], rows[i][2], typ, kinds)
					}
				}
			}
		})
	}
}

// formatDocRows returns the cells of the table rows of a section.
func formatDocRows(t *testing.T, doc, section string) [][]string {
	t.Helper()
	start := strings.Index(doc, "\n"+section+"\n")
	if start < 0 {
		t.Fatalf("docs/FORMAT.md has no section %q", section)
	}
	body := doc[start+len(section)+2:]
	if end := strings.Index(body, "\n## "); end >= 0 {
		body = body[:end]
	}
	var rows [][]string
	for _, line := range strings.Split(body, "\n") {
		if !strings.HasPrefix(line, "| ") {
			continue
		}
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if len(cells) >= 4 {
			rows = append(rows, cells)
		}
	}
	return rows
}

func kindNamesOf(ks []Kind) string {
	var names []string
	for _, k := range ks {
		names = append(names, k.String())
	}
	return strings.Join(names, ", ")
}
