package app

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestSidePanelMarkup renders the side panel's main states as Fyne markup
// under the test theme: the model's details with nothing selected, an
// element's and a flow's properties, and a flow's threats. The markup
// names the objects, their places and colour roles, so it checks the
// panel's structure without breaking on a Fyne update.
func TestSidePanelMarkup(t *testing.T) {
	cases := map[string]struct {
		sel string // selected in the first diagram; "" for nothing
		tab int    // the side panel's tab: properties, threats, attack trees
	}{
		"properties-nothing": {},
		"properties-element": {sel: "e2"},
		"properties-flow":    {sel: "f1"},
		"threats-flow":       {sel: "f1", tab: 1},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t, testModel())
			f.a.win.Resize(fyne.NewSize(1400, 900))
			if tc.sel != "" {
				f.a.selectObject("d1", tc.sel)
			}
			f.a.side.SelectIndex(tc.tab)
			f.a.refreshPanels()
			assertObjectMarkup(t, "markup/side-"+name+".xml", f.a.side)
		})
	}
}

// assertObjectMarkup compares the markup of o with testdata/name, or
// writes it there with -update.
func assertObjectMarkup(t *testing.T, name string, o fyne.CanvasObject) {
	t.Helper()
	if *update {
		path := filepath.Join("testdata", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(test.RenderObjectToMarkup(o)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	test.AssertObjectRendersToMarkup(t, name, o)
}
