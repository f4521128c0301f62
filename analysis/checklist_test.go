package analysis

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/model"
)

func builtinChecklist(t *testing.T, id string) *Checklist {
	t.Helper()
	cls, err := BuiltinChecklists()
	if err != nil {
		t.Fatal(err)
	}
	for _, cl := range cls {
		if cl.ID == id {
			return cl
		}
	}
	t.Fatalf("no built-in checklist %q", id)
	return nil
}

func categoryIDs(cats []Category) []string {
	var out []string
	for _, c := range cats {
		out = append(out, c.ID)
	}
	return out
}

// TestSTRIDEPerElement checks the STRIDE-per-element table of DESIGN.md.
func TestSTRIDEPerElement(t *testing.T) {
	cl := builtinChecklist(t, ChecklistSTRIDE)
	all := []string{"spoofing", "tampering", "repudiation", "information-disclosure", "denial-of-service", "elevation-of-privilege"}
	tests := map[string]struct {
		e    *model.Element
		want []string
	}{
		"actor":         {&model.Element{Kind: model.Actor}, []string{"spoofing", "repudiation"}},
		"process":       {&model.Element{Kind: model.Process}, all},
		"multi-process": {&model.Element{Kind: model.MultiProcess}, all},
		"store":         {&model.Element{Kind: model.Store}, []string{"tampering", "information-disclosure", "denial-of-service"}},
		"log store":     {&model.Element{Kind: model.Store, IsLog: true}, []string{"tampering", "repudiation", "information-disclosure", "denial-of-service"}},
		"note":          {&model.Element{Kind: model.Note}, nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := categoryIDs(cl.Applicable(tc.e)); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Applicable = %v, want %v", got, tc.want)
			}
		})
	}
	if got, want := categoryIDs(cl.ApplicableFlow(&model.Flow{})), []string{"tampering", "information-disclosure", "denial-of-service"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ApplicableFlow = %v, want %v", got, want)
	}
}

// TestLINDDUNMapping checks LINDDUN's classic mapping.
func TestLINDDUNMapping(t *testing.T) {
	cl := builtinChecklist(t, ChecklistLINDDUN)
	rest := []string{"linkability", "identifiability", "non-repudiation", "detectability", "disclosure-of-information", "non-compliance"}
	tests := map[string]struct {
		e    *model.Element
		want []string
	}{
		"actor":         {&model.Element{Kind: model.Actor}, []string{"linkability", "identifiability", "unawareness"}},
		"process":       {&model.Element{Kind: model.Process}, rest},
		"multi-process": {&model.Element{Kind: model.MultiProcess}, rest},
		"store":         {&model.Element{Kind: model.Store}, rest},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := categoryIDs(cl.Applicable(tc.e)); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Applicable = %v, want %v", got, tc.want)
			}
		})
	}
	if got := categoryIDs(cl.ApplicableFlow(&model.Flow{})); !reflect.DeepEqual(got, rest) {
		t.Errorf("ApplicableFlow = %v, want %v", got, rest)
	}
}

// TestChecklistContent checks that every built-in category explains itself
// and asks at least one question.
func TestChecklistContent(t *testing.T) {
	cls, err := BuiltinChecklists()
	if err != nil {
		t.Fatal(err)
	}
	for _, cl := range cls {
		for _, c := range cl.Categories {
			if c.Explanation == "" || len(c.Questions) == 0 || c.Short == "" {
				t.Errorf("%s/%s: explanation, questions and short name are required", cl.ID, c.ID)
			}
		}
	}
}

func TestParseChecklistErrors(t *testing.T) {
	tests := map[string]struct {
		json string
		want string // in the error
	}{
		"not json":          {`{`, "not a checklist"},
		"unknown field":     {`{"id":"x","name":"X","colour":1,"categories":[]}`, "colour"},
		"bad id":            {`{"id":"X Y","name":"X","categories":[]}`, "id: want a lowercase ID"},
		"no categories":     {`{"id":"x","name":"X","categories":[]}`, "at least one category"},
		"questions as text": {`{"id":"x","name":"X","categories":[{"id":"a","questions":"Why?"}]}`, "categories.questions: want a list, not a JSON string"},
		"duplicate":         {`{"id":"x","name":"X","categories":[{"id":"a","name":"A","appliesTo":[{"targets":["flow"]}]},{"id":"a","name":"B","appliesTo":[{"targets":["flow"]}]}]}`, "categories[1].id: category \"a\" appears twice"},
		"unknown target":    {`{"id":"x","name":"X","categories":[{"id":"a","name":"A","appliesTo":[{"targets":["dragon"]}]}]}`, "categories[0].appliesTo[0].targets[0]: unknown target \"dragon\""},
		"no targets":        {`{"id":"x","name":"X","categories":[{"id":"a","name":"A","appliesTo":[{"targets":[]}]}]}`, "targets: missing"},
		"diagram condition": {`{"id":"x","name":"X","categories":[{"id":"a","name":"A","appliesTo":[{"targets":["store"],"when":{"fact":"insideBoundary"}}]}]}`, "categories[0].appliesTo[0].when.fact: fact \"insideBoundary\" needs the diagram"},
		"relation":          {`{"id":"x","name":"X","categories":[{"id":"a","name":"A","appliesTo":[{"targets":["flow"],"when":{"source":{"kind":"actor"}}}]}]}`, "needs the diagram"},
		"wrong property":    {`{"id":"x","name":"X","categories":[{"id":"a","name":"A","appliesTo":[{"targets":["actor"],"when":{"prop":"isLog","is":true}}]}]}`, "unknown property \"isLog\" for a actor"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := ParseChecklist("mine.json", []byte(tc.json))
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), "mine.json: ") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want mine.json: …%s…", err, tc.want)
			}
		})
	}
}

// TestLoadChecklists loads a user folder with a good checklist, a broken
// one and one that tries to replace STRIDE: only the good one joins the
// built-ins, and the others are reported by file.
func TestLoadChecklists(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a-good.json":   `{"id":"owasp-top10","name":"OWASP Top 10","categories":[{"id":"a01","name":"Broken access control","questions":["Who may do what?"],"appliesTo":[{"targets":["process"]},{"targets":["store"],"when":{"prop":"shared","is":true}}]}]}`,
		"b-broken.json": `{"id":"x",`,
		"c-stride.json": `{"id":"stride","name":"Mine","categories":[{"id":"a","name":"A","appliesTo":[{"targets":["flow"]}]}]}`,
		"notes.txt":     `ignored`,
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cls, errs := LoadChecklists(dir)
	var ids []string
	for _, cl := range cls {
		ids = append(ids, cl.ID)
	}
	if want := []string{"stride", "linddun", "owasp-top10"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("checklists %v, want %v", ids, want)
	}
	if len(errs) != 2 || !strings.Contains(errs[0].Error(), "b-broken.json") || !strings.Contains(errs[1].Error(), "c-stride.json: id: checklist \"stride\" is already a built-in checklist") {
		t.Errorf("errors %v", errs)
	}
	own := cls[2]
	if got := categoryIDs(own.Applicable(&model.Element{Kind: model.Store, Shared: true})); !reflect.DeepEqual(got, []string{"a01"}) {
		t.Errorf("shared store: %v", got)
	}
	if got := own.Applicable(&model.Element{Kind: model.Store}); len(got) != 0 {
		t.Errorf("unshared store: %v", got)
	}
	if _, errs := LoadChecklists(filepath.Join(dir, "missing")); len(errs) != 0 {
		t.Errorf("missing folder: %v", errs)
	}
}
