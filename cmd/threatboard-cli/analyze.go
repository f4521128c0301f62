package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/model"
)

// analyze runs the rule catalog over a model and prints the suggestions as
// a table or JSON; with -apply it adds them to the file as new threats,
// through the model's edit commands, and saves it atomically with a backup.
// Accepted and dismissed suggestions are not offered again, so a second
// -apply adds nothing.
func analyze(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("analyze", "usage: threatboard-cli analyze [-json] [-apply] [-rules DIR] [-checklists DIR] FILE", stderr)
	asJSON := fs.Bool("json", false, "print the suggestions as JSON")
	apply := fs.Bool("apply", false, "add the suggestions to FILE as new threats (the previous file is kept as FILE"+model.BackupSuffix+")")
	ruleDir := fs.String("rules", "", "also use the rule files (*.json) in this folder")
	checklistDir := fs.String("checklists", "", "also use the checklists (*.json) in this folder")
	files, err := parseArgs(fs, args)
	if err != nil {
		return 2
	}
	path, m, code := loadFile(fs, files, stderr)
	if m == nil {
		return code
	}
	cat, errs := analysis.LoadCatalog(*checklistDir, *ruleDir)
	for _, e := range errs {
		// A broken user file is left out and the rest still runs; the exit
		// code tells a pipeline that something was skipped.
		fmt.Fprintf(stderr, "threatboard-cli analyze: %v\n", e)
		code = 1
	}
	sugs := cat.Suggest(m)

	if *asJSON {
		err = writeSuggestionsJSON(stdout, sugs)
	} else {
		err = writeSuggestions(stdout, m, sugs)
	}
	if err != nil {
		fmt.Fprintf(stderr, "threatboard-cli analyze: %v\n", err)
		return 1
	}
	if *apply {
		n, err := applySuggestions(path, m, sugs)
		if err != nil {
			fmt.Fprintf(stderr, "threatboard-cli analyze: %v\n", err)
			return 1
		}
		fmt.Fprintf(stderr, "%s: added %s\n", path, plural(n, "threat"))
	}
	return code
}

// rated is a suggestion with the risk its default ratings give.
type rated struct {
	analysis.Suggestion
	Risk analysis.RiskLevel `json:"risk"`
}

func writeSuggestionsJSON(w io.Writer, sugs []analysis.Suggestion) error {
	out := make([]rated, len(sugs))
	for i, s := range sugs {
		out[i] = rated{s, analysis.Risk(s.Likelihood, s.Impact)}
	}
	return writeJSON(w, out)
}

func writeSuggestions(w io.Writer, m *model.Model, sugs []analysis.Suggestion) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tRISK\tCATEGORY\tDIAGRAM\tTARGET\tTITLE")
	for _, s := range sugs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", s.RuleID, analysis.Risk(s.Likelihood, s.Impact), s.Category,
			cell(diagramTitle(m, s.DiagramID)), cell(targetName(m, s.DiagramID, s.TargetID)), cell(s.Title))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, plural(len(sugs), "suggestion"))
	return err
}

// applySuggestions adds every suggestion as a threat, in one edit command,
// and saves the model. Nothing is written when there is nothing to add or
// the edit fails.
func applySuggestions(path string, m *model.Model, sugs []analysis.Suggestion) (int, error) {
	if len(sugs) == 0 {
		return 0, nil
	}
	// One command for them all: adding them one by one would look every ID
	// of the model up again for each.
	adds := make([]model.ThreatAdd, len(sugs))
	for i, s := range sugs {
		adds[i] = model.ThreatAdd{DiagramID: s.DiagramID, TargetID: s.TargetID, Threat: s.Threat()}
	}
	if err := model.NewHistory(m).Do(model.AddThreats(adds)); err != nil {
		return 0, fmt.Errorf("add the suggestions as threats: %w", err)
	}
	if err := model.Save(path, m); err != nil {
		return 0, err
	}
	return len(sugs), nil
}

func diagramTitle(m *model.Model, id string) string {
	if d := m.Diagram(id); d != nil && strings.TrimSpace(d.Title) != "" {
		return d.Title
	}
	return id
}

// targetName names an element or flow for a table: its name, or its kind
// and ID when it has none.
func targetName(m *model.Model, diagramID, id string) string {
	d := m.Diagram(diagramID)
	if d == nil {
		return id
	}
	if e := d.Element(id); e != nil {
		if strings.TrimSpace(e.Name) != "" {
			return e.Name
		}
		return e.Kind.String() + " " + id
	}
	if f := d.Flow(id); f != nil {
		if strings.TrimSpace(f.Name) != "" {
			return f.Name
		}
		return "flow " + id
	}
	return id
}

// cell keeps a table cell on one line: tabs and newlines would break the columns.
func cell(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
