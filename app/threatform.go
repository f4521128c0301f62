package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/model"
)

var (
	levelOptions    = []string{"", "low", "medium", "high"}
	decisionOptions = []string{"undecided", "mitigate", "accept", "transfer", "avoid", "not-applicable"}
	statusOptions   = []string{"open", "in-progress", "done", "verified"}
)

// threatForm edits every field of one threat. It works on a copy and hands
// the edited threat to save only when the user confirms.
type threatForm struct {
	title, description, mitigation, justification  *widget.Entry
	acceptedBy, transferredTo, owner, ticket, due  *widget.Entry
	category, likelihood, impact, decision, status *widget.Select
}

func newThreatForm(t model.Threat, categories []string) *threatForm {
	entry := func(s string, multi bool) *widget.Entry {
		e := widget.NewEntry()
		if multi {
			e = widget.NewMultiLineEntry()
			e.Wrapping = fyne.TextWrapWord
			e.SetMinRowsVisible(3)
		}
		e.SetText(s)
		return e
	}
	sel := func(opts []string, v string) *widget.Select {
		s := widget.NewSelect(opts, nil)
		s.SetSelected(v)
		return s
	}
	f := &threatForm{
		title: entry(t.Title, false), description: entry(t.Description, true),
		mitigation: entry(t.Mitigation, true), justification: entry(t.Justification, true),
		acceptedBy: entry(t.AcceptedBy, false), transferredTo: entry(t.TransferredTo, false),
		owner: entry(t.Owner, false), ticket: entry(t.Ticket, false), due: entry(t.Due.String(), false),
		category:   sel(withValue(categories, t.Category), t.Category),
		likelihood: sel(levelOptions, t.Likelihood.String()), impact: sel(levelOptions, t.Impact.String()),
		decision: sel(decisionOptions, t.Decision.String()), status: sel(statusOptions, t.Status.String()),
	}
	f.title.Validator = func(s string) error {
		if s == "" {
			return fmt.Errorf("a threat needs a title")
		}
		return nil
	}
	// An accepted or transferred risk needs its justification: the form
	// cannot be saved without one.
	f.justification.Validator = func(s string) error {
		switch f.decision.Selected {
		case model.Accept.String():
			if s == "" {
				return fmt.Errorf("say why the risk is accepted")
			}
		case model.Transfer.String():
			if s == "" {
				return fmt.Errorf("say why the risk is transferred")
			}
		}
		return nil
	}
	f.decision.OnChanged = func(string) { _ = f.justification.Validate() }
	f.due.SetPlaceHolder("YYYY-MM-DD")
	f.due.Validator = func(s string) error { _, err := model.ParseDate(s); return err }
	return f
}

// withValue returns opts with v added when it is not among them, so a
// threat keeps a category of a checklist not in use.
func withValue(opts []string, v string) []string {
	for _, o := range opts {
		if o == v {
			return opts
		}
	}
	if v == "" {
		return opts
	}
	return append(append([]string(nil), opts...), v)
}

func (f *threatForm) items() []*widget.FormItem {
	return []*widget.FormItem{
		widget.NewFormItem("Title", f.title),
		widget.NewFormItem("Category", f.category),
		widget.NewFormItem("Description", f.description),
		widget.NewFormItem("Likelihood", f.likelihood),
		widget.NewFormItem("Impact", f.impact),
		widget.NewFormItem("Mitigation", f.mitigation),
		widget.NewFormItem("Decision", f.decision),
		widget.NewFormItem("Justification", f.justification),
		widget.NewFormItem("Accepted by", f.acceptedBy),
		widget.NewFormItem("Transferred to", f.transferredTo),
		widget.NewFormItem("Owner", f.owner),
		widget.NewFormItem("Ticket", f.ticket),
		widget.NewFormItem("Due", f.due),
		widget.NewFormItem("Status", f.status),
	}
}

// threat returns t with the form's values; the form's validators have
// checked the date and the enums come from fixed options.
func (f *threatForm) threat(t model.Threat) (model.Threat, error) {
	var err error
	t.Title, t.Category, t.Description = f.title.Text, f.category.Selected, f.description.Text
	t.Mitigation, t.Justification = f.mitigation.Text, f.justification.Text
	t.AcceptedBy, t.TransferredTo, t.Owner, t.Ticket = f.acceptedBy.Text, f.transferredTo.Text, f.owner.Text, f.ticket.Text
	if t.Likelihood, err = model.ParseLevel(f.likelihood.Selected); err != nil {
		return t, err
	}
	if t.Impact, err = model.ParseLevel(f.impact.Selected); err != nil {
		return t, err
	}
	if t.Decision, err = model.ParseDecision(f.decision.Selected); err != nil {
		return t, err
	}
	if t.Status, err = model.ParseStatus(f.status.Selected); err != nil {
		return t, err
	}
	if t.Due, err = model.ParseDate(f.due.Text); err != nil {
		return t, err
	}
	return t, nil
}

// editThreat shows the threat form for t; save gets the edited copy.
func (a *App) editThreat(heading string, t model.Threat, categories []string, save func(model.Threat)) {
	f := newThreatForm(t, categories)
	d := dialog.NewForm(heading, "Save", "Cancel", f.items(), func(ok bool) {
		if !ok {
			return
		}
		edited, err := f.threat(t)
		if err != nil {
			a.ask.Error(err)
			return
		}
		save(edited)
	}, a.win)
	d.Resize(fyne.NewSize(560, 720))
	d.Show()
}
