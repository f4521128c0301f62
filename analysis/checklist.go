package analysis

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

// Checklist is a list of threat categories walked for every element and flow
// of a diagram: STRIDE, LINDDUN or a team's own. A diagram's Checklist field
// selects one by ID.
type Checklist struct {
	ID          string
	Name        string
	Description string
	Categories  []Category
	// File is where it was loaded from, for messages.
	File string
}

// Category is one entry of a checklist, e.g. STRIDE's Spoofing.
type Category struct {
	ID          string // the threat category written into threats, e.g. "spoofing"
	Name        string // e.g. "Spoofing"
	Short       string // an abbreviation for badges, e.g. "S"
	Explanation string
	Questions   []string
	AppliesTo   []Applicability
}

// Applicability says which targets a category applies to, optionally only
// when a condition on the element holds (STRIDE's repudiation applies to a
// store only when it is a log).
type Applicability struct {
	Targets []Target
	When    *Condition // nil: always
}

// The built-in checklists' IDs. An empty Diagram.Checklist means STRIDE.
const (
	ChecklistSTRIDE  = "stride"
	ChecklistLINDDUN = "linddun"
)

// maxCategories bounds a checklist, so that a set of categories fits a
// 64-bit mask during analysis.
const maxCategories = 64

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// Applicable lists the categories that apply to the element, in checklist
// order. Notes and other unconnectable elements get none.
func (c *Checklist) Applicable(e *model.Element) []Category {
	t := TargetOf(e.Kind)
	if t == 0 {
		return nil
	}
	return c.applicable(&subject{e: e}, t)
}

// ApplicableFlow lists the categories that apply to the flow.
func (c *Checklist) ApplicableFlow(f *model.Flow) []Category {
	return c.applicable(&subject{f: f}, TargetFlow)
}

func (c *Checklist) applicable(s *subject, t Target) []Category {
	var out []Category
	for _, cat := range c.Categories {
		if cat.applies(s, t) {
			out = append(out, cat)
		}
	}
	return out
}

// Category returns the category with the given ID, or nil.
func (c *Checklist) Category(id string) *Category {
	for i := range c.Categories {
		if c.Categories[i].ID == id {
			return &c.Categories[i]
		}
	}
	return nil
}

func (cat *Category) applies(s *subject, t Target) bool {
	for _, a := range cat.AppliesTo {
		for _, at := range a.Targets {
			if at == t && a.When.match(s) {
				return true
			}
		}
	}
	return false
}

// checklistFile is a checklist as written in JSON.
type checklistFile struct {
	ID          string         `json:"id"`
	Name        string         `json:"name"`
	Description string         `json:"description"`
	Categories  []categoryFile `json:"categories"`
}

type categoryFile struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Short       string   `json:"short"`
	Explanation string   `json:"explanation"`
	Questions   []string `json:"questions"`
	AppliesTo   []struct {
		Targets []string        `json:"targets"`
		When    json.RawMessage `json:"when"`
	} `json:"appliesTo"`
}

// ParseChecklist reads one checklist file. file names it in errors.
func ParseChecklist(file string, data []byte) (*Checklist, error) {
	var cf checklistFile
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cf); err != nil {
		return nil, &LoadError{File: file, Err: jsonError("not a checklist", err)}
	}
	fail := func(path, format string, args ...any) error {
		return &LoadError{File: file, Path: path, Err: fmt.Errorf(format, args...)}
	}
	if !idPattern.MatchString(cf.ID) {
		return nil, fail("id", "want a lowercase ID of letters, digits and dashes, got %q", cf.ID)
	}
	if strings.TrimSpace(cf.Name) == "" {
		return nil, fail("name", "missing")
	}
	if len(cf.Categories) == 0 {
		return nil, fail("categories", "a checklist needs at least one category")
	}
	if len(cf.Categories) > maxCategories {
		return nil, fail("categories", "more than %d categories", maxCategories)
	}
	cl := &Checklist{ID: cf.ID, Name: cf.Name, Description: cf.Description, File: file}
	seen := map[string]bool{}
	for i, in := range cf.Categories {
		at := fmt.Sprintf("categories[%d]", i)
		if !idPattern.MatchString(in.ID) {
			return nil, fail(at+".id", "want a lowercase ID of letters, digits and dashes, got %q", in.ID)
		}
		if seen[in.ID] {
			return nil, fail(at+".id", "category %q appears twice", in.ID)
		}
		seen[in.ID] = true
		if strings.TrimSpace(in.Name) == "" {
			return nil, fail(at+".name", "missing")
		}
		if len(in.AppliesTo) == 0 {
			return nil, fail(at+".appliesTo", "say which targets the category applies to")
		}
		cat := Category{ID: in.ID, Name: in.Name, Short: in.Short, Explanation: in.Explanation, Questions: in.Questions}
		for j, a := range in.AppliesTo {
			ap := fmt.Sprintf("%s.appliesTo[%d]", at, j)
			var set targetSet
			for k, name := range a.Targets {
				t, err := ParseTarget(name)
				if err != nil {
					return nil, &LoadError{File: file, Path: fmt.Sprintf("%s.targets[%d]", ap, k), Err: err}
				}
				set |= setOf(t)
			}
			if set == 0 {
				return nil, fail(ap+".targets", "missing")
			}
			app := Applicability{Targets: set.list()}
			if len(a.When) > 0 && string(a.When) != "null" {
				w, err := condParser{local: true}.compile(a.When, ap+".when", set)
				if err != nil {
					return nil, &LoadError{File: file, Err: err}
				}
				app.When = w
			}
			cat.AppliesTo = append(cat.AppliesTo, app)
		}
		cl.Categories = append(cl.Categories, cat)
	}
	return cl, nil
}

// BuiltinChecklists returns fresh copies of the checklists shipped with
// Threatboard, STRIDE first.
func BuiltinChecklists() ([]*Checklist, error) {
	var out []*Checklist
	for _, name := range []string{"checklists/stride.json", "checklists/linddun.json"} {
		data, err := fs.ReadFile(assets.Checklists, name)
		if err != nil {
			return nil, fmt.Errorf("built-in checklist: %w", err)
		}
		cl, err := ParseChecklist(name, data)
		if err != nil {
			return nil, fmt.Errorf("built-in checklist: %w", err)
		}
		out = append(out, cl)
	}
	return out, nil
}

// LoadChecklists returns the built-in checklists followed by the user's own
// from the *.json files in dir (sorted by file name). A missing dir is no
// error; a bad file is reported with its name and reason and skipped, as is
// a user checklist whose ID is already taken.
func LoadChecklists(dir string) ([]*Checklist, []error) {
	out, err := BuiltinChecklists()
	if err != nil {
		return nil, []error{err}
	}
	var errs []error
	taken := map[string]string{}
	for _, cl := range out {
		taken[cl.ID] = "a built-in checklist"
	}
	for _, file := range jsonFiles(dir, &errs) {
		data, err := model.ReadRegularFile(file, maxCatalogFile)
		if err != nil {
			errs = append(errs, &LoadError{File: file, Err: withoutPath(err)})
			continue
		}
		cl, err := ParseChecklist(file, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if by, ok := taken[cl.ID]; ok {
			errs = append(errs, &LoadError{File: file, Path: "id", Err: fmt.Errorf("checklist %q is already %s", cl.ID, by)})
			continue
		}
		taken[cl.ID] = filepath.Base(file)
		out = append(out, cl)
	}
	return out, errs
}

// maxCatalogFile bounds a user's checklist or rule file: a hundred times
// the built-in catalog, and small enough that a stray big file in the
// folder cannot stall the start.
const maxCatalogFile = 8 << 20

// withoutPath drops the path from a file error: a LoadError names the file.
func withoutPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// jsonFiles lists dir's *.json files in name order; nothing when dir is
// empty or missing.
func jsonFiles(dir string, errs *[]error) []string {
	if dir == "" {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			*errs = append(*errs, &LoadError{File: dir, Err: err})
		}
		return nil
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".json") {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(out)
	return out
}

// LoadError is a problem with one checklist or rule file, or one rule in
// it: the file, the rule's ID, the JSON path inside the checklist or rule,
// and the reason.
type LoadError struct {
	File string
	Rule string
	Path string
	Err  error
}

func (e *LoadError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Rule != "" {
		fmt.Fprintf(&b, ": rule %s", e.Rule)
	}
	err := e.Err
	var pe *PathError
	if errors.As(err, &pe) {
		err = pe // print its path with its reason
	}
	if e.Path != "" {
		fmt.Fprintf(&b, ": %s", e.Path)
	}
	fmt.Fprintf(&b, ": %v", err)
	return b.String()
}

func (e *LoadError) Unwrap() error { return e.Err }
