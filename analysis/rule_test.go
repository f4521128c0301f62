package analysis

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/model"
)

func builtinCatalog(t testing.TB) *Catalog {
	t.Helper()
	c, err := BuiltinCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func suggestionKeys(ss []Suggestion) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Key
	}
	return out
}

func hasKey(ss []Suggestion, key string) bool {
	for _, s := range ss {
		if s.Key == key {
			return true
		}
	}
	return false
}

// TestRuleCasesCoverCatalog fails when a built-in rule has no two-way test
// case, or a case tests a rule that does not exist.
func TestRuleCasesCoverCatalog(t *testing.T) {
	c := builtinCatalog(t)
	for _, r := range c.Rules() {
		if _, ok := ruleCases[r.ID]; !ok {
			t.Errorf("rule %s has no case in ruleCases", r.ID)
		}
	}
	for id, rc := range ruleCases {
		if c.Rule(id) == nil {
			t.Errorf("ruleCases has %s, which is not a rule", id)
		}
		if len(rc.silent) == 0 {
			t.Errorf("%s: no case where it must not fire", id)
		}
	}
}

// TestBuiltinCatalogCoverage checks the catalog's breadth: at least 60 rules,
// every STRIDE and LINDDUN category, every kind of target.
func TestBuiltinCatalogCoverage(t *testing.T) {
	c := builtinCatalog(t)
	if n := len(c.Rules()); n < 60 {
		t.Errorf("%d built-in rules, want at least 60", n)
	}
	cats := map[string]bool{}
	targets := map[Target]bool{}
	for _, r := range c.Rules() {
		cats[r.Checklist+"/"+r.Category] = true
		for _, tg := range r.Targets {
			targets[tg] = true
		}
		if len(r.References) == 0 {
			t.Errorf("%s has no references", r.ID)
		}
	}
	for _, cl := range c.Checklists() {
		for _, cat := range cl.Categories {
			if !cats[cl.ID+"/"+cat.ID] {
				t.Errorf("no rule for %s/%s", cl.ID, cat.ID)
			}
		}
	}
	for _, tg := range Targets {
		if !targets[tg] {
			t.Errorf("no rule targets %s", tg)
		}
	}
}

// TestRules runs every rule's case both ways, through Suggest and SuggestFor.
func TestRules(t *testing.T) {
	c := builtinCatalog(t)
	ids := make([]string, 0, len(ruleCases))
	for id := range ruleCases {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		rc := ruleCases[id]
		r := c.Rule(id)
		if r == nil {
			continue // reported by TestRuleCasesCoverCatalog
		}
		key := SuggestionKey(id, rc.target)
		build := func(t *testing.T, mutate func(*sketch)) *model.Model {
			s := newSketch(t)
			rc.build(s)
			if mutate != nil {
				mutate(s)
			}
			return s.model(r.Checklist)
		}
		t.Run(id+"/fires", func(t *testing.T) {
			m := build(t, nil)
			all := c.Suggest(m)
			if !hasKey(all, key) {
				t.Fatalf("%s not suggested; got %v", key, suggestionKeys(all))
			}
			one := c.SuggestFor(m, "d1", rc.target)
			var want []Suggestion
			for _, s := range all {
				if s.TargetID == rc.target {
					want = append(want, s)
				}
			}
			if !reflect.DeepEqual(one, want) {
				t.Errorf("SuggestFor = %v, Suggest has %v", suggestionKeys(one), suggestionKeys(want))
			}
			for _, s := range all {
				if s.Key == key && (strings.Contains(s.Title, "{") || s.Title == "") {
					t.Errorf("title %q not filled in", s.Title)
				}
			}
		})
		for name, mutate := range rc.silent {
			t.Run(id+"/silent/"+name, func(t *testing.T) {
				if got := c.Suggest(build(t, mutate)); hasKey(got, key) {
					t.Errorf("%s suggested", key)
				}
			})
		}
		// What silences every rule alike.
		generic := map[string]func(*sketch){
			"out of scope": func(s *sketch) { s.common(rc.target).OutOfScope = true },
			"dismissed":    func(s *sketch) { s.common(rc.target).Dismissed = []string{"X", id} },
			"accepted": func(s *sketch) {
				s.common(rc.target).Threats = []*model.Threat{{ID: "t1", Title: "Mine", RuleID: id}}
			},
		}
		for name, mutate := range generic {
			t.Run(id+"/silent/"+name, func(t *testing.T) {
				m := build(t, mutate)
				if got := c.Suggest(m); hasKey(got, key) {
					t.Errorf("%s suggested", key)
				}
				if got := c.SuggestFor(m, "d1", rc.target); hasKey(got, key) {
					t.Errorf("%s suggested by SuggestFor", key)
				}
			})
		}
		t.Run(id+"/silent/other checklist", func(t *testing.T) {
			m := build(t, nil)
			other := ChecklistLINDDUN
			if r.Checklist == ChecklistLINDDUN {
				other = ChecklistSTRIDE
			}
			m.Diagrams[0].Checklist = other
			if got := c.Suggest(m); hasKey(got, key) {
				t.Errorf("%s suggested on a %s diagram", key, other)
			}
		})
	}
}

// TestDeserializationPlatforms checks TB-E-004's platform pattern on the
// technology names people write.
func TestDeserializationPlatforms(t *testing.T) {
	c := builtinCatalog(t)
	for tech, want := range map[string]bool{
		"Java 21": true, "Spring Boot (Java)": true, "C#": true, ".NET 8": true, "ASP.NET Core": true,
		"Python 3.12": true, "php-fpm": true, "Ruby on Rails": true,
		"JavaScript": false, "Go": false, "Rust": false, "TypeScript": false,
	} {
		s := newSketch(t)
		s.add("p", kProc, "parsesUntrustedInput", "technology="+tech)
		if got := hasKey(c.Suggest(s.model(ChecklistSTRIDE)), "TB-E-004:p"); got != want {
			t.Errorf("%q: TB-E-004 fires = %v, want %v", tech, got, want)
		}
	}
}
