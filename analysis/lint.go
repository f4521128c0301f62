package analysis

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/threatboard/threatboard/model"
)

// Severity is how much a lint finding matters.
type Severity int

// The severities, ordered so that a higher value is worse.
const (
	Info Severity = iota + 1
	Warning
	Error
)

var severityNames = []string{"", "info", "warning", "error"}

func (s Severity) String() string {
	if s < Info || s > Error {
		return fmt.Sprintf("invalid(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity parses "info", "warning" or "error".
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if n == s && n != "" {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want info, warning or error)", s)
}

func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

func (s *Severity) UnmarshalJSON(b []byte) error {
	var name string
	if err := json.Unmarshal(b, &name); err != nil {
		return fmt.Errorf("severity: %w", err)
	}
	v, err := ParseSeverity(name)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// LintCheck describes one lint check. Codes are stable: a check that is
// retired keeps its code unused, so that scripts matching codes keep working.
type LintCheck struct {
	Code     string // "L001"
	Name     string // "unconnected-element"
	Severity Severity
	Help     string // what it finds and how to fix it
}

// The lint checks, by code.
var (
	lintUnconnected = LintCheck{"L001", "unconnected-element", Warning,
		"An actor, process or store has no data flow: draw its flows or remove it."}
	lintUnlabeled = LintCheck{"L002", "unlabeled-flow", Warning,
		"A data flow has no name: say what data moves, e.g. \"login request\"."}
	lintNeverWritten = LintCheck{"L003", "store-never-written", Warning,
		"No flow goes into a data store: draw the flow that writes to it."}
	lintNoInput = LintCheck{"L004", "process-without-input", Warning,
		"A process has flows out but none in: what does it work on?"}
	lintNoOutput = LintCheck{"L005", "process-without-output", Warning,
		"A process has flows in but none out: where do its results go?"}
	lintNoProtocol = LintCheck{"L006", "crossing-flow-without-protocol", Warning,
		"A flow crosses a trust boundary and its protocol is not given."}
	lintUnencrypted = LintCheck{"L007", "crossing-flow-unencrypted", Warning,
		"A flow crosses a trust boundary and is not marked encrypted: mark it, or record the threat."}
	lintDuplicateName = LintCheck{"L008", "duplicate-name", Warning,
		"Two elements of one diagram have the same name, so threats and reports cannot tell them apart."}
	lintUnnamed = LintCheck{"L009", "unnamed-element", Warning,
		"An actor, process or store has no name, so its threats read \"on ‹unnamed›\"."}
	lintUnjustified = LintCheck{"L010", "decision-without-justification", Error,
		"A threat is accepted or transferred without a justification: say why, and who decided."}
	lintNoOwner = LintCheck{"L011", "mitigation-without-owner", Warning,
		"A threat to mitigate has no owner, and no action for it has one: somebody must do the work."}
	lintDangling = LintCheck{"L012", "dangling-reference", Error,
		"A flow, diagram, attack tree or action refers to something that does not exist."}
	lintBadTree = LintCheck{"L013", "invalid-attack-tree", Error,
		"An attack tree cannot be evaluated: an empty AND/OR node, a leaf without a probability, a value out of range, a repeated node."}
	lintFeedsNothing = LintCheck{"L014", "tree-feeds-no-threat", Warning,
		"An attack tree is set to feed its threat's likelihood but hangs off an element or nothing: hang it off a threat."}
	lintNoAction = LintCheck{"L015", "mitigation-without-action", Warning,
		"A threat is to be mitigated and no action addresses it: add the action (Actions tab, or \"Add action\" on the threat) so that its review can check it was taken."}
	lintNeverDiscussed = LintCheck{"L016", "never-discussed", Info,
		"An in-scope actor, process or store was never discussed in a session (only checked once the model has a session): walk it in session mode."}
)

// LintChecks lists every lint check in code order, for help texts and docs.
func LintChecks() []LintCheck {
	return []LintCheck{lintUnconnected, lintUnlabeled, lintNeverWritten, lintNoInput, lintNoOutput,
		lintNoProtocol, lintUnencrypted, lintDuplicateName, lintUnnamed, lintUnjustified, lintNoOwner, lintDangling,
		lintBadTree, lintFeedsNothing, lintNoAction, lintNeverDiscussed}
}

// Finding is one lint result, pointing at the object it is about.
type Finding struct {
	Code     string   `json:"code"`  // "L001"
	Check    string   `json:"check"` // "unconnected-element"
	Severity Severity `json:"severity"`
	Diagram  string   `json:"diagram,omitempty"` // the diagram's ID; empty for attack trees and actions
	Object   string   `json:"object,omitempty"`  // the element, flow, threat, attack tree or action ID
	Message  string   `json:"message"`
}

func (f Finding) String() string {
	where := f.Object
	if f.Diagram != "" {
		where = f.Diagram + "/" + f.Object
	}
	return fmt.Sprintf("%s %s %s %s: %s", f.Code, f.Check, f.Severity, where, f.Message)
}

// Lint checks the model for drawing and bookkeeping mistakes. Findings come
// diagram by diagram in document order (model-wide ones last), then by code,
// then in document order within a check, so two runs print the same.
func Lint(m *model.Model) []Finding {
	l := &linter{m: m, elements: map[string]bool{}, threats: map[string]bool{}, ownedActions: map[string]bool{},
		actions: map[string]bool{}}
	l.index()
	for i, d := range m.Diagrams {
		l.diagram = i
		l.lintDiagram(d)
	}
	l.diagram = len(m.Diagrams)
	l.lintModel()
	slices.SortStableFunc(l.found, func(a, b sortedFinding) int {
		return cmp.Or(cmp.Compare(a.diagram, b.diagram), cmp.Compare(a.Code, b.Code))
	})
	out := make([]Finding, len(l.found))
	for i, f := range l.found {
		out[i] = f.Finding
	}
	return out
}

// MaxSeverity is the worst severity among the findings, 0 for none.
func MaxSeverity(findings []Finding) Severity {
	var worst Severity
	for _, f := range findings {
		worst = max(worst, f.Severity)
	}
	return worst
}

type sortedFinding struct {
	Finding
	diagram int
}

type linter struct {
	m            *model.Model
	diagram      int             // position of the diagram being linted
	elements     map[string]bool // every element ID of every diagram
	threats      map[string]bool
	ownedActions map[string]bool // threat IDs that an action with an owner addresses
	actions      map[string]bool // threat IDs that any action addresses
	found        []sortedFinding
}

func (l *linter) index() {
	for _, d := range l.m.Diagrams {
		for _, e := range d.Elements {
			l.elements[e.ID] = true
		}
	}
	for _, r := range l.m.Threats() {
		l.threats[r.Threat.ID] = true
	}
	for _, a := range l.m.Actions {
		if strings.TrimSpace(a.Owner) != "" && a.ThreatID != "" {
			l.ownedActions[a.ThreatID] = true
		}
		if a.ThreatID != "" {
			l.actions[a.ThreatID] = true
		}
	}
}

func (l *linter) add(c LintCheck, diagram, object, format string, args ...any) {
	l.found = append(l.found, sortedFinding{Finding{
		Code: c.Code, Check: c.Name, Severity: c.Severity,
		Diagram: diagram, Object: object, Message: fmt.Sprintf(format, args...),
	}, l.diagram})
}

// lintLabel names an object in a message: its name, or its ID when unnamed.
func lintLabel(name, id string) string {
	if strings.TrimSpace(name) == "" {
		return "‹unnamed " + id + "›"
	}
	return fmt.Sprintf("%q", name)
}

// ends tells, for one element, whether any flow brings data in and any takes
// data out; a bidirectional flow does both.
type ends struct{ any, in, out bool }

func (l *linter) lintDiagram(d *model.Diagram) {
	var cross *boundaryIndex // built for the first flow whose crossing matters
	io := make(map[string]*ends, len(d.Elements))
	for _, e := range d.Elements {
		io[e.ID] = &ends{}
	}
	for _, f := range d.Flows {
		from, to := io[f.From], io[f.To]
		if from == nil {
			l.add(lintDangling, d.ID, f.ID, "flow %s starts at unknown element %q", lintLabel(f.Name, f.ID), f.From)
		}
		if to == nil {
			l.add(lintDangling, d.ID, f.ID, "flow %s ends at unknown element %q", lintLabel(f.Name, f.ID), f.To)
		}
		if from != nil {
			from.any, from.out = true, true
			from.in = from.in || f.Bidirectional
		}
		if to != nil {
			to.any, to.in = true, true
			to.out = to.out || f.Bidirectional
		}
		if strings.TrimSpace(f.Name) == "" {
			l.add(lintUnlabeled, d.ID, f.ID, "flow %s → %s has no label", l.elementLabel(d, f.From), l.elementLabel(d, f.To))
		}
		if from != nil && to != nil && !f.OutOfScope {
			l.lintCrossing(d, f, &cross)
		}
	}

	names := map[string]*model.Element{}
	for _, e := range d.Elements {
		if !e.Kind.Connectable() {
			continue // notes: free text, no flows
		}
		l.lintElement(d, e, io[e.ID])
		key := strings.ToLower(strings.TrimSpace(e.Name))
		if key == "" {
			continue
		}
		if first, ok := names[key]; ok {
			l.add(lintDuplicateName, d.ID, e.ID, "%s %q has the same name as %s %s", e.Kind, e.Name, first.Kind, first.ID)
		} else {
			names[key] = e
		}
	}
	for _, e := range d.Elements {
		if e.Child != "" && l.m.Diagram(e.Child) == nil {
			l.add(lintDangling, d.ID, e.ID, "%s %s opens unknown diagram %q", e.Kind, lintLabel(e.Name, e.ID), e.Child)
		}
	}
	if d.Parent != "" && !l.elements[d.Parent] {
		l.add(lintDangling, d.ID, d.ID, "diagram %q details unknown element %q", d.Title, d.Parent)
	}

	for _, e := range d.Elements {
		l.lintThreats(d, e.Threats, "element", e.Name, e.ID)
	}
	for _, f := range d.Flows {
		l.lintThreats(d, f.Threats, "flow", f.Name, f.ID)
	}
}

func (l *linter) elementLabel(d *model.Diagram, id string) string {
	if e := d.Element(id); e != nil {
		return lintLabel(e.Name, e.ID)
	}
	return fmt.Sprintf("%q", id)
}

func (l *linter) lintElement(d *model.Diagram, e *model.Element, io *ends) {
	name := lintLabel(e.Name, e.ID)
	if strings.TrimSpace(e.Name) == "" {
		l.add(lintUnnamed, d.ID, e.ID, "%s %s has no name", e.Kind, e.ID)
	}
	if !io.any {
		l.add(lintUnconnected, d.ID, e.ID, "%s %s has no data flow", e.Kind, name)
		return
	}
	if e.OutOfScope {
		return
	}
	if len(l.m.Sessions) > 0 && len(e.Discussed) == 0 {
		l.add(lintNeverDiscussed, d.ID, e.ID, "%s %s was never discussed in a session", e.Kind, name)
	}
	switch e.Kind {
	case model.Store:
		if !io.in {
			l.add(lintNeverWritten, d.ID, e.ID, "nothing writes to store %s", name)
		}
	case model.Process, model.MultiProcess:
		if !io.in {
			l.add(lintNoInput, d.ID, e.ID, "%s %s has no incoming flow", e.Kind, name)
		}
		if !io.out {
			l.add(lintNoOutput, d.ID, e.ID, "%s %s has no outgoing flow", e.Kind, name)
		}
	}
}

func (l *linter) lintCrossing(d *model.Diagram, f *model.Flow, cross **boundaryIndex) {
	if f.Encrypted && strings.TrimSpace(f.Protocol) != "" || len(d.Boundaries) == 0 {
		return // nothing to say: skip the geometry
	}
	if *cross == nil {
		*cross = newBoundaryIndex(d)
	}
	crossed := (*cross).crossed(f)
	if len(crossed) == 0 {
		return
	}
	b := crossed[0]
	boundary := lintLabel(b.Name, b.ID)
	if len(crossed) > 1 {
		boundary += fmt.Sprintf(" and %d more", len(crossed)-1)
	}
	name := lintLabel(f.Name, f.ID)
	if strings.TrimSpace(f.Protocol) == "" {
		l.add(lintNoProtocol, d.ID, f.ID, "flow %s crosses trust boundary %s without a protocol", name, boundary)
	}
	if !f.Encrypted {
		l.add(lintUnencrypted, d.ID, f.ID, "flow %s crosses trust boundary %s unencrypted", name, boundary)
	}
}

// lintThreats checks the threats recorded on one element or flow; what
// names the object it is on is only spelled out for a finding.
func (l *linter) lintThreats(d *model.Diagram, threats []*model.Threat, what, name, id string) {
	for _, t := range threats {
		switch t.Decision {
		case model.Accept, model.Transfer:
			if strings.TrimSpace(t.Justification) == "" {
				verb := "accepted"
				if t.Decision == model.Transfer {
					verb = "transferred"
				}
				l.add(lintUnjustified, d.ID, t.ID, "threat %s on %s %s is %s without a justification",
					lintLabel(t.Title, t.ID), what, lintLabel(name, id), verb)
			}
		case model.Mitigate:
			if strings.TrimSpace(t.Owner) == "" && !t.Status.Finished() && !l.ownedActions[t.ID] {
				l.add(lintNoOwner, d.ID, t.ID, "threat %s on %s %s is to be mitigated but has no owner",
					lintLabel(t.Title, t.ID), what, lintLabel(name, id))
			}
			if !t.Status.Finished() && !l.actions[t.ID] {
				l.add(lintNoAction, d.ID, t.ID, "threat %s on %s %s is to be mitigated but no action addresses it",
					lintLabel(t.Title, t.ID), what, lintLabel(name, id))
			}
		}
	}
}

// lintModel checks what hangs off the model rather than a diagram.
func (l *linter) lintModel() {
	for i, t := range l.m.AttackTrees {
		name := lintLabel(t.Title, t.ID)
		if t.Target != "" && !l.elements[t.Target] && !l.threats[t.Target] {
			l.add(lintDangling, "", t.ID, "attack tree %s hangs off unknown element or threat %q", name, t.Target)
		} else if t.FeedsLikelihood && !l.threats[t.Target] {
			l.add(lintFeedsNothing, "", t.ID, "attack tree %s feeds a likelihood but hangs off no threat", name)
		}
		for _, e := range ValidateTree(t, fmt.Sprintf("attackTrees[%d]", i)) {
			object := e.NodeID
			if object == "" {
				object = t.ID
			}
			l.add(lintBadTree, "", object, "attack tree %s: %s", name, e)
		}
	}
	for _, a := range l.m.Actions {
		if a.ThreatID != "" && !l.threats[a.ThreatID] {
			l.add(lintDangling, "", a.ID, "action %s addresses unknown threat %q", lintLabel(a.Title, a.ID), a.ThreatID)
		}
	}
}
