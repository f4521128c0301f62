package app

import (
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/canvas"
	"github.com/threatboard/threatboard/model"
)

// sessionMode walks a meeting through every in-scope element and flow of
// the current use case, one checklist category at a time, in large type
// beside the diagram: the guide's "go over each element and flow". What
// was discussed is recorded as coverage, so that a stopped walk resumes
// where it left off.
type sessionMode struct {
	a         *App
	diagramID string
	sessionID string
	steps     []analysis.Step
	i         int
	started   time.Time
	planned   time.Duration
	stopTick  func()
	selecting bool // the step's object is being selected: the panel follows

	// quick adds a threat from the keyboard: a title, then L/M/H for the
	// likelihood and L/M/H for the impact.
	quick      quickAdd
	restore    fyne.CanvasObject // the window's content before the mode
	oldKeys    func(*fyne.KeyEvent)
	content    fyne.CanvasObject
	progress   *widget.Label
	pace       *widget.Label
	object     *widget.Label
	category   *widget.Label
	explain    *widget.Label
	questions  *widget.Label
	prompt     *widget.Label
	title      *widget.Entry
	found      *fyne.Container // threats recorded and suggestions
	prev, next *widget.Button
	// sugs finds the step's suggestions in the background.
	sugs suggestions
}

type quickStage int

const (
	quickIdle quickStage = iota
	quickTitle
	quickLikelihood
	quickImpact
)

type quickAdd struct {
	stage      quickStage
	title      string
	likelihood model.Level
}

// startSessionMode walks the current diagram. The session of today is
// used, or a new one is recorded (the participants of the last preloaded).
func (a *App) startSessionMode() {
	if a.walk != nil { // the menu item and its shortcut end it too
		a.walk.stop()
		return
	}
	v := a.currentView()
	if v == nil {
		return
	}
	d := a.doc.m.Diagram(v.diagramID)
	today := model.DateOf(a.now())
	s := a.doc.m.LastSession()
	if s == nil || s.Date != today {
		ns := a.newSession()
		ns.ID = model.NewID()
		a.do(model.AddSession(&ns))
		s = a.doc.m.Session(ns.ID)
		if s == nil {
			return
		}
	}
	w := &sessionMode{a: a, diagramID: d.ID, sessionID: s.ID, started: a.now(),
		planned: time.Duration(s.Duration) * time.Minute, sugs: suggestions{a: a}}
	w.steps = analysis.Walk(d, a.checklist(d))
	w.i = analysis.ResumeAt(w.steps)
	if w.i == len(w.steps) {
		w.i = 0 // every step was discussed: walk again from the start
	}
	a.walk = w
	w.build()
	w.restore = a.win.Content()
	a.win.SetContent(w.content)
	a.win.Canvas().Unfocus()
	w.oldKeys = a.win.Canvas().OnTypedKey()
	a.win.Canvas().SetOnTypedKey(w.typedKey)
	if a.ticker != nil {
		w.stopTick = a.ticker(time.Second, w.showPace)
	}
	a.later(50*time.Millisecond, func() { a.withEditor((*canvas.Editor).ZoomToFit) })
	w.show()
}

// stop leaves session mode; what was recorded stays.
func (w *sessionMode) stop() {
	a := w.a
	if w.stopTick != nil {
		w.stopTick()
	}
	a.win.Canvas().SetOnTypedKey(w.oldKeys)
	a.win.SetContent(w.restore)
	a.walk = nil
	a.refreshPanels()
}

func (w *sessionMode) build() {
	big := func(style fyne.TextStyle) *widget.Label {
		l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, style)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	w.progress = big(fyne.TextStyle{})
	w.pace = big(fyne.TextStyle{})
	w.pace.Importance = widget.LowImportance
	w.object = big(fyne.TextStyle{Bold: true})
	w.category = big(fyne.TextStyle{Bold: true})
	w.category.Importance = widget.HighImportance
	w.explain = big(fyne.TextStyle{})
	w.questions = big(fyne.TextStyle{Italic: true})
	w.prompt = big(fyne.TextStyle{Bold: true})
	w.prompt.Importance = widget.WarningImportance
	w.title = widget.NewEntry()
	w.title.SetPlaceHolder("Threat title, then Enter; then L/M/H for likelihood and impact")
	w.title.OnSubmitted = func(s string) { w.titled(s) }
	w.found = container.NewVBox()
	w.prev = widget.NewButtonWithIcon("Previous", theme.NavigateBackIcon(), w.previous)
	w.next = widget.NewButtonWithIcon("Next", theme.NavigateNextIcon(), w.advance)
	skip := widget.NewButtonWithIcon("Skip", theme.MediaSkipNextIcon(), w.skip)
	nothing := widget.NewButtonWithIcon("Nothing found", theme.ConfirmIcon(), w.nothingFound)
	nothing.Importance = widget.HighImportance
	add := widget.NewButtonWithIcon("Add threat", theme.ContentAddIcon(), w.startQuick)
	stop := widget.NewButtonWithIcon("End session mode", theme.CancelIcon(), w.stop)
	keys := widget.NewLabel("Keys: → or N next · ← or P previous · S skip · F nothing found · A add threat · Esc or ctrl+shift+M end")
	keys.Importance = widget.LowImportance
	keys.Wrapping = fyne.TextWrapWord
	step := container.NewVBox(w.progress, w.pace, widget.NewSeparator(), w.object, w.category, w.explain, w.questions,
		widget.NewSeparator(), w.found, w.prompt, w.title)
	buttons := container.NewVBox(container.NewGridWithColumns(3, w.prev, skip, w.next),
		container.NewGridWithColumns(2, nothing, add), container.NewHBox(stop), keys)
	panel := container.NewThemeOverride(container.NewBorder(nil, buttons, nil, nil, container.NewVScroll(step)), presentationTheme{})
	split := container.NewHSplit(w.a.tabs, panel)
	split.Offset = 0.55
	w.content = split
}

// show selects the current step's object and fills the panel.
func (w *sessionMode) show() {
	if len(w.steps) > 0 {
		w.selecting = true
		id := w.steps[w.i].ID()
		w.a.withEditor(func(ed *canvas.Editor) {
			ed.Select(id)
			ed.CentreOnSelection()
		})
		w.selecting = false
	}
	w.fill()
}

// fill shows the current step in the panel.
func (w *sessionMode) fill() {
	w.showPace()
	if len(w.steps) == 0 {
		w.object.SetText("Nothing to walk: this use case has no in-scope element or flow.")
		for _, l := range []*widget.Label{w.category, w.explain, w.questions, w.prompt} {
			l.SetText("")
		}
		w.found.Objects = nil
		w.found.Refresh()
		return
	}
	s := w.steps[w.i]
	kind := "flow"
	name := ""
	if s.Element != nil {
		kind, name = s.Element.Kind.String(), s.Element.Name
	} else {
		name = flowLabel(w.a.doc.m.Diagram(w.diagramID), s.Flow)
	}
	w.object.SetText(fmt.Sprintf("%s %s", strings.ToUpper(kind[:1])+kind[1:], name))
	cat := s.Category
	status := ""
	if d, ok := s.Common().Discussion(cat.ID); ok {
		status = fmt.Sprintf("  (discussed %s: %s)", d.Date, d.Outcome)
	}
	w.category.SetText(cat.Name + status)
	w.explain.SetText(cat.Explanation)
	var qs []string
	for _, q := range cat.Questions {
		qs = append(qs, "• "+q)
	}
	w.questions.SetText(strings.Join(qs, "\n"))
	w.fillFound(s)
	w.showQuick()
	if w.i == 0 {
		w.prev.Disable()
	} else {
		w.prev.Enable()
	}
}

// fillFound lists the threats recorded for the step's object and category
// and the rule catalog's suggestions for them, with Add as threat and
// Dismiss.
func (w *sessionMode) fillFound(s analysis.Step) {
	w.found.Objects = nil
	c := s.Common()
	for _, t := range c.Threats {
		if t.Category != s.Category.ID {
			continue
		}
		l := widget.NewLabel(fmt.Sprintf("● %s — likelihood %s, impact %s", t.Title, orDash(t.Likelihood.String()), orDash(t.Impact.String())))
		l.Wrapping = fyne.TextWrapWord
		w.found.Add(l)
	}
	sgs, looking := w.sugs.of(w.diagramID, s.ID(), w.foundLater)
	for _, sg := range sgs {
		if sg.Category != s.Category.ID {
			continue
		}
		sg := sg
		l := widget.NewLabel("Suggested: " + sg.Title)
		l.Wrapping = fyne.TextWrapWord
		accept := widget.NewButtonWithIcon("Add as threat", theme.ConfirmIcon(), func() {
			w.record(model.AddThreat(w.diagramID, s.ID(), sg.Threat()), model.ThreatsFound)
		})
		dismiss := widget.NewButtonWithIcon("Dismiss", theme.CancelIcon(), func() {
			w.a.do(model.Dismiss(w.diagramID, s.ID(), sg.RuleID, true))
			w.show()
		})
		w.found.Add(container.NewBorder(nil, nil, nil, container.NewHBox(accept, dismiss), l))
	}
	switch {
	case looking:
		w.found.Add(hint(lookingText))
	case len(w.found.Objects) == 0:
		w.found.Add(hint("No threat recorded or suggested for this yet."))
	}
	w.found.Refresh()
}

// foundLater shows the suggestions found in the background for the step
// shown, while session mode runs.
func (w *sessionMode) foundLater() {
	if w.a.walk == w && w.i < len(w.steps) {
		w.fillFound(w.steps[w.i])
	}
}

// showPace says how far the walk is and the pace needed to finish in time:
// "14 steps left, 22 minutes: about 90 s each".
func (w *sessionMode) showPace() {
	left := len(w.steps) - w.i
	done := 0
	for _, s := range w.steps {
		if s.Discussed() {
			done++
		}
	}
	w.progress.SetText(fmt.Sprintf("Step %d of %d · %d discussed", min(w.i+1, len(w.steps)), len(w.steps), done))
	w.pace.SetText(pace(w.a.now().Sub(w.started), w.planned, left))
}

// pace is the timer line of session mode.
func pace(elapsed, planned time.Duration, left int) string {
	spent := fmt.Sprintf("%d min in", int(elapsed.Minutes()))
	if planned <= 0 {
		return fmt.Sprintf("%s, %d steps left", spent, left)
	}
	remain := planned - elapsed
	if remain <= 0 {
		return fmt.Sprintf("%s: the %d minutes planned are up, %d steps left", spent, int(planned.Minutes()), left)
	}
	if left == 0 {
		return fmt.Sprintf("%s, %d minutes left: every step done", spent, int(remain.Minutes()))
	}
	return fmt.Sprintf("%s · %d steps left, %d minutes: about %d s each", spent, left, int(remain.Minutes()),
		int(remain.Seconds())/left)
}

// typedKey drives the walk from the keyboard while no field has the focus.
func (w *sessionMode) typedKey(k *fyne.KeyEvent) {
	switch w.quick.stage {
	case quickLikelihood, quickImpact:
		if l, ok := levelKey(k.Name); ok {
			w.rated(l)
		} else if k.Name == fyne.KeyEscape {
			w.quick = quickAdd{}
			w.showQuick()
		}
		return
	}
	switch k.Name {
	case fyne.KeyRight, fyne.KeyN, fyne.KeyPageDown, fyne.KeySpace:
		w.advance()
	case fyne.KeyLeft, fyne.KeyP, fyne.KeyPageUp:
		w.previous()
	case fyne.KeyS:
		w.skip()
	case fyne.KeyF, fyne.Key0:
		w.nothingFound()
	case fyne.KeyA, fyne.KeyT:
		w.startQuick()
	case fyne.KeyEscape:
		w.stop()
	}
}

func levelKey(k fyne.KeyName) (model.Level, bool) {
	switch k {
	case fyne.KeyL, fyne.Key1:
		return model.Low, true
	case fyne.KeyM, fyne.Key2:
		return model.Medium, true
	case fyne.KeyH, fyne.Key3:
		return model.High, true
	}
	return 0, false
}

// advance goes to the next step. A step whose category has threats on its
// object counts as discussed with threats found.
func (w *sessionMode) advance() {
	if len(w.steps) == 0 {
		return
	}
	s := w.steps[w.i]
	if !s.Discussed() && w.hasThreats(s) {
		w.a.do(model.Discuss(w.diagramID, s.ID(), w.discussion(s, model.ThreatsFound)))
	}
	w.move(1)
}

// skip goes to the next step without recording anything.
func (w *sessionMode) skip() { w.move(1) }

func (w *sessionMode) previous() { w.move(-1) }

func (w *sessionMode) move(by int) {
	w.quick = quickAdd{}
	w.i = max(0, min(len(w.steps)-1, w.i+by))
	w.show()
}

// nothingFound records that the step was discussed and nothing was found,
// and goes on.
func (w *sessionMode) nothingFound() {
	if len(w.steps) == 0 {
		return
	}
	s := w.steps[w.i]
	w.a.do(model.Discuss(w.diagramID, s.ID(), w.discussion(s, model.NothingFound)))
	w.move(1)
}

func (w *sessionMode) hasThreats(s analysis.Step) bool {
	for _, t := range s.Common().Threats {
		if t.Category == s.Category.ID {
			return true
		}
	}
	return false
}

func (w *sessionMode) discussion(s analysis.Step, o model.Outcome) model.Discussion {
	return model.Discussion{Category: s.Category.ID, Date: model.DateOf(w.a.now()), Outcome: o}
}

// record applies a threat's edit and the step's coverage as one undo step.
func (w *sessionMode) record(c model.Command, o model.Outcome) {
	s := w.steps[w.i]
	w.a.do(model.Batch(c.Label(), c, model.Discuss(w.diagramID, s.ID(), w.discussion(s, o))))
	w.show()
}

func (w *sessionMode) startQuick() {
	if len(w.steps) == 0 {
		return
	}
	w.quick = quickAdd{stage: quickTitle}
	w.title.SetText("")
	w.showQuick()
	// Focus once the key that asked for it is over: focused at once, the
	// field received that key's character ("A") as well.
	w.a.later(100*time.Millisecond, func() {
		if w.a.walk == w && w.quick.stage == quickTitle {
			w.a.win.Canvas().Focus(w.title)
		}
	})
}

// titled takes the quick threat's title and asks for its likelihood.
func (w *sessionMode) titled(title string) {
	if strings.TrimSpace(title) == "" {
		w.quick = quickAdd{}
	} else {
		w.quick = quickAdd{stage: quickLikelihood, title: strings.TrimSpace(title)}
	}
	w.a.win.Canvas().Unfocus()
	w.showQuick()
}

// rated takes the likelihood, then the impact; after the impact the threat
// is recorded.
func (w *sessionMode) rated(l model.Level) {
	if w.quick.stage == quickLikelihood {
		w.quick.likelihood, w.quick.stage = l, quickImpact
		w.showQuick()
		return
	}
	s := w.steps[w.i]
	t := &model.Threat{Title: w.quick.title, Category: s.Category.ID, Likelihood: w.quick.likelihood, Impact: l}
	w.quick = quickAdd{}
	w.title.SetText("")
	w.record(model.AddThreat(w.diagramID, s.ID(), t), model.ThreatsFound)
}

func (w *sessionMode) showQuick() {
	switch w.quick.stage {
	case quickIdle:
		w.prompt.SetText("")
	case quickTitle:
		w.prompt.SetText("New threat: type its title and press Enter")
	case quickLikelihood:
		w.prompt.SetText(fmt.Sprintf("%q — likelihood? L, M or H", w.quick.title))
	case quickImpact:
		w.prompt.SetText(fmt.Sprintf("%q — likelihood %s; impact? L, M or H", w.quick.title, w.quick.likelihood))
	}
}

// flowLabel names a flow by its label, or by its ends when it has none.
func flowLabel(d *model.Diagram, f *model.Flow) string {
	if strings.TrimSpace(f.Name) != "" {
		return f.Name
	}
	name := func(id string) string {
		if e := d.Element(id); e != nil && e.Name != "" {
			return e.Name
		}
		return id
	}
	return name(f.From) + " → " + name(f.To)
}

// presentationTheme is the current theme with text half as large again,
// readable on a projector. It asks the app's theme on every call, so a
// switch between light and dark shows at once.
type presentationTheme struct{}

func (presentationTheme) base() fyne.Theme { return fyne.CurrentApp().Settings().Theme() }

func (t presentationTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.base().Color(n, v)
}
func (t presentationTheme) Font(s fyne.TextStyle) fyne.Resource     { return t.base().Font(s) }
func (t presentationTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base().Icon(n) }
func (t presentationTheme) Size(n fyne.ThemeSizeName) float32 {
	s := t.base().Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText, theme.SizeNameInlineIcon:
		return s * 1.6
	}
	return s
}

// everyTick is the desktop's ticker: a time.Ticker whose ticks run f on
// the UI thread.
func everyTick(d time.Duration, f func()) func() {
	t := time.NewTicker(d)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-t.C:
				fyne.Do(f)
			case <-done:
				return
			}
		}
	}()
	return func() { t.Stop(); close(done) }
}
