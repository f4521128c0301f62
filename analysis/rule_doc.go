package analysis

import (
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/threatboard/threatboard/model"
)

//go:generate go test -run TestRulesDoc -update

// WriteRulesDoc writes the Markdown reference of the checklists, the rule
// language and every rule of the catalog: docs/RULES.md is this output for
// the built-in catalog, so the document cannot drift from the data.
func (c *Catalog) WriteRulesDoc(w io.Writer) error {
	b := &strings.Builder{}
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }

	p("# Checklists and rules\n\n")
	p("<!-- Generated from assets/checklists and assets/rules by `go generate ./analysis`; do not edit. -->\n\n")
	p("Threatboard walks every element and flow of a diagram through a checklist (STRIDE unless the diagram\n")
	p("picks another) and suggests threats from a catalog of %d built-in rules. Both are data: the JSON files\n", len(c.rules))
	p("under `assets/checklists/` and `assets/rules/`, in the same format as the checklists and rule files a\n")
	p("team adds of its own.\n\n")
	p("- [Checklists](#checklists)\n- [How suggestions work](#how-suggestions-work)\n- [Rule files](#rule-files)\n")
	p("- [Conditions](#conditions)\n- [Your own checklists and rules](#your-own-checklists-and-rules)\n- [The built-in rules](#the-built-in-rules)\n\n")

	p("## Checklists\n\n")
	for _, cl := range c.checklists {
		p("### %s (`%s`)\n\n%s\n\n", cl.Name, cl.ID, cl.Description)
		p("| Category | ID | Applies to | Guiding questions |\n|---|---|---|---|\n")
		for _, cat := range cl.Categories {
			var applies []string
			for _, a := range cat.AppliesTo {
				s := setOf(a.Targets...).String()
				if a.When != nil {
					s += " when " + a.When.String()
				}
				applies = append(applies, s)
			}
			p("| **%s** (%s) | `%s` | %s | %s |\n", cat.Name, cat.Short, cat.ID, strings.Join(applies, "; "), mdCell(strings.Join(cat.Questions, " ")))
		}
		p("\n")
		for _, cat := range cl.Categories {
			p("- **%s**: %s\n", cat.Name, cat.Explanation)
		}
		p("\n")
	}

	p("## How suggestions work\n\n")
	p("For every element and flow that is not out of scope, every rule whose targets include it runs its\n")
	p("condition. A rule only runs where its category applies under the diagram's checklist (a repudiation\n")
	p("rule for stores runs only on logs), and only for the checklist the diagram walks. A rule that holds\n")
	p("suggests a threat keyed by rule ID and target ID (`TB-I-001:f3`): accepting it adds a threat that keeps\n")
	p("the rule ID; dismissing it records the rule ID in the target's `dismissed` list. Either way the rule is\n")
	p("not suggested again for that target. A bidirectional flow is tried as drawn and, if the rule does not\n")
	p("hold, reversed, so that `{source}` and `{target}` name the ends as the rule saw them. Suggestions come\n")
	p("in document order: diagram by diagram, elements then flows, then rule IDs.\n\n")

	p("## Rule files\n\n")
	p("A rule file names the checklist its rules belong to and lists the rules:\n\n```json\n%s```\n\n", exampleRuleFile)
	p("| Field | Meaning |\n|---|---|\n")
	p("| `id` | Stable and unique across all loaded rules: letters, digits, `.`, `_`, `-` (no `:`), up to 64. Never reuse one. |\n")
	p("| `category` | A category ID of the file's checklist. |\n")
	p("| `targets` | Any of `actor`, `process`, `multi-process`, `store`, `flow`; the category must apply to each. |\n")
	p("| `condition` | When the rule holds (see below); leave it out to hold for every target. |\n")
	p("| `title`, `description`, `mitigation` | Text of the suggested threat. `{element}` is the element's name (element rules); `{flow}`, `{source}` and `{target}` are the flow's name and its ends' names (flow rules). |\n")
	p("| `likelihood`, `impact` | The default rating: `low`, `medium` or `high`. |\n")
	p("| `references` | Optional: `CWE-319`, `CAPEC-157`, `OWASP A02:2021`, `OWASP API4:2023`, `ASVS V9`, `GDPR Art. 32`, … |\n\n")

	p("## Conditions\n\n")
	p("A condition is a JSON object with exactly one operator. It is evaluated on a *subject*: the element or\n")
	p("flow the rule runs on, or a neighbour a relation moves to.\n\n")
	p("| Form | Holds when |\n|---|---|\n")
	for _, row := range operatorDocs {
		p("| `%s` | %s |\n", row[0], row[1])
	}
	p("\nA property test on a subject that does not have the property (an actor's `isLog`) does not hold,\n")
	p("so its `not` does. Text comparisons ignore case and surrounding spaces; `matches` is a Go regular\n")
	p("expression (RE2: linear time), add `(?i)` to ignore case. Control and tag names compare without case.\n\n")
	p("### Properties\n\n`name` is the name of any element or flow. The others are the properties of the editor's panel:\n\n")
	p("| Property | Of | Type | Meaning |\n|---|---|---|---|\n")
	for _, row := range propertyRows() {
		p("| `%s` | %s | %s | %s |\n", row[0], row[1], row[2], row[3])
	}
	p("\n### Facts\n\nFacts are computed from the diagram, never typed in: boundary crossing comes from the drawn\n")
	p("geometry of flows and trust boundaries.\n\n| Fact | Of | Holds when |\n|---|---|---|\n")
	for _, f := range facts {
		p("| `%s` | %s | %s |\n", f.name, f.on, f.help)
	}
	p("\n### Controls the built-in rules look for\n\nA control counts when a row of the element's or flow's controls table has that name (any case) and is\n")
	p("marked in place. Listing a control as planned does not silence a rule.\n\n")
	p("%s\n\n", strings.Join(c.controlNames(), ", "))
	p("### Limits\n\nA condition holds at most %d tests, nests at most %d deep and crosses at most %d relations;\n", maxCondNodes, maxCondDepth, maxRelations)
	p("a pattern is at most %d characters; a file holds at most %d rules; a checklist at most %d categories.\n\n", maxPatternLen, maxRulesPerFile, maxCategories)

	p("## Your own checklists and rules\n\n")
	p("Put checklist files in `<config>/threatboard/checklists/` and rule files in `<config>/threatboard/rules/`\n")
	p("(`<config>` is the user configuration folder: `~/.config` on Linux, `~/Library/Application Support` on\n")
	p("macOS, `%%AppData%%` on Windows). Every `*.json` file there is loaded after the built-ins, in name order.\n")
	p("A diagram walks a checklist of your own when its `checklist` field holds that checklist's ID; rules\n")
	p("for it go in a rule file whose `checklist` is that ID. A checklist file looks like the built-in ones:\n\n")
	p("```json\n%s```\n\n", exampleChecklist)
	p("A `when` condition of a checklist sees the element or flow alone: properties, kind, controls, tags and\n")
	p("the facts `isLog` and `hasChild`, not relations or geometry.\n\n")
	p("Every problem is reported with the file, the rule ID and the JSON path inside the rule, and only that\n")
	p("rule (or, for a file that is not valid JSON, that file) is left out; the rest loads. For example:\n\n")
	p("```\nrules/acme.json: rule ACME-004: condition.all[1].prop: unknown property \"encryptd\" for a flow\n")
	p("rules/acme.json: rule ACME-005: category: checklist \"stride\" has no category \"bribery\"\n")
	p("rules/acme.json: rule TB-S-001: ID already used by the rule in rules/stride-actors.json\n```\n\n")

	p("## The built-in rules\n\n")
	for _, cl := range c.checklists {
		var rules []*Rule
		for _, r := range c.rules {
			if r.Checklist == cl.ID && strings.HasPrefix(r.File, "rules/") {
				rules = append(rules, r)
			}
		}
		if len(rules) == 0 {
			continue
		}
		p("### %s\n\n| ID | Category | Targets | Suggests | L | I |\n|---|---|---|---|---|---|\n", cl.Name)
		for _, r := range rules {
			p("| [%s](#%s) | %s | %s | %s | %s | %s |\n", r.ID, strings.ToLower(r.ID), cl.Category(r.Category).Name,
				r.targets, mdCell(r.Title), r.Likelihood, r.Impact)
		}
		p("\n")
		for _, r := range rules {
			p("#### %s\n\n**%s** · %s · %s · likelihood %s, impact %s\n\n", r.ID, mdCell(r.Title), cl.Category(r.Category).Name, r.targets, r.Likelihood, r.Impact)
			p("- **When**: %s\n", r.Condition.String())
			p("- **Threat**: %s\n", r.Description)
			p("- **Mitigation**: %s\n", r.Mitigation)
			if len(r.References) > 0 {
				refs := make([]string, len(r.References))
				for i, ref := range r.References {
					refs[i] = referenceLink(ref)
				}
				p("- **References**: %s\n", strings.Join(refs, ", "))
			}
			p("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cell keeps text from breaking a Markdown table.
func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

var (
	cweRef   = regexp.MustCompile(`^CWE-(\d+)$`)
	capecRef = regexp.MustCompile(`^CAPEC-(\d+)$`)
)

// referenceLink links CWE and CAPEC entries to their pages.
func referenceLink(ref string) string {
	if m := cweRef.FindStringSubmatch(ref); m != nil {
		return fmt.Sprintf("[%s](https://cwe.mitre.org/data/definitions/%s.html)", ref, m[1])
	}
	if m := capecRef.FindStringSubmatch(ref); m != nil {
		return fmt.Sprintf("[%s](https://capec.mitre.org/data/definitions/%s.html)", ref, m[1])
	}
	return ref
}

// controlNames lists the control names the catalog's conditions test.
func (c *Catalog) controlNames() []string {
	seen := map[string]bool{}
	for _, r := range c.rules {
		if r.Condition == nil {
			continue
		}
		walkConds(r.Condition.root, func(x cond) {
			if v, ok := x.(controlCond); ok {
				for _, n := range v.names {
					seen[n] = true
				}
			}
		})
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, "`"+n+"`")
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i]) < strings.ToLower(out[j]) })
	return out
}

// propertyRows describes the properties a condition can test, from the
// model's property table.
func propertyRows() [][4]string {
	type row struct {
		kinds []string
		typ   string
		help  string
	}
	rows := map[string]*row{}
	var order []string
	add := func(p model.Property, of string) {
		r := rows[p.Key]
		if r == nil {
			typ := "yes/no"
			switch {
			case len(p.Options) > 0:
				typ = "one of " + strings.Join(nonEmpty(p.Options), ", ")
			case p.Text:
				typ = "text"
			}
			r = &row{typ: typ, help: p.Help}
			rows[p.Key] = r
			order = append(order, p.Key)
		}
		r.kinds = append(r.kinds, of)
	}
	for _, t := range Targets[:4] {
		for _, p := range model.ElementProperties(t.Kind()) {
			add(p, t.String())
		}
	}
	for _, p := range model.FlowProperties() {
		add(p, "flow")
	}
	out := make([][4]string, 0, len(order))
	for _, k := range order {
		r := rows[k]
		of := strings.Join(r.kinds, ", ")
		if len(r.kinds) == 5 {
			of = "all"
		}
		out = append(out, [4]string{k, of, r.typ, mdCell(r.help)})
	}
	return out
}

var operatorDocs = [][2]string{
	{`{"all": [c, …]}`, "every condition in the list holds"},
	{`{"any": [c, …]}`, "at least one holds"},
	{`{"not": c}`, "c does not hold"},
	{`{"kind": "store"}`, "the subject is of that kind (`actor`, `process`, `multi-process`, `store`, `flow`); a list means any of them"},
	{`{"prop": "encrypted", "is": false}`, "a yes/no property has that value"},
	{`{"prop": "protocol", "empty": true}`, "a text property is empty (`false`: is set)"},
	{`{"prop": "protocol", "equals": "HTTPS"}`, "a text property equals the value"},
	{`{"prop": "classification", "in": ["confidential", "secret"]}`, "a text property is one of the values"},
	{`{"prop": "technology", "matches": "(?i)postgres"}`, "a text property matches the regular expression"},
	{`{"fact": "crossesBoundary"}`, "a computed fact holds (add `\"is\": false` for its negation)"},
	{`{"control": "TLS"}`, "a control of that name is in place; a list means any of them"},
	{`{"control": ["MFA", "2FA"], "inPlace": false}`, "none of the controls is in place"},
	{`{"tag": "pci"}`, "the subject carries the tag; a list means any of them"},
	{`{"source": c}`, "c holds for the flow's source element (flow subjects)"},
	{`{"target": c}`, "c holds for the flow's target element (flow subjects)"},
	{`{"incoming": c}`, "c holds for some flow into the element (element subjects); c sees the flow"},
	{`{"outgoing": c}`, "c holds for some flow out of the element (element subjects)"},
	{`{"connected": c}`, "c holds for some element at the other end of any of the element's flows"},
}

const exampleRuleFile = `{
  "checklist": "stride",
  "rules": [
    {
      "id": "ACME-001",
      "category": "information-disclosure",
      "targets": ["flow"],
      "condition": {"all": [
        {"prop": "encrypted", "is": false},
        {"any": [{"fact": "crossesBoundary"}, {"prop": "publicNetwork", "is": true}]},
        {"target": {"tag": "pci"}}
      ]},
      "title": "Card data on {flow} to {target} can be read in transit",
      "description": "{flow} carries data to a PCI system without encryption.",
      "mitigation": "Use TLS 1.2 or later on {flow}.",
      "likelihood": "medium",
      "impact": "high",
      "references": ["CWE-319", "PCI DSS Req. 4"]
    }
  ]
}
`

const exampleChecklist = `{
  "id": "owasp-top10",
  "name": "OWASP Top 10",
  "description": "The OWASP Top 10 (2021) as a checklist.",
  "categories": [
    {
      "id": "a01-broken-access-control",
      "name": "Broken access control",
      "short": "A01",
      "explanation": "Users act outside their intended permissions.",
      "questions": ["Is every request checked against what the caller may do?"],
      "appliesTo": [
        {"targets": ["process", "multi-process"]},
        {"targets": ["store"], "when": {"prop": "shared", "is": true}}
      ]
    }
  ]
}
`
