package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/model"
)

// check fails a pipeline while threats at or above a risk level are still
// unresolved: undecided, or to be mitigated or avoided and not done or
// verified yet. Accepted, transferred and not applicable threats are
// decided and do not count. It prints the threats that remain in register
// order (biggest impact first) and exits 1 when there is any.
func check(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("check", "usage: threatboard-cli check [-fail-on LEVEL] [-json] FILE", stderr)
	failOn := fs.String("fail-on", "high", "the lowest risk that fails: low, medium, high or critical (unrated threats never fail)")
	asJSON := fs.Bool("json", false, "print the unresolved threats as JSON")
	files, err := parseArgs(fs, args)
	if err != nil {
		return 2
	}
	level, err := analysis.ParseRiskLevel(*failOn)
	if err != nil || level == analysis.RiskUnrated {
		fmt.Fprintf(stderr, "threatboard-cli check: -fail-on %q: want low, medium, high or critical\n", *failOn)
		return 2
	}
	path, m, code := loadFile(fs, files, stderr)
	if m == nil {
		return code
	}
	open := unresolved(m, level)
	if *asJSON {
		if err := writeUnresolvedJSON(stdout, open); err != nil {
			fmt.Fprintf(stderr, "threatboard-cli check: %v\n", err)
		}
		if len(open) > 0 {
			return 1
		}
		return 0
	}
	if len(open) == 0 {
		fmt.Fprintf(stdout, "%s: ok, no unresolved threat at or above %s risk\n", path, level)
		return 0
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RISK\tDECISION\tSTATUS\tDIAGRAM\tTARGET\tTHREAT\tID")
	for _, r := range open {
		target := targetName(m, r.Diagram.ID, r.TargetID())
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", analysis.ThreatRisk(r.Threat), r.Threat.Decision, r.Threat.Status,
			cell(diagramTitle(m, r.Diagram.ID)), cell(target), cell(r.Threat.Title), r.Threat.ID)
	}
	tw.Flush()
	fmt.Fprintf(stdout, "%s: %s at or above %s risk\n", path, plural(len(open), "unresolved threat"), level)
	return 1
}

// unresolvedThreat is one entry of the list check -json prints.
type unresolvedThreat struct {
	ID         string             `json:"id"`
	Title      string             `json:"title"`
	Risk       analysis.RiskLevel `json:"risk"`
	Likelihood model.Level        `json:"likelihood"`
	Impact     model.Level        `json:"impact"`
	Decision   model.Decision     `json:"decision"`
	Status     model.Status       `json:"status"`
	Owner      string             `json:"owner,omitempty"`
	Due        model.Date         `json:"due,omitzero"`
	DiagramID  string             `json:"diagramId"`
	TargetID   string             `json:"targetId"`
}

func writeUnresolvedJSON(w io.Writer, refs []model.ThreatRef) error {
	out := make([]unresolvedThreat, len(refs))
	for i, r := range refs {
		t := r.Threat
		out[i] = unresolvedThreat{
			ID: t.ID, Title: t.Title, Risk: analysis.ThreatRisk(t), Likelihood: t.Likelihood, Impact: t.Impact,
			Decision: t.Decision, Status: t.Status, Owner: t.Owner, Due: t.Due,
			DiagramID: r.Diagram.ID, TargetID: r.TargetID(),
		}
	}
	return writeJSON(w, out)
}

// unresolved lists, in register order, the threats at or above level that
// are undecided or whose mitigation or avoidance is not finished.
func unresolved(m *model.Model, level analysis.RiskLevel) []model.ThreatRef {
	var out []model.ThreatRef
	for _, r := range m.Threats() {
		t := r.Threat
		if analysis.ThreatRisk(t) < level {
			continue
		}
		if t.Open() {
			out = append(out, r)
		}
	}
	analysis.SortRegister(out)
	return out
}
