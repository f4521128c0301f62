package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/model"
)

// actionsView is the register of follow-up actions: add, edit, review and
// delete them; an overdue one is marked. Selecting a row shows the threat
// it addresses.
type actionsView struct {
	a        *App
	table    *widget.Table
	rows     []*model.Action
	cells    [][]string
	overdue  []bool
	selected string // the ID of the selected action, or ""
	box      fyne.CanvasObject
	edit     *widget.Button
	review   *widget.Button
	del      *widget.Button
}

var actionColumns = []struct {
	title string
	width float32
}{
	{"Action", 260}, {"Threat", 220}, {"Owner", 110}, {"Ticket", 90}, {"Due", 150}, {"Status", 100}, {"Reviewed", 220},
}

func newActionsView(a *App) *actionsView {
	v := &actionsView{a: a}
	v.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.cells), len(actionColumns) },
		newCellLabel,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row >= len(v.cells) {
				return
			}
			l := o.(*widget.Label)
			l.SetText(v.cells[id.Row][id.Col])
			imp := widget.MediumImportance
			if v.overdue[id.Row] && (id.Col == 0 || id.Col == 4) {
				imp = widget.DangerImportance
			}
			if l.Importance != imp {
				l.Importance = imp
				l.Refresh()
			}
		})
	v.table.ShowHeaderColumn = false
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(actionColumns[id.Col].title)
		}
	}
	for i, c := range actionColumns {
		v.table.SetColumnWidth(i, c.width)
	}
	v.table.OnSelected = func(id widget.TableCellID) {
		if id.Row < 0 || id.Row >= len(v.rows) {
			return
		}
		v.selected = v.rows[id.Row].ID
		v.updateButtons()
		if ref, ok := a.doc.m.Threat(v.rows[id.Row].ThreatID); ok {
			a.selectObject(ref.Diagram.ID, ref.TargetID())
		}
	}
	add := widget.NewButtonWithIcon("Add action", theme.ContentAddIcon(), func() { v.add(model.Action{}) })
	v.edit = widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() {
		if ac := v.current(); ac != nil {
			v.editAction("Edit action", *ac)
		}
	})
	v.review = widget.NewButtonWithIcon("Record review…", theme.ConfirmIcon(), func() {
		if ac := v.current(); ac != nil {
			v.reviewAction(*ac)
		}
	})
	v.del = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() {
		if ac := v.current(); ac != nil {
			a.do(model.DeleteAction(ac.ID))
		}
	})
	v.updateButtons()
	v.box = container.NewBorder(container.NewHBox(add, v.edit, v.review, v.del), nil, nil, nil, v.table)
	return v
}

func (v *actionsView) object() fyne.CanvasObject { return v.box }

// current is the selected action as the document has it now, or nil.
func (v *actionsView) current() *model.Action {
	for _, ac := range v.a.doc.m.Actions {
		if ac.ID == v.selected {
			return ac
		}
	}
	return nil
}

func (v *actionsView) updateButtons() {
	for _, b := range []*widget.Button{v.edit, v.review, v.del} {
		if v.current() == nil {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// refresh reloads the actions; the table redraws only when they changed.
func (v *actionsView) refresh() {
	m := v.a.doc.m
	today := model.DateOf(v.a.now())
	titles := make(map[string]string)
	for _, r := range m.Threats() {
		titles[r.Threat.ID] = r.Threat.Title
	}
	cells := make([][]string, len(m.Actions))
	overdue := make([]bool, len(m.Actions))
	for i, ac := range m.Actions {
		due := ac.Due.String()
		if overdue[i] = ac.Overdue(today); overdue[i] {
			due += " ⚠ overdue"
		}
		reviewed := ""
		if !ac.Reviewed.IsZero() {
			reviewed = "verified " + ac.Reviewed.String()
			if ac.ReviewNote != "" {
				reviewed += ": " + ac.ReviewNote
			}
		}
		cells[i] = []string{ac.Title, titles[ac.ThreatID], ac.Owner, ac.Ticket, due, ac.Status.String(), reviewed}
	}
	v.rows = m.Actions
	if v.current() == nil {
		v.selected = ""
		v.table.UnselectAll()
	}
	v.updateButtons()
	if slices.EqualFunc(cells, v.cells, slices.Equal) && slices.Equal(overdue, v.overdue) {
		return
	}
	v.cells, v.overdue = cells, overdue
	v.table.Refresh()
}

// add asks for a new action, starting from ac (prefilled from a threat).
func (v *actionsView) add(ac model.Action) {
	v.editAction("Add action", ac)
}

// editAction shows the action form; Save adds the action (when it has no
// ID yet) or replaces it.
func (v *actionsView) editAction(heading string, ac model.Action) {
	f := newActionForm(v.a.doc.m, ac)
	d := dialog.NewForm(heading, "Save", "Cancel", f.items(), func(ok bool) {
		if ok {
			v.save(f.action())
		}
	}, v.a.win)
	d.Resize(fyne.NewSize(560, 620))
	d.Show()
}

// save records the action the form gave.
func (v *actionsView) save(ac model.Action) {
	if ac.ID == "" {
		v.a.do(model.AddAction(&ac))
		v.selected = ac.ID
		return
	}
	v.a.do(model.EditAction(ac))
}

// reviewAction records the review of an action: done and verified today,
// with a note.
func (v *actionsView) reviewAction(ac model.Action) {
	note := widget.NewMultiLineEntry()
	note.SetText(ac.ReviewNote)
	note.SetPlaceHolder("What the review found, e.g. \"rate limit seen in production logs\"")
	on := datePicker(model.DateOf(v.a.now()))
	items := []*widget.FormItem{
		widget.NewFormItem("Verified on", on),
		widget.NewFormItem("Note", note),
	}
	dialog.ShowForm("Review of "+strings.TrimSpace(ac.Title), "Done and verified", "Cancel", items, func(ok bool) {
		if ok {
			v.a.do(model.EditAction(reviewed(ac, pickedDate(on), note.Text)))
		}
	}, v.a.win)
}

// reviewed is ac recorded as done and verified on day with a note; a
// review without a day is no review.
func reviewed(ac model.Action, day model.Date, note string) model.Action {
	if day.IsZero() {
		return ac
	}
	ac.Status, ac.Reviewed, ac.ReviewNote = model.Verified, day, strings.TrimSpace(note)
	return ac
}

// addActionFor adds, in one click, the action that carries out a threat's
// mitigation, and shows it in the Actions tab to be completed.
func (a *App) addActionFor(t *model.Threat) {
	ac := actionFromThreat(t)
	ac.ID = model.NewID()
	a.do(model.AddAction(&ac))
	a.actions.selected = ac.ID
	for _, it := range a.bottom.Items {
		if it.Content == a.actions.object() {
			a.bottom.Select(it)
		}
	}
	a.actions.refresh()
}

// actionFromThreat is a new action for a threat: its title and mitigation
// prefilled, linked to it, with the threat's owner, ticket and due day.
func actionFromThreat(t *model.Threat) model.Action {
	title := t.Title
	if t.Mitigation != "" {
		title = "Mitigate: " + t.Title
	}
	return model.Action{Title: title, ThreatID: t.ID, Notes: t.Mitigation, Owner: t.Owner, Ticket: t.Ticket, Due: t.Due}
}

// actionForm edits every field of an action.
type actionForm struct {
	ac                          model.Action
	title, notes, owner, ticket *widget.Entry
	threat                      *widget.Select
	threatIDs                   []string // parallel to threat's options; "" for none
	due                         *widget.DateEntry
	status                      *widget.Select
}

const noThreat = "(none)"

func newActionForm(m *model.Model, ac model.Action) *actionForm {
	f := &actionForm{ac: ac}
	f.title = widget.NewEntry()
	f.title.SetText(ac.Title)
	f.notes = widget.NewMultiLineEntry()
	f.notes.Wrapping = fyne.TextWrapWord
	f.notes.SetText(ac.Notes)
	f.owner = widget.NewEntry()
	f.owner.SetText(ac.Owner)
	f.ticket = widget.NewEntry()
	f.ticket.SetText(ac.Ticket)
	opts := []string{noThreat}
	f.threatIDs = []string{""}
	for _, r := range m.Threats() {
		opts = append(opts, fmt.Sprintf("%s (%s)", r.Threat.Title, r.Diagram.Title))
		f.threatIDs = append(f.threatIDs, r.Threat.ID)
	}
	f.threat = widget.NewSelect(opts, nil)
	f.threat.SetSelectedIndex(max(0, slices.Index(f.threatIDs, ac.ThreatID)))
	f.due = datePicker(ac.Due)
	f.status = widget.NewSelect(statusNames(), nil)
	f.status.SetSelected(ac.Status.String())
	return f
}

func statusNames() []string {
	var out []string
	for s := model.Open; s <= model.Verified; s++ {
		out = append(out, s.String())
	}
	return out
}

func (f *actionForm) items() []*widget.FormItem {
	return []*widget.FormItem{
		widget.NewFormItem("Title", f.title),
		widget.NewFormItem("What to do", f.notes),
		widget.NewFormItem("Threat", f.threat),
		widget.NewFormItem("Owner", f.owner),
		widget.NewFormItem("Ticket", f.ticket),
		widget.NewFormItem("Due", f.due),
		widget.NewFormItem("Status", f.status),
	}
}

// action is the edited copy of the form's action; the review stays as it was.
func (f *actionForm) action() model.Action {
	ac := f.ac
	ac.Title, ac.Notes = strings.TrimSpace(f.title.Text), f.notes.Text
	ac.Owner, ac.Ticket = strings.TrimSpace(f.owner.Text), strings.TrimSpace(f.ticket.Text)
	if i := f.threat.SelectedIndex(); i >= 0 {
		ac.ThreatID = f.threatIDs[i]
	}
	ac.Due = pickedDate(f.due)
	if s, err := model.ParseStatus(f.status.Selected); err == nil {
		ac.Status = s
	}
	return ac
}

// datePicker is a date field with a calendar to pick from, set to d.
func datePicker(d model.Date) *widget.DateEntry {
	e := widget.NewDateEntry()
	if !d.IsZero() {
		t := d.Time()
		e.SetDate(&t)
	}
	return e
}

// pickedDate is the day a date field holds, zero when it is empty.
func pickedDate(e *widget.DateEntry) model.Date {
	if e.Date == nil {
		return model.Date{}
	}
	return model.DateOf(*e.Date)
}
