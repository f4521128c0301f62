package report

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/model"
)

// facts is what every export prints, gathered once from the model and the
// analysis package under the options: which threats are reported, in which
// order, with which derived values.
type facts struct {
	m       *model.Model
	opts    *Options
	date    time.Time
	catalog *analysis.Catalog

	register     []model.ThreatRef // reported threats, register order
	threats      []*model.Threat   // the same, for the analysis summaries
	summary      analysis.Summary
	heat         analysis.HeatMap
	participants []model.Participant
	trees        []treeFacts
	threatRefs   map[string]model.ThreatRef // every threat of the model by ID
}

// treeFacts is an attack tree with its evaluation, or why it has none.
type treeFacts struct {
	tree   *model.AttackTree
	result *analysis.TreeResult
	err    error
}

func gather(m *model.Model, o *Options) (*facts, error) {
	if m == nil {
		return nil, fmt.Errorf("no model")
	}
	cat := o.Catalog
	if cat == nil {
		var err error
		if cat, err = analysis.BuiltinCatalog(); err != nil {
			return nil, fmt.Errorf("load the built-in checklists and rules: %w", err)
		}
	}
	f := &facts{m: m, opts: o, date: o.date(), catalog: cat, threatRefs: map[string]model.ThreatRef{}}
	for _, r := range m.Threats() {
		f.threatRefs[r.Threat.ID] = r
		if o.keeps(r.Threat) && f.keepsRef(r) {
			f.register = append(f.register, r)
		}
	}
	analysis.SortRegister(f.register)
	f.threats = make([]*model.Threat, len(f.register))
	for i, r := range f.register {
		f.threats[i] = r.Threat
	}
	f.summary = analysis.Summarize(f.threats)
	f.heat = analysis.HeatMapOf(f.threats)
	f.participants = participants(m)
	for _, t := range m.AttackTrees {
		res, err := analysis.EvaluateTree(t)
		f.trees = append(f.trees, treeFacts{tree: t, result: res, err: err})
	}
	return f, nil
}

// participants lists everyone who took part in a session, once each, in
// order of first appearance; a later session can add a role.
func participants(m *model.Model) []model.Participant {
	var out []model.Participant
	for _, s := range m.Sessions {
		for _, p := range s.Participants {
			i := slices.IndexFunc(out, func(q model.Participant) bool { return q.Name == p.Name })
			switch {
			case i < 0:
				out = append(out, p)
			case out[i].Role == "":
				out[i].Role = p.Role
			}
		}
	}
	return out
}

// reported reports whether a threat on a target of d is in the report.
func (f *facts) keeps(c *model.Common, t *model.Threat) bool {
	return f.opts.keeps(t) && f.opts.keepsTarget(c)
}

// elements lists the reported elements of d, notes left out.
func (f *facts) elements(d *model.Diagram) []*model.Element {
	var out []*model.Element
	for _, e := range d.Elements {
		if e.Kind.Connectable() && f.opts.keepsTarget(&e.Common) {
			out = append(out, e)
		}
	}
	return out
}

// keepsFlow reports whether a flow is reported: when out-of-scope parts
// are left out, so is a flow to or from one.
func (f *facts) keepsFlow(d *model.Diagram, fl *model.Flow) bool {
	if !f.opts.OmitOutOfScope {
		return true
	}
	if fl.OutOfScope {
		return false
	}
	for _, id := range []string{fl.From, fl.To} {
		if e := d.Element(id); e != nil && e.OutOfScope {
			return false
		}
	}
	return true
}

func (f *facts) keepsRef(r model.ThreatRef) bool {
	if r.Flow != nil {
		return f.keepsFlow(r.Diagram, r.Flow)
	}
	return f.opts.keepsTarget(&r.Element.Common)
}

func (f *facts) flows(d *model.Diagram) []*model.Flow {
	var out []*model.Flow
	for _, fl := range d.Flows {
		if f.keepsFlow(d, fl) {
			out = append(out, fl)
		}
	}
	return out
}

// sessionDate is the date of the last session, zero when there is none.
func (f *facts) lastSession() *model.Session {
	var last *model.Session
	for _, s := range f.m.Sessions {
		if last == nil || s.Date.Time().After(last.Date.Time()) {
			last = s
		}
	}
	return last
}

// overdue reports whether an action is past its due date on the report's
// date and not finished.
func (f *facts) overdue(a *model.Action) bool {
	if a.Due.IsZero() || a.Status == model.Done || a.Status == model.Verified {
		return false
	}
	today := model.DateOf(f.date).Time()
	return a.Due.Time().Before(today)
}

// openActions lists the actions not done or verified, in document order.
func (f *facts) openActions() []*model.Action {
	var out []*model.Action
	for _, a := range f.m.Actions {
		if a.Status != model.Done && a.Status != model.Verified {
			out = append(out, a)
		}
	}
	return out
}

// acceptedRisks lists the reported threats that were accepted or
// transferred, in register order.
func (f *facts) acceptedRisks() []model.ThreatRef {
	var out []model.ThreatRef
	for _, r := range f.register {
		if r.Threat.Decision == model.Accept || r.Threat.Decision == model.Transfer {
			out = append(out, r)
		}
	}
	return out
}

// categoryGroup is a checklist category with the threats recorded under it.
type categoryGroup struct {
	name    string
	threats []*model.Threat
}

// byCategory groups a target's reported threats under its checklist's
// categories, in checklist order; categories that are not in the checklist
// come last, under their own IDs, in the order first met.
func (f *facts) byCategory(d *model.Diagram, c *model.Common) []categoryGroup {
	cl, _ := f.catalog.ChecklistFor(d)
	var groups []categoryGroup
	add := func(name string, t *model.Threat) {
		for i := range groups {
			if groups[i].name == name {
				groups[i].threats = append(groups[i].threats, t)
				return
			}
		}
		groups = append(groups, categoryGroup{name: name, threats: []*model.Threat{t}})
	}
	if cl != nil {
		for _, cat := range cl.Categories {
			for _, t := range c.Threats {
				if t.Category == cat.ID && f.keeps(c, t) {
					add(cat.Name, t)
				}
			}
		}
	}
	for _, t := range c.Threats {
		if (cl == nil || cl.Category(t.Category) == nil) && f.keeps(c, t) {
			add(f.categoryName(d, t.Category), t)
		}
	}
	return groups
}

// categoryName is the display name of a threat category on diagram d.
func (f *facts) categoryName(d *model.Diagram, id string) string {
	if cl, _ := f.catalog.ChecklistFor(d); cl != nil {
		if cat := cl.Category(id); cat != nil {
			return cat.Name
		}
	}
	for _, cl := range f.catalog.Checklists() {
		if cat := cl.Category(id); cat != nil {
			return cat.Name
		}
	}
	if id == "" {
		return "Uncategorised"
	}
	return id
}

// checklistsUsed lists the checklists the diagrams walk, in catalog order.
func (f *facts) checklistsUsed() []*analysis.Checklist {
	var out []*analysis.Checklist
	for _, cl := range f.catalog.Checklists() {
		for _, d := range f.m.Diagrams {
			if got, _ := f.catalog.ChecklistFor(d); got == cl {
				out = append(out, cl)
				break
			}
		}
	}
	return out
}

// ruleUse is a rule of the catalog and the reported threats it suggested.
type ruleUse struct {
	rule    *analysis.Rule
	id      string // the rule ID recorded on the threats
	threats []*model.Threat
}

// rulesUsed lists the rules behind reported threats, by rule ID. A rule ID
// that the catalog no longer has is listed without its details.
func (f *facts) rulesUsed() []ruleUse {
	var out []ruleUse
	for _, r := range f.register {
		id := r.Threat.RuleID
		if id == "" {
			continue
		}
		i := slices.IndexFunc(out, func(u ruleUse) bool { return u.id == id })
		if i < 0 {
			out = append(out, ruleUse{rule: f.catalog.Rule(id), id: id})
			i = len(out) - 1
		}
		out[i].threats = append(out[i].threats, r.Threat)
	}
	slices.SortFunc(out, func(a, b ruleUse) int { return strings.Compare(a.id, b.id) })
	return out
}

// targetName names the element or flow a threat is on.
func targetName(r model.ThreatRef) string {
	if r.Element != nil {
		return elementLabel(r.Element)
	}
	return flowLabel(r.Diagram, r.Flow)
}

// elementLabel is an element's name, or its kind when it has none.
func elementLabel(e *model.Element) string {
	if n := strings.TrimSpace(e.Name); n != "" {
		return n
	}
	return "unnamed " + e.Kind.String()
}

// flowLabel is a flow's name, or "source → target" when it has none.
func flowLabel(d *model.Diagram, fl *model.Flow) string {
	if n := strings.TrimSpace(fl.Name); n != "" {
		return n
	}
	return endsLabel(d, fl)
}

func endsLabel(d *model.Diagram, fl *model.Flow) string {
	name := func(id string) string {
		if e := d.Element(id); e != nil {
			return elementLabel(e)
		}
		return id
	}
	arrow := " → "
	if fl.Bidirectional {
		arrow = " ↔ "
	}
	return name(fl.From) + arrow + name(fl.To)
}

// Display names of the model's values.
func levelLabel(l model.Level) string {
	switch l {
	case model.Low:
		return "Low"
	case model.Medium:
		return "Medium"
	case model.High:
		return "High"
	}
	return "—"
}

func riskLabel(r analysis.RiskLevel) string {
	if r == analysis.RiskUnrated {
		return "Unrated"
	}
	return capitalize(r.String())
}

func decisionLabel(d model.Decision) string {
	if d == model.NotApplicable {
		return "Not applicable"
	}
	return capitalize(d.String())
}

func statusLabel(s model.Status) string {
	if s == model.InProgress {
		return "In progress"
	}
	return capitalize(s.String())
}

func kindLabel(k model.Kind) string { return capitalize(k.String()) }

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func dateLabel(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("2006-01-02")
}

// properties lists the analysis properties set on an element or flow:
// "Label" for a yes/no property that holds, "Label: value" for text.
func properties(get func(key string) (any, bool), props []model.Property) []string {
	var out []string
	for _, p := range props {
		if p.Common() {
			continue // printed in their own columns
		}
		v, ok := get(p.Key)
		if !ok {
			continue
		}
		switch v := v.(type) {
		case bool:
			if v {
				out = append(out, p.Label)
			}
		case string:
			if v != "" {
				out = append(out, p.Label+": "+v)
			}
		}
	}
	return out
}

// controls lists a controls table as "✓ TLS", "✗ Rate limiting (notes)".
func controls(cs []model.Control) []string {
	out := make([]string, 0, len(cs))
	for _, c := range cs {
		mark := "✗ "
		if c.InPlace {
			mark = "✓ "
		}
		s := mark + c.Name
		if c.Notes != "" {
			s += " (" + c.Notes + ")"
		}
		out = append(out, s)
	}
	return out
}

// drawn is the diagram as the report draws it: without its out-of-scope
// elements and their flows when those are left out.
func (f *facts) drawn(d *model.Diagram) *model.Diagram {
	if !f.opts.OmitOutOfScope {
		return d
	}
	out := &model.Diagram{ID: d.ID, Title: d.Title, Description: d.Description, Checklist: d.Checklist,
		Parent: d.Parent, Boundaries: d.Boundaries, Flows: f.flows(d)}
	for _, e := range d.Elements {
		if !e.OutOfScope {
			out.Elements = append(out.Elements, e)
		}
	}
	return out
}

// treeRow is one node of an attack tree as the report's node tables list
// it: the PDF and the Markdown print the same columns.
type treeRow struct {
	depth  int
	node   *model.Node
	onPath bool     // on the cheapest path
	values []string // type, probability, cost, skill, countermeasures, path mark
}

// rows lists the tree's nodes depth first, each with its computed values.
func (tf treeFacts) rows() []treeRow {
	onPath := map[string]bool{}
	for _, id := range tf.result.CheapestPath {
		onPath[id] = true
	}
	var rows []treeRow
	var walk func(n *model.Node, depth int)
	walk = func(n *model.Node, depth int) {
		v, _ := tf.result.Node(n.ID)
		mark := ""
		if onPath[n.ID] {
			mark = "●"
		}
		var cms []string
		for _, c := range n.Countermeasures {
			state := "planned"
			if c.InPlace {
				state = "in place"
			}
			cms = append(cms, fmt.Sprintf("%s (%s, strength %s)", c.Title, state, probability(c.Strength)))
		}
		rows = append(rows, treeRow{depth: depth, node: n, onPath: onPath[n.ID], values: []string{
			strings.ToUpper(n.Type.String()), probability(v.Probability), cost(v.Cost), skill(v.Skill),
			strings.Join(cms, "\n"), mark}})
		for _, c := range n.Children {
			walk(c, depth+1)
		}
	}
	if tf.tree.Root != nil {
		walk(tf.tree.Root, 0)
	}
	return rows
}

// chapterWriter is a report's medium: the PDF and the Markdown write the
// same chapters from the same facts.
type chapterWriter interface {
	summary(f *facts)
	useCase(f *facts, d *model.Diagram)
	register(f *facts)
	accepted(f *facts)
	attackTrees(f *facts)
	actions(f *facts)
	appendix(f *facts)
}

// writeChapters writes the chapters after the contents, in report order,
// leaving out those opts omits.
func writeChapters(w chapterWriter, f *facts, opts *Options) {
	if !opts.omits(ChapterSummary) {
		w.summary(f)
	}
	if !opts.omits(ChapterUseCases) {
		for _, d := range f.m.Diagrams {
			w.useCase(f, d)
		}
	}
	if !opts.omits(ChapterRegister) {
		w.register(f)
	}
	if !opts.omits(ChapterAccepted) {
		w.accepted(f)
	}
	if !opts.omits(ChapterTrees) && len(f.m.AttackTrees) > 0 {
		w.attackTrees(f)
	}
	if !opts.omits(ChapterActions) {
		w.actions(f)
	}
	if !opts.omits(ChapterAppendix) {
		w.appendix(f)
	}
}
