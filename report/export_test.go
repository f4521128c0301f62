package report

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/model"
)

func TestExampleMarkdownGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := Markdown(&buf, example(t), Options{Date: fixedDate}); err != nil {
		t.Fatal(err)
	}
	golden(t, "example.md", buf.Bytes(), sameBytes)
}

// TestMarkdownHasTheReport: the wiki page carries what the PDF carries.
func TestMarkdownHasTheReport(t *testing.T) {
	m := example(t)
	var buf bytes.Buffer
	if err := Markdown(&buf, m, Options{Date: fixedDate}); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	want := []string{"# Private podcast feed"}
	for _, c := range Chapters {
		if title, ok := chapterTitles[c]; ok && c != ChapterContents {
			want = append(want, "## "+mdInline(title))
		}
	}
	for _, d := range m.Diagrams {
		want = append(want, "## "+mdInline(useCaseTitle(d)))
	}
	for _, r := range m.Threats() {
		want = append(want, mdCell(r.Threat.Title))
	}
	for _, s := range want {
		if !strings.Contains(md, s) {
			t.Errorf("the Markdown lacks %q", s)
		}
	}
}

func TestMarkdownEscapes(t *testing.T) {
	cases := map[string]struct{ in, cell string }{
		"pipe":       {in: "a | b", cell: `a \| b`},
		"emphasis":   {in: "*bold* _it_", cell: `\*bold\* \_it\_`},
		"html":       {in: "<script>", cell: "&lt;script&gt;"},
		"newline":    {in: "one\ntwo", cell: "one<br>two"},
		"link":       {in: "[x](y)", cell: `\[x\](y)`},
		"plain utf8": {in: "Zoë → Łódź", cell: "Zoë → Łódź"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			if got := mdCell(c.in); got != c.cell {
				t.Errorf("mdCell(%q) = %q, want %q", c.in, got, c.cell)
			}
		})
	}
}

func TestExampleCSVGolden(t *testing.T) {
	files, err := BacklogFiles(example(t), Options{Date: fixedDate}, "backlog.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 2 || files[0].Name != "backlog.csv" || files[1].Name != "backlog-actions.csv" {
		t.Fatalf("files %v, want backlog.csv and backlog-actions.csv", names(files))
	}
	golden(t, "example-threats.csv", files[0].Data, sameBytes)
	golden(t, "example-actions.csv", files[1].Data, sameBytes)
}

func names(files []File) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.Name
	}
	return out
}

// TestCSVReadsBack opens the files with a real CSV reader: the right
// columns, one row per threat or action, in register order, stories for
// mitigations, and the IDs as external references.
func TestCSVReadsBack(t *testing.T) {
	m := example(t)
	var threats, actions bytes.Buffer
	if err := ThreatsCSV(&threats, m, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := ActionsCSV(&actions, m, Options{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&threats).ReadAll()
	if err != nil {
		t.Fatalf("threats: %v", err)
	}
	for _, col := range []string{"Summary", "Description", "Priority", "Labels", "Assignee", "Due date", "Status", "External ID", "Issue Type"} {
		if !slices.Contains(rows[0], col) {
			t.Errorf("threats: no column %q in %q", col, rows[0])
		}
	}
	col := func(name string) int { return slices.Index(rows[0], name) }
	if got, want := len(rows)-1, len(m.Threats()); got != want {
		t.Fatalf("threats: %d rows, want %d", got, want)
	}
	ids := map[string]bool{}
	for _, r := range m.Threats() {
		ids[r.Threat.ID] = true
	}
	for i, r := range rows[1:] {
		if len(r) != len(ThreatColumns) {
			t.Fatalf("threats row %d: %d fields", i+1, len(r))
		}
		th, ok := m.Threat(r[col("External ID")])
		if !ok {
			t.Fatalf("threats row %d: unknown threat ID %q", i+1, r[col("External ID")])
		}
		if r[col("Summary")] != th.Threat.Title {
			t.Errorf("row %d: summary %q, want %q", i+1, r[col("Summary")], th.Threat.Title)
		}
		wantType := "Task"
		if th.Threat.Decision == model.Mitigate {
			wantType = "Story"
		}
		if r[col("Issue Type")] != wantType {
			t.Errorf("row %d: issue type %q, want %q", i+1, r[col("Issue Type")], wantType)
		}
		if r[col("Assignee")] != th.Threat.Owner || r[col("Due date")] != dateLabel(th.Threat.Due) {
			t.Errorf("row %d: assignee %q due %q", i+1, r[col("Assignee")], r[col("Due date")])
		}
		delete(ids, th.Threat.ID)
	}
	if len(ids) > 0 {
		t.Errorf("threats missing from the CSV: %v", ids)
	}
	if got := rows[1][col("Priority")]; got != "High" {
		t.Errorf("the first row's priority is %q; the register starts with a high risk", got)
	}
	arows, err := csv.NewReader(&actions).ReadAll()
	if err != nil {
		t.Fatalf("actions: %v", err)
	}
	if !slices.Equal(arows[0], ActionColumns) || len(arows)-1 != len(m.Actions) {
		t.Errorf("actions: header %q and %d rows, want %q and %d", arows[0], len(arows)-1, ActionColumns, len(m.Actions))
	}
}

func TestPriority(t *testing.T) {
	cases := map[string]struct {
		l, i model.Level
		want string
	}{
		"critical": {model.High, model.High, "Highest"},
		"high":     {model.Medium, model.High, "High"},
		"medium":   {model.Low, model.High, "Medium"},
		"low":      {model.Low, model.Low, "Low"},
		"unrated":  {model.LevelUnset, model.High, "Lowest"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			if got := priority(analysis.Risk(c.l, c.i)); got != c.want {
				t.Errorf("priority = %q, want %q", got, c.want)
			}
		})
	}
}

func TestActionsName(t *testing.T) {
	for in, want := range map[string]string{"backlog.csv": "backlog-actions.csv", "b": "b-actions.csv", "x.tsv": "x-actions.tsv"} {
		if got := ActionsName(in); got != want {
			t.Errorf("ActionsName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteFiles(t *testing.T) {
	dir := t.TempDir()
	files := []File{{Name: "a.csv", Data: []byte("one")}, {Name: "b.csv", Data: []byte("two")}}
	if err := WriteFiles(dir, files); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil || string(got) != string(f.Data) {
			t.Errorf("%s: %q, %v", f.Name, got, err)
		}
	}
	// A failure on the second file leaves the first target as it was and
	// no temporary file behind.
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := WriteFiles(dir, []File{{Name: "a.csv", Data: []byte("new")}, {Name: "missing/b.csv", Data: []byte("x")}})
	if err == nil || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("error %v, want one naming the missing folder", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "a.csv")); string(got) != "one" {
		t.Errorf("a.csv is %q after a failed export, want it unchanged", got)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}
