package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestReportAndExport(t *testing.T) {
	dir := t.TempDir()
	in := exampleFile(t)
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"format":"threatboard","version":1,"diagrams":[{"id":"d","elements":[{"id":"e","kind":"blob"}]}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		args   []string
		code   int
		stderr string   // a substring of the error output
		files  []string // written into dir; every other case writes nothing
		prefix string   // the first file starts with it
	}{
		"pdf":                 {args: []string{"report", in, "-o", "@/r.pdf", "-date", "2027-03-01", "-paper", "letter"}, files: []string{"r.pdf"}, prefix: "%PDF-"},
		"pdf flags after":     {args: []string{"report", "-o", "@/r2.pdf", in, "-omit", "appendix,attack-trees", "-omit-mitigated"}, files: []string{"r2.pdf"}, prefix: "%PDF-"},
		"markdown":            {args: []string{"export", in, "--format", "md", "-o", "@/r.md", "-omit", "use-cases,attack-trees"}, files: []string{"r.md"}, prefix: "# Private podcast feed"},
		"csv":                 {args: []string{"export", in, "--format", "csv", "-o", "@/b.csv"}, files: []string{"b.csv", "b-actions.csv"}, prefix: "Summary,Description"},
		"markdown with svgs":  {args: []string{"export", in, "--format", "md", "-o", "@/wiki.md", "-omit", "attack-trees"}, files: []string{"wiki.md", "wiki-authentication.svg", "wiki-listen-to-an-episode.svg"}, prefix: "# Private podcast feed"},
		"svg of one":          {args: []string{"export", in, "--format", "svg", "-o", "@/a.svg", "-diagram", "Authentication", "-dark"}, files: []string{"a.svg"}, prefix: "<?xml"},
		"png of all":          {args: []string{"export", in, "--format", "png", "-o", "@/d.png", "-scale", "0.5"}, files: []string{"d-authentication.png", "d-listen-to-an-episode.png"}, prefix: "\x89PNG"},
		"svg of every tree":   {args: []string{"export", in, "--format", "svg", "-o", "@/t.svg", "-tree", "all"}, files: []string{"t.svg"}, prefix: "<?xml"},
		"png of one tree":     {args: []string{"export", in, "--format", "png", "-o", "@/t.png", "-tree", "Private feed becomes public", "-dark"}, files: []string{"t.png"}, prefix: "\x89PNG"},
		"svg unknown tree":    {args: []string{"export", in, "--format", "svg", "-o", "@/t.svg", "-tree", "Billing"}, code: 1, stderr: `no attack tree "Billing"`},
		"tree and diagram":    {args: []string{"export", in, "--format", "svg", "-o", "@/t.svg", "-tree", "all", "-diagram", "Authentication"}, code: 2, stderr: "exclude each other"},
		"tree as csv":         {args: []string{"export", in, "--format", "csv", "-o", "@/t.csv", "-tree", "all"}, code: 2, stderr: "-tree draws attack trees"},
		"svg unknown diagram": {args: []string{"export", in, "--format", "svg", "-o", "@/a.svg", "-diagram", "Billing"}, code: 1, stderr: `no diagram "Billing"`},
		"png scale too big":   {args: []string{"export", in, "--format", "png", "-o", "@/a.png", "-scale", "100"}, code: 1, stderr: "image scale 100"},
		"report without -o":   {args: []string{"report", in}, code: 2, stderr: "-o PATH is required"},
		"report of no file":   {args: []string{"report", "-o", "@/x.pdf"}, code: 2, stderr: "usage: threatboard-cli report"},
		"report missing file": {args: []string{"report", "@/none.json", "-o", "@/x.pdf"}, code: 1, stderr: "none.json"},
		"report invalid file": {args: []string{"report", bad, "-o", "@/x.pdf"}, code: 1, stderr: "blob"},
		"bad paper":           {args: []string{"report", in, "-o", "@/x.pdf", "-paper", "a5"}, code: 2, stderr: `unknown paper "a5"`},
		"bad chapter":         {args: []string{"report", in, "-o", "@/x.pdf", "-omit", "summary,intro"}, code: 2, stderr: `unknown chapter "intro"`},
		"bad date":            {args: []string{"report", in, "-o", "@/x.pdf", "-date", "1.3.2027"}, code: 2, stderr: "want YYYY-MM-DD"},
		"missing logo":        {args: []string{"report", in, "-o", "@/x.pdf", "-logo", "@/logo.png"}, code: 2, stderr: "-logo"},
		"logo not an image":   {args: []string{"report", in, "-o", "@/x.pdf", "-logo", in}, code: 1, stderr: "logo: not a PNG or JPEG"},
		"unwritable folder":   {args: []string{"report", in, "-o", "@/no/such/x.pdf"}, code: 1, stderr: "no such file or directory"},
		"export no format":    {args: []string{"export", in, "-o", "@/x.md"}, code: 2, stderr: "--format is required"},
		"export bad format":   {args: []string{"export", in, "--format", "docx", "-o", "@/x.md"}, code: 2, stderr: `unknown format "docx"`},
		"export without -o":   {args: []string{"export", in, "--format", "md"}, code: 2, stderr: "-o PATH is required"},
		"export invalid file": {args: []string{"export", bad, "--format", "csv", "-o", "@/x.csv"}, code: 1, stderr: "blob"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			out := t.TempDir()
			args := make([]string, len(tc.args))
			for i, a := range tc.args {
				args[i] = strings.ReplaceAll(a, "@", out)
			}
			code, stdout, stderr := runCLI(args...)
			if code != tc.code {
				t.Errorf("exit code %d, want %d (stderr %q)", code, tc.code, stderr)
			}
			if !strings.Contains(stderr, tc.stderr) {
				t.Errorf("stderr %q, want it to contain %q", stderr, tc.stderr)
			}
			entries, _ := os.ReadDir(out)
			var got []string
			for _, e := range entries {
				got = append(got, e.Name())
			}
			if strings.Join(got, ",") != strings.Join(slices.Sorted(slices.Values(tc.files)), ",") {
				t.Fatalf("files written %q, want %q", got, tc.files)
			}
			for _, f := range tc.files {
				if !strings.Contains(stdout, filepath.Join(out, f)) {
					t.Errorf("stdout %q does not name %s", stdout, f)
				}
			}
			if len(tc.files) > 0 {
				data, _ := os.ReadFile(filepath.Join(out, tc.files[0]))
				if !strings.HasPrefix(string(data), tc.prefix) {
					t.Errorf("%s starts %q, want %q", tc.files[0], string(data[:min(len(data), 20)]), tc.prefix)
				}
			}
		})
	}
}

func TestExportCSVOpensAsTable(t *testing.T) {
	dir := t.TempDir()
	in := exampleFile(t)
	out := filepath.Join(dir, "backlog.csv")
	if code, _, stderr := runCLI("export", in, "--format", "csv", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || rows[0][0] != "Summary" {
		t.Errorf("%d rows, header %q", len(rows), rows[0])
	}
}
