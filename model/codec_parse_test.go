package model

import (
	"reflect"
	"strings"
	"testing"
)

// TestParseText covers the parser's handling of JSON text on small
// documents; each case gives the expected problems, or "" when the document
// must load, in which case check looks at the result.
func TestParseText(t *testing.T) {
	const head = `{"format": "threatboard", "version": 1, `
	tests := map[string]struct {
		text  string
		want  string
		check func(t *testing.T, m *Model)
	}{
		"escapes and unicode": {text: head + `"title": "a\"b\\c\/d\b\f\n\r\t \u00e9\u65e5 \ud83d\ude00 é"}`,
			check: func(t *testing.T, m *Model) {
				if want := "a\"b\\c/d\b\f\n\r\t é日 😀 é"; m.Title != want {
					t.Errorf("title %q, want %q", m.Title, want)
				}
			}},
		"lone surrogate becomes U+FFFD": {text: head + `"title": "x\ud800y"}`,
			check: func(t *testing.T, m *Model) {
				if m.Title != "x\uFFFDy" {
					t.Errorf("title %q", m.Title)
				}
			}},
		"invalid UTF-8 becomes U+FFFD": {text: head + "\"title\": \"x\xffy\"}",
			check: func(t *testing.T, m *Model) {
				if m.Title != "x\uFFFDy" {
					t.Errorf("title %q", m.Title)
				}
			}},
		"numbers": {text: head + `"diagrams": [{"id": "d", "elements": [{"id": "e", "kind": "note", "bounds": {"x": -0.5, "y": 1E2, "w": 123456789.5, "h": 2.5e-3}}]}]}`,
			check: func(t *testing.T, m *Model) {
				if got := m.Diagrams[0].Elements[0].Bounds; got != (Rect{-0.5, 100, 123456789.5, 0.0025}) {
					t.Errorf("bounds %v", got)
				}
			}},
		"null for optional lists and objects": {text: head + `"sessions": null, "diagrams": [{"id": "d", "background": null, "flows": null}]}`},
		"whitespace everywhere":               {text: " \r\n\t" + strings.ReplaceAll(head, " ", "\n\t ") + "\"title\"\r\n:\t\"x\"\n}\n\n"},
		"column counts characters": {text: "{\"format\": \"threatboard\", \"version\": 1,\n\"title\": \"日本\", \"owner\": 5}",
			want: "owner: want text, not a number (line 2, column 25)"},
		"trailing text": {text: head + `"title": "x"} {}`,
			want: "unexpected '{' after the end of the document (line 1, column 55)"},
		"trailing comma": {text: head + `"title": "x",}`,
			want: `unexpected '}' where a field name in quotes should be (line 1, column 54)`},
		"single quotes": {text: head + `'title': 'x'}`,
			want: `unexpected '\'' where a field name in quotes should be (line 1, column 41)`},
		"missing colon": {text: head + `"title" "x"}`,
			want: `title: want ':' after the field name (line 1, column 49)`},
		"bad literal": {text: head + `"diagrams": [{"id": "d", "elements": [{"id": "e", "kind": "actor", "human": yes}]}]}`,
			want: `diagrams[0].elements[0].human: unexpected 'y' where a value should be (line 1, column 117)`},
		"bad number": {text: head + `"sessions": [{"id": "s", "duration": 01}]}`,
			want: `sessions[0]: unexpected '1' where ',' or '}' should be (line 1, column 79)`},
		"number without digits": {text: head + `"sessions": [{"id": "s", "duration": -}]}`,
			want: `sessions[0].duration: unexpected '}' in a number (line 1, column 79)`},
		"huge number": {text: head + `"attackTrees": [{"id": "a", "root": {"id": "n", "type": "leaf", "cost": 1e999}}]}`,
			want: `attackTrees[0].root.cost: number 1e999 is out of range (line 1, column 113)`},
		"huge integer": {text: head + `"sessions": [{"id": "s", "duration": 123456789012345678901234567890}]}`,
			want: `sessions[0].duration: number 123456789012345678901234567890 is too large (line 1, column 78)`},
		"bad escape": {text: head + `"title": "a\qb"}`,
			want: `title: invalid escape \q in text (line 1, column 52)`},
		"bad unicode escape": {text: head + `"title": "a\u12G4"}`,
			want: `title: invalid \u escape in text (line 1, column 52)`},
		"control character": {text: head + "\"title\": \"a\tb\"}",
			want: `title: control character in text; write it as an escape such as \n (line 1, column 52)`},
		"unterminated string": {text: head + `"title": "abc`,
			want: `title: unexpected end of file in text (line 1, column 54)`},
		"too deep": {text: head + `"x": ` + strings.Repeat("[", 1001) + strings.Repeat("]", 1001) + "}",
			want: "x: unknown field \"x\" (line 1, column 41)\nx: nested more than 1000 levels deep (line 1, column 1045)"},
		"duplicate key": {text: head + `"title": "a", "title": "b"}`,
			want: `title: field "title" appears twice (line 1, column 55)`},
		"empty field name": {text: head + `"": 1}`,
			want: `unknown field "" (line 1, column 41)`},
		"byte order mark": {text: "\ufeff" + head + `"title": "x"}`},
		"case matters": {text: head + `"Title": "a"}`,
			want: `Title: unknown field "Title" (line 1, column 41)`},
		"format of the wrong type": {text: `{"format": 1, "version": 1}`,
			want: `not a Threatboard file (its "format" is not "threatboard")`},
		"version of the wrong type": {text: `{"format": "threatboard", "version": "1"}`,
			want: `version: want a whole number, not text (line 1, column 38)`},
		"broken before the format": {text: `{"title": "x", `,
			want: `unexpected end of file (line 1, column 16)`},
		"a JSON string": {text: `"threatboard"`,
			want: `not a Threatboard file (the file is JSON but not an object)`},
		"text": {text: "format: threatboard\nversion: 1\n",
			want: `not a Threatboard file (not JSON: unexpected 'f' at line 1, column 1)`},
		"many problems are capped": {text: head + `"diagrams": [` + strings.Repeat(`{"id": 1},`, 300) + `{"id": "d"}]}`,
			want: strings.Repeat("want text, not a number", 200)},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			m, err := Decode([]byte(tc.text))
			if tc.want == "" {
				if err != nil {
					t.Fatalf("Decode: %v", err)
				}
				if tc.check != nil {
					tc.check(t, m)
				}
				return
			}
			if err == nil {
				t.Fatalf("Decode accepted the text")
			}
			got := err.Error()
			if name == "many problems are capped" {
				if n := strings.Count(got, "want text, not a number"); n != 200 || !strings.HasSuffix(got, "\n100 more problems not shown") {
					t.Errorf("%d problems shown, ending %q", n, got[len(got)-40:])
				}
				return
			}
			if got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestStructInfo checks every persisted struct fits the parser's
// duplicate-field bit set and has unique JSON names.
func TestStructInfo(t *testing.T) {
	for _, v := range []any{fileDTO{}, sessionDTO{}, participantDTO{}, diagramDTO{}, backgroundDTO{}, rectDTO{}, pointDTO{},
		elementDTO{}, flowDTO{}, controlDTO{}, boundaryDTO{}, threatDTO{}, attackTreeDTO{}, nodeDTO{}, countermeasureDTO{}, actionDTO{}} {
		info := structInfoOf(reflectTypeOf(v))
		if len(info.byName) != len(info.fields) {
			t.Errorf("%T: %d fields but %d distinct names", v, len(info.fields), len(info.byName))
		}
	}
}

func reflectTypeOf(v any) reflect.Type { return reflect.TypeOf(v) }
