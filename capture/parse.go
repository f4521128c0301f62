// Package capture reads the quick-capture text typed while people talk
// ("Employee -> Web API: sign in") and turns it into one edit of a diagram:
// elements created or reused by name, flows, boundary boxes, and the new
// elements placed by the layered layout.
//
// The package never imports Fyne.
package capture

import (
	"fmt"
	"strings"

	"github.com/threatboard/threatboard/model"
)

// Capture is what the text says, line by line, before it meets a diagram.
type Capture struct {
	Elements   []Decl // every name, in the order first written
	Flows      []FlowLine
	Boundaries []BoundaryLine
	Notes      []NoteLine
}

// Decl is an element named in the text.
type Decl struct {
	Line int // where its kind was said, or else where it was first written
	Name string
	Kind model.Kind
	// Explicit is set when the text says the kind ("[Name]", "(Name)",
	// "actor Name"); a plain name is a process unless said otherwise.
	Explicit bool
}

// FlowLine is "A -> B: label (protocol)" or "A <-> B: …".
type FlowLine struct {
	Line          int
	From, To      string
	Label         string
	Protocol      string
	Bidirectional bool
}

// BoundaryLine is `boundary "Name": A, B`: a dashed box around A and B.
type BoundaryLine struct {
	Line    int
	Name    string
	Members []string
}

// NoteLine is "note Some text".
type NoteLine struct {
	Line int
	Text string
}

// Error is a line that could not be used. The other lines still apply.
type Error struct {
	Line int
	Msg  string
}

func (e Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// maxLine bounds one line: a capture is typed, and a pasted blob should
// give an error, not a huge name.
const maxLine = 1000

// kindWords are the words that start a line declaring kinds by name.
var kindWords = map[string]model.Kind{
	"actor": model.Actor, "process": model.Process, "multi-process": model.MultiProcess,
	"store": model.Store,
}

// Parse reads the text. Each bad line gives an Error with its number and
// is left out; the rest is returned.
func Parse(text string) (*Capture, []Error) {
	p := &parser{c: &Capture{}, byKey: map[string]int{}}
	for i, raw := range strings.Split(text, "\n") {
		p.line = i + 1
		line := strings.TrimSpace(strings.TrimSuffix(raw, "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if len(line) > maxLine {
			p.fail("the line is longer than %d characters", maxLine)
			continue
		}
		p.statement(line)
	}
	return p.c, p.errs
}

type parser struct {
	c     *Capture
	errs  []Error
	line  int
	byKey map[string]int // folded name → index in c.Elements
}

func (p *parser) fail(format string, args ...any) {
	p.errs = append(p.errs, Error{Line: p.line, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) statement(line string) {
	word, rest, _ := strings.Cut(line, " ")
	lw := strings.ToLower(word)
	switch {
	case lw == "boundary" || lw == "boundary:":
		p.boundary(strings.TrimSpace(rest))
		return
	case lw == "note" || lw == "note:":
		if t := strings.TrimSpace(rest); t != "" {
			p.c.Notes = append(p.c.Notes, NoteLine{Line: p.line, Text: t})
		} else {
			p.fail("a note needs its text after the word note")
		}
		return
	}
	// "actor: A, B" takes the colon, so that a lone name such as "Store
	// front" stays a name.
	if k, ok := kindWords[strings.TrimSuffix(lw, ":")]; ok && !strings.Contains(line, "->") {
		if after, colon := strings.CutPrefix(strings.TrimSpace(rest), ":"); strings.HasSuffix(lw, ":") || colon {
			if colon {
				rest = after
			}
			p.declareList(rest, k)
			return
		}
	}
	if op, i := flowOp(line); i >= 0 {
		p.flow(line, op, i)
		return
	}
	if strings.Contains(line, ":") {
		p.fail("cannot read %q: want a flow (A -> B: label), a name, or a line starting with boundary, note or a kind", clip(line))
		return
	}
	if name, k, explicit, ok := p.end(line); ok {
		p.declare(name, k, explicit)
	}
}

// flowOp finds the arrow of a flow line: "<->" (both ways) or "->".
func flowOp(line string) (string, int) {
	if i := strings.Index(line, "<->"); i >= 0 {
		return "<->", i
	}
	if i := strings.Index(line, "->"); i >= 0 {
		return "->", i
	}
	return "", -1
}

func (p *parser) flow(line, op string, i int) {
	left := strings.TrimSpace(line[:i])
	right := strings.TrimSpace(line[i+len(op):])
	if _, j := flowOp(right); j >= 0 {
		p.fail("one flow per line: a second arrow in %q", clip(line))
		return
	}
	to, label, _ := strings.Cut(right, ":")
	from, fk, fx, ok1 := p.end(left)
	if !ok1 {
		return
	}
	dest, tk, tx, ok2 := p.end(strings.TrimSpace(to))
	if !ok2 {
		return
	}
	if strings.EqualFold(from, dest) {
		p.fail("a flow from %q to itself", from)
		return
	}
	if !p.declare(from, fk, fx) || !p.declare(dest, tk, tx) {
		return
	}
	f := FlowLine{Line: p.line, From: from, To: dest, Bidirectional: op == "<->"}
	f.Label, f.Protocol = splitProtocol(strings.TrimSpace(label))
	p.c.Flows = append(p.c.Flows, f)
}

// splitProtocol takes a protocol written at the end of a label in
// parentheses: "API calls (HTTPS)" is the label "API calls" over HTTPS.
func splitProtocol(label string) (string, string) {
	if !strings.HasSuffix(label, ")") {
		return label, ""
	}
	i := strings.LastIndex(label, "(")
	if i < 0 {
		return label, ""
	}
	proto := strings.TrimSpace(label[i+1 : len(label)-1])
	if proto == "" || strings.ContainsAny(proto, "()") {
		return label, ""
	}
	return strings.TrimSpace(label[:i]), proto
}

func (p *parser) boundary(rest string) {
	var name, members string
	if strings.HasPrefix(rest, `"`) {
		end := strings.Index(rest[1:], `"`)
		if end < 0 {
			p.fail("the boundary's name has no closing quote")
			return
		}
		name = rest[1 : 1+end]
		after := strings.TrimSpace(rest[2+end:])
		if !strings.HasPrefix(after, ":") {
			p.fail("want a colon after the boundary's name, then the elements inside it")
			return
		}
		members = after[1:]
	} else {
		var ok bool
		name, members, ok = strings.Cut(rest, ":")
		if !ok {
			p.fail("want boundary \"Name\": the elements inside it, separated by commas")
			return
		}
	}
	name = strings.TrimSpace(name)
	if name == "" {
		p.fail("the boundary has no name")
		return
	}
	b := BoundaryLine{Line: p.line, Name: name}
	for _, m := range strings.Split(members, ",") {
		if strings.TrimSpace(m) == "" {
			continue
		}
		n, k, x, ok := p.end(strings.TrimSpace(m))
		if !ok || !p.declare(n, k, x) {
			return
		}
		b.Members = append(b.Members, n)
	}
	if len(b.Members) == 0 {
		p.fail("boundary %q has no elements inside it", name)
		return
	}
	p.c.Boundaries = append(p.c.Boundaries, b)
}

func (p *parser) declareList(rest string, k model.Kind) {
	n := 0
	for _, s := range strings.Split(rest, ",") {
		if name := strings.TrimSpace(s); name != "" {
			if !validName(name) {
				p.fail("%q is not a name: brackets, parentheses and colons mark kinds and labels", clip(name))
				return
			}
			p.declare(name, k, true)
			n++
		}
	}
	if n == 0 {
		p.fail("no names after %s", k)
	}
}

// end reads one end of a flow or a lone element: "[Name]" is a
// multi-process, "(Name)" a data store, a plain name a process.
func (p *parser) end(s string) (name string, k model.Kind, explicit, ok bool) {
	k = model.Process
	switch {
	case strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]"):
		s, k, explicit = s[1:len(s)-1], model.MultiProcess, true
	case strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")"):
		s, k, explicit = s[1:len(s)-1], model.Store, true
	}
	name = strings.Join(strings.Fields(s), " ")
	if name == "" {
		p.fail("a name is missing")
		return "", 0, false, false
	}
	if !validName(name) {
		p.fail("%q is not a name: brackets, parentheses and colons mark kinds and labels", clip(name))
		return "", 0, false, false
	}
	return name, k, explicit, true
}

func validName(s string) bool { return !strings.ContainsAny(s, "[]():") }

// declare records a name; an explicit kind that contradicts an earlier
// explicit one is an error.
func (p *parser) declare(name string, k model.Kind, explicit bool) bool {
	key := strings.ToLower(name)
	i, seen := p.byKey[key]
	if !seen {
		p.byKey[key] = len(p.c.Elements)
		p.c.Elements = append(p.c.Elements, Decl{Line: p.line, Name: name, Kind: k, Explicit: explicit})
		return true
	}
	d := &p.c.Elements[i]
	switch {
	case !explicit || d.Explicit && d.Kind == k:
	case d.Explicit:
		p.fail("%q is a %s (line %d), not a %s", name, d.Kind, d.Line, k)
		return false
	default:
		d.Kind, d.Explicit, d.Line = k, true, p.line
	}
	return true
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
