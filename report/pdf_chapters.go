package report

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // logo formats
	_ "image/png"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/drawing"
	"github.com/threatboard/threatboard/model"
)

// Risk colours, light enough for black text on top.
var riskFill = map[analysis.RiskLevel]rgb{
	analysis.RiskUnrated:  {0xee, 0xee, 0xee},
	analysis.RiskLow:      {0xcd, 0xeb, 0xc5},
	analysis.RiskMedium:   {0xff, 0xec, 0xa8},
	analysis.RiskHigh:     {0xfb, 0xc4, 0x8f},
	analysis.RiskCritical: {0xf4, 0x9a, 0x9a},
}

func riskCell(r analysis.RiskLevel) cell {
	c := riskFill[r]
	return cell{text: riskLabel(r), fill: &c}
}

// cover is the first page: what the model is, whose, how confidential, and
// who took part.
func (d *pdfDoc) cover(f *facts) error {
	m := f.m
	d.addPage(false)
	if len(f.opts.Logo) > 0 {
		if err := d.logo(f.opts.Logo); err != nil {
			return err
		}
	}
	d.y = 60
	d.paragraph("Threat model report", "", 13, grey)
	d.y += 2
	title := m.Title
	if strings.TrimSpace(title) == "" {
		title = "Untitled threat model"
	}
	d.paragraph(title, "B", 26, accent)
	d.y += 4
	if m.Description != "" {
		d.paragraph(m.Description, "", 11, black)
	}
	d.y += 8
	rows := [][2]string{
		{"Owner", m.Owner},
		{"Classification", m.Classification},
		{"Model version", m.Version},
		{"Report date", f.date.Format("2006-01-02")},
	}
	if s := f.lastSession(); s != nil {
		rows = append(rows, [2]string{"Last session", dateLabel(s.Date)})
	}
	rows = append(rows, [2]string{"Next session", dateLabel(m.NextSession)})
	for _, r := range rows {
		if r[1] == "" {
			r[1] = "—"
		}
		d.keyValue(r[0], r[1])
	}
	if len(f.participants) > 0 {
		d.y += 6
		d.paragraph("Participants", "B", 11, black)
		d.y += 1
		for _, p := range f.participants {
			line := p.Name
			if p.Role != "" {
				line += " — " + p.Role
			}
			d.indented(4, line, "", 10, black)
		}
	}
	return nil
}

// keyValue writes "Key   value" on one line (the value wraps).
func (d *pdfDoc) keyValue(key, value string) {
	const keyW = 38
	d.useFont("B", 10, false)
	d.setColor(grey)
	lh := lineHeight(10)
	d.room(lh)
	d.text(margin, d.y+10*ptToMM, printable(key, false))
	d.useFont("", 10, false)
	d.setColor(black)
	for i, line := range d.wrap(value, d.w-2*margin-keyW) {
		if i > 0 {
			d.room(lh)
		}
		d.text(margin+keyW, d.y+10*ptToMM, line)
		d.y += lh
	}
	d.useFont("", bodySize, false)
}

// logo draws the logo in the cover's top right corner, at most 50×25 mm.
func (d *pdfDoc) logo(data []byte) error {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("logo: not a PNG or JPEG image: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return fmt.Errorf("logo: empty image")
	}
	tp := map[string]string{"png": "PNG", "jpeg": "JPG"}[format]
	if tp == "" {
		return fmt.Errorf("logo: %s images are not supported (use PNG or JPEG)", format)
	}
	d.f.RegisterImageOptionsReader("logo", gofpdf.ImageOptions{ImageType: tp}, bytes.NewReader(data))
	if err := d.err(); err != nil {
		return fmt.Errorf("logo: %w", err)
	}
	w, h := 50.0, 50.0*float64(cfg.Height)/float64(cfg.Width)
	if h > 25 {
		w, h = 25*float64(cfg.Width)/float64(cfg.Height), 25
	}
	d.f.ImageOptions("logo", d.w-margin-w, margin, w, h, false, gofpdf.ImageOptions{ImageType: tp}, 0, "")
	return nil
}

// summary is the one page a stakeholder reads: scope, counts, heat map, top
// risks, open actions, accepted risks, next session. It never runs onto a
// second page: long texts are cut, and lists that would not fit show their
// first rows and how many more there are, with the page of the chapter that
// has them all (filled in by summaryRefs once that page is known).
func (d *pdfDoc) summary(f *facts) {
	m := f.m
	d.heading(chapterTitles[ChapterSummary], 0, true)
	for _, t := range []struct {
		title, text string
		lines       int
	}{{"Scope", m.Scope, 6}, {"Description", m.Description, 4}} {
		if strings.TrimSpace(t.text) == "" {
			continue
		}
		d.paragraph(t.title, "B", bodySize, black)
		d.useFont("", bodySize, false)
		d.paragraph(d.clamp(t.text, d.w-2*margin, t.lines), "", bodySize, black)
		d.y += 2
	}
	top := d.y
	d.heatMap(f, d.w-margin-72, top)
	// Counts on the left of the heat map.
	d.y = top
	d.paragraph("Threats by risk", "B", bodySize, black)
	for _, r := range []analysis.RiskLevel{analysis.RiskCritical, analysis.RiskHigh, analysis.RiskMedium, analysis.RiskLow, analysis.RiskUnrated} {
		d.countLine(riskLabel(r), f.summary.ByRisk[r], riskFill[r])
	}
	d.y += 2
	d.paragraph("By decision", "B", bodySize, black)
	for _, dec := range []model.Decision{model.Undecided, model.Mitigate, model.Accept, model.Transfer, model.Avoid, model.NotApplicable} {
		if n := f.summary.ByDecision[dec]; n > 0 {
			d.countLine(decisionLabel(dec), n, rgb{})
		}
	}
	d.y += 2
	d.paragraph("By status", "B", bodySize, black)
	for _, s := range []model.Status{model.Open, model.InProgress, model.Done, model.Verified} {
		if n := f.summary.ByStatus[s]; n > 0 {
			d.countLine(statusLabel(s), n, rgb{})
		}
	}
	d.y = max(d.y+3, top+80)

	open := f.openActions()
	overdue := 0
	for _, a := range open {
		if f.overdue(a) {
			overdue++
		}
	}
	accepted := f.acceptedRisks()
	lists := []summaryList{
		{title: fmt.Sprintf("Top risks (%d threats in all)", f.summary.Total), empty: "No threats recorded.",
			chapter: ChapterRegister, most: 5, total: len(f.register),
			cols: []column{{"Threat", 5}, {"Element or flow", 3}, {"Risk", 1.3}, {"Decision", 1.5}},
			row: func(i int) []cell {
				r := f.register[i]
				return []cell{{text: r.Threat.Title}, {text: targetName(r)}, riskCell(analysis.ThreatRisk(r.Threat)), {text: decisionLabel(r.Threat.Decision)}}
			}},
		{title: fmt.Sprintf("Open actions (%d, %d overdue)", len(open), overdue), empty: "No open actions.",
			chapter: ChapterActions, most: 5, total: len(open),
			cols: []column{{"Action", 5}, {"Owner", 2.2}, {"Due", 2.3}, {"Status", 1.6}},
			row: func(i int) []cell {
				a := open[i]
				due := cell{text: dateLabel(a.Due)}
				if f.overdue(a) {
					due = cell{text: dateLabel(a.Due) + ", overdue", bold: true, fill: &overdueBg}
				}
				return []cell{{text: a.Title}, {text: a.Owner}, due, {text: statusLabel(a.Status)}}
			}},
		{title: fmt.Sprintf("Accepted or transferred risks (%d)", len(accepted)), empty: "No risk was accepted or transferred.",
			chapter: ChapterAccepted, most: 5, total: len(accepted),
			cols: []column{{"Threat", 5}, {"Risk", 1.3}, {"Decision", 1.5}, {"Accepted by / transferred to", 3}},
			row: func(i int) []cell {
				t := accepted[i].Threat
				who := t.AcceptedBy
				if t.Decision == model.Transfer {
					who = t.TransferredTo
				}
				return []cell{{text: t.Title}, riskCell(analysis.ThreatRisk(t)), {text: decisionLabel(t.Decision)}, {text: who}}
			}},
	}
	next := "Next session: not planned."
	if !m.NextSession.IsZero() {
		next = "Next session: " + dateLabel(m.NextSession) + "."
	}
	d.fitLists(lists, lineHeight(bodySize)+2)
	for i := range lists {
		d.summaryList(&lists[i])
	}
	d.paragraph(next, "B", bodySize, black)
}

// summaryList is a list on the summary page: its first shown rows of
// total, and a line pointing to the chapter with the rest.
type summaryList struct {
	title, empty string
	chapter      Chapter
	cols         []column
	row          func(i int) []cell
	most, total  int
	shown        int
	rows         [][]cell
}

// summaryCellLines is as many lines as a cell of a summary list shows.
const summaryCellLines = 2

// fitLists chooses how many rows of each list the rest of the page holds,
// leaving below free under them: up to each list's most, then fewer,
// taking a row from the longest list first (at worst, none: the list's
// line then says how many there are and where).
func (d *pdfDoc) fitLists(lists []summaryList, below float64) {
	lh := lineHeight(tableSize)
	heights := make([][]float64, len(lists))
	for i := range lists {
		l := &lists[i]
		l.shown = min(l.most, l.total)
		widths := columnWidths(d.w, l.cols)
		for j := range l.shown {
			r := l.row(j)
			for k := range r {
				d.useFont(style(r[k].bold), tableSize, false)
				r[k].text = d.clamp(r[k].text, widths[k]-2*cellPad, summaryCellLines)
			}
			l.rows = append(l.rows, r)
			heights[i] = append(heights[i], rowHeight(d.cellLines(r, widths), lh))
		}
	}
	need := func() float64 {
		h := below
		for i, l := range lists {
			h += lineHeight(11) + 1 // the title
			if l.shown == 0 {       // "no …" or "N, see …"
				h += lineHeight(bodySize) + 2
				continue
			}
			h += rowHeightN(1, lh) + 2 // the header and the gap below
			for _, rh := range heights[i][:l.shown] {
				h += rh
			}
			if l.shown < l.total {
				h += lineHeight(bodySize)
			}
			h += 2
		}
		return h
	}
	for d.y+need() > d.bottom() {
		longest := -1
		for i, l := range lists {
			if l.shown > 0 && (longest < 0 || l.shown >= lists[longest].shown) {
				longest = i
			}
		}
		if longest < 0 {
			break // only the titles and the references are left
		}
		lists[longest].shown--
	}
}

// summaryList draws a list chosen by fitLists.
func (d *pdfDoc) summaryList(l *summaryList) {
	d.paragraph(l.title, "B", 11, black)
	d.y++
	if l.total == 0 {
		d.paragraph(l.empty, "I", bodySize, grey)
		d.y += 2
		return
	}
	if l.shown > 0 {
		d.table(l.cols, l.rows[:l.shown])
	}
	if more := l.total - l.shown; more > 0 {
		// The chapter's page is known only once it is written.
		d.moreRefs = append(d.moreRefs, moreRef{page: d.f.PageNo(), y: d.y, more: more, chapter: l.chapter})
		d.y += lineHeight(bodySize)
	}
	d.y += 2
}

// moreRef is a line "and K more — see chapter (page P)" to write on the
// summary page once the chapter's page is known.
type moreRef struct {
	page    int
	y       float64
	more    int
	chapter Chapter
}

// summaryRefs writes the summary's "and K more" lines, with the page of
// the chapter they point to, or without when that chapter is left out.
func (d *pdfDoc) summaryRefs(opts *Options) {
	if len(d.moreRefs) == 0 {
		return
	}
	for _, r := range d.moreRefs {
		line := fmt.Sprintf("and %d more", r.more)
		title := chapterTitles[r.chapter]
		for _, e := range d.toc {
			if e.level == 0 && e.title == title && !opts.omits(r.chapter) {
				line += fmt.Sprintf(" — see “%s” (page %d)", title, e.page)
				break
			}
		}
		d.revisit(r.page)
		d.useFont("I", bodySize, false)
		d.setColor(grey)
		d.text(margin, r.y+bodySize*ptToMM, line+".")
	}
	d.f.SetPage(d.f.PageCount())
	d.shift = 0
	d.useFont("", bodySize, false)
	d.setColor(black)
}

// clamp wraps text to the width w in the current font and keeps the first
// n lines, ending a cut with an ellipsis that still fits the width.
func (d *pdfDoc) clamp(text string, w float64, n int) string {
	lines := d.wrap(text, w)
	if len(lines) <= n {
		return strings.Join(lines, "\n")
	}
	last := []rune(strings.TrimRight(lines[n-1], " "))
	for len(last) > 0 && d.width(string(last)+"…") > w {
		last = last[:len(last)-1]
	}
	lines[n-1] = strings.TrimRight(string(last), " ") + "…"
	return strings.Join(lines[:n], "\n")
}

// countLine writes "Label ........ n" with an optional colour swatch.
func (d *pdfDoc) countLine(label string, n int, swatch rgb) {
	lh := lineHeight(bodySize)
	d.room(lh)
	x := margin
	if swatch != (rgb{}) {
		d.f.SetFillColor(swatch.r, swatch.g, swatch.b)
		d.f.Rect(x, d.y+0.6, 3, 3, "F")
		x += 5
	}
	d.useFont("", bodySize, false)
	d.text(x, d.y+bodySize*ptToMM, label)
	num := fmt.Sprint(n)
	d.text(margin+60-d.width(num), d.y+bodySize*ptToMM, num)
	d.y += lh
}

// heatMap draws the 3×3 likelihood × impact matrix with the threat counts,
// impact up the side, likelihood along the bottom, at (x, y).
func (d *pdfDoc) heatMap(f *facts, x, y float64) {
	const cellW, cellH, labelW = 18.0, 14.0, 18.0
	d.useFont("B", bodySize, false)
	d.text(x, y+bodySize*ptToMM, "Likelihood × impact")
	d.useFont("", smallSize, false)
	d.setColor(grey)
	d.text(x, y+9, "impact ↓")
	y += 11
	levels := []model.Level{model.High, model.Medium, model.Low}
	for row, imp := range levels {
		cy := y + float64(row)*cellH
		d.useFont("", smallSize, false)
		d.setColor(grey)
		d.text(x, cy+cellH/2+1, levelLabel(imp))
		for col, lik := range []model.Level{model.Low, model.Medium, model.High} {
			cx := x + labelW + float64(col)*cellW
			fill := riskFill[analysis.Risk(lik, imp)]
			d.f.SetFillColor(fill.r, fill.g, fill.b)
			d.f.SetDrawColor(white.r, white.g, white.b)
			d.f.SetLineWidth(0.6)
			d.f.Rect(cx, cy, cellW, cellH, "FD")
			n := f.heat.Count(lik, imp)
			num := fmt.Sprint(n)
			style := "B"
			if n == 0 {
				style = ""
			}
			d.useFont(style, 11, false)
			d.setColor(black)
			d.text(cx+(cellW-d.width(num))/2, cy+cellH/2+1.5, num)
		}
	}
	by := y + 3*cellH + 4
	d.useFont("", smallSize, false)
	d.setColor(grey)
	for col, lik := range []model.Level{model.Low, model.Medium, model.High} {
		l := levelLabel(lik)
		d.text(x+labelW+float64(col)*cellW+(cellW-d.width(l))/2, by, l)
	}
	d.text(x+labelW, by+4, "likelihood →")
	if f.heat.Unrated > 0 {
		d.text(x+labelW, by+8, fmt.Sprintf("%d unrated", f.heat.Unrated))
	}
	d.useFont("", bodySize, false)
	d.setColor(black)
}

// useCase is one diagram's chapter: what is in it and the threats of each
// element and flow under its checklist's categories.
func (d *pdfDoc) useCase(f *facts, dg *model.Diagram) {
	// The chapter opens with the diagram, on a page of its shape.
	l := drawing.Diagram(f.drawn(dg))
	d.headingAt(useCaseTitle(dg), 0, true, len(l.Items) > 0 && orientationFor(l))
	if dg.Description != "" {
		d.paragraph(dg.Description, "", bodySize, black)
		d.y += 2
	}
	cl, _ := f.catalog.ChecklistFor(dg)
	if cl != nil {
		d.paragraph("Checklist: "+cl.Name, "I", bodySize, grey)
	}
	d.y += 2
	d.drawList(l, "diagram")
	if d.landscape {
		d.addPage(false)
	}
	elems := f.elements(dg)
	d.heading("Elements", 1, false)
	if len(elems) == 0 {
		d.paragraph("No elements.", "I", bodySize, grey)
	} else {
		var rows [][]cell
		for _, e := range elems {
			name := elementLabel(e)
			if e.OutOfScope {
				name += " (out of scope"
				if e.OutOfScopeReason != "" {
					name += ": " + e.OutOfScopeReason
				}
				name += ")"
			}
			desc := e.Description
			if e.Technology != "" {
				desc = strings.TrimSpace(desc + "\nTechnology: " + e.Technology)
			}
			if e.Owner != "" {
				desc = strings.TrimSpace(desc + "\nOwner: " + e.Owner)
			}
			props := properties(e.Prop, model.ElementProperties(e.Kind))
			rows = append(rows, []cell{{text: name, bold: true}, {text: kindLabel(e.Kind)}, {text: desc},
				{text: strings.Join(props, "\n")}, {text: strings.Join(controls(e.Controls), "\n")}})
		}
		d.table([]column{{"Element", 3}, {"Kind", 1.6}, {"Description", 5}, {"Properties", 3.2}, {"Controls", 3}}, rows)
	}
	flows := f.flows(dg)
	d.heading("Data flows", 1, false)
	if len(flows) == 0 {
		d.paragraph("No data flows.", "I", bodySize, grey)
	} else {
		var rows [][]cell
		for _, fl := range flows {
			name := flowLabel(dg, fl)
			if fl.OutOfScope {
				name += " (out of scope)"
			}
			props := properties(fl.Prop, model.FlowProperties())
			rows = append(rows, []cell{{text: name, bold: true}, {text: endsLabel(dg, fl)}, {text: fl.Description},
				{text: strings.Join(props, "\n")}, {text: strings.Join(controls(fl.Controls), "\n")}})
		}
		d.table([]column{{"Flow", 3}, {"From → to", 3}, {"Description", 3.6}, {"Properties", 3.2}, {"Controls", 3}}, rows)
	}
	d.heading("Threats by element and flow", 1, false)
	any := false
	for _, e := range elems {
		any = d.targetThreats(f, dg, elementLabel(e)+" ("+e.Kind.String()+")", &e.Common) || any
	}
	for _, fl := range flows {
		any = d.targetThreats(f, dg, flowLabel(dg, fl)+" (flow)", &fl.Common) || any
	}
	if !any {
		d.paragraph("No threats recorded in this use case.", "I", bodySize, grey)
	}
}

// targetThreats lists one element's or flow's threats by category; it
// reports whether there were any.
func (d *pdfDoc) targetThreats(f *facts, dg *model.Diagram, name string, c *model.Common) bool {
	groups := f.byCategory(dg, c)
	if len(groups) == 0 {
		return false
	}
	d.heading(name, 2, false)
	var rows [][]cell
	for _, g := range groups {
		for i, t := range g.threats {
			cat := ""
			if i == 0 {
				cat = g.name
			}
			what := t.Title
			if t.Description != "" {
				what += "\n" + t.Description
			}
			rows = append(rows, []cell{{text: cat, bold: true}, {text: what}, riskCell(analysis.ThreatRisk(t)),
				{text: decisionLabel(t.Decision)}, {text: t.Mitigation}})
		}
	}
	d.table([]column{{"Category", 2.2}, {"Threat", 6}, {"Risk", 1.4}, {"Decision", 1.7}, {"Mitigation", 5}}, rows)
	return true
}

// register is every reported threat, biggest impact first.
func (d *pdfDoc) register(f *facts) {
	// Twelve columns need the width of a landscape page.
	d.headingOn(chapterTitles[ChapterRegister], true)
	d.paragraph("Every threat, biggest impact first, then likelihood. L = likelihood, I = impact.", "I", bodySize, grey)
	d.y += 1
	if len(f.register) == 0 {
		d.paragraph("No threats recorded.", "I", bodySize, grey)
		return
	}
	rows := make([][]cell, 0, len(f.register))
	for _, r := range f.register {
		t := r.Threat
		rows = append(rows, []cell{{text: t.ID}, {text: targetName(r)}, {text: f.categoryName(r.Diagram, t.Category)},
			{text: t.Title, bold: true}, {text: levelLabel(t.Likelihood)}, {text: levelLabel(t.Impact)},
			riskCell(analysis.ThreatRisk(t)), {text: decisionLabel(t.Decision)}, {text: t.Mitigation},
			{text: t.Owner}, {text: t.Ticket}, {text: statusLabel(t.Status)}})
	}
	d.table([]column{{"ID", 1.7}, {"Element", 2}, {"Category", 1.9}, {"Title", 3.4}, {"L", 1.1}, {"I", 1.1},
		{"Risk", 1.3}, {"Decision", 1.5}, {"Mitigation", 3.6}, {"Owner", 1.7}, {"Ticket", 1.4}, {"Status", 1.4}}, rows)
}

// accepted lists the risks the team decided to live with or pass on.
func (d *pdfDoc) accepted(f *facts) {
	d.heading(chapterTitles[ChapterAccepted], 0, true)
	refs := f.acceptedRisks()
	if len(refs) == 0 {
		d.paragraph("No risk was accepted or transferred.", "I", bodySize, grey)
		return
	}
	var rows [][]cell
	for _, r := range refs {
		t := r.Threat
		who := t.AcceptedBy
		if t.Decision == model.Transfer {
			who = t.TransferredTo
		}
		rows = append(rows, []cell{{text: t.Title + "\n" + targetName(r), bold: false}, riskCell(analysis.ThreatRisk(t)),
			{text: decisionLabel(t.Decision)}, {text: t.Justification}, {text: who}})
	}
	d.table([]column{{"Threat", 4}, {"Risk", 1.3}, {"Decision", 1.5}, {"Justification", 5}, {"Accepted by / transferred to", 2.5}}, rows)
}

// attackTrees lists every tree with every node's computed values and the
// cheapest path marked.
func (d *pdfDoc) attackTrees(f *facts) {
	for i, tf := range f.trees {
		// Each tree starts a page of its shape; the first one the chapter's.
		var l *drawing.List
		if tf.err == nil {
			l, _ = drawing.Tree(tf.tree, drawing.TreeOptions{})
		}
		landscape := l != nil && orientationFor(l)
		if i == 0 {
			d.headingAt(chapterTitles[ChapterTrees], 0, true, landscape)
		} else {
			d.addPage(landscape)
		}
		t := tf.tree
		d.heading(treeTitle(t), 1, true)
		if target := f.treeTarget(t); target != "" {
			d.paragraph("Target: "+target, "I", bodySize, grey)
		}
		if tf.err != nil {
			d.paragraph("This tree cannot be evaluated: "+tf.err.Error(), "", bodySize, black)
			continue
		}
		root := tf.result.Root
		d.paragraph(fmt.Sprintf("Root: probability %s, cheapest cost %s, skill %s. ● marks the cheapest path (blue in the drawing; the likeliest is orange).",
			probability(root.Probability), cost(root.Cost), skill(root.Skill)), "", bodySize, black)
		d.y += 2
		d.drawList(l, "attack tree")
		var rows [][]cell
		for _, r := range tf.rows() {
			row := []cell{{text: strings.Repeat("   ", r.depth) + r.node.Title, bold: r.onPath}}
			for _, v := range r.values {
				row = append(row, cell{text: v})
			}
			rows = append(rows, row)
		}
		d.table([]column{{"Node", 6}, {"Type", 1.1}, {"Probability", 1.6}, {"Cost", 1.3}, {"Skill", 1}, {"Countermeasures", 4}, {"Path", 0.9}}, rows)
	}
}

// treeTarget names what a tree hangs off: a threat or an element.
func (f *facts) treeTarget(t *model.AttackTree) string {
	if t.Target == "" {
		return ""
	}
	if r, ok := f.threatRefs[t.Target]; ok {
		return "threat “" + r.Threat.Title + "” on " + targetName(r)
	}
	for _, dg := range f.m.Diagrams {
		if e := dg.Element(t.Target); e != nil {
			return elementLabel(e) + " in " + dg.Title
		}
	}
	return t.Target
}

func probability(p float64) string { return fmt.Sprintf("%.3g", p) }

func cost(c float64) string { return fmt.Sprintf("%.6g", c) }

func skill(s int) string {
	if s == 0 {
		return "—"
	}
	return fmt.Sprint(s)
}

// actions lists every action with its state, the overdue ones marked, and
// the next session.
func (d *pdfDoc) actions(f *facts) {
	d.heading(chapterTitles[ChapterActions], 0, true)
	if len(f.m.Actions) == 0 {
		d.paragraph("No actions recorded.", "I", bodySize, grey)
	} else {
		var rows [][]cell
		for _, a := range f.m.Actions {
			threat := ""
			if r, ok := f.threatRefs[a.ThreatID]; ok {
				threat = r.Threat.Title
			} else if a.ThreatID != "" {
				threat = a.ThreatID
			}
			due := cell{text: dateLabel(a.Due)}
			if f.overdue(a) {
				due = cell{text: dateLabel(a.Due) + "\noverdue", bold: true, fill: &overdueBg}
			}
			rows = append(rows, []cell{{text: a.Title, bold: true}, {text: threat}, {text: a.Owner}, {text: a.Ticket}, due, {text: statusLabel(a.Status)}})
		}
		d.table([]column{{"Action", 4.5}, {"Threat", 4}, {"Owner", 2}, {"Ticket", 1.5}, {"Due", 1.6}, {"Status", 1.5}}, rows)
	}
	d.heading("Next session", 1, false)
	if f.m.NextSession.IsZero() {
		d.paragraph("Not planned yet.", "", bodySize, black)
	} else {
		d.paragraph("The next session is planned for "+f.m.NextSession.Time().Format("Monday 2 January 2006")+
			": review whether the actions above were taken, and model what changed.", "", bodySize, black)
	}
}

// appendix lists the checklist questions the diagrams walked and the rules
// behind recorded threats, with their references.
func (d *pdfDoc) appendix(f *facts) {
	d.heading(chapterTitles[ChapterAppendix], 0, true)
	for _, cl := range f.checklistsUsed() {
		d.heading("Checklist: "+cl.Name, 1, false)
		if cl.Description != "" {
			d.paragraph(cl.Description, "", bodySize, black)
		}
		var rows [][]cell
		for _, cat := range cl.Categories {
			q := make([]string, len(cat.Questions))
			for i, s := range cat.Questions {
				q[i] = "• " + s
			}
			rows = append(rows, []cell{{text: cat.Name, bold: true}, {text: cat.Explanation}, {text: strings.Join(q, "\n")}})
		}
		d.table([]column{{"Category", 2}, {"What it means", 4}, {"Questions", 6}}, rows)
	}
	d.heading("Rules behind recorded threats", 1, false)
	used := f.rulesUsed()
	if len(used) == 0 {
		d.paragraph("No recorded threat was suggested by a rule.", "I", bodySize, grey)
		return
	}
	var rows [][]cell
	for _, u := range used {
		title, refs := "(no longer in the catalog)", ""
		if u.rule != nil {
			title, refs = u.rule.Title, strings.Join(u.rule.References, ", ")
		}
		ids := make([]string, len(u.threats))
		for i, t := range u.threats {
			ids[i] = t.Title
		}
		rows = append(rows, []cell{{text: u.id, bold: true}, {text: title}, {text: refs}, {text: strings.Join(ids, "\n")}})
	}
	d.table([]column{{"Rule", 1.6}, {"Suggests", 4}, {"References", 3}, {"Recorded threats", 4}}, rows)
}
