package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/model"
)

// threatsPanel walks the selected element or flow through its diagram's
// checklist: each applicable category with its guiding questions and the
// threats recorded for it, which can be added, edited and deleted.
type threatsPanel struct {
	a       *App
	content *fyne.Container
	open    map[string]bool // categories the user opened, kept across rebuilds
	acc     *widget.Accordion
	accCats []string // the category of each item of acc
	shown   string   // fingerprint of what is shown, to skip rebuilds that change nothing
	// sugs finds the catalog's suggestions in the background: the recorded
	// threats show at once, the suggestions when they are found.
	sugs suggestions
}

func newThreatsPanel(a *App) *threatsPanel {
	return &threatsPanel{a: a, content: container.NewVBox(), open: map[string]bool{}, sugs: suggestions{a: a}}
}

// lookingText is the line shown while the suggestions for what was just
// selected are still being looked for.
const lookingText = "Looking for suggestions…"

func (p *threatsPanel) object() fyne.CanvasObject { return container.NewVScroll(p.content) }

// show rebuilds the panel for t. It has no text fields, so a rebuild on
// every change interrupts nothing.
func (p *threatsPanel) show(t target) {
	var sgs []analysis.Suggestion
	looking := false
	if t.common() != nil {
		sgs, looking = p.sugs.of(t.d.ID, t.ids[0], p.found)
	}
	if fp := p.fingerprint(t, sgs, looking); fp != p.shown {
		p.shown = fp
	} else {
		return
	}
	if p.acc != nil {
		for i, it := range p.acc.Items {
			p.open[p.accCats[i]] = it.Open
		}
	}
	p.acc, p.accCats = nil, nil
	p.content.Objects = p.build(t, sgs, looking)
	p.content.Refresh()
}

// found shows the suggestions a search in the background found; session
// mode hides the panel, which catches up when it shows again.
func (p *threatsPanel) found() {
	if p.a.walk == nil {
		p.show(p.a.target())
	}
}

// build lays out the panel for t with the suggestions known so far, or a
// line saying it is still looking for them.
func (p *threatsPanel) build(t target, sgs []analysis.Suggestion, looking bool) []fyne.CanvasObject {
	c := t.common()
	if c == nil {
		return []fyne.CanvasObject{hint("Select one element or flow to walk it through the checklist.")}
	}
	cl := p.a.checklist(t.d)
	var cats []analysis.Category
	name := ""
	if e := t.d.Element(t.ids[0]); e != nil {
		cats, name = cl.Applicable(e), e.Name
	} else if f := t.d.Flow(t.ids[0]); f != nil {
		cats, name = cl.ApplicableFlow(f), f.Name
	}
	out := []fyne.CanvasObject{heading(fmt.Sprintf("%s — %s", name, cl.Name))}
	if c.OutOfScope {
		out = append(out, hint("Out of scope: "+c.OutOfScopeReason))
	}
	if len(cats) == 0 {
		out = append(out, hint("No category of this checklist applies here."))
	} else if looking {
		out = append(out, hint(lookingText))
	}

	did, id := t.d.ID, t.ids[0]
	suggested := map[string][]analysis.Suggestion{}
	for _, sg := range sgs {
		suggested[sg.Category] = append(suggested[sg.Category], sg)
	}
	catIDs := make([]string, len(cats))
	for i, cat := range cats {
		catIDs[i] = cat.ID
	}
	acc := widget.NewAccordion()
	acc.MultiOpen = true
	shown := map[string]bool{}
	for _, cat := range cats {
		shown[cat.ID] = true
		var threats []*model.Threat
		for _, th := range c.Threats {
			if th.Category == cat.ID {
				threats = append(threats, th)
			}
		}
		title := fmt.Sprintf("%s — %d recorded", cat.Name, len(threats))
		if n := len(suggested[cat.ID]); n > 0 {
			title += fmt.Sprintf(", %d suggested", n)
		}
		item := widget.NewAccordionItem(title, p.category(did, id, cat, threats, suggested[cat.ID], catIDs))
		item.Open = p.open[cat.ID]
		acc.Append(item)
	}
	accCats := catIDs
	if len(c.Dismissed) > 0 {
		item := p.dismissed(did, id, name, c.Dismissed)
		item.Open = p.open[dismissedKey]
		acc.Append(item)
		accCats = append(slices.Clip(catIDs), dismissedKey)
	}
	p.acc, p.accCats = acc, accCats
	out = append(out, acc)

	// Threats of categories this checklist does not have (recorded under
	// another checklist, or by hand) stay visible and editable.
	var other []*model.Threat
	for _, th := range c.Threats {
		if !shown[th.Category] {
			other = append(other, th)
		}
	}
	if len(other) > 0 {
		out = append(out, heading("Other threats"))
		for _, th := range other {
			out = append(out, p.threatRow(did, id, th, catIDs))
		}
	}
	return out
}

// dismissed lists the suggestions dismissed for one element or flow, each
// with a button that offers it again, and one that restores them all.
func (p *threatsPanel) dismissed(did, id, name string, rules []string) *widget.AccordionItem {
	// Rule titles are templates; here every name is the selected object's.
	names := strings.NewReplacer("{element}", name, "{flow}", name, "{source}", "the source", "{target}", "the target")
	box := container.NewVBox()
	for _, rid := range rules {
		text := rid
		if r := p.a.cat.Rule(rid); r != nil {
			text = names.Replace(r.Title) + " (" + rid + ")"
		}
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		restore := widget.NewButtonWithIcon("Restore", theme.ContentUndoIcon(), func() {
			p.a.do(model.Dismiss(did, id, rid, false))
		})
		box.Add(container.NewBorder(nil, nil, nil, restore, l))
	}
	all := widget.NewButton("Restore all", func() {
		cmds := make([]model.Command, len(rules))
		for i, rid := range rules {
			cmds[i] = model.Dismiss(did, id, rid, false)
		}
		p.a.do(model.Batch("Restore "+plural(len(rules), "suggestion", "suggestions"), cmds...))
	})
	return widget.NewAccordionItem(fmt.Sprintf("Dismissed suggestions — %d", len(rules)), container.NewVBox(box, all))
}

// restoreItem is Edit › Restore Dismissed Suggestions…: every suggestion
// dismissed anywhere in the model is offered again, after the user
// confirmed how many, in one undoable edit. It is off while none is
// dismissed (menus.update).
func (mu *menus) restoreItem() *fyne.MenuItem {
	a := mu.a
	mu.restore = fyne.NewMenuItem("Restore Dismissed Suggestions…", func() {
		n := a.doc.m.DismissedCount()
		if n == 0 {
			return
		}
		again := "The rule catalog will suggest them again on their elements and flows."
		if n == 1 {
			again = "The rule catalog will suggest it again on its element or flow."
		}
		a.ask.Confirm("Restore "+plural(n, "dismissed suggestion", "dismissed suggestions")+"?",
			again+" Edit › Undo takes this back.",
			func(ok bool) {
				if ok {
					a.do(model.RestoreDismissed())
				}
			})
	})
	mu.restore.Disabled = a.doc.m.DismissedCount() == 0
	return mu.restore
}

// dismissedKey is the dismissed list's place among the categories, whose
// open or closed state the panel keeps across rebuilds; no category has it.
const dismissedKey = "\x00dismissed"

func (p *threatsPanel) category(did, id string, cat analysis.Category, threats []*model.Threat, suggestions []analysis.Suggestion, catIDs []string) fyne.CanvasObject {
	box := container.NewVBox()
	if cat.Explanation != "" {
		l := widget.NewLabelWithStyle(cat.Explanation, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	for _, q := range cat.Questions {
		l := widget.NewLabel("• " + q)
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	for _, th := range threats {
		box.Add(p.threatRow(did, id, th, catIDs))
	}
	for _, sg := range suggestions {
		box.Add(p.suggestionCard(did, id, sg))
	}
	box.Add(widget.NewButtonWithIcon("Add threat", theme.ContentAddIcon(), func() {
		t := model.Threat{ID: model.NewID(), Category: cat.ID}
		p.a.editThreat("New threat — "+cat.Name, t, catIDs, func(t model.Threat) {
			p.a.do(model.AddThreat(did, id, &t))
		})
	}))
	return box
}

func (p *threatsPanel) threatRow(did, id string, th *model.Threat, catIDs []string) fyne.CanvasObject {
	risk := analysis.ThreatRisk(th)
	badge := widget.NewLabelWithStyle(strings.ToUpper(risk.String()), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	badge.Importance = riskImportance(risk)
	// The decision sits before the title, so that truncating a long title
	// never hides it; an open threat's shows as a warning.
	decision := widget.NewLabel(decisionCell(model.ThreatRef{Threat: th}))
	if th.Open() {
		decision.Importance = widget.WarningImportance
	}
	title := widget.NewLabel(th.Title)
	title.Truncation = fyne.TextTruncateEllipsis
	tid := th.ID
	edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() {
		cur := p.threat(did, id, tid)
		if cur == nil {
			return
		}
		p.a.editThreat("Edit threat", *cur, catIDs, func(t model.Threat) {
			p.a.do(model.EditThreat(did, id, t))
		})
	})
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		p.a.do(model.DeleteThreat(did, id, tid))
	})
	action := widget.NewButtonWithIcon("", theme.MailForwardIcon(), func() {
		if cur := p.threat(did, id, tid); cur != nil {
			p.a.addActionFor(cur)
		}
	})
	return container.NewBorder(nil, nil, container.NewHBox(badge, decision), container.NewHBox(action, edit, del), title)
}

// threat finds the threat by ID on the element or flow as it is now.
func (p *threatsPanel) threat(did, id, tid string) *model.Threat {
	t := target{d: p.a.doc.m.Diagram(did), ids: []string{id}}
	c := t.common()
	if c == nil {
		return nil
	}
	for _, th := range c.Threats {
		if th.ID == tid {
			return th
		}
	}
	return nil
}

// suggestionCard offers one suggestion of the rule catalog: Add as threat records
// it as a threat that keeps its rule ID, Dismiss remembers that it does not
// apply. Either way the catalog does not offer it again; both can be undone.
func (p *threatsPanel) suggestionCard(did, id string, sg analysis.Suggestion) fyne.CanvasObject {
	title := widget.NewLabelWithStyle("Suggested: "+sg.Title, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	title.Wrapping = fyne.TextWrapWord
	desc := widget.NewLabel(fmt.Sprintf("%s (likelihood %s, impact %s, rule %s)", sg.Description, sg.Likelihood, sg.Impact, sg.RuleID))
	desc.Wrapping = fyne.TextWrapWord
	// Not "Accept": that is a risk decision, and this records the threat.
	accept := widget.NewButtonWithIcon("Add as threat", theme.ContentAddIcon(), func() {
		p.a.do(model.AddThreat(did, id, sg.Threat()))
	})
	accept.Importance = widget.HighImportance
	dismiss := widget.NewButtonWithIcon("Dismiss", theme.CancelIcon(), func() {
		p.a.do(model.Dismiss(did, id, sg.RuleID, true))
	})
	return container.NewVBox(widget.NewSeparator(), title, desc, container.NewHBox(accept, dismiss))
}

// fingerprint sums up everything the panel shows for t: the target, its
// checklist, its threats and the suggestions for it known so far.
func (p *threatsPanel) fingerprint(t target, sgs []analysis.Suggestion, looking bool) string {
	c := t.common()
	if c == nil {
		return "none"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%s|%s|%v|%s", t.key(), p.a.checklist(t.d).ID, c.OutOfScopeReason, c.OutOfScope, targetKind(t))
	if e := t.d.Element(t.ids[0]); e != nil {
		b.WriteString("|" + e.Name)
	} else if f := t.d.Flow(t.ids[0]); f != nil {
		b.WriteString("|" + f.Name)
	}
	for _, th := range c.Threats {
		fmt.Fprintf(&b, "|%s:%s:%s:%v:%v:%v:%v", th.ID, th.Title, th.Category, th.Likelihood, th.Impact, th.Decision, th.Status)
	}
	fmt.Fprintf(&b, "|dismissed:%q|looking:%v", c.Dismissed, looking)
	for _, sg := range sgs {
		b.WriteString("|" + sg.Key)
	}
	return b.String()
}

func targetKind(t target) string {
	if e := t.d.Element(t.ids[0]); e != nil {
		return e.Kind.String()
	}
	return "flow"
}

// riskImportance colours a risk level with the theme's status colours.
func riskImportance(r analysis.RiskLevel) widget.Importance {
	switch r {
	case analysis.RiskCritical, analysis.RiskHigh:
		return widget.DangerImportance
	case analysis.RiskMedium:
		return widget.WarningImportance
	case analysis.RiskLow:
		return widget.SuccessImportance
	}
	return widget.LowImportance
}
