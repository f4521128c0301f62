package interop

import (
	"os"
	"strings"
	"testing"
)

// docs/IMPORT.md lists the rows of the mapping tables; a row added to a
// table and not to the page fails here.
func TestImportDocsListTheTables(t *testing.T) {
	data, err := os.ReadFile("../docs/IMPORT.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	var want []string
	for _, r := range drawioShapes {
		want = append(want, "| `"+r.Style+"` |")
	}
	for _, r := range tm7PropRules {
		want = append(want, "| "+r.Display+" |")
	}
	for k := range tm7Generic {
		want = append(want, "`"+k+"`")
	}
	for k := range tm7States {
		want = append(want, k)
	}
	for k := range threagileStatuses {
		want = append(want, k+" →")
	}
	for _, w := range want {
		if !strings.Contains(doc, w) {
			t.Errorf("docs/IMPORT.md does not mention %s", w)
		}
	}
}
