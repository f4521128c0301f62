package model

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Problem is one thing wrong with a file or a model: where (a JSON path such
// as "diagrams[0].flows[3].to") and what, in plain English. Line and Column
// (1-based) locate it in the file when the problem is about the file's text;
// they are 0 for problems found in the decoded content.
type Problem struct {
	Path   string
	Msg    string
	Line   int
	Column int
}

func (p Problem) String() string {
	s := p.Msg
	if p.Path != "" {
		s = p.Path + ": " + s
	}
	if p.Line > 0 {
		s += fmt.Sprintf(" (line %d, column %d)", p.Line, p.Column)
	}
	return s
}

// LoadError is returned when a file cannot be loaded: it holds every
// problem found, in document order.
type LoadError struct {
	File     string // the file's path when it was read by Load; empty for Decode
	Problems []Problem
}

// Error lists the problems one per line, each prefixed by the file when known.
func (e *LoadError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		if e.File != "" {
			b.WriteString(e.File)
			b.WriteString(": ")
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// maxProblems caps the list so that a hostile or hopelessly broken file
// cannot produce millions of lines; the last entry says how many were left out.
const maxProblems = 200

// problems collects Problems up to maxProblems.
type problems struct {
	list    []Problem
	dropped int
}

func (ps *problems) add(path, msg string) { ps.addAt(path, msg, 0, 0) }

func (ps *problems) addf(path, format string, args ...any) {
	ps.add(path, fmt.Sprintf(format, args...))
}

func (ps *problems) addAt(path, msg string, line, col int) {
	if len(ps.list) >= maxProblems {
		ps.dropped++
		return
	}
	ps.list = append(ps.list, Problem{Path: clip(path, maxMessage), Msg: clip(msg, maxMessage), Line: line, Column: col})
}

// maxMessage bounds a problem's path and message in bytes: whatever a
// hostile file holds, its list of problems stays small enough to print.
const maxMessage = 1024

// maxExcerpt bounds, in bytes, how much of an offending input a message
// quotes.
const maxExcerpt = 64

// excerpt quotes s for a message, cut to its first maxExcerpt bytes with an
// ellipsis when it is longer.
func excerpt(s string) string {
	if len(s) <= maxExcerpt {
		return strconv.Quote(s)
	}
	return strconv.Quote(clip(s, maxExcerpt)) + " (" + strconv.Itoa(len(s)) + " bytes)"
}

// clip cuts s to at most n bytes, on a character boundary, ending in an
// ellipsis when it cut anything.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	const ellipsis = "…"
	cut := n - len(ellipsis)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + ellipsis
}

func (ps *problems) empty() bool { return len(ps.list) == 0 }

// full reports whether further problems would only be counted.
func (ps *problems) full() bool { return len(ps.list) >= maxProblems }

// result is the collected problems, with a note on those left out.
func (ps *problems) result() []Problem {
	if ps.dropped > 0 {
		return append(ps.list, Problem{Msg: fmt.Sprintf("%d more problems not shown", ps.dropped)})
	}
	return ps.list
}
