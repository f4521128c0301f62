package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"

	"github.com/threatboard/threatboard/interop"
	"github.com/threatboard/threatboard/model"
)

// sharedFixture returns the path of a file made by another tool: under the
// nearest shared/fixtures above the package directory. The test is skipped
// when there is none.
func sharedFixture(t *testing.T, name string) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		for _, p := range []string{filepath.Join(dir, "shared", "fixtures"), filepath.Join(dir, "..", "shared", "fixtures")} {
			if fi, err := os.Stat(p); err == nil && fi.IsDir() {
				return filepath.Join(p, name)
			}
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Skip("no shared/fixtures folder above the package")
		}
		dir = up
	}
}

func TestImportMenu(t *testing.T) {
	f := newFixture(t, testModel())
	f.files.open = sharedFixture(t, "threat-dragon/v2/v2-threat-model.json")
	f.a.importFile()
	if len(f.ask.errs) > 0 {
		t.Fatalf("errors: %v", f.ask.errs)
	}
	if got := f.a.doc.m.Title; got != "Demo Threat Model" {
		t.Errorf("title %q; the import did not open", got)
	}
	if f.a.doc.path != "" || !f.a.doc.dirty() {
		t.Errorf("path %q, dirty %v; want a new, unsaved model", f.a.doc.path, f.a.doc.dirty())
	}
	if got := f.a.win.Title(); !strings.HasPrefix(got, "• Demo Threat Model") {
		t.Errorf("window title %q does not show it unsaved", got)
	}
	if len(f.ask.told) != 1 || !strings.Contains(f.ask.told[0], `flow "Web Request"`) ||
		!strings.Contains(f.ask.told[0], "placeholder actor") {
		t.Errorf("the import notes were not shown per element: %q", f.ask.told)
	}
}

func TestImportBadFileKeepsDocument(t *testing.T) {
	f := newFixture(t, testModel())
	bad := filepath.Join(t.TempDir(), "bad.otm")
	if err := os.WriteFile(bad, []byte(`{"otmVersion": "0.2.0", "project": {"name": 1}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	f.files.open = bad
	f.a.importFile()
	if len(f.ask.errs) != 1 || !strings.Contains(f.ask.errs[0].Error(), "project.name") {
		t.Errorf("errors %v; want one that says where", f.ask.errs)
	}
	if f.a.doc.m.Title != "Podcast feed" {
		t.Error("a failed import replaced the document")
	}
}

// TestOpenOffersImport: File › Open of a Threat Dragon file offers to
// import it, and does when the user agrees.
func TestOpenOffersImport(t *testing.T) {
	f := newFixture(t, testModel())
	f.ask.confirm = true
	f.a.openPath(sharedFixture(t, "threat-dragon/v2/generic-cms.json"))
	if len(f.ask.asked) != 1 || !strings.HasPrefix(f.ask.asked[0], "confirm:Import Threat Dragon model?") {
		t.Errorf("asked %v", f.ask.asked)
	}
	if len(f.ask.errs) > 0 || !strings.Contains(f.a.doc.m.Title, "Content Management") {
		t.Errorf("errors %v, title %q", f.ask.errs, f.a.doc.m.Title)
	}
}

func TestDropOpensOrImports(t *testing.T) {
	f := newFixture(t, testModel())
	ours := filepath.Join(t.TempDir(), "ours.threatboard.json")
	if err := model.Save(ours, testModel()); err != nil {
		t.Fatal(err)
	}
	f.a.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(sharedFixture(t, "otm/nested_tz.otm"))})
	if f.a.doc.m.Title != "Example Project" || f.a.doc.path != "" {
		t.Errorf("dropping an OTM file: title %q, path %q", f.a.doc.m.Title, f.a.doc.path)
	}
	f.ask.unsaved = choiceDiscard
	f.a.dropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(ours)})
	if f.a.doc.m.Title != "Podcast feed" || f.a.doc.path != ours {
		t.Errorf("dropping a Threatboard file: title %q, path %q", f.a.doc.m.Title, f.a.doc.path)
	}
	if len(f.ask.errs) > 0 {
		t.Errorf("errors: %v", f.ask.errs)
	}
}

func TestExportMenu(t *testing.T) {
	for _, format := range exportFormats {
		t.Run(format.label, func(t *testing.T) {
			f := newFixture(t, testModel())
			f.files.save = filepath.Join(t.TempDir(), "out"+format.suffix)
			f.a.exportAs(format)
			data, err := os.ReadFile(f.files.save)
			if err != nil {
				t.Fatal(err)
			}
			r, err := interop.Import(data)
			if err != nil {
				t.Fatal(err)
			}
			if r.Model.Title != "Podcast feed" || f.a.doc.dirty() {
				t.Errorf("title %q, dirty %v", r.Model.Title, f.a.doc.dirty())
			}
		})
	}
}

func TestExportSubmenu(t *testing.T) {
	f := newFixture(t, testModel())
	var labels []string
	for _, it := range f.a.menus.main.Items[0].Items {
		if it.Label == "Export" {
			for _, sub := range it.ChildMenu.Items {
				labels = append(labels, sub.Label)
			}
		}
	}
	if got := strings.Join(labels, ", "); !strings.Contains(got, "Threat Dragon…, Open Threat Model…") {
		t.Errorf("File › Export holds %q", got)
	}
}
