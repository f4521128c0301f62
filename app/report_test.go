package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestReportExports(t *testing.T) {
	want := map[string][]string{
		"PDF report":     {"out.pdf"},
		"Markdown":       {"out.md", "out-authentication.svg"},
		"Backlog CSV":    {"out.csv", "out-actions.csv"},
		"Diagram as SVG": {"out-authentication.svg", "out-listen-to-an-episode.svg"},
		"Diagram as PNG": {"out-authentication.png", "out-listen-to-an-episode.png"},
	}
	for _, x := range reportExports {
		t.Run(x.label, func(t *testing.T) {
			f := newFixture(t, testModel())
			dir := t.TempDir()
			f.a.exportReport(x, filepath.Join(dir, "out"+x.ext))
			if len(f.ask.errs) > 0 {
				t.Fatalf("errors: %v", f.ask.errs)
			}
			for _, name := range want[x.label] {
				data, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil || len(data) == 0 {
					t.Errorf("%s: %v", name, err)
				}
				if name == "out.pdf" && !bytes.HasPrefix(data, []byte("%PDF-")) {
					t.Errorf("out.pdf is not a PDF")
				}
			}
			if !f.a.status.result.Visible() || !strings.HasPrefix(f.a.status.result.Text, "Exported "+want[x.label][0]) || !f.a.status.openResult.Visible() {
				t.Errorf("status %q (visible %v), want it to name %s with Open", f.a.status.result.Text, f.a.status.result.Visible(), want[x.label][0])
			}
			if f.a.doc.dirty() {
				t.Error("exporting marked the document changed")
			}
		})
	}
}

// TestReportExportFails: an export that cannot be written says why and
// leaves nothing behind.
func TestReportExportFails(t *testing.T) {
	f := newFixture(t, testModel())
	dir := t.TempDir()
	f.a.exportReport(reportExports[0], filepath.Join(dir, "missing", "out.pdf"))
	if len(f.ask.errs) != 1 || !strings.Contains(f.ask.errs[0].Error(), "export out.pdf") {
		t.Fatalf("errors %v, want one about out.pdf", f.ask.errs)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left behind: %v", entries)
	}
	if f.a.status.result.Visible() {
		t.Error("the status bar reports a result")
	}
	// A logo that cannot be read stops the export before it starts.
	f.a.reportLogo = filepath.Join(dir, "no-logo.png")
	f.a.exportReport(reportExports[0], filepath.Join(dir, "out.pdf"))
	if len(f.ask.errs) != 2 || !strings.Contains(f.ask.errs[1].Error(), "logo") {
		t.Errorf("errors %v, want one about the logo", f.ask.errs)
	}
}

func TestReportExportSubmenu(t *testing.T) {
	f := newFixture(t, testModel())
	var labels []string
	for _, it := range f.a.menus.main.Items[0].Items {
		if it.Label == "Export" {
			for _, sub := range it.ChildMenu.Items {
				labels = append(labels, sub.Label)
			}
		}
	}
	if got := strings.Join(labels, ", "); !strings.HasPrefix(got, "PDF report…, Markdown…, Backlog CSV…, Diagram as SVG…, Diagram as PNG…") {
		t.Errorf("File › Export holds %q", got)
	}
}

// TestReportOptionsDialog confirms the options dialog and follows the
// choices into the export.
func TestReportOptionsDialog(t *testing.T) {
	f := newFixture(t, testModel())
	dir := t.TempDir()
	f.files.save = filepath.Join(dir, "r.pdf")
	f.a.exportReportDialog(reportExports[0])
	top := f.a.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no options dialog")
	}
	var omitMitigated *widget.Check
	walk(top, func(o any) {
		if c, ok := o.(*widget.Check); ok && strings.HasPrefix(c.Text, "Threats mitigated") {
			omitMitigated = c
		}
	})
	export := findButton(top, "Export…")
	if omitMitigated == nil || export == nil {
		t.Fatal("the dialog lacks the mitigated option or the Export button")
	}
	test.Tap(omitMitigated)
	test.Tap(export)
	if !f.a.reportChoices.report.OmitMitigated {
		t.Error("the choice was not kept")
	}
	if _, err := os.Stat(f.files.save); err != nil {
		t.Errorf("no report written: %v", err)
	}
}
