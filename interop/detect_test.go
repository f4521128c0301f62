package interop

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDetectFixtures(t *testing.T) {
	want := map[string]Format{
		"threat-dragon/v1/*.json": ThreatDragon,
		"threat-dragon/v2/*.json": ThreatDragon,
		"otm/*.otm":               OTM,
		"drawio/*":                DrawIO,
		"tmt/*.tm7":               TMT,
		"threagile/*.yaml":        Threagile,
	}
	for pattern, format := range want {
		for _, path := range fixtureFiles(t, pattern) {
			t.Run(filepath.Base(path), func(t *testing.T) {
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				got, err := Detect(data)
				if err != nil || got != format {
					t.Errorf("Detect = %q, %v; want %q", got, err, format)
				}
			})
		}
	}
}

func TestDetect(t *testing.T) {
	tests := map[string]struct {
		in      string
		want    Format
		errPart string // a part of the error; empty when there is none
	}{
		"otm json":          {in: `{"otmVersion": "0.2.0", "project": {}}`, want: OTM},
		"otm yaml":          {in: "# a comment\notmVersion: 0.1.0\nproject:\n  name: x\n", want: OTM},
		"threat dragon":     {in: "\ufeff  {\"summary\": {}, \"detail\": {}}", want: ThreatDragon},
		"threagile":         {in: "threagile_version: 1.0.0\ntitle: x\n", want: Threagile},
		"drawio":            {in: `<?xml version="1.0"?><mxfile><diagram/></mxfile>`, want: DrawIO},
		"tm7":               {in: `<ThreatModel xmlns="x"></ThreatModel>`, want: TMT},
		"threatboard":       {in: `{"format": "threatboard", "version": 1}`, errPart: "open it instead"},
		"empty":             {in: " \n", errPart: "empty"},
		"zip":               {in: "PK\x03\x04rest", errPart: "zip"},
		"broken json":       {in: "{\"summary\": \n {]", errPart: "line 2, column 3"},
		"other json":        {in: `{"a": 1}`, errPart: "otmVersion"},
		"other xml":         {in: `<svg></svg>`, errPart: "<svg>"},
		"indented otm key":  {in: "project:\n  otmVersion: 0.1.0\n", errPart: "otmVersion"},
		"plain text":        {in: "hello", errPart: "neither"},
		"broken xml":        {in: "<", errPart: "XML"},
		"json array":        {in: `[1]`, errPart: "JSON list"},
		"threatdragon half": {in: `{"summary": {}}`, errPart: "summary"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := Detect([]byte(tc.in))
			switch {
			case tc.errPart == "" && (err != nil || got != tc.want):
				t.Errorf("Detect = %q, %v; want %q", got, err, tc.want)
			case tc.errPart != "" && (err == nil || !strings.Contains(err.Error(), tc.errPart)):
				t.Errorf("Detect = %q, %v; want an error containing %q", got, err, tc.errPart)
			}
		})
	}
}

func TestImportUnknown(t *testing.T) {
	_, err := Import([]byte(`{"a": 1}`))
	if !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("Import of unknown JSON: %v, want ErrUnknownFormat", err)
	}
}
