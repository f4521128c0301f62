package capture

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/model"
)

func TestParse(t *testing.T) {
	cases := map[string]struct {
		text   string
		want   *Capture
		errors []string
	}{
		"flow with a label": {text: "Employee -> Browser front-end: sign in",
			want: &Capture{Elements: []Decl{{1, "Employee", model.Process, false}, {1, "Browser front-end", model.Process, false}},
				Flows: []FlowLine{{Line: 1, From: "Employee", To: "Browser front-end", Label: "sign in"}}}},
		"both ways with a protocol": {text: "Browser front-end <-> Web API: API calls (HTTPS)",
			want: &Capture{Elements: []Decl{{1, "Browser front-end", model.Process, false}, {1, "Web API", model.Process, false}},
				Flows: []FlowLine{{Line: 1, From: "Browser front-end", To: "Web API", Label: "API calls", Protocol: "HTTPS", Bidirectional: true}}}},
		"kinds by brackets": {text: "[Identity provider]\n(Audit log)\n  Web API  ",
			want: &Capture{Elements: []Decl{{1, "Identity provider", model.MultiProcess, true}, {2, "Audit log", model.Store, true},
				{3, "Web API", model.Process, false}}}},
		"kinds by keyword, later lines too": {text: "Employee -> App\nactor: Employee, Directory\nstore: Tokens",
			want: &Capture{Elements: []Decl{{2, "Employee", model.Actor, true}, {1, "App", model.Process, false},
				{2, "Directory", model.Actor, true}, {3, "Tokens", model.Store, true}},
				Flows: []FlowLine{{Line: 1, From: "Employee", To: "App"}}}},
		"a lone name that starts with a kind word": {text: "Store front",
			want: &Capture{Elements: []Decl{{1, "Store front", model.Process, false}}}},
		"names fold case and spaces": {text: "web  api -> (Log)\nWeb API -> Log: again",
			want: &Capture{Elements: []Decl{{1, "web api", model.Process, false}, {1, "Log", model.Store, true}},
				Flows: []FlowLine{{Line: 1, From: "web api", To: "Log"}, {Line: 2, From: "Web API", To: "Log", Label: "again"}}}},
		"boundary with quotes": {text: `boundary "Authenticated zone": Web API, (Audit log)`,
			want: &Capture{Elements: []Decl{{1, "Web API", model.Process, false}, {1, "Audit log", model.Store, true}},
				Boundaries: []BoundaryLine{{1, "Authenticated zone", []string{"Web API", "Audit log"}}}}},
		"boundary without quotes": {text: "Boundary Company zone: A",
			want: &Capture{Elements: []Decl{{1, "A", model.Process, false}}, Boundaries: []BoundaryLine{{1, "Company zone", []string{"A"}}}}},
		"note and comments": {text: "# who talks to whom\n\nnote The token is the only credential\r\n",
			want: &Capture{Notes: []NoteLine{{3, "The token is the only credential"}}}},
		"bad lines and the rest": {
			text: "A -> B: ok\n -> B\nA -> A: loop\nA -> B -> C\n[X]\nboundary \"Z\nboundary Z:\nnote\nwhat: is this\nactor: (Bad)\nC -> D",
			want: &Capture{Elements: []Decl{{1, "A", model.Process, false}, {1, "B", model.Process, false},
				{5, "X", model.MultiProcess, true}, {11, "C", model.Process, false}, {11, "D", model.Process, false}},
				Flows: []FlowLine{{Line: 1, From: "A", To: "B", Label: "ok"}, {Line: 11, From: "C", To: "D"}}},
			errors: []string{
				"line 2: a name is missing",
				`line 3: a flow from "A" to itself`,
				`line 4: one flow per line: a second arrow in "A -> B -> C"`,
				"line 6: the boundary's name has no closing quote",
				`line 7: boundary "Z" has no elements inside it`,
				"line 8: a note needs its text after the word note",
				`line 9: cannot read "what: is this": want a flow (A -> B: label), a name, or a line starting with boundary, note or a kind`,
				`line 10: "(Bad)" is not a name: brackets, parentheses and colons mark kinds and labels`,
			}},
		"a kind said twice": {text: "[X]\nstore: X, Y",
			want:   &Capture{Elements: []Decl{{1, "X", model.MultiProcess, true}, {2, "Y", model.Store, true}}},
			errors: []string{`line 2: "X" is a multi-process (line 1), not a store`}},
		"a long line": {text: strings.Repeat("x", maxLine+1), want: &Capture{},
			errors: []string{fmt.Sprintf("line 1: the line is longer than %d characters", maxLine)}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, errs := Parse(tc.text)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Parse:\n got %+v\nwant %+v", got, tc.want)
			}
			var msgs []string
			for _, e := range errs {
				msgs = append(msgs, e.Error())
			}
			if !reflect.DeepEqual(msgs, tc.errors) {
				t.Errorf("errors:\n got %q\nwant %q", msgs, tc.errors)
			}
		})
	}
}

// podcast is the README's example: the authentication use case of the
// podcast model, typed in.
const podcast = `actor: Employee
Employee -> Browser front-end: Sign in (UI)
(Static front-end files) -> Browser front-end: App bundle (HTTPS)
Browser front-end <-> Web API: API calls (HTTPS)
Browser front-end <-> [Identity provider]: Sign-in with password and MFA (HTTPS)
Web API -> Identity provider: Verify token (HTTPS)
Web API -> (Audit log): Audit events
Identity provider <-> (User store): Credential lookup (SQL over TLS)
boundary "Authenticated zone": Web API, Audit log
note The bundle is public: no secrets in it`

func TestApplyPodcast(t *testing.T) {
	m := &model.Model{Diagrams: []*model.Diagram{{ID: "d1", Title: "Authentication"}}}
	d := m.Diagrams[0]
	orig := encode(t, m)
	r := Apply(d, podcast)
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %v", r.Errors)
	}
	if r.Summary() != "7 elements added, 0 elements reused, 7 flows, 1 boundary, 1 note" {
		t.Errorf("summary: %s", r.Summary())
	}
	h := model.NewHistory(m)
	if err := h.Do(r.Command); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]model.Kind{}
	for _, e := range d.Elements {
		kinds[e.Name] = e.Kind
	}
	want := map[string]model.Kind{"Employee": model.Actor, "Browser front-end": model.Process, "Static front-end files": model.Store,
		"Web API": model.Process, "Identity provider": model.MultiProcess, "Audit log": model.Store, "User store": model.Store,
		"The bundle is public: no secrets in it": model.Note}
	if !reflect.DeepEqual(kinds, want) {
		t.Errorf("elements: %v\nwant %v", kinds, want)
	}
	noOverlaps(t, d)
	api := d.Flows[2]
	if api.Name != "API calls" || api.Protocol != "HTTPS" || !api.Bidirectional {
		t.Errorf("third flow: %+v", api)
	}
	box := d.Boundaries[0]
	for _, e := range d.Elements {
		if (e.Name == "Web API" || e.Name == "Audit log") && !inside(e.Bounds, box.Bounds) {
			t.Errorf("%s %v is outside the boundary %v", e.Name, e.Bounds, box.Bounds)
		}
	}
	if ps := model.Validate(m); len(ps) > 0 {
		t.Fatalf("invalid result: %v", ps)
	}
	// One undo takes the whole capture back.
	if err := h.Undo(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(encode(t, m), orig) {
		t.Fatal("one undo did not give back the empty diagram")
	}
}

// TestApplyReusesAndReportsLines: names match the diagram's elements, a
// flow is not added twice, and bad lines are reported while the rest
// applies.
func TestApplyReusesAndReportsLines(t *testing.T) {
	d := &model.Diagram{ID: "d1",
		Elements: []*model.Element{
			{ID: "a", Kind: model.Actor, Bounds: model.Rect{X: 0, Y: 0, W: 120, H: 70}, Common: model.Common{Name: "Employee"}},
			{ID: "p", Kind: model.Process, Bounds: model.Rect{X: 300, Y: 0, W: 100, H: 100}, Common: model.Common{Name: "Web API"}},
			{ID: "n", Kind: model.Note, Bounds: model.Rect{X: 0, Y: 300, W: 100, H: 40}, Common: model.Common{Name: "Remember"}},
		},
		Flows:      []*model.Flow{{ID: "f", From: "a", To: "p", Common: model.Common{Name: "Sign in"}}},
		Boundaries: []*model.Boundary{{ID: "b", Name: "Zone", Shape: model.BoundaryBox, Bounds: model.Rect{X: 280, Y: -20, W: 140, H: 140}}},
	}
	m := &model.Model{Diagrams: []*model.Diagram{d}}
	text := "employee -> web api: sign in\n" + // already there
		"Web API -> (Tokens): lookup\n" +
		"Remember -> Web API: notes cannot talk\n" +
		"(Web API)\n" +
		"boundary Zone: Web API, Tokens\n" +
		"this : is wrong"
	r := Apply(d, text)
	var msgs []string
	for _, e := range r.Errors {
		msgs = append(msgs, e.Error())
	}
	wantErrs := []string{
		`line 3: "Remember" is a note; flows join actors, processes and stores`,
		`line 4: "Web API" is a process in the diagram; it stays one`,
		`line 6: cannot read "this : is wrong": want a flow (A -> B: label), a name, or a line starting with boundary, note or a kind`,
	}
	if !reflect.DeepEqual(msgs, wantErrs) {
		t.Errorf("errors:\n got %q\nwant %q", msgs, wantErrs)
	}
	if r.Added != 1 || r.Reused != 3 || r.Flows != 1 || r.Boundaries != 1 {
		t.Errorf("counts: %+v", r)
	}
	if err := model.NewHistory(m).Do(r.Command); err != nil {
		t.Fatal(err)
	}
	if len(d.Elements) != 4 || len(d.Flows) != 2 || len(d.Boundaries) != 1 {
		t.Fatalf("diagram has %d elements, %d flows, %d boundaries", len(d.Elements), len(d.Flows), len(d.Boundaries))
	}
	tokens := d.Elements[3]
	if tokens.Name != "Tokens" || tokens.Kind != model.Store || d.Flows[1].From != "p" || d.Flows[1].To != tokens.ID {
		t.Errorf("new store or flow wrong: %+v %+v", tokens, d.Flows[1])
	}
	if !inside(tokens.Bounds, d.Boundaries[0].Bounds) || !inside(d.Elements[1].Bounds, d.Boundaries[0].Bounds) {
		t.Errorf("boundary %v does not hold Web API and Tokens %v", d.Boundaries[0].Bounds, tokens.Bounds)
	}
	noOverlaps(t, d)
}

func TestApplyNothing(t *testing.T) {
	d := &model.Diagram{ID: "d1", Elements: []*model.Element{{ID: "a", Kind: model.Actor, Bounds: model.Rect{W: 1, H: 1}, Common: model.Common{Name: "A"}}}}
	if r := Apply(d, "# only a comment\nA\n"); r.Command != nil || r.Reused != 1 {
		t.Fatalf("Apply of known names made %+v", r)
	}
}

func noOverlaps(t *testing.T, d *model.Diagram) {
	t.Helper()
	for i, a := range d.Elements {
		for _, b := range d.Elements[i+1:] {
			if a.Bounds.X < b.Bounds.X+b.Bounds.W && b.Bounds.X < a.Bounds.X+a.Bounds.W &&
				a.Bounds.Y < b.Bounds.Y+b.Bounds.H && b.Bounds.Y < a.Bounds.Y+a.Bounds.H {
				t.Errorf("%q %v overlaps %q %v", a.Name, a.Bounds, b.Name, b.Bounds)
			}
		}
	}
}

func inside(r, box model.Rect) bool {
	return r.X >= box.X && r.Y >= box.Y && r.X+r.W <= box.X+box.W && r.Y+r.H <= box.Y+box.H
}

func encode(t *testing.T, m *model.Model) []byte {
	t.Helper()
	b, err := model.Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// FuzzApply feeds arbitrary text to Apply on a small diagram: it never
// panics, every error names a line of the text, and the command it makes
// applies, leaves a valid document and undoes to the original bytes.
// Seeds: testdata/*.txt and the corpus in testdata/fuzz/FuzzApply.
func FuzzApply(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Fuzz(func(t *testing.T, text string) {
		m := &model.Model{Diagrams: []*model.Diagram{{ID: "d1", Elements: []*model.Element{
			{ID: "a", Kind: model.Actor, Bounds: model.Rect{W: 120, H: 70}, Common: model.Common{Name: "A"}},
			{ID: "n", Kind: model.Note, Bounds: model.Rect{Y: 200, W: 120, H: 70}, Common: model.Common{Name: "N"}}}}}}
		orig := encode(t, m)
		r := Apply(m.Diagrams[0], text)
		lines := strings.Count(text, "\n") + 1
		for _, e := range r.Errors {
			if e.Line < 1 || e.Line > lines {
				t.Fatalf("error on line %d of %d: %v", e.Line, lines, e)
			}
		}
		if r.Command == nil {
			return
		}
		h := model.NewHistory(m)
		if err := h.Do(r.Command); err != nil {
			t.Fatalf("the capture's command failed: %v", err)
		}
		if ps := model.Validate(m); len(ps) > 0 {
			t.Fatalf("the capture left an invalid document: %v", ps)
		}
		if err := h.Undo(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(encode(t, m), orig) {
			t.Fatal("undo did not give back the original")
		}
	})
}
