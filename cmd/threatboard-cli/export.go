package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/threatboard/threatboard/interop"
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
	report  report.Options
	date    string    // ics: the event's day, YYYY-MM-DD; empty: the next session's
	start   string    // ics: the time it starts, HH:MM; empty: the default
	now     time.Time // ics: when the invitation is made
	image   report.ImageOptions
	diagram string // svg, png: the diagram to draw, by ID or title; "" for all
	tree    string // svg, png: the attack tree to draw instead, by ID or title, or "all"
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
		{"svg", "diagrams (or with -tree attack trees) as SVG: the one named as PATH, else each beside PATH", pictureFiles("svg")},
		{"png", "diagrams or attack trees as PNG, named as for svg", pictureFiles("png")},
		{"ics", "an iCalendar invitation to the next session (-session-date, -session-start)", invitationFiles},
		{"threatdragon", "OWASP Threat Dragon v2 JSON, which Threat Dragon opens", oneFile(interop.ExportThreatDragon)},
		{"otm", "Open Threat Model 0.2 JSON (IriusRisk, StartLeft, Threat Dragon)", oneFile(interop.ExportOTM)},
	}
}

// pictureFiles draws the diagrams, or the attack trees -tree names, in an
// image format.
func pictureFiles(format string) func(*model.Model, *exportOptions, string) ([]report.File, error) {
	return func(m *model.Model, o *exportOptions, name string) ([]report.File, error) {
		if o.tree == "" {
			return report.DiagramFiles(m, format, o.diagram, o.image, name)
		}
		tree := o.tree
		if tree == "all" {
			tree = ""
		}
		return report.TreeFiles(m, format, tree, o.image, name)
	}
}

// oneFile makes an export of one file, named PATH, from an exporter.
func oneFile(write func(*model.Model) ([]byte, error)) func(*model.Model, *exportOptions, string) ([]report.File, error) {
	return func(m *model.Model, _ *exportOptions, name string) ([]report.File, error) {
		data, err := write(m)
		if err != nil {
			return nil, err
		}
		return []report.File{{Name: name, Data: data}}, nil
	}
}

// invitationFiles is the invitation to the next session as the file name.
func invitationFiles(m *model.Model, o *exportOptions, name string) ([]report.File, error) {
	inv := report.InvitationFor(m, o.now)
	if o.date != "" {
		d, err := model.ParseDate(o.date)
		if err != nil {
			return nil, fmt.Errorf("-session-date: %w", err)
		}
		inv.Date = d
	}
	if o.start != "" {
		t, err := time.Parse("15:04", o.start)
		if err != nil {
			return nil, fmt.Errorf("-session-start: invalid time %q (want HH:MM)", o.start)
		}
		inv.Start = time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
	}
	var buf bytes.Buffer
	if err := report.WriteICS(&buf, m, inv); err != nil {
		return nil, err
	}
	return []report.File{{Name: name, Data: buf.Bytes()}}, nil
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
	o := exportOptions{now: time.Now()}
	fs.StringVar(&o.date, "session-date", "", "ics: the day of the session, YYYY-MM-DD (default: the next session's)")
	fs.StringVar(&o.start, "session-start", "", "ics: the time it starts, HH:MM (default 10:00)")
	fs.StringVar(&o.diagram, "diagram", "", "svg, png: the diagram to draw, by `ID or title` (default all)")
	fs.StringVar(&o.tree, "tree", "", "svg, png: draw the attack tree of this `ID or title`, or all of them with \"all\", instead of diagrams")
	fs.Float64Var(&o.image.Scale, "scale", 1, "svg, png: pixels per diagram unit (1 is 100 % zoom; up to 16)")
	fs.BoolVar(&o.image.Dark, "dark", false, "svg, png: the dark style")
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
	case o.tree != "" && o.diagram != "":
		fmt.Fprintln(stderr, "threatboard-cli export: -diagram and -tree exclude each other: export diagrams or attack trees")
		return 2
	case o.tree != "" && *format != "svg" && *format != "png":
		fmt.Fprintf(stderr, "threatboard-cli export: -tree draws attack trees as svg or png, not %s\n", *format)
		return 2
	}
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
