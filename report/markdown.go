package report

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/model"
)

// Markdown writes the report of m as one Markdown page for a wiki: the same
// chapters as the PDF, as headings, lists and tables. MarkdownFiles adds the
// pictures of the diagrams and trees.
func Markdown(w io.Writer, m *model.Model, opts Options) error { return markdown(w, m, opts, nil) }

// markdown writes the page; images maps a diagram's or tree's ID to the
// file of its picture, linked where the PDF draws it.
func markdown(w io.Writer, m *model.Model, opts Options, images map[string]string) error {
	f, err := gather(m, &opts)
	if err != nil {
		return fmt.Errorf("markdown report: %w", err)
	}
	md := &mdWriter{w: bufio.NewWriter(w), images: images}
	md.cover(f)
	if !opts.omits(ChapterContents) {
		md.contents(f)
	}
	writeChapters(md, f, &opts)
	if err := md.w.Flush(); err != nil {
		return fmt.Errorf("markdown report: %w", err)
	}
	return nil
}

type mdWriter struct {
	w      *bufio.Writer
	images map[string]string // picture files by diagram or tree ID
}

// image links the picture of a diagram or tree, when there is one.
func (md *mdWriter) image(id, title string) {
	if file, ok := md.images[id]; ok {
		md.line("![%s](%s)\n", mdInline(title), url.PathEscape(file))
	}
}

func (md *mdWriter) line(format string, args ...any) { fmt.Fprintf(md.w, format+"\n", args...) }

func (md *mdWriter) heading(level int, title string) {
	md.line("%s %s\n", strings.Repeat("#", level), mdInline(title))
}

func (md *mdWriter) para(s string) {
	if strings.TrimSpace(s) == "" {
		return
	}
	md.line("%s\n", mdText(s))
}

// table writes a pipe table; cells are escaped and newlines become <br>.
func (md *mdWriter) table(head []string, rows [][]string) { md.tableRaw(head, rows, -1) }

// mdInline escapes the characters that would start Markdown formatting
// inside a line.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "#", `\#`)

func mdInline(s string) string {
	return mdEscaper.Replace(strings.Join(strings.Fields(s), " "))
}

// mdText escapes a paragraph, keeping its line breaks.
func mdText(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = mdEscaper.Replace(strings.TrimSpace(l))
	}
	return strings.Join(lines, "  \n")
}

func mdCell(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.ReplaceAll(mdEscaper.Replace(strings.TrimSpace(l)), "|", `\|`)
	}
	return strings.Join(lines, "<br>")
}

// anchor is the heading anchor most wikis derive from a title.
func anchor(title string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(title) {
		switch {
		case r == ' ' || r == '-':
			b.WriteByte('-')
		case r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r > 0x7f && r != '→' && r != '·':
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (md *mdWriter) cover(f *facts) {
	m := f.m
	title := m.Title
	if strings.TrimSpace(title) == "" {
		title = "Untitled threat model"
	}
	md.heading(1, title)
	if c := strings.TrimSpace(m.Classification); c != "" {
		md.line("**Classification: %s**\n", mdInline(c))
	}
	md.para(m.Description)
	rows := [][]string{
		{"Owner", m.Owner}, {"Classification", m.Classification}, {"Model version", m.Version},
		{"Report date", f.date.Format("2006-01-02")},
	}
	if s := f.lastSession(); s != nil {
		rows = append(rows, []string{"Last session", dateLabel(s.Date)})
	}
	rows = append(rows, []string{"Next session", dateLabel(m.NextSession)})
	md.table([]string{"", ""}, rows)
	if len(f.participants) > 0 {
		md.line("**Participants**\n")
		for _, p := range f.participants {
			if p.Role != "" {
				md.line("- %s — %s", mdInline(p.Name), mdInline(p.Role))
			} else {
				md.line("- %s", mdInline(p.Name))
			}
		}
		md.line("")
	}
}

func (md *mdWriter) contents(f *facts) {
	md.heading(2, chapterTitles[ChapterContents])
	entry := func(indent, title string) { md.line("%s- [%s](#%s)", indent, mdInline(title), anchor(title)) }
	for _, c := range Chapters[1:] {
		if f.opts.omits(c) {
			continue
		}
		switch c {
		case ChapterUseCases:
			for _, d := range f.m.Diagrams {
				entry("", useCaseTitle(d))
			}
		case ChapterTrees:
			if len(f.trees) > 0 {
				entry("", chapterTitles[c])
				for _, t := range f.trees {
					entry("  ", treeTitle(t.tree))
				}
			}
		default:
			entry("", chapterTitles[c])
		}
	}
	md.line("")
}

func (md *mdWriter) summary(f *facts) {
	m := f.m
	md.heading(2, chapterTitles[ChapterSummary])
	if m.Scope != "" {
		md.line("**Scope.** %s\n", mdText(m.Scope))
	}
	if m.Description != "" {
		md.line("**Description.** %s\n", mdText(m.Description))
	}
	var rows [][]string
	for _, r := range []analysis.RiskLevel{analysis.RiskCritical, analysis.RiskHigh, analysis.RiskMedium, analysis.RiskLow, analysis.RiskUnrated} {
		rows = append(rows, []string{riskLabel(r), fmt.Sprint(f.summary.ByRisk[r])})
	}
	md.table([]string{"Risk", "Threats"}, rows)
	rows = nil
	for _, dec := range []model.Decision{model.Undecided, model.Mitigate, model.Accept, model.Transfer, model.Avoid, model.NotApplicable} {
		if n := f.summary.ByDecision[dec]; n > 0 {
			rows = append(rows, []string{decisionLabel(dec), fmt.Sprint(n)})
		}
	}
	if len(rows) > 0 {
		md.table([]string{"Decision", "Threats"}, rows)
	}
	rows = nil
	for _, s := range []model.Status{model.Open, model.InProgress, model.Done, model.Verified} {
		if n := f.summary.ByStatus[s]; n > 0 {
			rows = append(rows, []string{statusLabel(s), fmt.Sprint(n)})
		}
	}
	if len(rows) > 0 {
		md.table([]string{"Status", "Threats"}, rows)
	}
	md.line("**Likelihood × impact** (threat counts)\n")
	rows = nil
	for _, imp := range []model.Level{model.High, model.Medium, model.Low} {
		row := []string{"Impact " + strings.ToLower(levelLabel(imp))}
		for _, lik := range []model.Level{model.Low, model.Medium, model.High} {
			row = append(row, fmt.Sprint(f.heat.Count(lik, imp)))
		}
		rows = append(rows, row)
	}
	md.table([]string{"", "Likelihood low", "Likelihood medium", "Likelihood high"}, rows)
	if f.heat.Unrated > 0 {
		md.para(fmt.Sprintf("%d threats are not rated yet.", f.heat.Unrated))
	}
	// The same lists as the PDF's summary, their first five rows each.
	const most = 5
	more := func(total int, c Chapter) {
		if total <= most {
			return
		}
		line := fmt.Sprintf("and %d more", total-most)
		if !f.opts.omits(c) {
			line += fmt.Sprintf(" — see [%s](#%s)", chapterTitles[c], anchor(chapterTitles[c]))
		}
		md.line("*%s.*\n", line)
	}
	md.line("**Top risks** (%d threats in all)\n", f.summary.Total)
	rows = nil
	for _, r := range f.register[:min(most, len(f.register))] {
		rows = append(rows, []string{r.Threat.Title, targetName(r), riskLabel(analysis.ThreatRisk(r.Threat)), decisionLabel(r.Threat.Decision)})
	}
	if len(rows) == 0 {
		md.para("No threats recorded.")
	} else {
		md.table([]string{"Threat", "Element or flow", "Risk", "Decision"}, rows)
	}
	more(len(f.register), ChapterRegister)
	open := f.openActions()
	overdue := 0
	for _, a := range open {
		if f.overdue(a) {
			overdue++
		}
	}
	md.line("**Open actions** (%d, %d overdue)\n", len(open), overdue)
	rows = nil
	for _, a := range open[:min(most, len(open))] {
		due := dateLabel(a.Due)
		if f.overdue(a) {
			due += ", **overdue**"
		}
		rows = append(rows, []string{a.Title, a.Owner, due, statusLabel(a.Status)})
	}
	if len(rows) == 0 {
		md.para("No open actions.")
	} else {
		md.tableRaw([]string{"Action", "Owner", "Due", "Status"}, rows, 2)
	}
	more(len(open), ChapterActions)
	accepted := f.acceptedRisks()
	md.line("**Accepted or transferred risks** (%d)\n", len(accepted))
	rows = nil
	for _, r := range accepted[:min(most, len(accepted))] {
		t := r.Threat
		who := t.AcceptedBy
		if t.Decision == model.Transfer {
			who = t.TransferredTo
		}
		rows = append(rows, []string{t.Title, riskLabel(analysis.ThreatRisk(t)), decisionLabel(t.Decision), who})
	}
	if len(rows) == 0 {
		md.para("No risk was accepted or transferred.")
	} else {
		md.table([]string{"Threat", "Risk", "Decision", "Accepted by / transferred to"}, rows)
	}
	more(len(accepted), ChapterAccepted)
	if m.NextSession.IsZero() {
		md.line("**Next session:** not planned.\n")
	} else {
		md.line("**Next session:** %s.\n", dateLabel(m.NextSession))
	}
}

func (md *mdWriter) useCase(f *facts, d *model.Diagram) {
	md.heading(2, useCaseTitle(d))
	md.para(d.Description)
	md.image(d.ID, d.Title)
	if cl, _ := f.catalog.ChecklistFor(d); cl != nil {
		md.line("*Checklist: %s*\n", mdInline(cl.Name))
	}
	md.heading(3, "Elements")
	var rows [][]string
	for _, e := range f.elements(d) {
		name := elementLabel(e)
		if e.OutOfScope {
			name += " (out of scope" + prefixed(": ", e.OutOfScopeReason) + ")"
		}
		desc := strings.TrimSpace(e.Description + prefixed("\nTechnology: ", e.Technology) + prefixed("\nOwner: ", e.Owner))
		rows = append(rows, []string{name, kindLabel(e.Kind), desc,
			strings.Join(properties(e.Prop, model.ElementProperties(e.Kind)), "\n"), strings.Join(controls(e.Controls), "\n")})
	}
	if len(rows) == 0 {
		md.para("No elements.")
	} else {
		md.table([]string{"Element", "Kind", "Description", "Properties", "Controls"}, rows)
	}
	md.heading(3, "Data flows")
	rows = nil
	for _, fl := range f.flows(d) {
		name := flowLabel(d, fl)
		if fl.OutOfScope {
			name += " (out of scope)"
		}
		rows = append(rows, []string{name, endsLabel(d, fl), fl.Description,
			strings.Join(properties(fl.Prop, model.FlowProperties()), "\n"), strings.Join(controls(fl.Controls), "\n")})
	}
	if len(rows) == 0 {
		md.para("No data flows.")
	} else {
		md.table([]string{"Flow", "From → to", "Description", "Properties", "Controls"}, rows)
	}
	md.heading(3, "Threats by element and flow")
	any := false
	target := func(name string, c *model.Common) {
		groups := f.byCategory(d, c)
		if len(groups) == 0 {
			return
		}
		any = true
		md.heading(4, name)
		var rows [][]string
		for _, g := range groups {
			for i, t := range g.threats {
				cat := ""
				if i == 0 {
					cat = g.name
				}
				rows = append(rows, []string{cat, t.Title + prefixed("\n", t.Description), riskLabel(analysis.ThreatRisk(t)), decisionLabel(t.Decision), t.Mitigation})
			}
		}
		md.table([]string{"Category", "Threat", "Risk", "Decision", "Mitigation"}, rows)
	}
	for _, e := range f.elements(d) {
		target(elementLabel(e)+" ("+e.Kind.String()+")", &e.Common)
	}
	for _, fl := range f.flows(d) {
		target(flowLabel(d, fl)+" (flow)", &fl.Common)
	}
	if !any {
		md.para("No threats recorded in this use case.")
	}
}

func prefixed(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

func (md *mdWriter) register(f *facts) {
	md.heading(2, chapterTitles[ChapterRegister])
	md.para("Every threat, biggest impact first, then likelihood.")
	if len(f.register) == 0 {
		md.para("No threats recorded.")
		return
	}
	rows := make([][]string, 0, len(f.register))
	for _, r := range f.register {
		t := r.Threat
		rows = append(rows, []string{t.ID, targetName(r), f.categoryName(r.Diagram, t.Category), t.Title,
			levelLabel(t.Likelihood), levelLabel(t.Impact), riskLabel(analysis.ThreatRisk(t)), decisionLabel(t.Decision),
			t.Mitigation, t.Owner, t.Ticket, statusLabel(t.Status)})
	}
	md.table([]string{"ID", "Element", "Category", "Title", "Likelihood", "Impact", "Risk", "Decision", "Mitigation", "Owner", "Ticket", "Status"}, rows)
}

func (md *mdWriter) accepted(f *facts) {
	md.heading(2, chapterTitles[ChapterAccepted])
	refs := f.acceptedRisks()
	if len(refs) == 0 {
		md.para("No risk was accepted or transferred.")
		return
	}
	var rows [][]string
	for _, r := range refs {
		t := r.Threat
		who := t.AcceptedBy
		if t.Decision == model.Transfer {
			who = t.TransferredTo
		}
		rows = append(rows, []string{t.Title, targetName(r), riskLabel(analysis.ThreatRisk(t)), decisionLabel(t.Decision), t.Justification, who})
	}
	md.table([]string{"Threat", "Element or flow", "Risk", "Decision", "Justification", "Accepted by / transferred to"}, rows)
}

func treeTitle(t *model.AttackTree) string {
	if s := strings.TrimSpace(t.Title); s != "" {
		return s
	}
	return "Untitled attack tree"
}

func (md *mdWriter) attackTrees(f *facts) {
	md.heading(2, chapterTitles[ChapterTrees])
	for _, tf := range f.trees {
		md.heading(3, treeTitle(tf.tree))
		if target := f.treeTarget(tf.tree); target != "" {
			md.line("*Target: %s*\n", mdInline(target))
		}
		if tf.err != nil {
			md.para("This tree cannot be evaluated: " + tf.err.Error())
			continue
		}
		md.image(tf.tree.ID, treeTitle(tf.tree))
		root := tf.result.Root
		md.para(fmt.Sprintf("Root: probability %s, cheapest cost %s, skill %s. ● marks the cheapest path.",
			probability(root.Probability), cost(root.Cost), skill(root.Skill)))
		var rows [][]string
		for _, r := range tf.rows() {
			rows = append(rows, append([]string{strings.Repeat("→ ", r.depth) + r.node.Title}, r.values...))
		}
		md.table([]string{"Node", "Type", "Probability", "Cost", "Skill", "Countermeasures", "Path"}, rows)
	}
}

func (md *mdWriter) actions(f *facts) {
	md.heading(2, chapterTitles[ChapterActions])
	if len(f.m.Actions) == 0 {
		md.para("No actions recorded.")
	} else {
		var rows [][]string
		for _, a := range f.m.Actions {
			threat := a.ThreatID
			if r, ok := f.threatRefs[a.ThreatID]; ok {
				threat = r.Threat.Title
			}
			due := dateLabel(a.Due)
			if f.overdue(a) {
				due = "**" + due + " (overdue)**"
			}
			rows = append(rows, []string{a.Title, threat, a.Owner, a.Ticket, due, statusLabel(a.Status)})
		}
		md.tableRaw([]string{"Action", "Threat", "Owner", "Ticket", "Due", "Status"}, rows, 4)
	}
	md.heading(3, "Next session")
	if f.m.NextSession.IsZero() {
		md.para("Not planned yet.")
	} else {
		md.para("The next session is planned for " + f.m.NextSession.Time().Format("Monday 2 January 2006") +
			": review whether the actions above were taken, and model what changed.")
	}
}

// tableRaw is table with column raw (or none, -1) written as it is: it
// holds Markdown the writer made itself.
func (md *mdWriter) tableRaw(head []string, rows [][]string, raw int) {
	md.line("| %s |", strings.Join(head, " | "))
	md.line("|%s", strings.Repeat(" --- |", len(head)))
	for _, r := range rows {
		cells := make([]string, len(r))
		for i, c := range r {
			if i == raw {
				cells[i] = c
			} else {
				cells[i] = mdCell(c)
			}
		}
		md.line("| %s |", strings.Join(cells, " | "))
	}
	md.line("")
}

func (md *mdWriter) appendix(f *facts) {
	md.heading(2, chapterTitles[ChapterAppendix])
	for _, cl := range f.checklistsUsed() {
		md.heading(3, "Checklist: "+cl.Name)
		md.para(cl.Description)
		for _, cat := range cl.Categories {
			md.line("**%s.** %s\n", mdInline(cat.Name), mdInline(cat.Explanation))
			for _, q := range cat.Questions {
				md.line("- %s", mdInline(q))
			}
			md.line("")
		}
	}
	md.heading(3, "Rules behind recorded threats")
	used := f.rulesUsed()
	if len(used) == 0 {
		md.para("No recorded threat was suggested by a rule.")
		return
	}
	var rows [][]string
	for _, u := range used {
		title, refs := "(no longer in the catalog)", ""
		if u.rule != nil {
			title, refs = u.rule.Title, strings.Join(u.rule.References, ", ")
		}
		names := make([]string, len(u.threats))
		for i, t := range u.threats {
			names[i] = t.Title
		}
		rows = append(rows, []string{u.id, title, refs, strings.Join(names, "\n")})
	}
	md.table([]string{"Rule", "Suggests", "References", "Recorded threats"}, rows)
}
