package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/model"
)

func TestEscaper(t *testing.T) {
	cases := map[string]struct {
		writes []string
		want   string
	}{
		"plain text and layout":     {[]string{"a\tb\nc ü €"}, "a\tb\nc ü €"},
		"escape and bell":           {[]string{"\x1b]0;pwned\x07"}, `\u001b]0;pwned\u0007`},
		"carriage return and DEL":   {[]string{"ok\rfake\x7f"}, `ok\u000dfake\u007f`},
		"a C1 control":              {[]string{"x\u009b2Jy"}, `x\u009b2Jy`},
		"a C1 control split":        {[]string{"x\xc2", "\x9b2J"}, `x\u009b2J`},
		"a Latin-1 character split": {[]string{"x\xc2", "\xa9"}, "x©"},
		"held to the end":           {[]string{"x\xc2"}, "x\xc2"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			e := &escaper{w: &b}
			for _, w := range tc.writes {
				if n, err := e.Write([]byte(w)); err != nil || n != len(w) {
					t.Fatalf("Write = %d, %v", n, err)
				}
			}
			if err := e.flush(); err != nil {
				t.Fatal(err)
			}
			if b.String() != tc.want {
				t.Errorf("got %q, want %q", b.String(), tc.want)
			}
		})
	}
}

// TestCommandsEscapeNames runs every command that prints names on a model
// whose names carry terminal escape sequences: none reaches the output raw,
// and -json output still decodes to the same names.
func TestCommandsEscapeNames(t *testing.T) {
	evil := "Web\x1b[2J\x1b]0;owned\x07\u009b31m"
	m, err := model.Load(exampleFile(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range m.Diagrams {
		d.Title = evil
		for _, e := range d.Elements {
			e.Name = evil
			for _, th := range e.Threats {
				th.Title = evil
			}
		}
	}
	path := modelFile(t, m)
	for _, args := range [][]string{
		{"analyze", path}, {"check", path}, {"lint", path},
		{"analyze", "-json", path}, {"check", "-json", path}, {"lint", "-json", path},
	} {
		t.Run(strings.Join(args[:len(args)-1], " "), func(t *testing.T) {
			_, stdout, stderr := runCLI(args...)
			for _, out := range []string{stdout, stderr} {
				if strings.ContainsAny(out, "\x1b\x07\u009b") {
					t.Fatalf("raw control characters in the output:\n%q", out)
				}
			}
			if !strings.Contains(stdout+stderr, `\u001b`) && !strings.Contains(stdout+stderr, `\x1b`) {
				t.Errorf("the name is not in the output:\n%s", stdout)
			}
			if args[1] == "-json" && args[0] != "lint" { // lint's messages quote names themselves
				var v any
				if err := json.Unmarshal([]byte(stdout), &v); err != nil {
					t.Fatalf("-json output does not decode: %v", err)
				}
				if !strings.Contains(fmtJSON(v), evil) {
					t.Errorf("-json output lost the name")
				}
			}
		})
	}
}

func fmtJSON(v any) string {
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			b.WriteString(x)
			b.WriteByte(0)
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return b.String()
}

// FuzzEscaper: whatever is written, in whatever pieces, no control
// character but newline and tab comes out, and text without them comes out
// unchanged.
func FuzzEscaper(f *testing.F) {
	f.Add([]byte("plain\ttext\n"), 3)
	f.Add([]byte("\x1b[2J\xc2\x9b\xc2"), 1)
	f.Add([]byte("caf\xc3\xa9 \xc2\xa9"), 5)
	f.Fuzz(func(t *testing.T, data []byte, cut int) {
		var b bytes.Buffer
		e := &escaper{w: &b}
		if cut < 0 {
			cut = -cut
		}
		cut %= len(data) + 1
		for _, part := range [][]byte{data[:cut], data[cut:]} {
			if _, err := e.Write(part); err != nil {
				t.Fatal(err)
			}
		}
		if err := e.flush(); err != nil {
			t.Fatal(err)
		}
		out := b.Bytes()
		for i, c := range out {
			if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c == 0xc2 && i+1 < len(out) && out[i+1] >= 0x80 && out[i+1] <= 0x9f {
				t.Fatalf("control byte %#x at %d in %q", c, i, out)
			}
		}
		clean := true
		for i, c := range data {
			if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c == 0xc2 && i+1 < len(data) && data[i+1] >= 0x80 && data[i+1] <= 0x9f {
				clean = false
			}
		}
		if clean && !bytes.Equal(out, data) {
			t.Fatalf("clean text changed: %q became %q", data, out)
		}
	})
}
