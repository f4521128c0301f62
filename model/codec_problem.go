package model

import (
	"fmt"
	"strings"
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
	ps.list = append(ps.list, Problem{Path: path, Msg: msg, Line: line, Column: col})
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
