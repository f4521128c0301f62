package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/threatboard/threatboard/report"
)

// reportFlags are the options every report-shaped export takes: the PDF,
// the Markdown and the backlog CSV leave out the same threats and chapters.
type reportFlags struct {
	paper, omit, logo, date          *string
	mitigated, dismissed, outOfScope *bool
}

func addReportFlags(fs *flag.FlagSet) *reportFlags {
	names := make([]string, len(report.Chapters))
	for i, c := range report.Chapters {
		names[i] = string(c)
	}
	return &reportFlags{
		paper:      fs.String("paper", "a4", "page size: a4 or letter"),
		omit:       fs.String("omit", "", "chapters to leave out, comma-separated: "+strings.Join(names, ", ")),
		logo:       fs.String("logo", "", "a PNG or JPEG `FILE` printed on the cover"),
		date:       fs.String("date", "", "the report's date, YYYY-MM-DD (default today): printed, and the day actions become overdue"),
		mitigated:  fs.Bool("omit-mitigated", false, "leave out threats whose mitigation is done or verified"),
		dismissed:  fs.Bool("omit-dismissed", false, "leave out threats decided not applicable"),
		outOfScope: fs.Bool("omit-out-of-scope", false, "leave out elements and flows marked out of scope, with their threats"),
	}
}

// options turns the flags into report options; a bad value is an error
// naming the flag.
func (rf *reportFlags) options() (report.Options, error) {
	var o report.Options
	var err error
	if o.Paper, err = report.ParsePaper(*rf.paper); err != nil {
		return o, fmt.Errorf("-paper: %w", err)
	}
	for name := range strings.SplitSeq(*rf.omit, ",") {
		if strings.TrimSpace(name) == "" {
			continue
		}
		c, err := report.ParseChapter(name)
		if err != nil {
			return o, fmt.Errorf("-omit: %w", err)
		}
		o.Omit = append(o.Omit, c)
	}
	if *rf.logo != "" {
		if o.Logo, err = os.ReadFile(*rf.logo); err != nil {
			return o, fmt.Errorf("-logo: %w", err)
		}
	}
	if *rf.date != "" {
		if o.Date, err = time.Parse(time.DateOnly, *rf.date); err != nil {
			return o, fmt.Errorf("-date %q: want YYYY-MM-DD", *rf.date)
		}
	}
	o.OmitMitigated, o.OmitDismissed, o.OmitOutOfScope = *rf.mitigated, *rf.dismissed, *rf.outOfScope
	return o, nil
}

// reportCmd writes the PDF report: threatboard-cli report FILE -o report.pdf.
func reportCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("report", "usage: threatboard-cli report FILE -o report.pdf [options]", stderr)
	out := fs.String("o", "", "the PDF `PATH` to write (required)")
	rf := addReportFlags(fs)
	files, err := parseArgs(fs, args)
	if err != nil {
		return 2
	}
	if *out == "" {
		fmt.Fprintln(stderr, "threatboard-cli report: -o PATH is required")
		fs.Usage()
		return 2
	}
	opts, err := rf.options()
	if err != nil {
		fmt.Fprintf(stderr, "threatboard-cli report: %v\n", err)
		return 2
	}
	_, m, code := loadFile(fs, files, stderr)
	if m == nil {
		return code
	}
	return writeExport(stdout, stderr, "report", *out, func(name string) ([]report.File, error) {
		return report.PDFFiles(m, opts, name)
	})
}

// writeExport makes the files of an export named after out and writes them
// beside it, all or nothing, then lists them on stdout.
func writeExport(stdout, stderr io.Writer, cmd, out string, build func(name string) ([]report.File, error)) int {
	files, err := build(filepath.Base(out))
	if err != nil {
		fmt.Fprintf(stderr, "threatboard-cli %s: %v\n", cmd, err)
		return 1
	}
	if err := report.WriteFiles(filepath.Dir(out), files); err != nil {
		fmt.Fprintf(stderr, "threatboard-cli %s: %v\n", cmd, err)
		return 1
	}
	for _, f := range files {
		fmt.Fprintln(stdout, filepath.Join(filepath.Dir(out), f.Name))
	}
	return 0
}
