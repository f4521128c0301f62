package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/interop"
	"github.com/threatboard/threatboard/model"
)

// fixtures returns the folder of real files made by other tools: the
// nearest shared/fixtures above the package directory (in CI, shared/ sits
// beside the clone). The test is skipped when there is none.
func fixtures(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		for _, p := range []string{filepath.Join(dir, "shared", "fixtures"), filepath.Join(dir, "..", "shared", "fixtures")} {
			if fi, err := os.Stat(p); err == nil && fi.IsDir() {
				return p
			}
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Skip("no shared/fixtures folder above the package")
		}
		dir = up
	}
}

func TestImport(t *testing.T) {
	fx := fixtures(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"summary": {"title": "x"}, "detail": {"diagrams": [{"cells": [{"id": "a", "shape": "flow", "source": {"cell": "nope"}, "target": {"cell": "a"}}]}]}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		args   []string
		code   int
		stdout string // a substring of the standard output
		stderr string // a substring of the error output
		wrote  bool   // the output file exists afterwards
	}{
		"threat dragon": {args: []string{"import", filepath.Join(fx, "threat-dragon/v2/v2-threat-model.json"), "-o", "OUT"},
			code: 0, stdout: "imported a Threat Dragon model", wrote: true},
		"otm with report": {args: []string{"import", filepath.Join(fx, "otm/nested_tz.otm"), "-o", "OUT", "--report"},
			code: 0, stdout: `component "Main Application": type`, wrote: true},
		"dangling reference": {args: []string{"import", bad, "-o", "OUT"},
			code: 1, stderr: `detail.diagrams[0].cells[0].source: unknown cell "nope"`},
		"missing file": {args: []string{"import", filepath.Join(dir, "nothing.json"), "-o", "OUT"},
			code: 1, stderr: "no such file"},
		"no output":   {args: []string{"import", bad}, code: 2, stderr: "usage: threatboard-cli import"},
		"two inputs":  {args: []string{"import", bad, bad, "-o", "OUT"}, code: 2, stderr: "usage: threatboard-cli import"},
		"threatboard": {args: []string{"import", "EXAMPLE", "-o", "OUT"}, code: 1, stderr: "open it instead"},
	}
	example := filepath.Join(dir, "example.json")
	if err := os.WriteFile(example, assets.Example(), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.threatboard.json")
			args := make([]string, len(tc.args))
			for i, a := range tc.args {
				args[i] = strings.NewReplacer("OUT", out, "EXAMPLE", example).Replace(a)
			}
			code, stdout, stderr := runCLI(args...)
			if code != tc.code || !strings.Contains(stdout, tc.stdout) || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q",
					code, stdout, stderr, tc.code, tc.stdout, tc.stderr)
			}
			if tc.wrote {
				if _, err := model.Load(out); err != nil {
					t.Errorf("the output does not load: %v", err)
				}
			} else if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("an output file was written (%v)", err)
			}
		})
	}
}

// TestExportInterop: --format threatdragon and otm write what the
// exporters make, and it imports back.
func TestExportInterop(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "example.threatboard.json")
	if err := os.WriteFile(in, assets.Example(), 0o644); err != nil {
		t.Fatal(err)
	}
	for format, write := range map[string]func(*model.Model) ([]byte, error){
		"threatdragon": interop.ExportThreatDragon,
		"otm":          interop.ExportOTM,
	} {
		t.Run(format, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.json")
			if code, stdout, stderr := runCLI("export", in, "--format", format, "-o", out); code != 0 {
				t.Fatalf("exit %d: %s %s", code, stdout, stderr)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			want, err := write(mustLoad(t, in))
			if err != nil {
				t.Fatal(err)
			}
			if string(data) != string(want) {
				t.Error("the file differs from the exporter's output")
			}
			if _, err := interop.Import(data); err != nil {
				t.Errorf("the export does not import: %v", err)
			}
		})
	}
}

func mustLoad(t *testing.T, path string) *model.Model {
	t.Helper()
	m, err := model.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
