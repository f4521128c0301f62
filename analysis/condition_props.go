package analysis

import "github.com/threatboard/threatboard/model"

// propReader reads one property of a subject as a bool or a string, and
// whether the subject has it. It holds the property table's rows for the
// key, found once when the condition is parsed: a whole-model analysis
// reads properties millions of times, and finding them by key each time
// costs more than the rest of a condition test.
type propReader struct {
	name       bool // the element's or flow's name, which is not in the table
	elem, flow *model.Property
}

func newPropReader(key string) propReader {
	r := propReader{name: key == "name"}
	if p, ok := model.ElementProperty(key); ok {
		r.elem = &p
	}
	if p, ok := model.FlowProperty(key); ok {
		r.flow = &p
	}
	return r
}

// readBool and readText avoid boxing the value in an interface.
func (r *propReader) readBool(s *subject) (v, ok bool) {
	switch {
	case s.f != nil && r.flow != nil:
		return r.flow.FlowBool(s.f)
	case s.f == nil && r.elem != nil:
		return r.elem.ElementBool(s.e)
	}
	return false, false
}

func (r *propReader) readText(s *subject) (v string, ok bool) {
	switch {
	case r.name && s.f != nil:
		return s.f.Name, true
	case r.name:
		return s.e.Name, true
	case s.f != nil && r.flow != nil:
		return r.flow.FlowText(s.f)
	case s.f == nil && r.elem != nil:
		return r.elem.ElementText(s.e)
	}
	return "", false
}
