package app

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/model"
	"github.com/threatboard/threatboard/report"
)

// reviewDue reports whether m's next session is due today or was due
// earlier: its review date (planned, or three months after the last
// session) is not after today.
func reviewDue(m *model.Model, today model.Date) bool {
	due := m.ReviewDate()
	return !due.IsZero() && !today.Before(due)
}

// showBanner shows or hides the non-modal banner that says the review is
// due, with its three ways forward.
func (a *App) showBanner() {
	a.banner.Objects = nil
	m := a.doc.m
	if reviewDue(m, model.DateOf(a.now())) {
		msg := widget.NewLabel(fmt.Sprintf("The next session of this threat model was due on %s: time to review it.", m.ReviewDate()))
		msg.Importance = widget.WarningImportance
		msg.Wrapping = fyne.TextWrapWord
		start := widget.NewButtonWithIcon("Start session", theme.MediaPlayIcon(), a.startReviewSession)
		start.Importance = widget.HighImportance
		plan := widget.NewButtonWithIcon("Plan a date…", theme.HistoryIcon(), a.planNextSession)
		review := widget.NewButtonWithIcon("What to review…", theme.ListIcon(), a.showReview)
		closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() {
			a.banner.Objects = nil
			a.banner.Refresh()
		})
		a.banner.Add(container.NewBorder(nil, nil, nil, container.NewHBox(start, plan, review, closeBtn), msg))
	}
	a.banner.Refresh()
}

// startReviewSession records a session held today (the participants of
// the last one preloaded, editable before it is saved).
func (a *App) startReviewSession() {
	a.openSessions()
	a.sessions.edit(a.newSession())
}

// planNextSession asks for the next session's date, three months after
// the last session unless one is planned.
func (a *App) planNextSession() {
	due := a.doc.m.ReviewDate()
	if due.IsZero() || due.Before(model.DateOf(a.now())) {
		due = model.DateOf(a.now()).AddMonths(model.ReviewInterval)
	}
	pick := datePicker(due)
	dialog.ShowForm("Plan the next session", "Plan", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Date", pick)}, func(ok bool) {
			if ok {
				a.do(model.SetNextSession(pickedDate(pick)))
				a.showBanner()
			}
		}, a.win)
}

// openSessions shows the Sessions window (one at a time).
func (a *App) openSessions() {
	if a.sessions == nil {
		a.sessions = newSessionsPanel(a)
	}
	d := dialog.NewCustom("Sessions", "Close", a.sessions.object(), a.win)
	d.SetOnClosed(func() { a.sessions = nil })
	d.Resize(fyne.NewSize(720, 520))
	d.Show()
}

// showReview lists what the next session should look at.
func (a *App) showReview() {
	d := dialog.NewCustom("What to review", "Close", container.NewVScroll(a.reviewView()), a.win)
	d.Resize(fyne.NewSize(760, 600))
	d.Show()
}

// reviewView is the Review view: overdue and open actions, actions done
// but not verified, accepted and transferred risks to revisit, threats with
// no decision, and elements never discussed; each threat and element with
// a button that shows it.
func (a *App) reviewView() fyne.CanvasObject {
	m := a.doc.m
	r := analysis.ReviewOf(m, model.DateOf(a.now()))
	box := container.NewVBox()
	section := func(title string, n int) {
		box.Add(widget.NewLabelWithStyle(fmt.Sprintf("%s (%d)", title, n), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		if n == 0 {
			box.Add(hint("Nothing."))
		}
	}
	line := func(text string, show func()) {
		l := widget.NewLabel(text)
		l.Truncation = fyne.TextTruncateEllipsis
		if show == nil {
			box.Add(l)
			return
		}
		box.Add(container.NewBorder(nil, nil, nil, widget.NewButton("Show", show), l))
	}
	if !r.Due.IsZero() {
		box.Add(widget.NewLabel("Next session: " + r.Due.String()))
	}
	actions := func(title string, as []*model.Action) {
		section(title, len(as))
		for _, ac := range as {
			text := ac.Title
			if ac.Owner != "" {
				text += " · " + ac.Owner
			}
			if !ac.Due.IsZero() {
				text += " · due " + ac.Due.String()
			}
			line(text, nil)
		}
	}
	actions("Overdue actions", r.Overdue)
	actions("Open actions", r.Open)
	actions("Done, to verify", r.Unreviewed)
	threats := func(title string, refs []model.ThreatRef) {
		section(title, len(refs))
		for _, ref := range refs {
			did, id := ref.Diagram.ID, ref.TargetID()
			text := fmt.Sprintf("%s · %s · %s", ref.Threat.Title, ref.Threat.Decision, ref.Diagram.Title)
			line(text, func() { a.selectObject(did, id) })
		}
	}
	threats("Accepted and transferred risks to revisit", r.Revisit)
	threats("Threats with no decision", r.Undecided)
	section("Elements not discussed yet", len(r.NotDiscussed))
	for _, u := range r.NotDiscussed {
		did, id := u.Diagram.ID, u.Element.ID
		line(fmt.Sprintf("%s %s · %s", u.Element.Kind, u.Element.Name, u.Diagram.Title), func() { a.selectObject(did, id) })
	}
	return box
}

// exportInvitation writes the iCalendar invitation to the next session
// where the user chooses.
func (a *App) exportInvitation() {
	m := a.doc.m
	inv := report.InvitationFor(m, a.now())
	if inv.Date.IsZero() {
		a.ask.Error(fmt.Errorf("export invitation: the next session has no date; plan one first (Session › Plan Next Session…)"))
		return
	}
	var buf bytes.Buffer
	if err := report.WriteICS(&buf, m, inv); err != nil {
		a.ask.Error(err)
		return
	}
	name := strings.TrimSpace(m.Title)
	if name == "" {
		name = "threat-model"
	}
	suggested := name + " next session.ics"
	if a.doc.path != "" {
		suggested = filepath.Join(filepath.Dir(a.doc.path), suggested)
	}
	a.files.Export("Export the invitation", suggested, func(path string) {
		if path == "" {
			return
		}
		data := buf.Bytes()
		done := a.status.startBusy("Writing the invitation…")
		a.background(func() {
			err := model.SaveBytes(path, data)
			fyne.Do(func() {
				done()
				if err != nil {
					a.ask.Error(fmt.Errorf("export invitation: %w", err))
				}
			})
		})
	})
}

// sessionMenu runs the meeting: its record, session mode, the review and
// the next session with its invitation.
func (a *App) sessionMenu() *fyne.Menu {
	walk := fyne.NewMenuItem("Start or End Session Mode", a.startSessionMode)
	walk.Shortcut = shortcut(fyne.KeyM, primary|shiftMod)
	return fyne.NewMenu("Session",
		fyne.NewMenuItem("Sessions and People…", a.openSessions),
		walk,
		a.coverageItem(),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("What to Review…", a.showReview),
		fyne.NewMenuItem("Plan Next Session…", a.planNextSession),
		fyne.NewMenuItem("Export Invitation…", a.exportInvitation),
	)
}
