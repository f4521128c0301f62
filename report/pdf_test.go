package report

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

// fixedDate dates every test report, so that the output is reproducible.
var fixedDate = time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)

func exampleBytes() []byte { return assets.Example() }

func example(t testing.TB) *model.Model {
	t.Helper()
	m, err := model.Decode(assets.Example())
	if err != nil {
		t.Fatalf("decode the example: %v", err)
	}
	return m
}

// tool finds a poppler tool; the test is skipped without it (make deps
// installs poppler-utils).
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed", name)
	}
	return p
}

// pdfRun writes pdf to a temporary file and runs a poppler tool on it.
func pdfRun(t *testing.T, pdf []byte, name string, args ...string) string {
	t.Helper()
	bin := tool(t, name)
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, append(args, path)...).Output()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(out)
}

// pdfText is the PDF's text as pdftotext reads it, words joined by single
// spaces, so that text wrapped across lines still matches.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	return strings.Join(strings.Fields(pdftotext(t, pdf)), " ")
}

func pdftotext(t *testing.T, pdf []byte) string {
	t.Helper()
	bin := tool(t, "pdftotext")
	cmd := exec.Command(bin, "-q", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

var pagesLine = regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`)

func pageCount(t *testing.T, pdf []byte) int {
	t.Helper()
	m := pagesLine.FindStringSubmatch(pdfRun(t, pdf, "pdfinfo"))
	if m == nil {
		t.Fatal("pdfinfo printed no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

var outlineItem = regexp.MustCompile(`<item page="(\d+)">([^<]*)</item>`)

// outline lists the PDF's bookmarks as "title@page", read by pdftohtml.
func outline(t *testing.T, pdf []byte) []string {
	t.Helper()
	xml := pdfRun(t, pdf, "pdftohtml", "-xml", "-i", "-q", "-stdout")
	var out []string
	for _, m := range outlineItem.FindAllStringSubmatch(xml, -1) {
		title := strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#34;", `"`, "&#39;", "'").Replace(m[2])
		out = append(out, title+"@"+m[1])
	}
	return out
}

func buildPDF(t testing.TB, m *model.Model, o Options) []byte {
	t.Helper()
	if o.Date.IsZero() {
		o.Date = fixedDate
	}
	data, err := BuildPDF(m, o)
	if err != nil {
		t.Fatalf("BuildPDF: %v", err)
	}
	return data
}

func TestExamplePDFGolden(t *testing.T) {
	golden(t, "example.pdf", buildPDF(t, example(t), Options{uncompressed: true}), sameBytes)
}

// TestExamplePDFText reads the report back: every chapter, every use case,
// every threat and every action of the example must be in it.
func TestExamplePDFText(t *testing.T) {
	m := example(t)
	text := pdfText(t, buildPDF(t, m, Options{}))
	want := []string{m.Title, "page 2 of", "INTERNAL"}
	for _, c := range Chapters {
		if title, ok := chapterTitles[c]; ok {
			want = append(want, title)
		}
	}
	for _, d := range m.Diagrams {
		want = append(want, useCaseTitle(d))
	}
	for _, r := range m.Threats() {
		want = append(want, r.Threat.Title, r.Threat.ID)
	}
	for _, a := range m.Actions {
		want = append(want, a.Title)
	}
	for _, tr := range m.AttackTrees {
		want = append(want, tr.Title)
	}
	for _, s := range want {
		if !strings.Contains(text, strings.Join(strings.Fields(s), " ")) {
			t.Errorf("the report lacks %q", s)
		}
	}
}

// TestExamplePDFPagesAndOutline checks the page count, that the footer
// counts the same pages, and that every chapter, use case and attack tree
// is bookmarked on the page the contents gives for it.
func TestExamplePDFPagesAndOutline(t *testing.T) {
	m := example(t)
	pdf := buildPDF(t, m, Options{})
	n := pageCount(t, pdf)
	if n < 10 || n > 30 {
		t.Errorf("%d pages; the example's report should take 10 to 30", n)
	}
	text := pdfText(t, pdf)
	if want := fmt.Sprintf("page %d of %d", n, n); !strings.Contains(text, want) {
		t.Errorf("the last footer %q is missing", want)
	}
	marks := outline(t, pdf)
	pageOf := map[string]string{}
	for _, mk := range marks {
		title, page, _ := strings.Cut(mk, "@")
		pageOf[title] = page
	}
	want := []string{chapterTitles[ChapterContents], chapterTitles[ChapterSummary], chapterTitles[ChapterRegister],
		chapterTitles[ChapterAccepted], chapterTitles[ChapterTrees], chapterTitles[ChapterActions], chapterTitles[ChapterAppendix]}
	for _, d := range m.Diagrams {
		want = append(want, useCaseTitle(d))
	}
	for _, tr := range m.AttackTrees {
		want = append(want, tr.Title)
	}
	for _, w := range want {
		page, ok := pageOf[w]
		if !ok {
			t.Errorf("no bookmark %q in %q", w, marks)
			continue
		}
		// The contents line ends with the same page number.
		if w != chapterTitles[ChapterContents] && !regexp.MustCompile(regexp.QuoteMeta(w)+`\s*\.*\s*`+page+`\b`).MatchString(pdftotext(t, pdf)) {
			t.Errorf("the contents do not give page %s for %q", page, w)
		}
	}
}

// utf8Model is a small model whose names need the embedded fonts: the
// Latin and Polish letters and the symbols the issue names, an emoji above
// U+FFFF and CJK that no embedded face has.
func utf8Model() *model.Model {
	m := &model.Model{ID: "m1", Title: "Zoë in Łódź", Owner: "Zoë Ångström", Classification: "Vertraulich"}
	e := &model.Element{ID: "e1", Kind: model.Process, Bounds: model.Rect{X: 0, Y: 0, W: 100, H: 100},
		Common: model.Common{Name: "Łódź gateway → ledger", Threats: []*model.Threat{{
			ID: "t1", Title: "Latency ≤ 5 ms breaks 🔑 rotation 認証", Category: "tampering",
			Likelihood: model.High, Impact: model.High, Decision: model.Mitigate, Mitigation: "Zoë rotates keys → weekly",
		}}}}
	m.Diagrams = []*model.Diagram{{ID: "d1", Title: "Zahlungen → Łódź", Elements: []*model.Element{e}}}
	return m
}

func TestUTF8NamesPrint(t *testing.T) {
	text := pdfText(t, buildPDF(t, utf8Model(), Options{}))
	for _, s := range []string{"Zoë in Łódź", "Łódź gateway → ledger", "Latency ≤ 5 ms breaks □ rotation □□", "Zoë rotates keys → weekly", "VERTRAULICH"} {
		if !strings.Contains(text, s) {
			t.Errorf("the report lacks %q", s)
		}
	}
}

func TestPDFIsReproducible(t *testing.T) {
	m := example(t)
	a := buildPDF(t, m, Options{})
	b := buildPDF(t, m, Options{})
	if !bytes.Equal(a, b) {
		t.Fatal("two reports of the same model and options differ")
	}
}

// TestConcurrentBuilds builds reports in parallel; run with -race it
// guards the shared font bytes (each document gets its own copy).
func TestConcurrentBuilds(t *testing.T) {
	m := example(t)
	want := buildPDF(t, m, Options{})
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			got, err := BuildPDF(m, Options{Date: fixedDate})
			switch {
			case err != nil:
				errs <- err
			case !bytes.Equal(got, want):
				errs <- fmt.Errorf("a concurrent build differs from a lone one")
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestPDFOptions(t *testing.T) {
	m := example(t)
	full := pdfText(t, buildPDF(t, m, Options{}))
	var mitigatedDone, dismissed string
	for _, r := range m.Threats() {
		th := r.Threat
		if th.Decision == model.Mitigate && (th.Status == model.Done || th.Status == model.Verified) && mitigatedDone == "" {
			mitigatedDone = th.Title
		}
	}
	// The example has no threat decided not applicable: make its avoided one so.
	for _, r := range m.Threats() {
		if r.Threat.Decision == model.Avoid {
			r.Threat.Decision = model.NotApplicable
			dismissed = r.Threat.Title
		}
	}
	if mitigatedDone == "" || dismissed == "" {
		t.Fatal("the example has no finished mitigation or no avoided threat to leave out")
	}
	cases := map[string]struct {
		opts    Options
		absent  []string
		present []string
	}{
		"full":              {opts: Options{}, present: []string{mitigatedDone, dismissed, chapterTitles[ChapterAppendix]}},
		"omit mitigated":    {opts: Options{OmitMitigated: true}, absent: []string{mitigatedDone}, present: []string{dismissed}},
		"omit dismissed":    {opts: Options{OmitDismissed: true}, absent: []string{dismissed}, present: []string{mitigatedDone}},
		"omit chapters":     {opts: Options{Omit: []Chapter{ChapterAppendix, ChapterTrees, ChapterContents}}, absent: []string{chapterTitles[ChapterAppendix], chapterTitles[ChapterTrees], "Contents"}, present: []string{chapterTitles[ChapterRegister]}},
		"omit out of scope": {opts: Options{OmitOutOfScope: true}, absent: []string{"Deploy pipeline"}, present: []string{"Web API"}},
	}
	if !strings.Contains(full, "Deploy pipeline") {
		t.Fatal("the example's out-of-scope element is not in the full report")
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			text := pdfText(t, buildPDF(t, m, c.opts))
			for _, s := range c.absent {
				if strings.Contains(text, s) {
					t.Errorf("%q is still in the report", s)
				}
			}
			for _, s := range c.present {
				if !strings.Contains(text, s) {
					t.Errorf("%q is missing", s)
				}
			}
		})
	}
}

func TestPDFPaperAndLogo(t *testing.T) {
	m := example(t)
	info := pdfRun(t, buildPDF(t, m, Options{Paper: Letter}), "pdfinfo")
	if !strings.Contains(info, "612 x 792 pts (letter)") {
		t.Errorf("Letter paper: pdfinfo says\n%s", info)
	}
	logo, err := os.ReadFile(filepath.Join("testdata", "logo.png"))
	if err != nil {
		t.Fatal(err)
	}
	withLogo := buildPDF(t, m, Options{Logo: logo})
	if !strings.Contains(pdfRun(t, withLogo, "pdfimages", "-list"), "png") && !bytes.Contains(withLogo, []byte("/Subtype /Image")) {
		t.Error("the logo is not in the PDF")
	}
	if _, err := BuildPDF(m, Options{Logo: []byte("GIF89a not a logo")}); err == nil || !strings.Contains(err.Error(), "logo") {
		t.Errorf("a bad logo gave %v, want an error about the logo", err)
	}
}

// TestLongTextBreaksAcrossPages: a threat whose description is longer than
// a page is continued on the next pages, never cut.
func TestLongTextBreaksAcrossPages(t *testing.T) {
	m := utf8Model()
	th := m.Diagrams[0].Elements[0].Threats[0]
	var words []string
	for i := range 1500 {
		words = append(words, fmt.Sprintf("w%04d", i))
	}
	th.Description = strings.Join(words, " ")
	th.Mitigation = strings.Repeat("x", 400) // one word longer than a column
	pdf := buildPDF(t, m, Options{})
	text := pdfText(t, pdf)
	for _, w := range []string{"w0000", "w0750", "w1499"} {
		if !strings.Contains(text, w) {
			t.Errorf("%s was cut", w)
		}
	}
	if got := strings.Count(strings.ReplaceAll(text, " ", ""), "x"); got < 400 {
		t.Errorf("%d of the 400-character word printed", got)
	}
}

var scaleThreat = regexp.MustCompile(`Threat \d+:`)

// TestTableHeaderRepeats: a register longer than a page repeats its header
// row on every page it covers.
func TestTableHeaderRepeats(t *testing.T) {
	m := scaleModel(20, 120, 1, 0)
	pdf := buildPDF(t, m, Options{Omit: []Chapter{ChapterContents, ChapterSummary, ChapterUseCases, ChapterAccepted, ChapterActions, ChapterAppendix}})
	pages := strings.Split(pdftotext(t, pdf), "\f")
	withThreats, withHeader := 0, 0
	for _, p := range pages {
		if !scaleThreat.MatchString(p) {
			continue
		}
		withThreats++
		if strings.Contains(p, "Mitigation") && strings.Contains(p, "Ticket") && strings.Contains(p, "Status") {
			withHeader++
		}
	}
	if withThreats < 3 {
		t.Fatalf("the register covers %d pages; the test wants at least 3", withThreats)
	}
	if withHeader != withThreats {
		t.Errorf("the header is on %d of the %d register pages", withHeader, withThreats)
	}
}

// TestContentsWhenTheLastPageIsLandscape: the contents are written last,
// into pages reserved at the front; with the landscape register as the
// last chapter they must still land on their page, in place.
func TestContentsWhenTheLastPageIsLandscape(t *testing.T) {
	pdf := buildPDF(t, example(t), Options{Omit: []Chapter{ChapterAccepted, ChapterTrees, ChapterActions, ChapterAppendix}})
	if info := pdfRun(t, pdf, "pdfinfo", "-l", "99"); !regexp.MustCompile(`Page\s+\d+ size:\s+841.89 x 595.28`).MatchString(info) {
		t.Fatal("no landscape page in the report")
	}
	pages := strings.Split(pdftotext(t, pdf), "\f")
	if len(pages) < 2 || !strings.Contains(pages[1], "Contents") {
		t.Fatal("page 2 is not the contents")
	}
	for _, mk := range outline(t, pdf) {
		title, page, _ := strings.Cut(mk, "@")
		if title == chapterTitles[ChapterRegister] {
			if !regexp.MustCompile(regexp.QuoteMeta(title) + `\s*\.*\s*` + page + `\b`).MatchString(pages[1]) {
				t.Errorf("the contents page does not give page %s for the register:\n%s", page, pages[1])
			}
			return
		}
	}
	t.Error("no bookmark for the register")
}
