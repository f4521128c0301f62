package interop

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/model"
)

// The Threat Dragon and OTM tables of docs/IMPORT.md are generated from
// the mapping tables in code; this test fails when they drift, and
// -update rewrites them.
func TestImportDocTables(t *testing.T) {
	const path = "../docs/IMPORT.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for _, part := range []struct{ name, body string }{
		{"threat dragon", tdDocTables()},
		{"otm", otmDocTables()},
	} {
		begin := "<!-- " + part.name + " tables: generated from the code by go test ./interop -run TestImportDocTables -update -->\n"
		end := "<!-- end of " + part.name + " tables -->"
		i, j := strings.Index(doc, begin), strings.Index(doc, end)
		if i < 0 || j < i {
			t.Errorf("docs/IMPORT.md has no %q … %q block", begin, end)
			continue
		}
		if got := doc[i+len(begin) : j]; got != part.body {
			if !*update {
				t.Errorf("the %s tables of docs/IMPORT.md are out of date; run go test ./interop -run TestImportDocTables -update", part.name)
				continue
			}
			doc = doc[:i+len(begin)] + part.body + doc[j:]
		}
	}
	if *update && doc != string(data) {
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func tdDocTables() string {
	var b strings.Builder
	b.WriteString("| Threat Dragon cell (`shape`; v1 `type`) | becomes |\n|---|---|\n")
	for _, s := range tdShapes {
		v1 := ""
		if s.V1 != "" {
			v1 = "; `" + s.V1 + "`"
		}
		fmt.Fprintf(&b, "| `%s`%s | %s |\n", s.Shape, v1, s.Ours)
	}
	b.WriteString("\n| `data` key | element property | flow property |\n|---|---|---|\n")
	for _, p := range tdProps {
		el, fl := code(p.Element), code(p.Flow)
		if p.Tag != "" {
			var kinds []string
			for _, k := range p.TagKinds {
				kinds = append(kinds, k.String())
			}
			el = "tag `" + p.Tag + "` (" + strings.Join(kinds, ", ") + ")"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", p.TD, orDash(el), orDash(fl))
	}
	b.WriteString("\nRecomputed by Threat Dragon, so read for nothing and written afresh: ")
	for i, k := range tdDerived {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("`" + k + "`")
	}
	b.WriteString(".\n\n| threat `status` | decision | status |\n|---|---|---|\n")
	for _, s := range tdStatuses {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", s.TD, s.Decision, s.Status)
	}
	b.WriteString("\n| threat `severity` | impact |\n|---|---|\n")
	for _, s := range tdSeverities {
		fmt.Fprintf(&b, "| `%s` | %s |\n", s.TD, levelName(s.Impact))
	}
	b.WriteString("\n| threat `type` | category |\n|---|---|\n")
	for _, c := range tdCategories {
		fmt.Fprintf(&b, "| %s | `%s` |\n", c.TD, c.Category)
	}
	b.WriteString("| anything else (CIA, DIE, PLOT4ai, EoP, a team's own) | its name as an ID, of a custom checklist (`Integrity` → `integrity`) |\n")
	b.WriteString("\n| diagram `diagramType` | checklist |\n|---|---|\n")
	for _, c := range tdChecklists {
		fmt.Fprintf(&b, "| `%s` | `%s` |\n", c.TD, c.Checklist)
	}
	return b.String()
}

func otmDocTables() string {
	var b strings.Builder
	b.WriteString("| component `type` | kind |\n|---|---|\n")
	for _, k := range otmKinds {
		fmt.Fprintf(&b, "| `%s` | %s |\n", k.Type, k.Kind)
	}
	b.WriteString("\nAny other type containing one of these words (first match): ")
	for i, w := range otmKindWords {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "`%s` → %s", w.Word, w.Kind)
	}
	b.WriteString("; else a process. Both are reported as guesses.\n\n| `risk` likelihood or impact (0–100) | level | the export writes |\n|---|---|---|\n")
	for _, band := range otmBands {
		r := fmt.Sprintf("over %g up to %g", band.From, band.To)
		if band.From == band.To {
			r = fmt.Sprintf("%g or null", band.From)
		}
		fmt.Fprintf(&b, "| %s | %s | %g |\n", r, levelName(band.Level), band.Write)
	}
	b.WriteString("\n| threat `state` | decision | status |\n|---|---|---|\n")
	for _, s := range otmStates {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", s.State, s.Decision, s.Status)
	}
	return b.String()
}

func code(s string) string {
	if s == "" {
		return ""
	}
	return "`" + s + "`"
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func levelName(l model.Level) string {
	if l == model.LevelUnset {
		return "not rated"
	}
	return l.String()
}
