package analysis

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/threatboard/threatboard/model"
)

// Rule is one entry of the rule catalog: when its condition holds for an
// element or flow of one of its targets, it suggests a threat.
type Rule struct {
	ID        string // e.g. "TB-S-001"; stable, never reused
	Checklist string // the checklist its category belongs to
	Category  string
	Targets   []Target
	Condition *Condition // nil: every target of its kinds
	// Title, Description and Mitigation are templates: {element}, {flow},
	// {source} and {target} are replaced by names.
	Title       string
	Description string
	Mitigation  string
	Likelihood  model.Level
	Impact      model.Level
	References  []string // "CWE-319", "CAPEC-157", "OWASP A02:2021", "ASVS V9", …
	File        string   // where it was loaded from

	targets                  targetSet
	title, description, miti template
}

// ruleFile is a rule file as written in JSON.
type ruleFile struct {
	Checklist string            `json:"checklist"`
	Rules     []json.RawMessage `json:"rules"`
}

// ruleJSON is one rule as written in JSON.
type ruleJSON struct {
	ID          string          `json:"id"`
	Category    string          `json:"category"`
	Targets     []string        `json:"targets"`
	Condition   json.RawMessage `json:"condition"`
	Title       string          `json:"title"`
	Description string          `json:"description"`
	Mitigation  string          `json:"mitigation"`
	Likelihood  string          `json:"likelihood"`
	Impact      string          `json:"impact"`
	References  []string        `json:"references"`
}

var ruleIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// Limits on one rule file.
const (
	maxRulesPerFile = 10000
	maxTextLen      = 4000
)

// ParseRules reads one rule file. Each rule is checked on its own: the
// rules that are fine come back with one error per bad rule, naming the
// file, the rule's ID and the JSON path inside the rule. Whether a rule's
// category exists in its checklist is checked when the catalog is built.
func ParseRules(file string, data []byte) ([]*Rule, []error) {
	var rf ruleFile
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rf); err != nil {
		return nil, []error{&LoadError{File: file, Err: jsonError("not a rule file", err)}}
	}
	if !idPattern.MatchString(rf.Checklist) {
		return nil, []error{&LoadError{File: file, Path: "checklist", Err: fmt.Errorf("want the ID of the checklist the rules' categories belong to, got %q", rf.Checklist)}}
	}
	if len(rf.Rules) > maxRulesPerFile {
		return nil, []error{&LoadError{File: file, Path: "rules", Err: fmt.Errorf("more than %d rules", maxRulesPerFile)}}
	}
	var out []*Rule
	var errs []error
	for i, raw := range rf.Rules {
		r, err := parseRule(raw, rf.Checklist)
		if err != nil {
			le := &LoadError{File: file, Rule: r.ID, Err: err}
			if r.ID == "" {
				le.Path = fmt.Sprintf("rules[%d]", i)
			}
			errs = append(errs, le)
			continue
		}
		r.File = file
		out = append(out, r)
	}
	return out, errs
}

// parseRule compiles one rule. On error the returned rule carries at least
// the ID when it could be read, so that the error can name it.
func parseRule(raw json.RawMessage, checklist string) (*Rule, error) {
	var rj ruleJSON
	r := &Rule{Checklist: checklist}
	var probe struct {
		ID any `json:"id"`
	}
	if json.Unmarshal(raw, &probe) == nil {
		if s, ok := probe.ID.(string); ok && ruleIDPattern.MatchString(s) {
			r.ID = s
		}
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rj); err != nil {
		return r, jsonError("not a rule object", err)
	}
	if !ruleIDPattern.MatchString(rj.ID) {
		return r, pathErr("id", "want letters, digits, dots, dashes or underscores (up to 64), got %q", rj.ID)
	}
	r.ID, r.Category = rj.ID, rj.Category
	if !idPattern.MatchString(rj.Category) {
		return r, pathErr("category", "want a category ID such as \"spoofing\", got %q", rj.Category)
	}
	for i, name := range rj.Targets {
		t, err := ParseTarget(name)
		if err != nil {
			return r, &PathError{fmt.Sprintf("targets[%d]", i), err}
		}
		if !r.targets.has(t) {
			r.targets |= setOf(t)
		}
	}
	if r.targets == 0 {
		return r, pathErr("targets", "say which of actor, process, multi-process, store, flow the rule applies to")
	}
	r.Targets = r.targets.list()
	if len(rj.Condition) > 0 {
		if string(rj.Condition) == "null" {
			return r, &PathError{"condition", errNoCondition}
		}
		c, err := condParser{}.compile(rj.Condition, "condition", r.targets)
		if err != nil {
			return r, err
		}
		r.Condition = c
	}
	var err error
	for _, t := range []struct {
		name, text string
		dst        *template
		required   bool
	}{
		{"title", rj.Title, &r.title, true},
		{"description", rj.Description, &r.description, true},
		{"mitigation", rj.Mitigation, &r.miti, true},
	} {
		if strings.TrimSpace(t.text) == "" && t.required {
			return r, pathErr(t.name, "missing")
		}
		if len(t.text) > maxTextLen {
			return r, pathErr(t.name, "longer than %d characters", maxTextLen)
		}
		if *t.dst, err = parseTemplate(t.text, r.targets); err != nil {
			return r, &PathError{t.name, err}
		}
	}
	r.Title, r.Description, r.Mitigation = rj.Title, rj.Description, rj.Mitigation
	for _, lv := range []struct {
		name, text string
		dst        *model.Level
	}{{"likelihood", rj.Likelihood, &r.Likelihood}, {"impact", rj.Impact, &r.Impact}} {
		l, err := model.ParseLevel(lv.text)
		if err != nil || l == model.LevelUnset {
			return r, pathErr(lv.name, "want \"low\", \"medium\" or \"high\", got %q", lv.text)
		}
		*lv.dst = l
	}
	for i, ref := range rj.References {
		if strings.TrimSpace(ref) == "" || len(ref) > 200 {
			return r, pathErr(fmt.Sprintf("references[%d]", i), "want a reference such as \"CWE-319\"")
		}
	}
	r.References = rj.References
	return r, nil
}

// jsonError words a decoding error for the author of the file: a value of
// the wrong type names its field and the type wanted, not Go's types.
func jsonError(what string, err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		want := "a " + te.Type.Kind().String()
		switch te.Type.Kind() {
		case reflect.Slice:
			want = "a list"
		case reflect.Struct, reflect.Map:
			want = "an object"
		case reflect.String:
			want = "a string"
		case reflect.Bool:
			want = "true or false"
		}
		return &PathError{Path: te.Field, Err: fmt.Errorf("want %s, not a JSON %s", want, te.Value)}
	}
	return fmt.Errorf("%s: %w", what, err)
}

// Applies reports whether the rule can fire on targets of kind t at all.
func (r *Rule) Applies(t Target) bool { return r.targets.has(t) }

// placeholder is a name a template can fill in.
type placeholder int

const (
	phElement placeholder = iota + 1
	phFlow
	phSource
	phTarget
)

var placeholders = map[string]struct {
	ph placeholder
	on targetSet
}{
	"element": {phElement, elementTargets},
	"flow":    {phFlow, flowTargets},
	"source":  {phSource, flowTargets},
	"target":  {phTarget, flowTargets},
}

// template is a compiled title, description or mitigation: literal text
// and placeholders in turn.
type template []tplPart

type tplPart struct {
	lit string
	ph  placeholder
}

// parseTemplate compiles text; each placeholder must make sense for every
// target the rule applies to ({flow} on a rule for processes does not).
func parseTemplate(text string, targets targetSet) (template, error) {
	var t template
	rest := text
	for rest != "" {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			t = append(t, tplPart{lit: rest})
			break
		}
		if i > 0 {
			t = append(t, tplPart{lit: rest[:i]})
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return nil, fmt.Errorf("unclosed { in %q", text)
		}
		name := rest[i+1 : i+j]
		p, ok := placeholders[name]
		if !ok {
			return nil, fmt.Errorf("unknown placeholder {%s} (want {element}, {flow}, {source} or {target})", name)
		}
		if targets&^p.on != 0 {
			return nil, fmt.Errorf("{%s} has no value for a %s", name, (targets &^ p.on).String())
		}
		t = append(t, tplPart{ph: p.ph})
		rest = rest[i+j+1:]
	}
	return t, nil
}

// fill renders the template for a subject, in one allocation.
func (t template) fill(s *subject) string {
	if len(t) == 1 && t[0].ph == 0 {
		return t[0].lit
	}
	var b strings.Builder
	b.Grow(t.size(s))
	t.write(&b, s)
	return b.String()
}

// size is the length of the rendered template.
func (t template) size(s *subject) int {
	n := 0
	for _, p := range t {
		n += len(p.value(s))
	}
	return n
}

func (t template) write(b *strings.Builder, s *subject) {
	for _, p := range t {
		b.WriteString(p.value(s))
	}
}

func (p tplPart) value(s *subject) string {
	switch p.ph {
	case phElement:
		return elementName(s.e)
	case phFlow:
		return flowName(s.f)
	case phSource:
		return elementName(s.src)
	case phTarget:
		return elementName(s.dst)
	}
	return p.lit
}

// maxNameInText bounds, in bytes, a name that a template puts into a
// suggestion's text: a name may be as long as the string limit (1 MiB), and
// every suggestion repeats it.
const maxNameInText = 80

// shortName cuts a name to maxNameInText bytes, on a character boundary,
// with an ellipsis when it cut anything.
func shortName(n string) string {
	if len(n) <= maxNameInText {
		return n
	}
	const ellipsis = "…"
	cut := maxNameInText - len(ellipsis)
	for cut > 0 && !utf8.RuneStart(n[cut]) {
		cut--
	}
	return n[:cut] + ellipsis
}

func elementName(e *model.Element) string {
	if e == nil {
		return ""
	}
	if n := strings.TrimSpace(e.Name); n != "" {
		return shortName(n)
	}
	return unnamed[e.Kind]
}

var unnamed = map[model.Kind]string{
	model.Actor: "unnamed actor", model.Process: "unnamed process",
	model.MultiProcess: "unnamed multi-process", model.Store: "unnamed store",
}

func flowName(f *model.Flow) string {
	if n := strings.TrimSpace(f.Name); n != "" {
		return shortName(n)
	}
	return "unnamed flow"
}
