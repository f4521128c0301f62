package analysis

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/threatboard/threatboard/model"
)

// Condition is a compiled rule or checklist condition: a tree of all/any/not
// over tests of a subject (an element or a flow), its flow's source and
// target, its incoming and outgoing flows, and computed facts. docs/RULES.md
// describes the JSON it is written in.
type Condition struct {
	root cond
	src  string // the JSON it was compiled from, compacted
}

// match reports whether the condition holds for s.
func (c *Condition) match(s *subject) bool { return c == nil || c.root == nil || c.root.eval(s) }

// String renders the condition for people, e.g.
// "not encrypted and (crossesBoundary or publicNetwork)".
func (c *Condition) String() string {
	if c == nil || c.root == nil {
		return "always"
	}
	return c.root.text(false)
}

// JSON is the condition as written, compacted.
func (c *Condition) JSON() string {
	if c == nil {
		return ""
	}
	return c.src
}

// subject is what a condition is evaluated on: an element, or a flow seen
// from src to dst (a bidirectional flow is also seen the other way round).
type subject struct {
	facts    *diagramFacts // nil for checklist conditions, which never need it
	e        *model.Element
	f        *model.Flow
	ff       *flowFacts // the flow's remembered facts, when known
	src, dst *model.Element
}

func (s *subject) target() Target {
	if s.f != nil {
		return TargetFlow
	}
	return TargetOf(s.e.Kind)
}

// id is the ID of the element or flow.
func (s *subject) id() string {
	if s.f != nil {
		return s.f.ID
	}
	return s.e.ID
}

// common is the part of the subject that elements and flows share.
func (s *subject) common() *model.Common {
	if s.f != nil {
		return &s.f.Common
	}
	return &s.e.Common
}

// cond is one node of a compiled condition. text renders it; nested asks for
// parentheses around a compound.
type cond interface {
	eval(s *subject) bool
	text(nested bool) string
}

type allCond []cond
type anyCond []cond
type notCond struct{ c cond }

func (c allCond) eval(s *subject) bool {
	for _, x := range c {
		if !x.eval(s) {
			return false
		}
	}
	return true
}

func (c anyCond) eval(s *subject) bool {
	for _, x := range c {
		if x.eval(s) {
			return true
		}
	}
	return false
}

func (c notCond) eval(s *subject) bool { return !c.c.eval(s) }

func (c allCond) text(nested bool) string { return join(c, " and ", nested) }
func (c anyCond) text(nested bool) string { return join(c, " or ", nested) }
func (c notCond) text(bool) string        { return "not " + c.c.text(true) }

func join(cs []cond, sep string, nested bool) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.text(true)
	}
	out := strings.Join(parts, sep)
	if nested && len(cs) > 1 {
		return "(" + out + ")"
	}
	return out
}

// kindCond tests what the subject is.
type kindCond struct{ kinds targetSet }

func (c kindCond) eval(s *subject) bool { return c.kinds.has(s.target()) }
func (c kindCond) text(bool) string {
	if len(c.kinds.list()) == 1 {
		return "is " + c.kinds.String()
	}
	return "is one of (" + c.kinds.String() + ")"
}

// propTest is how a propCond compares the property's value.
type propTest int

const (
	testIs      propTest = iota + 1 // yes/no property equals want
	testEmpty                       // text property is (not) empty
	testEquals                      // text equals one of values (case-insensitive)
	testMatches                     // text matches re
)

// propCond tests one property of the property table (or the name).
type propCond struct {
	key    string
	read   propReader
	test   propTest
	want   bool // for testIs and testEmpty
	values []string
	re     *regexp.Regexp
}

func (c *propCond) eval(s *subject) bool {
	if c.test == testIs {
		v, ok := c.read.readBool(s)
		return ok && v == c.want // a subject without the property fails the test
	}
	str, ok := c.read.readText(s)
	if !ok {
		return false
	}
	switch c.test {
	case testEmpty:
		return (strings.TrimSpace(str) == "") == c.want
	case testEquals:
		for _, w := range c.values {
			if strings.EqualFold(strings.TrimSpace(str), w) {
				return true
			}
		}
		return false
	case testMatches:
		if s.facts != nil {
			return s.facts.matches(c, str)
		}
		return c.re.MatchString(str)
	}
	return false
}

func (c *propCond) text(bool) string {
	switch c.test {
	case testIs:
		if c.want {
			return c.key
		}
		return "not " + c.key
	case testEmpty:
		if c.want {
			return c.key + " is empty"
		}
		return c.key + " is set"
	case testEquals:
		if len(c.values) == 1 {
			return fmt.Sprintf("%s is %q", c.key, c.values[0])
		}
		q := make([]string, len(c.values))
		for i, v := range c.values {
			q[i] = fmt.Sprintf("%q", v)
		}
		return fmt.Sprintf("%s is one of (%s)", c.key, strings.Join(q, ", "))
	case testMatches:
		return fmt.Sprintf("%s matches `%s`", c.key, c.re)
	}
	return c.key
}

// factCond tests a computed fact.
type factCond struct {
	fact *fact
	want bool
}

func (c factCond) eval(s *subject) bool { return c.fact.eval(s) == c.want }
func (c factCond) text(bool) string {
	if c.want {
		return c.fact.name
	}
	return "not " + c.fact.name
}

// controlCond tests the controls table: whether one of the named controls is
// listed and in place (inPlace true) or none is (inPlace false).
type controlCond struct {
	names   []string // as written; compared case-insensitively
	inPlace bool
}

func (c controlCond) eval(s *subject) bool {
	for _, ctl := range s.common().Controls {
		if !ctl.InPlace {
			continue
		}
		for _, n := range c.names {
			if strings.EqualFold(strings.TrimSpace(ctl.Name), n) {
				return c.inPlace
			}
		}
	}
	return !c.inPlace
}

func (c controlCond) text(bool) string {
	q := make([]string, len(c.names))
	for i, n := range c.names {
		q[i] = fmt.Sprintf("%q", n)
	}
	names := strings.Join(q, " or ")
	if c.inPlace {
		return "control " + names + " in place"
	}
	return "no control " + names + " in place"
}

// tagCond tests whether the subject carries one of the tags.
type tagCond struct{ tags []string }

func (c tagCond) eval(s *subject) bool {
	for _, t := range s.common().Tags {
		for _, w := range c.tags {
			if strings.EqualFold(strings.TrimSpace(t), w) {
				return true
			}
		}
	}
	return false
}

func (c tagCond) text(bool) string {
	q := make([]string, len(c.tags))
	for i, t := range c.tags {
		q[i] = fmt.Sprintf("%q", t)
	}
	return "tagged " + strings.Join(q, " or ")
}

// relation is a step from the subject to a neighbouring one.
type relation int

const (
	relSource    relation = iota + 1 // a flow's source element
	relTarget                        // a flow's target element
	relIncoming                      // some flow into an element
	relOutgoing                      // some flow out of an element
	relConnected                     // some element at the other end of any flow
)

var relationNames = map[string]relation{
	"source": relSource, "target": relTarget,
	"incoming": relIncoming, "outgoing": relOutgoing, "connected": relConnected,
}

var relationText = map[relation]string{
	relSource: "source", relTarget: "target",
	relIncoming: "some incoming flow", relOutgoing: "some outgoing flow", relConnected: "some connected element",
}

// relCond evaluates sub on the subject's neighbours. A relation inside
// another one is remembered per subject: otherwise nested relations around a
// well-connected element would cost its number of flows to the power of the
// nesting depth.
type relCond struct {
	rel    relation
	sub    cond
	nested bool
}

// relKey names one evaluation of a nested relation: the condition and the
// element, or the flow and its direction.
type relKey struct {
	c        *relCond
	e        *model.Element
	f        *model.Flow
	reversed bool
}

func (c *relCond) eval(s *subject) bool {
	if !c.nested || s.facts == nil {
		return c.step(s)
	}
	k := relKey{c: c, e: s.e, f: s.f}
	if s.f != nil {
		k.reversed = s.src != nil && s.src.ID != s.f.From
	}
	if v, ok := s.facts.related[k]; ok {
		return v
	}
	v := c.step(s)
	s.facts.related[k] = v
	return v
}

func (c *relCond) step(s *subject) bool {
	switch c.rel {
	case relSource, relTarget:
		if s.f == nil || s.facts == nil {
			return false
		}
		e := s.src
		if c.rel == relTarget {
			e = s.dst
		}
		n := s.facts.borrow()
		defer s.facts.release()
		n.e = e
		return c.sub.eval(n)
	}
	if s.e == nil || s.facts == nil {
		return false
	}
	adj := s.facts.adjacent(s.e)
	var ends []flowEnd
	switch c.rel {
	case relIncoming:
		ends = adj.in
	case relOutgoing:
		ends = adj.out
	}
	n := s.facts.borrow()
	defer s.facts.release()
	if c.rel == relConnected {
		for _, list := range [][]flowEnd{adj.in, adj.out} {
			for _, fe := range list {
				other := fe.src
				if other == s.e {
					other = fe.dst
				}
				*n = subject{facts: s.facts, e: other}
				if c.sub.eval(n) {
					return true
				}
			}
		}
		return false
	}
	for _, fe := range ends {
		*n = subject{facts: s.facts, f: fe.f, ff: fe.ff, src: fe.src, dst: fe.dst}
		if c.sub.eval(n) {
			return true
		}
	}
	return false
}

func (c *relCond) text(bool) string { return relationText[c.rel] + " [" + c.sub.text(false) + "]" }
