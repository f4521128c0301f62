package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestRun(t *testing.T) {
	tests := map[string]struct {
		args       []string
		code       int
		stdout     string // a substring of the standard output, "" for none
		stderr     string // a substring of the error output, "" for none
		quietError bool   // nothing may go to stderr
	}{
		"no command":        {args: nil, code: 2, stderr: "usage: threatboard-cli"},
		"unknown command":   {args: []string{"frobnicate"}, code: 2, stderr: `unknown command "frobnicate"`},
		"help":              {args: []string{"help"}, code: 0, stdout: "validate FILE...", quietError: true},
		"-h":                {args: []string{"-h"}, code: 0, stdout: "usage: threatboard-cli", quietError: true},
		"version":           {args: []string{"version"}, code: 0, stdout: "threatboard-cli " + assets.Version + " (file format 2)\n", quietError: true},
		"version with args": {args: []string{"version", "x"}, code: 2, stderr: "usage: threatboard-cli version"},
		"validate nothing":  {args: []string{"validate"}, code: 2, stderr: "usage: threatboard-cli validate FILE..."},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			code, stdout, stderr := runCLI(tc.args...)
			if code != tc.code {
				t.Errorf("exit code %d, want %d", code, tc.code)
			}
			if !strings.Contains(stdout, tc.stdout) || tc.stdout == "" && stdout != "" {
				t.Errorf("stdout %q, want it to contain %q", stdout, tc.stdout)
			}
			if !strings.Contains(stderr, tc.stderr) || tc.quietError && stderr != "" {
				t.Errorf("stderr %q, want it to contain %q", stderr, tc.stderr)
			}
		})
	}
}

// TestUsageListsEveryCommand keeps the usage text and the table in step.
func TestUsageListsEveryCommand(t *testing.T) {
	_, stdout, _ := runCLI("help")
	for _, c := range commands() {
		if !strings.Contains(stdout, "  "+c.name+" ") || !strings.Contains(stdout, c.help) {
			t.Errorf("usage does not list %q with its help", c.name)
		}
	}
}

func TestValidateExample(t *testing.T) {
	path := filepath.Join(t.TempDir(), assets.ExampleName)
	if err := os.WriteFile(path, assets.Example(), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI("validate", path)
	if code != 0 || stdout != path+": ok\n" || stderr != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 0 and %q", code, stdout, stderr, path+": ok\n")
	}
}

// TestValidateBroken breaks the example in one place each and checks the
// problem is reported against the file and, where it has one, its location.
func TestValidateBroken(t *testing.T) {
	tests := map[string]struct {
		edit func(doc map[string]any)
		raw  func(example []byte) []byte // instead of edit, for text that is not JSON
		want string                      // the line after "FILE: "; "" when any located line will do
	}{
		"dangling flow end": {
			edit: func(doc map[string]any) { at(doc, "diagrams", 0, "flows", 3)["to"] = "e9" },
			want: `diagrams[0].flows[3].to: unknown element "e9"`,
		},
		"unknown kind": {
			edit: func(doc map[string]any) { at(doc, "diagrams", 1, "elements", 2)["kind"] = "cloud" },
			want: `diagrams[1].elements[2].kind: unknown element kind "cloud" (want one of "actor", "process", "multi-process", "store", "note")`,
		},
		"newer version": {
			edit: func(doc map[string]any) { doc["version"] = 7 },
			want: "version: file format version 7 is newer than this Threatboard understands (2); update Threatboard",
		},
		"truncated": {raw: func(b []byte) []byte { return b[:len(b)/2] }},
		"not JSON":  {raw: func([]byte) []byte { return []byte("title: podcast\n") }},
	}
	dir := t.TempDir()
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			data := assets.Example()
			if tc.raw != nil {
				data = tc.raw(data)
			} else {
				var doc map[string]any
				if err := json.Unmarshal(data, &doc); err != nil {
					t.Fatal(err)
				}
				tc.edit(doc)
				var err error
				if data, err = json.Marshal(doc); err != nil {
					t.Fatal(err)
				}
			}
			path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".json")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			code, stdout, _ := runCLI("validate", path)
			if code != 1 {
				t.Errorf("exit code %d, want 1", code)
			}
			lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
			for _, l := range lines {
				if !strings.HasPrefix(l, path+": ") || len(l) == len(path)+2 {
					t.Errorf("line %q does not name the file and a problem", l)
				}
			}
			if tc.want != "" && !slices.Contains(lines, path+": "+tc.want) {
				t.Errorf("output %q lacks %q", stdout, path+": "+tc.want)
			}
		})
	}
}

// TestValidateKeepsGoing checks that one run reports on every file and
// fails when any of them is bad.
func TestValidateKeepsGoing(t *testing.T) {
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "good.json"), filepath.Join(dir, "bad.json")
	if err := os.WriteFile(good, assets.Example(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.json")
	code, stdout, _ := runCLI("validate", bad, good, missing)
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	for _, want := range []string{bad + ": ", good + ": ok\n", missing + ": no such file or directory\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output %q lacks %q", stdout, want)
		}
	}
}

// TestValidateCorpus runs validate over the codec's corpus of broken files
// and compares the output with testdata/invalid.golden (go test -update
// rewrites it). Every file must fail with located messages.
func TestValidateCorpus(t *testing.T) {
	all, err := filepath.Glob(filepath.Join("..", "..", "model", "testdata", "invalid", "*"))
	if err != nil {
		t.Fatal(err)
	}
	// The codec keeps its own expected problems next to each input.
	files := slices.DeleteFunc(all, func(f string) bool { return strings.HasSuffix(f, ".golden") })
	if len(files) == 0 {
		t.Skip("the corpus of broken files is not there yet")
	}
	slices.Sort(files)
	var out bytes.Buffer
	for _, f := range files {
		code, stdout, stderr := runCLI("validate", filepath.ToSlash(f))
		if code != 1 || stderr != "" {
			t.Errorf("%s: exit code %d, stderr %q; want 1 and nothing", f, code, stderr)
		}
		for _, l := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
			if !strings.HasPrefix(l, filepath.ToSlash(f)+": ") {
				t.Errorf("line %q does not name the file", l)
			}
		}
		out.WriteString(stdout)
	}
	golden := filepath.Join("testdata", "invalid.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	if got := out.String(); got != string(want) {
		t.Errorf("validate output differs from %s; if the codec's messages or corpus changed on purpose, run go test ./cmd/threatboard-cli -update\n got:\n%s\nwant:\n%s", golden, got, want)
	}
}

// at walks a decoded JSON document: keys for objects, indexes for arrays.
func at(doc map[string]any, path ...any) map[string]any {
	var v any = doc
	for _, p := range path {
		switch k := p.(type) {
		case string:
			v = v.(map[string]any)[k]
		case int:
			v = v.([]any)[k]
		}
	}
	return v.(map[string]any)
}

func TestGenerate(t *testing.T) {
	tests := map[string]struct {
		args                        []string
		code                        int
		elements, flows, boundaries int
	}{
		"defaults":  {args: nil, elements: 1000, flows: 1500, boundaries: 10},
		"sized":     {args: []string{"-elements", "40", "-flows", "7", "-boundaries", "3", "-seed", "9"}, elements: 40, flows: 7, boundaries: 3},
		"bad flag":  {args: []string{"-nodes", "3"}, code: 2},
		"negative":  {args: []string{"-elements", "-3"}, code: 2},
		"extra arg": {args: []string{"out.json"}, code: 2},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(append([]string{"generate"}, tc.args...), &out, &errOut)
			if code != tc.code {
				t.Fatalf("exit code %d, want %d; stderr %q", code, tc.code, errOut.String())
			}
			if code != 0 {
				if !strings.Contains(errOut.String(), "usage: threatboard-cli generate") {
					t.Errorf("stderr %q lacks the usage", errOut.String())
				}
				return
			}
			m, err := model.Decode(out.Bytes())
			if err != nil {
				t.Fatalf("the generated model does not load: %v", err)
			}
			d := m.Diagrams[0]
			connectable := 0
			for _, e := range d.Elements {
				if e.Kind.Connectable() {
					connectable++
				}
			}
			if connectable != tc.elements || len(d.Flows) != tc.flows || len(d.Boundaries) != tc.boundaries {
				t.Errorf("%d elements, %d flows, %d boundaries; want %d, %d, %d",
					connectable, len(d.Flows), len(d.Boundaries), tc.elements, tc.flows, tc.boundaries)
			}
		})
	}
}
