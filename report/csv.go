package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/model"
)

// The backlog CSV files are RFC 4180 (CRLF line ends, quotes where
// needed), UTF-8 without a byte-order mark, with the columns backlog tools
// import by name: Summary, Description, Issue Type, Priority, Labels,
// Assignee, Due date, Status, and the threat's or action's ID as External
// ID, so that a second import updates rather than duplicates. The columns
// after External ID carry the ratings for a spreadsheet reader.

// ThreatColumns are the columns of the threats file, in order.
var ThreatColumns = []string{
	"Summary", "Description", "Issue Type", "Priority", "Labels", "Assignee", "Due date", "Status", "External ID",
	"Risk", "Likelihood", "Impact", "Decision", "Category", "Diagram", "Element", "Ticket",
}

// ActionColumns are the columns of the actions file, in order.
var ActionColumns = []string{
	"Summary", "Description", "Issue Type", "Priority", "Labels", "Assignee", "Due date", "Status", "External ID",
	"Threat ID", "Ticket",
}

// ThreatsCSV writes the reported threats in register order, one row each: a
// threat to mitigate becomes a story, every other a task.
func ThreatsCSV(w io.Writer, m *model.Model, opts Options) error {
	f, err := gather(m, &opts)
	if err != nil {
		return fmt.Errorf("threats csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	rows := [][]string{ThreatColumns}
	for _, r := range f.register {
		t := r.Threat
		risk := analysis.ThreatRisk(t)
		rows = append(rows, []string{
			t.Title, threatDescription(r), issueType(t), priority(risk), labels(t.Category, risk),
			t.Owner, dateLabel(t.Due), backlogStatus(t.Status), t.ID,
			riskLabel(risk), levelName(t.Likelihood), levelName(t.Impact), decisionLabel(t.Decision),
			f.categoryName(r.Diagram, t.Category), r.Diagram.Title, targetName(r), t.Ticket,
		})
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("threats csv: %w", err)
	}
	return nil
}

// ActionsCSV writes every action, one row each, as a task whose priority is
// its threat's risk.
func ActionsCSV(w io.Writer, m *model.Model, opts Options) error {
	f, err := gather(m, &opts)
	if err != nil {
		return fmt.Errorf("actions csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	rows := [][]string{ActionColumns}
	for _, a := range m.Actions {
		risk, desc, category := analysis.RiskUnrated, "", ""
		if r, ok := f.threatRefs[a.ThreatID]; ok {
			risk = analysis.ThreatRisk(r.Threat)
			category = r.Threat.Category
			desc = fmt.Sprintf("Addresses the threat %q on %s (%s).", r.Threat.Title, targetName(r), r.Diagram.Title)
		}
		rows = append(rows, []string{
			a.Title, desc, "Task", priority(risk), labels(category, risk), a.Owner, dateLabel(a.Due),
			backlogStatus(a.Status), a.ID, a.ThreatID, a.Ticket,
		})
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("actions csv: %w", err)
	}
	return nil
}

// threatDescription is the backlog item's body: what the threat is, where,
// and what was decided.
func threatDescription(r model.ThreatRef) string {
	t := r.Threat
	parts := []string{}
	if t.Description != "" {
		parts = append(parts, t.Description)
	}
	parts = append(parts, fmt.Sprintf("On %s in the use case %q.", targetName(r), r.Diagram.Title))
	if t.Mitigation != "" {
		parts = append(parts, "Mitigation: "+t.Mitigation)
	}
	if t.Justification != "" {
		parts = append(parts, "Justification: "+t.Justification)
	}
	return strings.Join(parts, "\n\n")
}

func issueType(t *model.Threat) string {
	if t.Decision == model.Mitigate {
		return "Story"
	}
	return "Task"
}

// priority maps a risk onto the five priorities backlog tools share.
func priority(r analysis.RiskLevel) string {
	switch r {
	case analysis.RiskCritical:
		return "Highest"
	case analysis.RiskHigh:
		return "High"
	case analysis.RiskMedium:
		return "Medium"
	case analysis.RiskLow:
		return "Low"
	}
	return "Lowest"
}

// labels are space-separated words without spaces, as backlog imports split them.
func labels(category string, r analysis.RiskLevel) string {
	out := []string{"threat-model"}
	if category != "" {
		out = append(out, strings.ReplaceAll(category, " ", "-"))
	}
	if r != analysis.RiskUnrated {
		out = append(out, "risk-"+r.String())
	}
	return strings.Join(out, " ")
}

// backlogStatus maps onto the three states every backlog has.
func backlogStatus(s model.Status) string {
	switch s {
	case model.InProgress:
		return "In Progress"
	case model.Done, model.Verified:
		return "Done"
	}
	return "To Do"
}

// levelName is a rating for a spreadsheet: empty when unset.
func levelName(l model.Level) string {
	if l == model.LevelUnset {
		return ""
	}
	return levelLabel(l)
}
