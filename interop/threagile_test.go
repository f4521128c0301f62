package interop

import (
	"fmt"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/model"
)

func TestThreagileGolden(t *testing.T) {
	cases := map[string]struct{ file, golden string }{
		"example model": {"threagile/threagile-example-model.yaml", "threagile/example.golden"},
		"stub model":    {"threagile/threagile-stub-model.yaml", "threagile/stub.golden"},
		"edge cases":    {"testdata/threagile/edges.yaml", "threagile/edges.golden"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			data := readInput(t, tc.file)
			if f, err := Detect(data); err != nil || f != Threagile {
				t.Fatalf("Detect = %q, %v; want threagile", f, err)
			}
			r, err := threagileImporter{newID: counterIDs()}.run(data)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tc.golden, r)
		})
	}
}

// Every element sits inside the box of each boundary that holds it, and
// nested boxes inside their parents.
func TestThreagileBoxesHoldTheirAssets(t *testing.T) {
	r, err := Import(fixture(t, "threagile/threagile-example-model.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	d := r.Model.Diagrams[0]
	box := map[string]model.Rect{}
	for _, b := range d.Boundaries {
		box[b.Name] = b.Bounds
	}
	inside := func(a, b model.Rect) bool {
		return a.X >= b.X && a.Y >= b.Y && a.X+a.W <= b.X+b.W && a.Y+a.H <= b.Y+b.H
	}
	for _, c := range []struct{ inner, outer string }{
		{"Web DMZ", "Application Network"}, {"ERP DMZ", "Application Network"}, {"Auth Handling Environment", "Application Network"},
	} {
		if !inside(box[c.inner], box[c.outer]) {
			t.Errorf("%q %v is not inside %q %v", c.inner, box[c.inner], c.outer, box[c.outer])
		}
	}
	for _, e := range d.Elements {
		if e.Name == "Apache Webserver" && !inside(e.Bounds, box["Web DMZ"]) {
			t.Errorf("Apache Webserver %v is not inside the Web DMZ %v", e.Bounds, box["Web DMZ"])
		}
		// The Dev Network holds the build server and the clients, nothing else.
		dev := e.Name == "Jenkins Build Server" || e.Name == "Git Repository" || e.Name == "Backend Admin Client" || e.Name == "Backoffice Client"
		if got := inside(e.Bounds, box["Dev Network"]); got != dev {
			t.Errorf("%s inside the Dev Network: %v, want %v", e.Name, got, dev)
		}
	}
	a, b := box["Dev Network"], box["Application Network"]
	if a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H {
		t.Errorf("the Dev Network %v and the Application Network %v overlap", a, b)
	}
}

func TestThreagileErrors(t *testing.T) {
	cases := map[string]struct{ data, want string }{
		"not yaml":      {"threagile_version: [1\n", "not a valid Threagile model"},
		"no version":    {"title: x\n", "no threagile_version"},
		"duplicate ids": {"threagile_version: 1.0.0\ntechnical_assets:\n  A:\n    id: x\n  B:\n    id: x\n", `the same id "x"`},
		"wrong type":    {"threagile_version: 1.0.0\ntechnical_assets: [1, 2]\n", "not a valid Threagile model"},
		"deep nesting":  {"threagile_version: 1.0.0\nquestions: " + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "\n", "not a valid Threagile model"},
		"alias bomb": {"threagile_version: 1.0.0\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n" +
			"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n" +
			"h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\nquestions: *i\n", "not a valid Threagile model"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := importThreagile([]byte(tc.data))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v; want it to contain %q", err, tc.want)
			}
		})
	}
}

// A chain of 1,000 nested boundaries, one asset in each and a link from
// every asset to the next, imports (each flow is laid out once, in the
// innermost boundary that holds both its ends).
func TestThreagileDeepBoundaries(t *testing.T) {
	var b strings.Builder
	const n = 1000
	b.WriteString("threagile_version: 1.0.0\ntechnical_assets:\n")
	for i := range n {
		fmt.Fprintf(&b, "  A%d:\n    id: a%d\n    type: process\n", i, i)
		if i+1 < n {
			fmt.Fprintf(&b, "    communication_links:\n      L:\n        target: a%d\n", i+1)
		}
	}
	b.WriteString("trust_boundaries:\n")
	for i := range n {
		fmt.Fprintf(&b, "  B%d:\n    id: b%04d\n    technical_assets_inside: [a%d]\n", i, i, i)
		if i+1 < n {
			fmt.Fprintf(&b, "    trust_boundaries_nested: [b%04d]\n", i+1)
		}
	}
	r, err := Import([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	d := r.Model.Diagrams[0]
	if len(d.Boundaries) != n || len(d.Flows) != n-1 {
		t.Fatalf("%d boundaries and %d flows; want %d and %d", len(d.Boundaries), len(d.Flows), n, n-1)
	}
}
