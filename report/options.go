// Package report turns a threat model into what its stakeholders read: a
// vector PDF, a Markdown page for a wiki and CSV files for a backlog. It
// reads the analysis package for every derived fact (risk, register order,
// residual risk, tree values, checklists, rules) and recomputes none of
// them. It builds without Fyne and without cgo.
package report

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/model"
)

// Paper is a page size.
type Paper int

const (
	A4 Paper = iota
	Letter
)

func (p Paper) String() string {
	if p == Letter {
		return "letter"
	}
	return "a4"
}

// ParsePaper reads "a4" or "letter" (any case).
func ParsePaper(s string) (Paper, error) {
	switch strings.ToLower(s) {
	case "a4":
		return A4, nil
	case "letter":
		return Letter, nil
	}
	return A4, fmt.Errorf("unknown paper %q (want a4 or letter)", s)
}

// Chapter names a chapter of the report, for leaving it out.
type Chapter string

// The chapters in report order. The cover is always printed.
const (
	ChapterContents Chapter = "contents"
	ChapterSummary  Chapter = "summary"
	ChapterUseCases Chapter = "use-cases"
	ChapterRegister Chapter = "register"
	ChapterAccepted Chapter = "accepted"
	ChapterTrees    Chapter = "attack-trees"
	ChapterActions  Chapter = "actions"
	ChapterAppendix Chapter = "appendix"
)

// Chapters lists every chapter that can be left out, in report order.
var Chapters = []Chapter{
	ChapterContents, ChapterSummary, ChapterUseCases, ChapterRegister,
	ChapterAccepted, ChapterTrees, ChapterActions, ChapterAppendix,
}

// ParseChapter reads a chapter name as listed in Chapters.
func ParseChapter(s string) (Chapter, error) {
	c := Chapter(strings.ToLower(strings.TrimSpace(s)))
	if slices.Contains(Chapters, c) {
		return c, nil
	}
	names := make([]string, len(Chapters))
	for i, c := range Chapters {
		names[i] = string(c)
	}
	return "", fmt.Errorf("unknown chapter %q (want one of %s)", s, strings.Join(names, ", "))
}

// Options shape a report. The zero value is the full report on A4, dated now,
// with the built-in checklists and rules.
type Options struct {
	Paper Paper
	// OmitMitigated leaves out threats whose mitigation is done or verified.
	OmitMitigated bool
	// OmitDismissed leaves out threats decided not applicable.
	OmitDismissed bool
	// OmitOutOfScope leaves out elements and flows marked out of scope, and
	// their threats.
	OmitOutOfScope bool
	// Omit lists chapters to leave out.
	Omit []Chapter
	// Logo is a PNG or JPEG image printed on the cover; nil for none.
	Logo []byte
	// Date is the report's date: printed on the cover, written as the PDF's
	// creation date, and the day actions become overdue. Zero means now.
	Date time.Time
	// Catalog supplies the checklists and rules; nil means the built-in one.
	Catalog *analysis.Catalog

	// uncompressed writes plain PDF streams, for readable golden files.
	uncompressed bool
}

func (o *Options) omits(c Chapter) bool { return slices.Contains(o.Omit, c) }

// date is the report's date, in UTC so that the output does not depend on
// the machine's time zone.
func (o *Options) date() time.Time {
	if o.Date.IsZero() {
		return time.Now().UTC()
	}
	return o.Date.UTC()
}

// keeps reports whether a threat is reported under the options.
func (o *Options) keeps(t *model.Threat) bool {
	done := t.Status == model.Done || t.Status == model.Verified
	switch {
	case o.OmitMitigated && t.Decision == model.Mitigate && done:
		return false
	case o.OmitDismissed && t.Decision == model.NotApplicable:
		return false
	}
	return true
}

// keepsTarget reports whether an element or flow is reported.
func (o *Options) keepsTarget(c *model.Common) bool { return !o.OmitOutOfScope || !c.OutOfScope }
