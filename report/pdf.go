package report

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/threatboard/threatboard/model"
)

// Chapter titles, shared by the PDF and the Markdown.
var chapterTitles = map[Chapter]string{
	ChapterContents: "Contents",
	ChapterSummary:  "Summary for stakeholders",
	ChapterRegister: "Threat register",
	ChapterAccepted: "Accepted and transferred risks",
	ChapterTrees:    "Attack trees",
	ChapterActions:  "Actions and the next session",
	ChapterAppendix: "Appendix: checklists and rules",
}

// useCaseTitle is the chapter title of a diagram's use case.
func useCaseTitle(d *model.Diagram) string {
	t := strings.TrimSpace(d.Title)
	if t == "" {
		t = "Untitled diagram"
	}
	return "Use case: " + t
}

// PDF writes the report of m as a PDF to w.
func PDF(w io.Writer, m *model.Model, opts Options) error {
	data, err := BuildPDF(m, opts)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// BuildPDF makes the report of m as a PDF. The same model and options
// (with a fixed Date) give the same bytes.
func BuildPDF(m *model.Model, opts Options) ([]byte, error) {
	f, err := gather(m, &opts)
	if err != nil {
		return nil, fmt.Errorf("pdf report: %w", err)
	}
	d := newPDFDoc(&opts)
	d.header = printable(headerText(m), false)
	if err := d.cover(f); err != nil {
		return nil, fmt.Errorf("pdf report: %w", err)
	}
	var contentsFirst, contentsPages int
	if !opts.omits(ChapterContents) {
		contentsFirst, contentsPages = d.reserveContents(f)
	}
	writeChapters(d, f, &opts)
	d.summaryRefs(&opts)
	if contentsPages > 0 {
		d.contents(contentsFirst, contentsPages)
	}
	if err := d.err(); err != nil {
		return nil, fmt.Errorf("pdf report: %w", err)
	}
	var buf bytes.Buffer
	if err := d.f.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf report: %w", err)
	}
	return buf.Bytes(), nil
}

// headerText is the running header: the classification first, as the
// reader must see it on every page.
func headerText(m *model.Model) string {
	parts := []string{}
	if c := strings.TrimSpace(m.Classification); c != "" {
		parts = append(parts, strings.ToUpper(c))
	}
	if t := strings.TrimSpace(m.Title); t != "" {
		parts = append(parts, t)
	}
	return strings.Join(parts, " · ")
}

// contentsLine is the height of one line of the contents.
var contentsLine = lineHeight(bodySize) * 1.25

// reserveContents adds the blank pages the contents will take, once the
// page of every entry is known. The number of entries is known now: the
// chapters, use cases and attack trees the options keep.
func (d *pdfDoc) reserveContents(f *facts) (first, pages int) {
	n := 0
	for _, c := range Chapters[1:] {
		if f.opts.omits(c) {
			continue
		}
		switch c {
		case ChapterUseCases:
			n += len(f.m.Diagrams)
		case ChapterTrees:
			if len(f.m.AttackTrees) > 0 {
				n += 1 + len(f.m.AttackTrees)
			}
		default:
			n++
		}
	}
	perFirst := int(math.Floor((d.bottom() - topMargin - 15) / contentsLine))
	perPage := int(math.Floor((d.bottom() - topMargin) / contentsLine))
	pages = 1
	if n > perFirst {
		pages += int(math.Ceil(float64(n-perFirst) / float64(perPage)))
	}
	d.heading(chapterTitles[ChapterContents], 0, false)
	first = d.f.PageNo()
	for range pages - 1 {
		d.addPage(false)
	}
	return first, pages
}

// contents fills the reserved pages: each entry with dotted leaders, its
// page number and a link to it.
func (d *pdfDoc) contents(first, pages int) {
	page := first
	d.revisit(page)
	y := topMargin + 15
	for _, e := range d.toc {
		if y+contentsLine > d.bottom() {
			page++
			if page >= first+pages {
				break // cannot happen: the pages were counted from the same entries
			}
			d.revisit(page)
			y = topMargin
		}
		indent := 0.0
		style := "B"
		if e.level > 0 {
			indent, style = 6, ""
		}
		d.useFont(style, bodySize, true)
		d.setColor(black)
		num := fmt.Sprint(e.page)
		numW := d.width(num)
		avail := d.w - 2*margin - indent - numW - 8
		title := e.title
		if lines := d.wrap(title, avail); len(lines) > 1 {
			title = strings.TrimRight(lines[0], " ") + "…"
		}
		base := y + bodySize*ptToMM
		d.text(margin+indent, base, title)
		d.setColor(grey)
		dotsFrom := margin + indent + d.width(title) + 2
		dotsTo := d.w - margin - numW - 2
		if dotsTo > dotsFrom {
			d.f.SetDrawColor(grey.r, grey.g, grey.b)
			d.f.SetLineWidth(0.3)
			d.f.SetDashPattern([]float64{0.3, 1.2}, 0)
			d.f.Line(dotsFrom, base+d.shift, dotsTo, base+d.shift)
			d.f.SetDashPattern(nil, 0)
		}
		d.setColor(black)
		d.text(d.w-margin-numW, base, num)
		d.f.Link(margin, y+d.shift, d.w-2*margin, contentsLine, e.link)
		y += contentsLine
	}
	d.f.SetPage(d.f.PageCount())
	d.shift = 0
}
