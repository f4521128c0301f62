package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/threatboard/threatboard/analysis"
)

// lint prints the lint findings of a model, one per line as
// "FILE: CODE CHECK SEVERITY DIAGRAM/OBJECT: MESSAGE", then a count. It
// exits 0 whatever it finds unless -strict is given: then any warning or
// error exits 1, for a pipeline that keeps diagrams tidy.
func lint(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("lint", "usage: threatboard-cli lint [-json] [-strict] FILE\n       threatboard-cli lint -checks", stderr)
	asJSON := fs.Bool("json", false, "print the findings as JSON")
	strict := fs.Bool("strict", false, "exit 1 when there is any warning or error")
	list := fs.Bool("checks", false, "list the checks with their codes and severities")
	files, err := parseArgs(fs, args)
	if err != nil {
		return 2
	}
	if *list && len(files) == 0 {
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		for _, c := range analysis.LintChecks() {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.Code, c.Name, c.Severity, c.Help)
		}
		tw.Flush()
		return 0
	}
	path, m, code := loadFile(fs, files, stderr)
	if m == nil {
		return code
	}
	findings := analysis.Lint(m)
	if *asJSON {
		if findings == nil {
			findings = []analysis.Finding{} // [] rather than null
		}
		err = writeJSON(stdout, findings)
	} else {
		for _, f := range findings {
			fmt.Fprintf(stdout, "%s: %s\n", path, f)
		}
		_, err = fmt.Fprintf(stdout, "%s: %s\n", path, countFindings(findings))
	}
	if err != nil {
		fmt.Fprintf(stderr, "threatboard-cli lint: %v\n", err)
		return 1
	}
	if *strict && analysis.MaxSeverity(findings) >= analysis.Warning {
		return 1
	}
	return 0
}

// countFindings says how many findings of each severity there are:
// "3 findings (1 error, 2 warnings)", or "no findings".
func countFindings(fs []analysis.Finding) string {
	if len(fs) == 0 {
		return "no findings"
	}
	n := map[analysis.Severity]int{}
	for _, f := range fs {
		n[f.Severity]++
	}
	var parts string
	for _, s := range []analysis.Severity{analysis.Error, analysis.Warning, analysis.Info} {
		if n[s] == 0 {
			continue
		}
		if parts != "" {
			parts += ", "
		}
		parts += plural(n[s], s.String())
	}
	return fmt.Sprintf("%s (%s)", plural(len(fs), "finding"), parts)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
