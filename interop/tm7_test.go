package interop

import (
	"os"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/model"
)

func TestTM7Golden(t *testing.T) {
	cases := map[string]struct{ file, golden string }{
		"azure example with threats":     {"tmt/MTMT_example.tm7", "tm7/MTMT_example.golden"},
		"every SDL component":            {"tmt/SDL_all_components.tm7", "tm7/SDL_all_components.golden"},
		"nested boxes and line boundary": {"tmt/MTMT_nested_tz_line.tm7", "tm7/MTMT_nested_tz_line.golden"},
		"line boundaries":                {"tmt/lineboundaries_inheritance.tm7", "tm7/lineboundaries_inheritance.golden"},
		"custom template":                {"tmt/test_model.tm7", "tm7/test_model.golden"},
		"states, props and metadata":     {"testdata/tm7/states.tm7", "tm7/states.golden"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			data := readInput(t, tc.file)
			if f, err := Detect(data); err != nil || f != TMT {
				t.Fatalf("Detect = %q, %v; want tm7", f, err)
			}
			r, err := tm7Importer{newID: counterIDs()}.run(data)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tc.golden, r)
		})
	}
}

func TestTM7ThroughImport(t *testing.T) {
	for _, name := range fixtureFiles(t, "tmt/*.tm7") {
		r, err := Import(readFile(t, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if r.Format != TMT || len(r.Model.Diagrams) == 0 {
			t.Errorf("%s: format %q, %d diagrams", name, r.Format, len(r.Model.Diagrams))
		}
	}
}

func TestTM7ZipIsRefused(t *testing.T) {
	data := fixture(t, "tmt/negative/mtmt-invalid-format-zip.tm7")
	_, err := Import(data)
	if err == nil || !strings.Contains(err.Error(), "zip archive") {
		t.Fatalf("Import: err = %v; want a zip archive error", err)
	}
	_, err = importTM7(data)
	if err == nil || !strings.Contains(err.Error(), "a .tm7 file is XML") {
		t.Fatalf("importTM7: err = %v; want it to say a .tm7 file is XML", err)
	}
}

func TestTM7Errors(t *testing.T) {
	surface := func(borders string) string {
		return `<ThreatModel xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><DrawingSurfaceList><DrawingSurfaceModel><Header>D</Header><Borders>` +
			borders + `</Borders></DrawingSurfaceModel></DrawingSurfaceList></ThreatModel>`
	}
	stencil := func(left string) string {
		return `<KeyValueOfguidanyType><Key>g1</Key><Value i:type="StencilEllipse"><GenericTypeId>GE.P</GenericTypeId><Left>` + left +
			`</Left><Top>0</Top><Width>100</Width><Height>100</Height></Value></KeyValueOfguidanyType>`
	}
	cases := map[string]struct{ data, want string }{
		"not xml":         {"hello", "not a Threat Modeling Tool model"},
		"wrong root":      {"<ThreatDragon/>", "want <ThreatModel>"},
		"truncated":       {"<ThreatModel><DrawingSurfaceList>", "invalid XML"},
		"nan":             {surface(stencil("NaN")), `Left "NaN" is not a finite number`},
		"huge":            {surface(stencil("1e12")), "beyond ±1e+07"},
		"not a number":    {surface(stencil("left")), `Left "left" is not a number`},
		"entity":          {`<!DOCTYPE ThreatModel [<!ENTITY a "b">]><ThreatModel/>`, "DOCTYPE"},
		"external entity": {`<!DOCTYPE ThreatModel [<!ENTITY a SYSTEM "file:///etc/hostname">]><ThreatModel>&a;</ThreatModel>`, "DOCTYPE"},
		"deeply nested":   {"<ThreatModel>" + strings.Repeat("<x>", 5000) + strings.Repeat("</x>", 5000) + "</ThreatModel>", "nested deeper"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := importTM7([]byte(tc.data))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v; want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestStrideCategory(t *testing.T) {
	cases := map[string]struct {
		in, want string
		ok       bool
	}{
		"spoofing":        {"Spoofing", "spoofing", true},
		"info disclosure": {"Information Disclosure", "information-disclosure", true},
		"dos capitalised": {"Denial Of Service", "denial-of-service", true},
		"eop plural":      {"Elevation of Privileges", "elevation-of-privilege", true},
		"eop singular":    {"Elevation Of Privilege", "elevation-of-privilege", true},
		"not stride":      {"Physical", "", false},
		"empty":           {"", "", false},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, ok := strideCategory(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("strideCategory(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// A dismissed threat keeps its decision and its reason.
func TestTM7NotApplicableKeepsJustification(t *testing.T) {
	r, err := tm7Importer{newID: counterIDs()}.run(readInput(t, "testdata/tm7/states.tm7"))
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range r.Model.Threats() {
		if ref.Threat.Decision == model.NotApplicable {
			if ref.Threat.Justification == "" || ref.Threat.Status != model.Done {
				t.Errorf("not applicable threat %q: justification %q, status %v", ref.Threat.Title, ref.Threat.Justification, ref.Threat.Status)
			}
			return
		}
	}
	t.Fatal("no not-applicable threat imported")
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
