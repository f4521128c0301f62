package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/threatboard/threatboard/model"
	"github.com/threatboard/threatboard/report"
)

// exportFormat is one row of the export table: threatboard-cli export FILE
// --format NAME -o PATH. build makes the files, named after the base name
// of PATH, that are written beside it.
type exportFormat struct {
	name  string
	help  string
	build func(m *model.Model, o *exportOptions, name string) ([]report.File, error)
}

// exportOptions are the flags every format may read.
type exportOptions struct {
	report report.Options
}

// exportFormats lists the formats in the order the usage text shows them.
func exportFormats() []exportFormat {
	return []exportFormat{
		{"md", "the report as Markdown for a wiki", func(m *model.Model, o *exportOptions, name string) ([]report.File, error) {
			return report.MarkdownFiles(m, o.report, name)
		}},
		{"csv", "threats (PATH) and actions (PATH-actions.csv) as CSV for a backlog", func(m *model.Model, o *exportOptions, name string) ([]report.File, error) {
			return report.BacklogFiles(m, o.report, name)
		}},
	}
}

func exportFormatNames() string {
	var names []string
	for _, f := range exportFormats() {
		names = append(names, f.name)
	}
	return strings.Join(names, ", ")
}

// export writes FILE in another format.
func export(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("export", "usage: threatboard-cli export FILE --format FORMAT -o PATH [options]", stderr)
	format := fs.String("format", "", "the format to write: "+exportFormatNames()+" (required)")
	out := fs.String("o", "", "the `PATH` to write (required)")
	rf := addReportFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: threatboard-cli export FILE --format FORMAT -o PATH [options]\n\nformats:")
		tw := tabwriter.NewWriter(stderr, 0, 0, 2, ' ', 0)
		for _, f := range exportFormats() {
			fmt.Fprintf(tw, "  %s\t%s\n", f.name, f.help)
		}
		tw.Flush()
		fmt.Fprintln(stderr, "\noptions:")
		fs.PrintDefaults()
	}
	files, err := parseArgs(fs, args)
	if err != nil {
		return 2
	}
	var chosen *exportFormat
	for _, f := range exportFormats() {
		if f.name == *format {
			chosen = &f
		}
	}
	switch {
	case *format == "":
		fmt.Fprintf(stderr, "threatboard-cli export: --format is required (one of %s)\n", exportFormatNames())
		return 2
	case chosen == nil:
		fmt.Fprintf(stderr, "threatboard-cli export: unknown format %q (want one of %s)\n", *format, exportFormatNames())
		return 2
	case *out == "":
		fmt.Fprintln(stderr, "threatboard-cli export: -o PATH is required")
		return 2
	}
	var o exportOptions
	if o.report, err = rf.options(); err != nil {
		fmt.Fprintf(stderr, "threatboard-cli export: %v\n", err)
		return 2
	}
	_, m, code := loadFile(fs, files, stderr)
	if m == nil {
		return code
	}
	return writeExport(stdout, stderr, "export", *out, func(name string) ([]report.File, error) {
		return chosen.build(m, &o, name)
	})
}
