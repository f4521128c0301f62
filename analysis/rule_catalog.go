package analysis

import (
	"fmt"
	"io/fs"
	"sort"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

// Catalog is the checklists and the rules an analysis runs with: the
// built-in ones plus the user's own. It is read-only once built, so the UI
// and a background analysis may share it.
type Catalog struct {
	checklists []*Checklist
	byList     map[string]*Checklist
	rules      []*Rule // sorted by ID
	byID       map[string]*Rule
	// index holds, per checklist and target, the rules that can fire there,
	// each with the position of its category in the checklist.
	index map[string]*[TargetFlow + 1][]indexedRule
	// uses names the facts some rule or checklist condition tests, so that
	// a run works out in advance only those.
	uses map[string]bool
}

type indexedRule struct {
	r   *Rule
	cat int
}

// NewCatalog assembles checklists and rules. A rule whose checklist or
// category does not exist, whose targets its category never applies to, or
// whose ID is already taken is left out and reported; the rest are kept.
func NewCatalog(checklists []*Checklist, rules []*Rule) (*Catalog, []error) {
	c := &Catalog{
		byList: map[string]*Checklist{},
		byID:   map[string]*Rule{},
		index:  map[string]*[TargetFlow + 1][]indexedRule{},
	}
	var errs []error
	for _, cl := range checklists {
		if _, dup := c.byList[cl.ID]; dup {
			errs = append(errs, &LoadError{File: cl.File, Path: "id", Err: fmt.Errorf("checklist %q is already loaded", cl.ID)})
			continue
		}
		c.checklists = append(c.checklists, cl)
		c.byList[cl.ID] = cl
		c.index[cl.ID] = &[TargetFlow + 1][]indexedRule{}
	}
	for _, r := range rules {
		if err := c.add(r); err != nil {
			errs = append(errs, &LoadError{File: r.File, Rule: r.ID, Err: err})
		}
	}
	sort.Slice(c.rules, func(i, j int) bool { return c.rules[i].ID < c.rules[j].ID })
	c.uses = c.factsUsed()
	for _, idx := range c.index {
		for t := range idx {
			sort.Slice(idx[t], func(i, j int) bool { return idx[t][i].r.ID < idx[t][j].r.ID })
		}
	}
	return c, errs
}

func (c *Catalog) add(r *Rule) error {
	if prev, dup := c.byID[r.ID]; dup {
		return fmt.Errorf("ID already used by the rule in %s", prev.File)
	}
	cl := c.byList[r.Checklist]
	if cl == nil {
		return &PathError{"checklist", fmt.Errorf("unknown checklist %q", r.Checklist)}
	}
	cat := -1
	for i := range cl.Categories {
		if cl.Categories[i].ID == r.Category {
			cat = i
		}
	}
	if cat < 0 {
		return pathErr("category", "checklist %q has no category %q", cl.ID, r.Category)
	}
	var covers targetSet
	for _, a := range cl.Categories[cat].AppliesTo {
		covers |= setOf(a.Targets...)
	}
	if extra := r.targets &^ covers; extra != 0 {
		return pathErr("targets", "%s %q never applies to a %s", cl.Name, r.Category, extra)
	}
	c.rules = append(c.rules, r)
	c.byID[r.ID] = r
	idx := c.index[cl.ID]
	for _, t := range r.Targets {
		idx[t] = append(idx[t], indexedRule{r, cat})
	}
	return nil
}

// factsUsed collects the facts the catalog's conditions test.
func (c *Catalog) factsUsed() map[string]bool {
	used := map[string]bool{}
	for _, cd := range c.conditions() {
		walkConds(cd.root, func(x cond) {
			if f, ok := x.(factCond); ok {
				used[f.fact.name] = true
			}
		})
	}
	return used
}

// conditions lists every rule and checklist condition of the catalog.
func (c *Catalog) conditions() []*Condition {
	var out []*Condition
	for _, r := range c.rules {
		if r.Condition != nil {
			out = append(out, r.Condition)
		}
	}
	for _, cl := range c.checklists {
		for _, cat := range cl.Categories {
			for _, ap := range cat.AppliesTo {
				if ap.When != nil {
					out = append(out, ap.When)
				}
			}
		}
	}
	return out
}

// walkConds calls fn on x and every condition inside it.
func walkConds(x cond, fn func(cond)) {
	fn(x)
	switch v := x.(type) {
	case allCond:
		for _, y := range v {
			walkConds(y, fn)
		}
	case anyCond:
		for _, y := range v {
			walkConds(y, fn)
		}
	case notCond:
		walkConds(v.c, fn)
	case *relCond:
		walkConds(v.sub, fn)
	}
}

// Checklists lists the checklists, built-in ones first.
func (c *Catalog) Checklists() []*Checklist { return c.checklists }

// Checklist returns the checklist with the given ID, or nil.
func (c *Catalog) Checklist(id string) *Checklist { return c.byList[id] }

// ChecklistFor returns the checklist a diagram walks: the one its Checklist
// field names, STRIDE when that is empty. ok is false when the diagram
// names a checklist that is not loaded; STRIDE is returned then.
func (c *Catalog) ChecklistFor(d *model.Diagram) (cl *Checklist, ok bool) {
	id := d.Checklist
	if id == "" {
		id = ChecklistSTRIDE
	}
	if cl = c.byList[id]; cl != nil {
		return cl, true
	}
	return c.byList[ChecklistSTRIDE], false
}

// Rules lists every rule, sorted by ID.
func (c *Catalog) Rules() []*Rule { return c.rules }

// Rule returns the rule with the given ID, or nil.
func (c *Catalog) Rule(id string) *Rule { return c.byID[id] }

// builtinRuleFiles are the rule files shipped in assets/rules.
func builtinRuleFiles() ([]string, error) {
	return fs.Glob(assets.Rules, "rules/*.json")
}

// BuiltinRules parses the rule catalog shipped with Threatboard.
func BuiltinRules() ([]*Rule, error) {
	files, err := builtinRuleFiles()
	if err != nil {
		return nil, fmt.Errorf("built-in rules: %w", err)
	}
	var out []*Rule
	for _, name := range files {
		data, err := fs.ReadFile(assets.Rules, name)
		if err != nil {
			return nil, fmt.Errorf("built-in rules: %w", err)
		}
		rules, errs := ParseRules(name, data)
		if len(errs) > 0 {
			return nil, fmt.Errorf("built-in rules: %w", errs[0])
		}
		out = append(out, rules...)
	}
	return out, nil
}

// BuiltinCatalog is the catalog of the built-in checklists and rules alone.
func BuiltinCatalog() (*Catalog, error) {
	cls, err := BuiltinChecklists()
	if err != nil {
		return nil, err
	}
	rules, err := BuiltinRules()
	if err != nil {
		return nil, err
	}
	c, errs := NewCatalog(cls, rules)
	if len(errs) > 0 {
		return nil, fmt.Errorf("built-in catalog: %w", errs[0])
	}
	return c, nil
}

// LoadCatalog builds the catalog the app and the CLI analyse with: the
// built-in checklists and rules plus the user's checklists from
// checklistDir and rule files from ruleDir (the app passes
// <user config dir>/threatboard/checklists and …/rules; either may be empty
// or missing). Every problem with a user file or rule is reported and that
// file or rule is left out; the rest always loads.
func LoadCatalog(checklistDir, ruleDir string) (*Catalog, []error) {
	cls, errs := LoadChecklists(checklistDir)
	rules, err := BuiltinRules()
	if err != nil {
		errs = append(errs, err)
	}
	for _, file := range jsonFiles(ruleDir, &errs) {
		data, err := model.ReadRegularFile(file, maxCatalogFile)
		if err != nil {
			errs = append(errs, &LoadError{File: file, Err: withoutPath(err)})
			continue
		}
		rs, rerrs := ParseRules(file, data)
		rules = append(rules, rs...)
		errs = append(errs, rerrs...)
	}
	c, cerrs := NewCatalog(cls, rules)
	return c, append(errs, cerrs...)
}
