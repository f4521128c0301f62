package analysis

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/threatboard/threatboard/model"
)

// Limits that keep a hostile or broken file from costing much.
const (
	maxCondDepth   = 32
	maxCondNodes   = 512 // tests in one condition
	maxRelations   = 4   // relations nested in one another
	maxPatternLen  = 512
	maxListLen     = 256
	maxNameListLen = 64
)

// PathError is a problem at one place in a JSON document, e.g.
// `condition.all[1].prop: unknown property "encryptd" for flow`.
type PathError struct {
	Path string
	Err  error
}

func (e *PathError) Error() string {
	if e.Path == "" {
		return e.Err.Error()
	}
	return e.Path + ": " + e.Err.Error()
}

func (e *PathError) Unwrap() error { return e.Err }

func pathErr(path, format string, args ...any) error {
	return &PathError{Path: path, Err: fmt.Errorf(format, args...)}
}

// condParser compiles the JSON condition language. Local parsers compile
// checklist conditions, which see only the element itself: no relations and
// no facts that need the diagram.
type condParser struct {
	local bool
	nodes *int // tests compiled so far in this condition
}

// operators are the keys that say what a condition object is; each object
// has exactly one, plus the modifiers listed for it.
var operators = map[string][]string{
	"all": nil, "any": nil, "not": nil, "kind": nil, "tag": nil,
	"prop":    {"is", "empty", "equals", "in", "matches"},
	"fact":    {"is"},
	"control": {"inPlace"},
	"source":  nil, "target": nil, "incoming": nil, "outgoing": nil, "connected": nil,
}

func operatorList() string {
	names := make([]string, 0, len(operators))
	for k := range operators {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// compile parses raw into a Condition for subjects in scope; path names raw
// in error messages.
func (p condParser) compile(raw json.RawMessage, path string, scope targetSet) (*Condition, error) {
	p.nodes = new(int)
	c, err := p.parse(raw, path, scope, 0, 0)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return nil, pathErr(path, "%v", err)
	}
	return &Condition{root: c, src: buf.String()}, nil
}

// parse compiles one condition object; depth counts the objects around it,
// hops the relations around it.
func (p condParser) parse(raw json.RawMessage, path string, scope targetSet, depth, hops int) (cond, error) {
	if depth > maxCondDepth {
		return nil, pathErr(path, "conditions nested deeper than %d", maxCondDepth)
	}
	if *p.nodes++; *p.nodes > maxCondNodes {
		return nil, pathErr(path, "more than %d tests in one condition", maxCondNodes)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
		return nil, pathErr(path, "want a condition object such as {\"prop\": \"encrypted\", \"is\": false}")
	}
	var op string
	for k := range obj {
		if _, ok := operators[k]; ok {
			if op != "" {
				a, b := sorted2(op, k)
				return nil, pathErr(path, "one condition object has both %q and %q; combine them with \"all\" or \"any\"", a, b)
			}
			op = k
		}
	}
	if op == "" {
		return nil, pathErr(path, "no operator (want one of %s)", operatorList())
	}
	for k := range obj {
		if k != op && !containsString(operators[op], k) {
			return nil, pathErr(path+"."+k, "unknown key in a %q condition", op)
		}
	}
	at := path + "." + op
	switch op {
	case "all", "any":
		var items []json.RawMessage
		if err := json.Unmarshal(obj[op], &items); err != nil || len(items) == 0 {
			return nil, pathErr(at, "want a non-empty list of conditions")
		}
		if len(items) > maxListLen {
			return nil, pathErr(at, "more than %d conditions in one list", maxListLen)
		}
		cs := make([]cond, len(items))
		for i, it := range items {
			c, err := p.parse(it, fmt.Sprintf("%s[%d]", at, i), scope, depth+1, hops)
			if err != nil {
				return nil, err
			}
			cs[i] = c
		}
		if op == "all" {
			return allCond(cs), nil
		}
		return anyCond(cs), nil
	case "not":
		c, err := p.parse(obj[op], at, scope, depth+1, hops)
		if err != nil {
			return nil, err
		}
		return notCond{c}, nil
	case "kind":
		names, err := stringOrList(obj[op], at)
		if err != nil {
			return nil, err
		}
		var kinds targetSet
		for _, n := range names {
			t, err := ParseTarget(n)
			if err != nil {
				return nil, &PathError{at, err}
			}
			kinds |= setOf(t)
		}
		if !kinds.overlaps(scope) {
			return nil, pathErr(at, "never holds here: the subject is a %s", scope)
		}
		return kindCond{kinds}, nil
	case "prop":
		return p.parseProp(obj, path, scope)
	case "fact":
		var name string
		if err := json.Unmarshal(obj[op], &name); err != nil {
			return nil, pathErr(at, "want a fact name")
		}
		f := factByName[name]
		if f == nil {
			return nil, pathErr(at, "unknown fact %q (want one of %s)", name, strings.Join(factNames(), ", "))
		}
		if !f.on.overlaps(scope) {
			return nil, pathErr(at, "fact %q applies to a %s, and the subject is a %s", name, f.on, scope)
		}
		if p.local && !f.local {
			return nil, pathErr(at, "fact %q needs the diagram, which a checklist condition cannot see", name)
		}
		want := true
		if raw, ok := obj["is"]; ok {
			if err := json.Unmarshal(raw, &want); err != nil {
				return nil, pathErr(path+".is", "want true or false")
			}
		}
		return factCond{f, want}, nil
	case "control":
		names, err := stringOrList(obj[op], at)
		if err != nil {
			return nil, err
		}
		in := true
		if raw, ok := obj["inPlace"]; ok {
			if err := json.Unmarshal(raw, &in); err != nil {
				return nil, pathErr(path+".inPlace", "want true or false")
			}
		}
		return controlCond{names, in}, nil
	case "tag":
		names, err := stringOrList(obj[op], at)
		if err != nil {
			return nil, err
		}
		return tagCond{names}, nil
	}
	// A relation to neighbouring elements or flows.
	rel := relationNames[op]
	if p.local {
		return nil, pathErr(at, "%q needs the diagram, which a checklist condition cannot see", op)
	}
	sub := elementTargets
	switch rel {
	case relSource, relTarget:
		if !scope.has(TargetFlow) {
			return nil, pathErr(at, "only a flow has a %s, and the subject is a %s", op, scope)
		}
	case relIncoming, relOutgoing, relConnected:
		if !scope.overlaps(elementTargets) {
			return nil, pathErr(at, "only an element has %s flows, and the subject is a flow", op)
		}
		if rel != relConnected {
			sub = flowTargets
		}
	}
	if hops >= maxRelations {
		return nil, pathErr(at, "relations nested deeper than %d", maxRelations)
	}
	c, err := p.parse(obj[op], at, sub, depth+1, hops+1)
	if err != nil {
		return nil, err
	}
	return &relCond{rel: rel, sub: c, nested: hops > 0}, nil
}

// parseProp compiles {"prop": key, <test>: value}.
func (p condParser) parseProp(obj map[string]json.RawMessage, path string, scope targetSet) (cond, error) {
	at := path + ".prop"
	var key string
	if err := json.Unmarshal(obj["prop"], &key); err != nil || key == "" {
		return nil, pathErr(at, "want a property name")
	}
	prop, ok := lookupProp(key, scope)
	if !ok {
		return nil, pathErr(at, "unknown property %q for a %s", key, scope)
	}
	var tests []string
	for _, t := range operators["prop"] {
		if _, ok := obj[t]; ok {
			tests = append(tests, t)
		}
	}
	if len(tests) != 1 {
		return nil, pathErr(path, "a property test needs exactly one of \"is\", \"empty\", \"equals\", \"in\", \"matches\"")
	}
	t := tests[0]
	raw, tp := obj[t], path+"."+t
	c := &propCond{key: key, read: newPropReader(key)}
	isText := prop.Text || len(prop.Options) > 0
	if (t == "is") == isText {
		if isText {
			return nil, pathErr(tp, "%q is text: test it with \"empty\", \"equals\", \"in\" or \"matches\"", key)
		}
		return nil, pathErr(tp, "%q is yes/no: test it with \"is\"", key)
	}
	switch t {
	case "is", "empty":
		if err := json.Unmarshal(raw, &c.want); err != nil {
			return nil, pathErr(tp, "want true or false")
		}
		c.test = testIs
		if t == "empty" {
			c.test = testEmpty
		}
	case "equals", "in":
		var err error
		if t == "equals" {
			var s string
			if err = json.Unmarshal(raw, &s); err != nil {
				return nil, pathErr(tp, "want a string")
			}
			c.values = []string{s}
		} else if c.values, err = stringOrList(raw, tp); err != nil {
			return nil, err
		}
		for _, v := range c.values {
			if len(prop.Options) > 0 && !containsString(prop.Options, v) {
				return nil, pathErr(tp, "%q is not a value of %q (want one of %s)", v, key, strings.Join(nonEmpty(prop.Options), ", "))
			}
		}
		c.test = testEquals
	case "matches":
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, pathErr(tp, "want a regular expression string")
		}
		if len(s) > maxPatternLen {
			return nil, pathErr(tp, "pattern longer than %d characters", maxPatternLen)
		}
		re, err := regexp.Compile(s)
		if err != nil {
			return nil, &PathError{tp, err}
		}
		c.re, c.test = re, testMatches
	}
	return c, nil
}

// lookupProp finds key among the properties of the targets in scope; "name"
// is the element's or flow's name, which every subject has.
func lookupProp(key string, scope targetSet) (model.Property, bool) {
	if key == "name" {
		return model.Property{Key: "name", Label: "Name", Text: true}, true
	}
	for _, t := range scope.list() {
		var props []model.Property
		if t == TargetFlow {
			props = model.FlowProperties()
		} else {
			props = model.ElementProperties(t.Kind())
		}
		for _, p := range props {
			if p.Key == key {
				return p, true
			}
		}
	}
	return model.Property{}, false
}

// stringOrList reads "x" or ["x", "y"] as a non-empty list of non-empty strings.
func stringOrList(raw json.RawMessage, path string) ([]string, error) {
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		if strings.TrimSpace(one) == "" {
			return nil, pathErr(path, "empty name")
		}
		return []string{strings.TrimSpace(one)}, nil
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil || len(list) == 0 {
		return nil, pathErr(path, "want a string or a non-empty list of strings")
	}
	if len(list) > maxNameListLen {
		return nil, pathErr(path, "more than %d names", maxNameListLen)
	}
	for i, s := range list {
		if strings.TrimSpace(s) == "" {
			return nil, pathErr(fmt.Sprintf("%s[%d]", path, i), "empty name")
		}
		list[i] = strings.TrimSpace(s)
	}
	return list, nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func nonEmpty(list []string) []string {
	var out []string
	for _, s := range list {
		if s != "" {
			out = append(out, fmt.Sprintf("%q", s))
		}
	}
	return out
}

func sorted2(a, b string) (string, string) {
	if a > b {
		return b, a
	}
	return a, b
}

// errNoCondition is returned for an explicit null condition.
var errNoCondition = errors.New("condition is null; leave it out to match every target")
