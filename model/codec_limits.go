package model

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// Limits bound what Decode accepts, so that a corrupt or hostile file is
// refused with a clear message instead of exhausting memory or the stack.
// They are far above any model a team draws by hand (docs/FORMAT.md).
type Limits struct {
	FileSize             int64 // bytes
	Diagrams             int
	ElementsPerDiagram   int
	FlowsPerDiagram      int
	BoundariesPerDiagram int
	AttackTrees          int
	TreeDepth            int // levels, the root being level 1
	NodesPerTree         int
	// ListLength bounds every other list: sessions, participants, actions,
	// threats, controls, tags, waypoints and boundary points of one object.
	ListLength   int
	StringLength int // bytes in one string value
	// Objects bounds the JSON objects and list entries in the file, of
	// every kind together: the memory a file can claim grows with them,
	// not with its bytes.
	Objects int
}

// DefaultLimits are the limits Decode and Load apply.
var DefaultLimits = Limits{
	FileSize:             64 << 20,
	Diagrams:             1_000,
	ElementsPerDiagram:   100_000,
	FlowsPerDiagram:      200_000,
	BoundariesPerDiagram: 10_000,
	AttackTrees:          1_000,
	TreeDepth:            64,
	NodesPerTree:         10_000,
	ListLength:           100_000,
	StringLength:         1 << 20,
	Objects:              1_000_000,
}

// checkLimits reports the counts of m that exceed lim; the decoder has
// already checked the file size and string lengths, the converter the trees.
func checkLimits(m *Model, lim Limits, ps *problems) {
	over := func(path, what string, n, max int) {
		if n > max {
			ps.add(path, fmt.Sprintf("%d %s; the limit is %d", n, what, max))
		}
	}
	over("sessions", "sessions", len(m.Sessions), lim.ListLength)
	over("diagrams", "diagrams", len(m.Diagrams), lim.Diagrams)
	over("attackTrees", "attack trees", len(m.AttackTrees), lim.AttackTrees)
	over("actions", "actions", len(m.Actions), lim.ListLength)
	for i, s := range m.Sessions {
		if s != nil {
			over(fmt.Sprintf("sessions[%d].participants", i), "participants", len(s.Participants), lim.ListLength)
		}
	}
	common := func(path string, c *Common) {
		over(path+".tags", "tags", len(c.Tags), lim.ListLength)
		over(path+".controls", "controls", len(c.Controls), lim.ListLength)
		over(path+".threats", "threats", len(c.Threats), lim.ListLength)
		over(path+".dismissed", "dismissed rules", len(c.Dismissed), lim.ListLength)
		over(path+".discussed", "discussions", len(c.Discussed), lim.ListLength)
	}
	for i, d := range m.Diagrams {
		if d == nil {
			continue
		}
		dp := fmt.Sprintf("diagrams[%d]", i)
		over(dp+".elements", "elements", len(d.Elements), lim.ElementsPerDiagram)
		over(dp+".flows", "flows", len(d.Flows), lim.FlowsPerDiagram)
		over(dp+".boundaries", "boundaries", len(d.Boundaries), lim.BoundariesPerDiagram)
		for j, e := range d.Elements {
			if e != nil && listsLong(&e.Common, lim) {
				common(fmt.Sprintf("%s.elements[%d]", dp, j), &e.Common)
			}
		}
		for j, f := range d.Flows {
			if f == nil {
				continue
			}
			if listsLong(&f.Common, lim) {
				common(fmt.Sprintf("%s.flows[%d]", dp, j), &f.Common)
			}
			if len(f.Waypoints) > lim.ListLength {
				over(fmt.Sprintf("%s.flows[%d].waypoints", dp, j), "points", len(f.Waypoints), lim.ListLength)
			}
		}
		for j, b := range d.Boundaries {
			if b != nil && len(b.Points) > lim.ListLength {
				over(fmt.Sprintf("%s.boundaries[%d].points", dp, j), "points", len(b.Points), lim.ListLength)
			}
		}
	}
}

// treeLimits reports the attack trees of m deeper or larger than lim
// allows. Decode finds them when it converts a file's trees; a model built
// in code is checked here before it is saved.
func treeLimits(m *Model, lim Limits, ps *problems) {
	for i, t := range m.AttackTrees {
		if t == nil || t.Root == nil {
			continue
		}
		nodes, depth := 0, 0
		type level struct {
			n     *Node
			depth int
		}
		stack := []level{{t.Root, 1}}
		for len(stack) > 0 && nodes <= lim.NodesPerTree {
			l := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if l.n == nil {
				continue
			}
			nodes++
			depth = max(depth, l.depth)
			for _, c := range l.n.Children {
				stack = append(stack, level{c, l.depth + 1})
			}
		}
		path := fmt.Sprintf("attackTrees[%d]", i)
		switch {
		case nodes > lim.NodesPerTree:
			ps.addf(path, "the tree has more than %d nodes, the limit", lim.NodesPerTree)
		case depth > lim.TreeDepth:
			ps.addf(path, "the tree is %d levels deep; the limit is %d", depth, lim.TreeDepth)
		}
	}
}

// listsLong is the cheap test that spares building paths for the common case.
func listsLong(c *Common, lim Limits) bool {
	return len(c.Tags) > lim.ListLength || len(c.Controls) > lim.ListLength ||
		len(c.Threats) > lim.ListLength || len(c.Dismissed) > lim.ListLength || len(c.Discussed) > lim.ListLength
}

// checkSizes tells why v, a value an edit is about to put in the document
// (an object with what it holds, a list, a text), would make a file that
// Decode refuses for a size: a text longer than StringLength, a list
// longer than its limit (by its field's name, as the decoder applies them),
// nesting deeper than the decoder reads. Counts that depend on the rest of
// the document (a diagram's elements) are the commands' to check.
func checkSizes(v any) error {
	return DefaultLimits.sizes(reflect.ValueOf(v))
}

func (lim Limits) sizes(v reflect.Value) error {
	w := sizeWalk{lim: lim}
	return w.value(v, "", 0)
}

// sizeWalk walks a value for checkSizes. It keeps the path to where it is
// as segments, and joins them only for a message.
type sizeWalk struct {
	lim  Limits
	path []string // keys, and "[i]" for list entries
}

func (w *sizeWalk) at() string {
	var b strings.Builder
	for _, seg := range w.path {
		if b.Len() > 0 && seg[0] != '[' {
			b.WriteByte('.')
		}
		b.WriteString(seg)
	}
	return b.String()
}

// value checks v, the value of the field key ("" for a list entry or the
// value itself).
func (w *sizeWalk) value(v reflect.Value, key string, depth int) error {
	if depth > maxNesting {
		return fmt.Errorf("%s: nested more than %d levels deep", w.at(), maxNesting)
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return w.value(v.Elem(), key, depth)
		}
	case reflect.String:
		if n := v.Len(); n > w.lim.StringLength {
			return fmt.Errorf("%s is %d bytes long, over the limit of %d a file can hold", textName(w.at()), n, w.lim.StringLength)
		}
	case reflect.Slice:
		if max, what := listLimitOf(w.lim, key); v.Len() > max {
			return fmt.Errorf("%s: %d %s, over the limit of %d a file can hold", textName(w.at()), v.Len(), what, max)
		}
		if sizePlanOf(v.Type().Elem()) == nil {
			return nil // points, numbers: nothing inside to check
		}
		for i := range v.Len() {
			w.path = append(w.path, "["+strconv.Itoa(i)+"]")
			err := w.value(v.Index(i), "", depth+1)
			w.path = w.path[:len(w.path)-1]
			if err != nil {
				return err
			}
		}
	case reflect.Struct:
		p := sizePlanOf(v.Type())
		if p == nil {
			return nil // a rectangle, a date: nothing to check
		}
		for _, f := range p.fields {
			if !f.embedded { // an embedded Common's fields are its owner's
				w.path = append(w.path, f.key)
			}
			err := w.value(v.Field(f.index), f.key, depth+1)
			if !f.embedded {
				w.path = w.path[:len(w.path)-1]
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// sizePlan lists the fields of a struct type that may hold a text or a
// list, with the key the file gives each.
type sizePlan struct{ fields []sizeField }

type sizeField struct {
	index    int
	key      string
	embedded bool
}

// sizePlanOf returns the plan of a type whose values may hold a text or a
// list (a struct's plan lists such fields), nil for one that holds
// neither. Plans are made once per type.
func sizePlanOf(t reflect.Type) *sizePlan {
	switch t.Kind() {
	case reflect.String, reflect.Slice, reflect.Interface:
		return &sizePlan{}
	case reflect.Pointer:
		return sizePlanOf(t.Elem())
	case reflect.Struct:
	default:
		return nil
	}
	if p, ok := sizePlans.Load(t); ok {
		return p.(*sizePlan)
	}
	// A type that holds itself does so through a pointer or a list: while
	// its plan is made, it counts as holding something.
	p := &sizePlan{}
	sizePlans.Store(t, p)
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() && sizePlanOf(f.Type) != nil {
			p.fields = append(p.fields, sizeField{index: i, key: lowerFirst(f.Name), embedded: f.Anonymous})
		}
	}
	if len(p.fields) == 0 {
		sizePlans.Store(t, (*sizePlan)(nil))
		return nil
	}
	return p
}

// sizePlans holds sizePlanOf's plans by type.
var sizePlans sync.Map

// lowerFirst turns a Go field name into the key the file gives it, or
// close enough for a message: Name → name, ID → id, ThreatID → threatID.
func lowerFirst(s string) string {
	b := []rune(s)
	for i := range b {
		if !unicode.IsUpper(b[i]) || i > 0 && i+1 < len(b) && unicode.IsLower(b[i+1]) {
			break
		}
		b[i] = unicode.ToLower(b[i])
	}
	return string(b)
}

// textName names the value at path in a message: "the text" for the value
// itself.
func textName(path string) string {
	switch {
	case path == "":
		return "the text"
	case path[0] == '[':
		return "the entry " + path
	}
	return "the " + path
}
