package app

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/analysis"
	"github.com/threatboard/threatboard/model"
)

// How a leaf is rated: by a probability or by a level, never both, so that
// a typed probability is not replaced by a level the user did not choose.
const (
	rateByProbability = "Probability"
	rateByLevel       = "Level"
)

// nodeForm edits one attack-tree node. It shows only what applies: an AND
// or OR node computes its values from its children, so it has a title and a
// type; a leaf has its rating (a probability or a level, as chosen), cost
// and skill.
type nodeForm struct {
	id       string
	children bool // a node with children cannot become a leaf
	values   model.Node

	title, prob, cost, skill *widget.Entry
	typ, level               *widget.Select
	rating                   *widget.RadioGroup
	// form holds the fields that apply now; a change of type or rating
	// builds a new one in obj, as a Form does not take fields away.
	form             *widget.Form
	obj              *fyne.Container
	onSave, onCancel func()
}

func newNodeForm(n *model.Node) *nodeForm {
	f := &nodeForm{id: n.ID, children: len(n.Children) > 0, values: *n}
	f.title = widget.NewEntry()
	f.title.SetText(n.Title)
	types := []string{"and", "or", "leaf"}
	if f.children {
		types = types[:2]
	}
	f.typ = widget.NewSelect(types, nil)
	f.typ.SetSelected(n.Type.String())
	f.rating = widget.NewRadioGroup([]string{rateByProbability, rateByLevel}, nil)
	f.rating.Horizontal = true
	f.rating.Required = true
	if n.Type == model.Leaf && !n.Rated() {
		f.rating.SetSelected(rateByProbability)
	} else {
		f.rating.SetSelected(rateByLevel)
	}
	f.prob = numberEntry(strconv.FormatFloat(n.Probability, 'f', -1, 64), 0, 1)
	level := n.Level
	if level == model.LevelUnset {
		level = model.Medium
	}
	f.level = widget.NewSelect(levelOptions[1:], nil)
	f.level.SetSelected(level.String())
	f.cost = numberEntry(formatCost(n.Cost), 0, 1e15)
	f.skill = widget.NewEntry()
	if n.Skill > 0 {
		f.skill.SetText(strconv.Itoa(n.Skill))
	}
	f.skill.Validator = func(s string) error { _, err := parseSkill(s); return err }
	f.obj = container.NewStack()
	f.layout()
	f.typ.OnChanged = func(string) { f.layout() }
	f.rating.OnChanged = func(string) { f.layout() }
	return f
}

// layout shows the fields that apply to the type and rating chosen now.
func (f *nodeForm) layout() {
	items := []*widget.FormItem{
		widget.NewFormItem("Title", f.title),
		widget.NewFormItem("Type", f.typ),
	}
	if f.typ.Selected == "leaf" {
		items = append(items, widget.NewFormItem("Rated by", f.rating))
		if f.rating.Selected == rateByLevel {
			items = append(items, &widget.FormItem{Text: "Level", Widget: f.level,
				HintText: fmt.Sprintf("Low, medium and high stand for the probabilities %g, %g and %g",
					analysis.LowProbability, analysis.MediumProbability, analysis.HighProbability)})
		} else {
			items = append(items, &widget.FormItem{Text: "Probability", Widget: f.prob, HintText: "From 0 to 1"})
		}
		items = append(items,
			&widget.FormItem{Text: "Cost", Widget: f.cost, HintText: "The attacker's cost of this step"},
			&widget.FormItem{Text: "Skill", Widget: f.skill, HintText: "1 (script kiddie) to 5 (nation state); empty when not rated"})
	} else {
		items[1].HintText = "Its values come from the nodes below it"
	}
	f.form = &widget.Form{Items: items, SubmitText: "Save", CancelText: "Cancel",
		OnSubmit: func() { call(f.onSave) }, OnCancel: func() { call(f.onCancel) }}
	f.obj.Objects = []fyne.CanvasObject{f.form}
	f.obj.Refresh()
}

func call(fn func()) {
	if fn != nil {
		fn()
	}
}

// labels lists the form's field names in order, for the tests.
func (f *nodeForm) labels() []string {
	out := make([]string, len(f.form.Items))
	for i, it := range f.form.Items {
		out[i] = it.Text
	}
	return out
}

// node is the node as the form says it should be, or an error that names
// the field that is wrong.
func (f *nodeForm) node() (model.Node, error) {
	n := f.values
	n.Children = nil
	n.Title = strings.TrimSpace(f.title.Text)
	t, err := model.ParseNodeType(f.typ.Selected)
	if err != nil {
		return n, fmt.Errorf("node type: %w", err)
	}
	n.Type = t
	if t != model.Leaf {
		// Its values come from its children; what a leaf had goes.
		n.Probability, n.Level, n.Cost, n.Skill = 0, model.LevelUnset, 0, 0
		return n, nil
	}
	n.Probability, n.Level = 0, model.LevelUnset
	if f.rating.Selected == rateByLevel {
		if n.Level, err = model.ParseLevel(f.level.Selected); err != nil || n.Level == model.LevelUnset {
			return n, fmt.Errorf("level: choose low, medium or high")
		}
	} else if n.Probability, err = parseRange(f.prob.Text, 0, 1); err != nil {
		return n, fmt.Errorf("probability: %w", err)
	}
	if n.Cost, err = parseRange(f.cost.Text, 0, 1e15); err != nil {
		return n, fmt.Errorf("cost: %w", err)
	}
	if n.Skill, err = parseSkill(f.skill.Text); err != nil {
		return n, err
	}
	return n, nil
}

func parseRange(s string, lo, hi float64) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || v < lo || v > hi {
		return 0, fmt.Errorf("%q is not a number from %g to %g", s, lo, hi)
	}
	return v, nil
}

// parseSkill reads a skill rating: a whole number from 1 to 5, or nothing
// for a step whose skill is not rated (0 in the model).
func parseSkill(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 1 || v > 5 {
		return 0, errors.New("skill: a whole number from 1 to 5, or empty when not rated")
	}
	return v, nil
}
