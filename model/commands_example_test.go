package model_test

import (
	"fmt"

	"github.com/threatboard/threatboard/model"
)

// A drag sends one Move per mouse event: the first is a step of its own
// (Do), the others merge into it (Merge), so the drag is one undo step.
func ExampleMove() {
	m := &model.Model{Diagrams: []*model.Diagram{{ID: "d", Elements: []*model.Element{
		{ID: "api", Kind: model.Process, Bounds: model.Rect{X: 0, Y: 0, W: 100, H: 100}},
	}}}}
	h := model.NewHistory(m)
	_ = h.Do(model.Move("d", []string{"api"}, model.Point{X: 10, Y: 5}))
	for range 2 {
		_ = h.Merge(model.Move("d", []string{"api"}, model.Point{X: 10, Y: 5}))
	}
	api := m.Diagram("d").Element("api")
	fmt.Println(api.Bounds, h.UndoLabel())
	_ = h.Undo()
	fmt.Println(api.Bounds, h.CanUndo())
	// Output:
	// {30 15 100 100} Move
	// {0 0 100 100} false
}

// Deleting an element takes its flows along; Undo puts both back where
// they were.
func ExampleDelete() {
	m := &model.Model{Diagrams: []*model.Diagram{{ID: "d",
		Elements: []*model.Element{
			{ID: "user", Kind: model.Actor, Bounds: model.Rect{W: 100, H: 60}},
			{ID: "api", Kind: model.Process, Bounds: model.Rect{X: 200, W: 100, H: 100}},
		},
		Flows: []*model.Flow{{ID: "login", From: "user", To: "api"}},
	}}}
	h := model.NewHistory(m)
	if err := h.Do(model.Delete("d", []string{"api"})); err != nil {
		fmt.Println(err)
	}
	d := m.Diagram("d")
	fmt.Println(len(d.Elements), len(d.Flows), h.UndoLabel())
	_ = h.Undo()
	fmt.Println(len(d.Elements), d.Flows[0].ID)
	// Output:
	// 1 0 Delete 1 object
	// 2 login
}
