package assets_test

import (
	"bytes"
	"testing"

	gotext "github.com/go-text/typesetting/font"

	"github.com/threatboard/threatboard/assets"
)

// TestFonts parses every embedded face and checks that it is the style it
// claims and that it covers the text the reports must print.
func TestFonts(t *testing.T) {
	tests := map[string]struct {
		style  assets.FontStyle
		weight gotext.Weight
		italic bool
	}{
		"regular": {assets.Regular, gotext.WeightNormal, false},
		"bold":    {assets.Bold, gotext.WeightBold, false},
		"italic":  {assets.Italic, gotext.WeightNormal, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			data := assets.Font(tc.style)
			face, err := gotext.ParseTTF(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("parse the %v face: %v", tc.style, err)
			}
			d := face.Describe()
			if d.Family != "Noto Sans" {
				t.Errorf("family %q, want Noto Sans", d.Family)
			}
			if d.Aspect.Weight != tc.weight {
				t.Errorf("weight %v, want %v", d.Aspect.Weight, tc.weight)
			}
			if got := d.Aspect.Style == gotext.StyleItalic; got != tc.italic {
				t.Errorf("italic %v, want %v", got, tc.italic)
			}
			for _, r := range "Zoë Łódź" {
				if _, ok := face.NominalGlyph(r); !ok {
					t.Errorf("no glyph for %q", r)
				}
			}
		})
	}
	if assets.Font(assets.FontStyle(7)) != nil {
		t.Error("Font of an unknown style is not nil")
	}
	if got := assets.FontStyle(7).String(); got != "FontStyle(7)" {
		t.Errorf("String of an unknown style = %q", got)
	}
}
