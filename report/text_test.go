package report

import (
	"reflect"
	"testing"

	"golang.org/x/image/font/sfnt"

	"github.com/threatboard/threatboard/assets"
)

func TestPrintable(t *testing.T) {
	cases := map[string]struct {
		in, want string
		newlines bool
	}{
		"ascii":                {in: "Login service", want: "Login service"},
		"latin and polish":     {in: "Zoë in Łódź", want: "Zoë in Łódź"},
		"arrows and relations": {in: "a → b ≤ c", want: "a → b ≤ c"},
		"emoji above BMP":      {in: "key 🔑 here", want: "key □ here"},
		"cjk neither has":      {in: "認証", want: "□□"},
		"invalid utf-8":        {in: "a\xffb", want: "a□b"},
		"tab and controls":     {in: "a\tb\x00c", want: "a b c"},
		"crlf kept as newline": {in: "one\r\ntwo\rthree", want: "one\ntwo\nthree", newlines: true},
		"newline flattened":    {in: "one\ntwo", want: "one two"},
		"replacement survives": {in: "□", want: "□"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			if got := printable(c.in, c.newlines); got != c.want {
				t.Errorf("printable(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestRuns(t *testing.T) {
	cases := map[string]struct {
		in   string
		want []textRun
	}{
		"empty":       {in: "", want: nil},
		"text only":   {in: "Zoë", want: []textRun{{"Zoë", false}}},
		"symbol only": {in: "→", want: []textRun{{"→", true}}},
		"mixed":       {in: "a → b ≤ c", want: []textRun{{"a ", false}, {"→", true}, {" b ", false}, {"≤", true}, {" c", false}}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			if got := runs(c.in, nil); !reflect.DeepEqual(got, c.want) {
				t.Errorf("runs(%q) = %+v, want %+v", c.in, got, c.want)
			}
		})
	}
}

func TestEmbeddedFontsParse(t *testing.T) {
	for name, data := range map[string][]byte{
		"regular": assets.Font(assets.Regular), "bold": assets.Font(assets.Bold),
		"italic": assets.Font(assets.Italic), "symbols": assets.DejaVuSans,
	} {
		if _, err := sfnt.Parse(data); err != nil {
			t.Errorf("%s face: %v", name, err)
		}
	}
	// What the report prints on its own account must be drawable.
	cov := fontCoverage()
	for _, r := range "page of → ≤ ● ✓ — … × □ ▸" {
		if !drawable(cov.text, cov.symbol, r, false) {
			t.Errorf("no embedded face has %q (U+%04X)", r, r)
		}
	}
}
