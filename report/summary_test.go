package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/model"
)

// wordyModel is a model whose every text on the summary is long: scope,
// description, threat titles and owners of 300 characters, and many open
// and overdue actions with long titles.
func wordyModel() *model.Model {
	long := func(s string) string { return strings.Repeat(s+" ", 300/(len(s)+1)) }
	m := scaleModel(50, 200, 2, 2)
	m.Scope = long("scope words that go on")
	m.Description = long("a description of the system")
	for _, t := range m.Threats() {
		t.Threat.Title = long("Zoë's long threat title")
		t.Threat.AcceptedBy = long("someone")
		t.Threat.TransferredTo = long("somebody else")
	}
	for _, a := range m.Actions {
		a.Title = long("an action with a long title")
		a.Owner = long("owner")
	}
	return m
}

// TestSummaryIsOnePage: whatever the model, the summary stays on its one
// page, A4 or Letter.
func TestSummaryIsOnePage(t *testing.T) {
	models := map[string]*model.Model{
		"example":                    example(t),
		"500 elements, 2000 threats": scaleModel(500, 2000, 5, 20),
		"long texts":                 wordyModel(),
		"empty":                      {ID: "m", Title: "Empty"},
	}
	for seed := range uint64(20) {
		models[fmt.Sprintf("random %d", seed)] = randomModel(seed)
	}
	for name, m := range models {
		for _, paper := range []Paper{A4, Letter} {
			t.Run(name+"/"+paper.String(), func(t *testing.T) {
				opts := Options{Date: fixedDate, Paper: paper}
				f, err := gather(m, &opts)
				if err != nil {
					t.Fatal(err)
				}
				d := newPDFDoc(&opts)
				d.summary(f)
				if err := d.err(); err != nil {
					t.Fatal(err)
				}
				if n := d.f.PageCount(); n != 1 {
					t.Errorf("the summary takes %d pages", n)
				}
				if d.y > d.bottom() {
					t.Errorf("the summary ends at %.1f mm, below the text area (%.1f mm)", d.y, d.bottom())
				}
			})
		}
	}
}

// TestSummaryPointsToTheRest reads the big model's summary page: the lists
// that do not fit say how many more there are and on which page, and that
// page starts the chapter named.
func TestSummaryPointsToTheRest(t *testing.T) {
	m := scaleModel(500, 2000, 5, 20)
	for name, opts := range map[string]Options{
		"every chapter":   {},
		"no register":     {Omit: []Chapter{ChapterRegister}},
		"no contents":     {Omit: []Chapter{ChapterContents}},
		"omit mitigated":  {OmitMitigated: true},
		"letter, no tree": {Paper: Letter, Omit: []Chapter{ChapterTrees}},
	} {
		t.Run(name, func(t *testing.T) {
			pages := strings.Split(pdftotext(t, buildPDF(t, m, opts)), "\f")
			summary := -1
			for i, p := range pages {
				if strings.Contains(p, chapterTitles[ChapterSummary]+"\n") && strings.Contains(p, "Top risks") {
					summary = i
					break
				}
			}
			if summary < 0 {
				t.Fatal("no summary page")
			}
			text := strings.Join(strings.Fields(pages[summary]), " ")
			refs := regexp.MustCompile(`and (\d+) more(?: — see “([^”]+)” \(page (\d+)\))?\.`).FindAllStringSubmatch(text, -1)
			if len(refs) != 3 {
				t.Fatalf("%d “and … more” lines on the summary, want 3: %q", len(refs), text)
			}
			for i, c := range []Chapter{ChapterRegister, ChapterActions, ChapterAccepted} {
				r := refs[i]
				if opts.omits(c) {
					if r[2] != "" {
						t.Errorf("%q points to a chapter that is left out", r[0])
					}
					continue
				}
				if r[2] != chapterTitles[c] {
					t.Errorf("%q: want a reference to %q", r[0], chapterTitles[c])
					continue
				}
				p, _ := strconv.Atoi(r[3])
				if p < 1 || p > len(pages) || !strings.Contains(strings.Join(strings.Fields(pages[p-1]), " "), chapterTitles[c]) {
					t.Errorf("%q: page %d does not have the chapter", r[0], p)
				}
			}
		})
	}
}
