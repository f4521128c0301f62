package interop

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// counterIDs numbers IDs in the order an importer asks for them, so that a
// golden file does not change from run to run.
func counterIDs() func() string {
	n := 0
	return func() string { n++; return fmt.Sprintf("id%d", n) }
}

// checkGolden compares an import's model (as the file it would save) and
// its notes with testdata/<name>, or rewrites it under -update.
func checkGolden(t *testing.T, name string, r *Result) {
	t.Helper()
	if ps := model.Validate(r.Model); len(ps) > 0 {
		t.Fatalf("the imported model does not validate: %v", ps)
	}
	js, err := model.Encode(r.Model)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.Write(js)
	b.WriteString("--- notes\n")
	for _, n := range r.Notes {
		b.WriteString(n.String())
		b.WriteByte('\n')
	}
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("%s differs from the import; run go test -run %s -update and review the diff", path, t.Name())
	}
}

func TestDrawIOGolden(t *testing.T) {
	cases := map[string]struct {
		file   string // a fixture, or testdata/ when it starts with "testdata"
		golden string
	}{
		"compressed dfd":          {file: "drawio/examples-dfd.xml", golden: "drawio/examples-dfd.golden"},
		"compressed attack tree":  {file: "drawio/examples-attacktree.xml", golden: "drawio/examples-attacktree.golden"},
		"every shape rule":        {file: "testdata/drawio/shapes.drawio", golden: "drawio/shapes.golden"},
		"svg with plain content":  {file: "testdata/drawio/examples-dfd.drawio.svg", golden: "drawio/examples-dfd.golden"},
		"png with an mxfile text": {file: "testdata/drawio/examples-dfd.drawio.png", golden: "drawio/examples-dfd.golden"},
		"gates named by label":    {file: "testdata/drawio/gates.drawio", golden: "drawio/gates.golden"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			data := readInput(t, tc.file)
			if f, err := Detect(data); err != nil || f != DrawIO {
				t.Fatalf("Detect = %q, %v; want drawio", f, err)
			}
			r, err := drawioImporter{newID: counterIDs()}.run(data)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tc.golden, r)
		})
	}
}

// readInput reads a fixture, or a file under testdata/.
func readInput(t testing.TB, name string) []byte {
	t.Helper()
	if strings.HasPrefix(name, "testdata") {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	return fixture(t, name)
}

// An older .drawio.svg keeps its diagram compressed in the content
// attribute; it is recognised and imported like the plain one.
func TestDrawIOCompressedSVG(t *testing.T) {
	plain := fixture(t, "drawio/examples-dfd.DERIVED-uncompressed.drawio")
	start := bytes.Index(plain, []byte("<mxGraphModel"))
	end := bytes.Index(plain, []byte("</diagram>"))
	svg := `<svg xmlns="http://www.w3.org/2000/svg" content="` + compressPage(t, string(plain[start:end])) + `"><g/></svg>`
	if f, err := Detect([]byte(svg)); err != nil || f != DrawIO {
		t.Fatalf("Detect = %q, %v; want drawio", f, err)
	}
	r, err := Import([]byte(svg))
	if err != nil {
		t.Fatal(err)
	}
	if d := r.Model.Diagrams[0]; len(d.Elements) != 15 || len(d.Flows) != 12 {
		t.Errorf("%d elements and %d flows; want 15 and 12", len(d.Elements), len(d.Flows))
	}
	// An SVG that is only a picture is not a draw.io file.
	if _, err := Detect([]byte(`<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>`)); err == nil {
		t.Error("a plain SVG was recognised")
	}
}

// The plain twin of the compressed fixture imports to the same model.
func TestDrawIOPlainAndCompressedAgree(t *testing.T) {
	plain, err := drawioImporter{newID: counterIDs()}.run(fixture(t, "drawio/examples-dfd.DERIVED-uncompressed.drawio"))
	if err != nil {
		t.Fatal(err)
	}
	packed, err := drawioImporter{newID: counterIDs()}.run(fixture(t, "drawio/examples-dfd.xml"))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := model.Encode(plain.Model)
	b, _ := model.Encode(packed.Model)
	if !bytes.Equal(a, b) {
		t.Error("the plain and the compressed page import differently")
	}
}

func TestDrawIOThroughImport(t *testing.T) {
	for _, name := range []string{"drawio/examples-dfd.xml", "drawio/examples-attacktree.xml", "drawio/examples-dfd.DERIVED-uncompressed.drawio"} {
		r, err := Import(fixture(t, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if r.Format != DrawIO {
			t.Errorf("%s: format %q", name, r.Format)
		}
	}
}

func TestDrawIOErrors(t *testing.T) {
	page := func(cells string) string {
		return `<mxfile><diagram name="P"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>` + cells + `</root></mxGraphModel></diagram></mxfile>`
	}
	cases := map[string]struct {
		data string
		want string // in the error
	}{
		"invalid xml":                      {data: `<mxfile><diagram>`, want: "invalid XML"},
		"wrong root":                       {data: `<html/>`, want: "root element <html>"},
		"no pages":                         {data: `<mxfile></mxfile>`, want: "without any <diagram>"},
		"not base64":                       {data: `<mxfile><diagram name="A">!!!</diagram></mxfile>`, want: "not base64"},
		"not deflate":                      {data: `<mxfile><diagram name="A">AAAA</diagram></mxfile>`, want: "does not inflate"},
		"nan coordinate":                   {data: page(`<mxCell id="2" vertex="1" parent="1"><mxGeometry x="NaN" width="1" height="1" as="geometry"/></mxCell>`), want: `x="NaN" is not a finite number`},
		"infinite size":                    {data: page(`<mxCell id="2" vertex="1" parent="1"><mxGeometry width="Inf" height="1" as="geometry"/></mxCell>`), want: "not a finite number"},
		"huge coordinate":                  {data: page(`<mxCell id="2" vertex="1" parent="1"><mxGeometry x="1e300" width="1" height="1" as="geometry"/></mxCell>`), want: "beyond ±1e+07"},
		"huge waypoint":                    {data: page(`<mxCell id="2" edge="1" parent="1"><mxGeometry relative="1" as="geometry"><Array as="points"><mxPoint x="5e9" y="0"/></Array></mxGeometry></mxCell>`), want: "beyond"},
		"not a number":                     {data: page(`<mxCell id="2" vertex="1" parent="1"><mxGeometry y="ten" as="geometry"/></mxCell>`), want: `y="ten" is not a number`},
		"duplicate id":                     {data: page(`<mxCell id="2" vertex="1" parent="1"/><mxCell id="2" vertex="1" parent="1"/>`), want: `a second cell with id "2"`},
		"cell without id":                  {data: page(`<mxCell vertex="1" parent="1"/>`), want: "without an id"},
		"empty user object":                {data: page(`<UserObject id="9" label="x"/>`), want: "without an <mxCell>"},
		"entity declaration":               {data: `<?xml version="1.0"?><!DOCTYPE mxfile [<!ENTITY x "y">]><mxfile/>`, want: "DOCTYPE"},
		"external entity":                  {data: `<!DOCTYPE mxfile [<!ENTITY xxe SYSTEM "file:///etc/hostname">]><mxfile>&xxe;</mxfile>`, want: "DOCTYPE"},
		"external dtd read, never fetched": {data: `<!DOCTYPE mxfile SYSTEM "http://example.invalid/x.dtd"><mxfile/>`, want: "without any <diagram>"},
		"billion laughs": {data: `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
			`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><mxfile><diagram>&lol3;</diagram></mxfile>`, want: "DOCTYPE"},
		"deep nesting":    {data: strings.Repeat("<a>", 10000) + strings.Repeat("</a>", 10000), want: "nested deeper than 256"},
		"svg no content":  {data: `<svg xmlns="http://www.w3.org/2000/svg"></svg>`, want: "no content attribute"},
		"png no chunk":    {data: string(pngSignature) + "\x00\x00\x00\x00IEND\xaeB`\x82", want: "no mxfile text chunk"},
		"png short chunk": {data: string(pngSignature) + "\x00\x00\xff\xfftEXtabcd", want: "past the end"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := importDrawIO([]byte(tc.data))
			if err == nil {
				t.Fatalf("no error; want one containing %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q; want it to contain %q", err, tc.want)
			}
		})
	}
}

// A compressed page that inflates past the limit is refused as soon as it
// passes it, without inflating the rest.
func TestDrawIOInflateBomb(t *testing.T) {
	bomb := compressPage(t, strings.Repeat("%20", drawioMaxInflated/3+10))
	_, err := importDrawIO([]byte(`<mxfile><diagram name="bomb">` + bomb + `</diagram></mxfile>`))
	if err == nil || !strings.Contains(err.Error(), "inflates beyond 32 MiB") {
		t.Fatalf("err = %v; want the inflate limit", err)
	}
}

func TestDrawIOCellLimit(t *testing.T) {
	data := syntheticDrawIO(drawioMaxCells + 1)
	_, err := importDrawIO(data)
	if err == nil || !strings.Contains(err.Error(), "more than 100000 cells") {
		t.Fatalf("err = %v; want the cell limit", err)
	}
	// At the limit, it imports.
	r, err := importDrawIO(syntheticDrawIO(drawioMaxCells - 2))
	if err != nil {
		t.Fatal(err)
	}
	if ps := model.Validate(r.Model); len(ps) > 0 {
		t.Fatal(ps[0])
	}
}

func TestGateFromLabel(t *testing.T) {
	cases := map[string]struct {
		label string
		want  model.NodeType
		ok    bool
	}{
		"and alone":          {"AND", model.And, true},
		"or lower alone":     {"or", model.Or, true},
		"word in capitals":   {"Steal keys (AND)", model.And, true},
		"or in a sentence":   {"Bribe OR threaten", model.Or, true},
		"lower word ignored": {"open and read", 0, false},
		"no gate":            {"Open Safe", 0, false},
		"inside a word":      {"ANDROID", 0, false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, ok := gateFromLabel(tc.label)
			if got != tc.want || ok != tc.ok {
				t.Errorf("gateFromLabel(%q) = %v, %v; want %v, %v", tc.label, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestStripHTML(t *testing.T) {
	cases := map[string]struct{ in, want string }{
		"bold":     {"<b>TA01</b>", "TA01"},
		"breaks":   {"Web<br>Server", "Web\nServer"},
		"entities": {"R&amp;D &lt;core&gt;&nbsp;x", "R&D <core> x"},
		"divs":     {"<div>a</div><div>b</div>", "a\nb"},
		"table":    {"<table><tr><th>Id</th><th>Name</th></tr><tr><td>A01</td><td>Card data</td></tr></table>", "Id Name\nA01 Card data"},
		"broken":   {"a <b", "a <b"},
		"plain":    {"  spaced   out  ", "spaced out"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := stripHTML(tc.in); got != tc.want {
				t.Errorf("stripHTML(%q) = %q; want %q", tc.in, got, tc.want)
			}
		})
	}
}

// The DTD refusal is one error value, whichever importer meets it.
func TestDrawIODTDErrorIsErrDTD(t *testing.T) {
	_, err := parseXML([]byte(`<!DOCTYPE x [<!ENTITY a "b">]><x/>`))
	if !errors.Is(err, errDTD) {
		t.Fatalf("err = %v; want errDTD", err)
	}
	// A DOCTYPE that declares nothing is harmless and read.
	if _, err := parseXML([]byte(`<!DOCTYPE x><x/>`)); err != nil {
		t.Fatal(err)
	}
}

// Thousands of markers on thousands of elements are kept as text notes
// rather than tested against every element and flow.
func TestDrawIOManyMarkers(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<mxfile><diagram name="P"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>`)
	for i := range 6000 {
		fmt.Fprintf(&b, `<mxCell id="e%d" value="E" style="ellipse" vertex="1" parent="1"><mxGeometry x="%d" y="0" width="10" height="10" as="geometry"/></mxCell>`, i, i*20)
		fmt.Fprintf(&b, `<UserObject id="t%d" label="T"><mxCell style="text;fillColor=#fff2cc" vertex="1" parent="1"><mxGeometry x="%d" y="0" width="4" height="4" as="geometry"/></mxCell></UserObject>`, i, i*20)
	}
	b.WriteString(`</root></mxGraphModel></diagram></mxfile>`)
	r, err := importDrawIO([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(r.Model.Diagrams[0].Elements); n != 12000 {
		t.Errorf("%d elements; want 6,000 processes and 6,000 text notes", n)
	}
	if last := r.Notes[len(r.Notes)-1]; !strings.Contains(last.Message, "too many to place") {
		t.Errorf("last note %q; want the one about too many markers", last)
	}
}

// A document of more elements than the reader takes is refused before it
// fills memory.
func TestXMLElementLimit(t *testing.T) {
	data := "<mxfile>" + strings.Repeat("<a/>", 1000) + "</mxfile>"
	if _, err := readXML([]byte(data), 1001); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
	_, err := readXML([]byte(data), 1000)
	if err == nil || !strings.Contains(err.Error(), "line 1: more than 1000 XML elements") {
		t.Fatalf("err = %v; want the element limit", err)
	}
}
