package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/threatboard/threatboard/model"
)

func TestQuickCapture(t *testing.T) {
	f := newFixture(t, testModel())
	d := f.a.doc.m.Diagram("d1")
	text := "Employee -> Browser: sign in\n" + // Employee is there already
		"Browser <-> Web API: API calls (HTTPS)\n" +
		"Web API -> (Audit log): events\n" +
		"this line: is wrong\n" +
		`boundary "Authenticated zone": Web API, Audit log`
	r := f.a.applyCapture("d1", text)
	if r.Added != 2 || r.Reused != 2 || r.Flows != 3 || r.Boundaries != 1 {
		t.Errorf("result %+v", r)
	}
	if len(f.ask.errs) != 1 || !strings.Contains(f.ask.errs[0].Error(), "1 line was left out; the rest was added: line 4: cannot read") {
		t.Errorf("errors shown: %v", f.ask.errs)
	}
	if len(d.Elements) != 5 || len(d.Flows) != 4 || len(d.Boundaries) != 1 {
		t.Fatalf("diagram has %d elements, %d flows, %d boundaries", len(d.Elements), len(d.Flows), len(d.Boundaries))
	}
	if sel := f.a.editor().Selection(); len(sel) != 2 {
		t.Errorf("selection after capture: %v, want the two new elements", sel)
	}
	if rows, _ := f.a.register.table.Length(); rows != 1 {
		t.Errorf("register rows %d", rows)
	}
	f.a.undo() // one undo step takes the whole capture back
	if len(d.Elements) != 3 || len(d.Flows) != 1 || len(d.Boundaries) != 0 {
		t.Fatalf("after undo: %d elements, %d flows, %d boundaries", len(d.Elements), len(d.Flows), len(d.Boundaries))
	}
}

// TestQuickCaptureDialog types into the capture box: its line errors show
// as the user types, and confirming adds the lines.
func TestQuickCaptureDialog(t *testing.T) {
	f := newFixture(t, testModel())
	f.a.quickCapture()
	box, check := captureWidgets(t, f)
	test.Type(box, "A -> B\nbad: line")
	if !strings.Contains(check.Text, "line 2: cannot read") {
		t.Errorf("check shows %q", check.Text)
	}
	box.SetText("A -> B: call")
	if check.Text != "" {
		t.Errorf("check shows %q for a good capture", check.Text)
	}
	confirm := findButton(f.a.win.Canvas().Overlays().Top(), "Add to diagram")
	if confirm == nil {
		t.Fatal("no Add to diagram button")
	}
	test.Tap(confirm)
	d := f.a.doc.m.Diagram("d1")
	if len(d.Elements) != 5 || d.Flows[len(d.Flows)-1].Name != "call" {
		t.Errorf("after confirming: %d elements, flows %v", len(d.Elements), d.Flows)
	}
}

func captureWidgets(t *testing.T, f *fixture) (*widget.Entry, *widget.Label) {
	t.Helper()
	top := f.a.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog open")
	}
	var box *widget.Entry
	var check *widget.Label
	walk(top, func(o any) {
		switch w := o.(type) {
		case *widget.Entry:
			if w.MultiLine {
				box = w
			}
		case *widget.Label:
			if check == nil && w.Text == "" {
				check = w
			}
		}
	})
	if box == nil || check == nil {
		t.Fatal("capture box or its check not found")
	}
	return box, check
}

func TestTidyLayout(t *testing.T) {
	f := newFixture(t, testModel())
	d := f.a.doc.m.Diagram("d1")
	// Pile everything on one spot, then tidy.
	for _, e := range d.Elements {
		f.a.do(model.Resize("d1", e.ID, model.Rect{X: 10, Y: 10, W: e.Bounds.W, H: e.Bounds.H}))
	}
	before, _ := model.Encode(f.a.doc.m)
	f.a.tidyLayout()
	for i, a := range d.Elements {
		for _, b := range d.Elements[i+1:] {
			if a.Bounds.X < b.Bounds.X+b.Bounds.W && b.Bounds.X < a.Bounds.X+a.Bounds.W &&
				a.Bounds.Y < b.Bounds.Y+b.Bounds.H && b.Bounds.Y < a.Bounds.Y+a.Bounds.H {
				t.Errorf("%s %v overlaps %s %v after tidying", a.Name, a.Bounds, b.Name, b.Bounds)
			}
		}
	}
	// Employee sends to Web API: left to right.
	if d.Elements[0].Bounds.X >= d.Elements[1].Bounds.X {
		t.Errorf("Employee %v is not left of Web API %v", d.Elements[0].Bounds, d.Elements[1].Bounds)
	}
	if tidyCommand(d, nil) != nil {
		t.Error("tidying a tidy diagram moves something")
	}
	f.a.undo()
	if after, _ := model.Encode(f.a.doc.m); string(after) != string(before) {
		t.Error("one undo does not take the tidying back")
	}
}
