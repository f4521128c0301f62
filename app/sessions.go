package app

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/model"
)

// sessionsPanel lists the model's sessions (newest first) with add, edit
// and delete, and the date of the next one with a date picker. It lives in
// a window of its own (Session › Sessions…).
type sessionsPanel struct {
	a    *App
	list *fyne.Container
	next *widget.DateEntry
	box  fyne.CanvasObject
	// quiet is set while the panel writes the model's values into its own
	// widgets, so that their change callbacks do not edit the model back.
	quiet bool
}

func newSessionsPanel(a *App) *sessionsPanel {
	p := &sessionsPanel{a: a, list: container.NewVBox()}
	p.next = widget.NewDateEntry()
	p.next.OnChanged = func(t *time.Time) {
		if p.quiet {
			return
		}
		d := model.Date{}
		if t != nil {
			d = model.DateOf(*t)
		}
		if d != a.doc.m.NextSession {
			a.do(model.SetNextSession(d))
		}
	}
	add := widget.NewButtonWithIcon("Add session", theme.ContentAddIcon(), func() { p.edit(a.newSession()) })
	head := container.NewVBox(
		widget.NewForm(widget.NewFormItem("Next session", p.next)),
		container.NewHBox(add),
	)
	p.box = container.NewBorder(head, nil, nil, nil, container.NewVScroll(p.list))
	p.refresh()
	return p
}

func (p *sessionsPanel) object() fyne.CanvasObject { return p.box }

// refresh shows the sessions as the document has them now.
func (p *sessionsPanel) refresh() {
	m := p.a.doc.m
	p.quiet = true
	due := m.ReviewDate()
	if due.IsZero() {
		p.next.SetDate(nil)
	} else {
		t := due.Time()
		p.next.SetDate(&t)
	}
	if m.NextSession.IsZero() && !due.IsZero() {
		p.next.SetPlaceHolder(fmt.Sprintf("%s (three months after the last session)", due))
	}
	p.quiet = false
	ss := slices.Clone(m.Sessions)
	slices.SortStableFunc(ss, func(a, b *model.Session) int { return b.Date.Time().Compare(a.Date.Time()) })
	p.list.Objects = p.list.Objects[:0]
	if len(ss) == 0 {
		p.list.Add(hint("No session yet. A session is a meeting of an hour to an hour and a half: developers, someone who knows the deployment, someone from security and the product owner."))
	}
	for _, s := range ss {
		p.list.Add(p.row(s))
	}
	p.list.Refresh()
}

func (p *sessionsPanel) row(s *model.Session) fyne.CanvasObject {
	var names []string
	for _, pt := range s.Participants {
		names = append(names, pt.Name)
	}
	text := fmt.Sprintf("%s · %s · %s", orDash(s.Date.String()), sessionLength(s), orDash(strings.Join(names, ", ")))
	title := widget.NewLabel(text)
	title.Truncation = fyne.TextTruncateEllipsis
	id := s.ID
	edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() {
		if cur := p.a.doc.m.Session(id); cur != nil {
			p.edit(*cur)
		}
	})
	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { p.a.do(model.DeleteSession(id)) })
	rows := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, container.NewHBox(edit, del), title)}
	if missing := s.MissingRoles(); len(missing) > 0 {
		rows = append(rows, hint("Nobody for: "+strings.Join(missing, ", ")))
	}
	return container.NewVBox(rows...)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// sessionLength is "90 min planned, 75 taken".
func sessionLength(s *model.Session) string {
	out := "no length planned"
	if s.Duration > 0 {
		out = fmt.Sprintf("%d min planned", s.Duration)
	}
	if s.Actual > 0 {
		out += fmt.Sprintf(", %d taken", s.Actual)
	}
	return out
}

// newSession is a session held today, planned for the guide's hour and a
// half, with the people of the last session preloaded.
func (a *App) newSession() model.Session {
	s := model.Session{Date: model.DateOf(a.now()), Duration: 90}
	if last := a.doc.m.LastSession(); last != nil {
		s.Participants = slices.Clone(last.Participants)
		if last.Duration > 0 {
			s.Duration = last.Duration
		}
	}
	return s
}

// edit shows the session form; Save adds the session (when it has no ID)
// or replaces it.
func (p *sessionsPanel) edit(s model.Session) {
	f := newSessionForm(p.a.doc.m, s)
	heading := "Edit session"
	if s.ID == "" {
		heading = "Add session"
	}
	d := dialog.NewCustomConfirm(heading, "Save", "Cancel", f.object(), func(ok bool) {
		if ok {
			p.a.saveSession(f.session())
		}
	}, p.a.win)
	d.Resize(fyne.NewSize(640, 640))
	d.Show()
}

// saveSession records a session: a new one when it has no ID yet.
func (a *App) saveSession(s model.Session) {
	if s.ID == "" {
		a.do(model.AddSession(&s))
		return
	}
	a.do(model.EditSession(s))
}

// sessionForm edits a session: date, planned and actual minutes, notes and
// the participants, each a name (people of earlier sessions offered) and a
// role (the guide's roles offered, or free text). A hint says which of the
// four roles the guide asks for nobody brings.
type sessionForm struct {
	s               model.Session
	people          []model.Participant // named at earlier sessions
	date            *widget.DateEntry
	planned, actual *widget.Entry
	notes           *widget.Entry
	rows            []participantRow
	list            *fyne.Container
	missing         *widget.Label
	box             fyne.CanvasObject
}

type participantRow struct {
	name, role *widget.SelectEntry
}

func newSessionForm(m *model.Model, s model.Session) *sessionForm {
	f := &sessionForm{s: s, people: m.People(), list: container.NewVBox()}
	f.date = datePicker(s.Date)
	f.planned = minutesEntry(s.Duration)
	f.actual = minutesEntry(s.Actual)
	f.notes = widget.NewMultiLineEntry()
	f.notes.Wrapping = fyne.TextWrapWord
	f.notes.SetText(s.Notes)
	f.missing = widget.NewLabel("")
	f.missing.Importance = widget.WarningImportance
	f.missing.Wrapping = fyne.TextWrapWord
	for _, pt := range s.Participants {
		f.addRow(pt)
	}
	add := widget.NewButtonWithIcon("Add participant", theme.ContentAddIcon(), func() { f.addRow(model.Participant{}) })
	form := widget.NewForm(
		widget.NewFormItem("Date", f.date),
		widget.NewFormItem("Planned (minutes)", f.planned),
		widget.NewFormItem("Actual (minutes)", f.actual),
		widget.NewFormItem("Notes", f.notes),
	)
	f.box = container.NewBorder(form, container.NewVBox(f.missing), nil, nil,
		container.NewBorder(container.NewHBox(widget.NewLabelWithStyle("Participants", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), add),
			nil, nil, nil, container.NewVScroll(f.list)))
	f.updateMissing()
	return f
}

func (f *sessionForm) object() fyne.CanvasObject { return f.box }

func minutesEntry(n int) *widget.Entry {
	e := widget.NewEntry()
	if n > 0 {
		e.SetText(strconv.Itoa(n))
	}
	e.SetPlaceHolder("minutes")
	return e
}

// addRow adds a participant's row; choosing a known name fills in the role
// they had last.
func (f *sessionForm) addRow(pt model.Participant) {
	var names []string
	for _, p := range f.people {
		names = append(names, p.Name)
	}
	r := participantRow{name: widget.NewSelectEntry(names), role: widget.NewSelectEntry(model.Roles())}
	r.name.SetText(pt.Name)
	r.name.SetPlaceHolder("Name")
	r.role.SetText(pt.Role)
	r.role.SetPlaceHolder("Role")
	r.name.OnChanged = func(name string) {
		if r.role.Text == "" {
			for _, p := range f.people {
				if p.Name == name {
					r.role.SetText(p.Role)
				}
			}
		}
		f.updateMissing()
	}
	r.role.OnChanged = func(string) { f.updateMissing() }
	f.rows = append(f.rows, r)
	var row *fyne.Container
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		i := slices.IndexFunc(f.rows, func(x participantRow) bool { return x.name == r.name })
		if i >= 0 {
			f.rows = slices.Delete(f.rows, i, i+1)
			f.list.Remove(row)
			f.updateMissing()
		}
	})
	row = container.NewBorder(nil, nil, nil, remove, container.NewGridWithColumns(2, r.name, r.role))
	f.list.Add(row)
	f.updateMissing()
}

func (f *sessionForm) updateMissing() {
	s := f.session()
	if missing := s.MissingRoles(); len(missing) > 0 {
		f.missing.SetText("The guide asks for someone for each of: developer, operations, security, product owner. Nobody for: " + strings.Join(missing, ", ") + ".")
	} else {
		f.missing.SetText("")
	}
}

// session is the edited copy of the form's session. Rows without a name
// are left out; minutes that are not a number count as none.
func (f *sessionForm) session() model.Session {
	s := f.s
	s.Date = pickedDate(f.date)
	s.Duration, s.Actual = minutes(f.planned.Text), minutes(f.actual.Text)
	s.Notes = f.notes.Text
	s.Participants = nil
	for _, r := range f.rows {
		if name := strings.TrimSpace(r.name.Text); name != "" {
			s.Participants = append(s.Participants, model.Participant{Name: name, Role: strings.TrimSpace(r.role.Text)})
		}
	}
	return s
}

func minutes(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return 0
	}
	return n
}
