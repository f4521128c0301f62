package analysis

import "github.com/threatboard/threatboard/model"

// Direct readers of the property table's fields. Element.Prop and Flow.Prop
// find a property by searching the table, which costs more than the rest of
// a condition test; a whole-model analysis reads properties millions of
// times. TestPropReaders keeps these in step with the table, and a property
// missing here is read through Prop instead.
var (
	elementBools = map[string]func(*model.Element) bool{
		"outOfScope":           func(e *model.Element) bool { return e.OutOfScope },
		"human":                func(e *model.Element) bool { return e.Human },
		"authenticates":        func(e *model.Element) bool { return e.Authenticates },
		"webApplication":       func(e *model.Element) bool { return e.WebApplication },
		"parsesUntrustedInput": func(e *model.Element) bool { return e.ParsesUntrustedInput },
		"authenticatesUsers":   func(e *model.Element) bool { return e.AuthenticatesUsers },
		"authorizesRequests":   func(e *model.Element) bool { return e.AuthorizesRequests },
		"writesAuditLog":       func(e *model.Element) bool { return e.WritesAuditLog },
		"handlesPayments":      func(e *model.Element) bool { return e.HandlesPayments },
		"handlesPersonalData":  func(e *model.Element) bool { return e.HandlesPersonalData },
		"thirdPartyCode":       func(e *model.Element) bool { return e.ThirdPartyCode },
		"isLog":                func(e *model.Element) bool { return e.IsLog },
		"encryptedAtRest":      func(e *model.Element) bool { return e.EncryptedAtRest },
		"signed":               func(e *model.Element) bool { return e.Signed },
		"storesCredentials":    func(e *model.Element) bool { return e.StoresCredentials },
		"storesPersonalData":   func(e *model.Element) bool { return e.StoresPersonalData },
		"storesSecrets":        func(e *model.Element) bool { return e.StoresSecrets },
		"backedUp":             func(e *model.Element) bool { return e.BackedUp },
		"shared":               func(e *model.Element) bool { return e.Shared },
	}
	elementTexts = map[string]func(*model.Element) string{
		"name":             func(e *model.Element) string { return e.Name },
		"description":      func(e *model.Element) string { return e.Description },
		"technology":       func(e *model.Element) string { return e.Technology },
		"owner":            func(e *model.Element) string { return e.Owner },
		"outOfScopeReason": func(e *model.Element) string { return e.OutOfScopeReason },
		"privilegeLevel":   func(e *model.Element) string { return e.PrivilegeLevel },
	}
	flowBools = map[string]func(*model.Flow) bool{
		"outOfScope":               func(f *model.Flow) bool { return f.OutOfScope },
		"encrypted":                func(f *model.Flow) bool { return f.Encrypted },
		"authenticatesSource":      func(f *model.Flow) bool { return f.AuthenticatesSource },
		"authenticatesDestination": func(f *model.Flow) bool { return f.AuthenticatesDestination },
		"publicNetwork":            func(f *model.Flow) bool { return f.PublicNetwork },
		"bidirectional":            func(f *model.Flow) bool { return f.Bidirectional },
		"carriesCredentials":       func(f *model.Flow) bool { return f.CarriesCredentials },
		"carriesPersonalData":      func(f *model.Flow) bool { return f.CarriesPersonalData },
	}
	flowTexts = map[string]func(*model.Flow) string{
		"name":             func(f *model.Flow) string { return f.Name },
		"description":      func(f *model.Flow) string { return f.Description },
		"technology":       func(f *model.Flow) string { return f.Technology },
		"owner":            func(f *model.Flow) string { return f.Owner },
		"outOfScopeReason": func(f *model.Flow) string { return f.OutOfScopeReason },
		"protocol":         func(f *model.Flow) string { return f.Protocol },
		"classification":   func(f *model.Flow) string { return f.Classification.String() },
	}
)

// propReader reads one property of a subject as a bool or a string, and
// whether the subject has it.
type propReader struct {
	key   string
	kinds [model.Note + 1]bool // element kinds that have the property
	eb    func(*model.Element) bool
	et    func(*model.Element) string
	fb    func(*model.Flow) bool
	ft    func(*model.Flow) string
}

func newPropReader(key string) propReader {
	r := propReader{key: key, eb: elementBools[key], et: elementTexts[key], fb: flowBools[key], ft: flowTexts[key]}
	for k := model.Actor; k <= model.Note; k++ {
		if key == "name" {
			r.kinds[k] = true
			continue
		}
		for _, p := range model.ElementProperties(k) {
			if p.Key == key {
				r.kinds[k] = true
			}
		}
	}
	return r
}

func (r *propReader) read(s *subject) (v any, ok bool) {
	if s.f != nil {
		switch {
		case r.fb != nil:
			return r.fb(s.f), true
		case r.ft != nil:
			return r.ft(s.f), true
		}
		return s.f.Prop(r.key)
	}
	k := s.e.Kind
	if k < 0 || int(k) >= len(r.kinds) || !r.kinds[k] {
		return nil, false
	}
	switch {
	case r.eb != nil:
		return r.eb(s.e), true
	case r.et != nil:
		return r.et(s.e), true
	}
	return s.e.Prop(r.key)
}

// readBool and readText avoid boxing the value in an interface.
func (r *propReader) readBool(s *subject) (v, ok bool) {
	if s.f != nil {
		if r.fb != nil {
			return r.fb(s.f), true
		}
	} else if r.eb != nil {
		k := s.e.Kind
		if k < 0 || int(k) >= len(r.kinds) || !r.kinds[k] {
			return false, false
		}
		return r.eb(s.e), true
	}
	x, ok := r.read(s)
	b, isBool := x.(bool)
	return b, ok && isBool
}

func (r *propReader) readText(s *subject) (v string, ok bool) {
	if s.f != nil {
		if r.ft != nil {
			return r.ft(s.f), true
		}
	} else if r.et != nil {
		k := s.e.Kind
		if k < 0 || int(k) >= len(r.kinds) || !r.kinds[k] {
			return "", false
		}
		return r.et(s.e), true
	}
	x, ok := r.read(s)
	str, isText := x.(string)
	return str, ok && isText
}
