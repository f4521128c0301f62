package interop

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/threatboard/threatboard/model"
)

// What a stencil of the Threat Modeling Tool becomes.
type tm7Kind int

const (
	tm7Unknown tm7Kind = iota
	tm7Actor
	tm7Process
	tm7Store
	tm7BoundaryBox
	tm7BoundaryLine
	tm7Flow
	tm7Annotation
)

var tm7ElementKinds = map[tm7Kind]model.Kind{
	tm7Actor: model.Actor, tm7Process: model.Process, tm7Store: model.Store, tm7Annotation: model.Note,
}

func tm7KindWord(k tm7Kind) string {
	switch k {
	case tm7Actor:
		return "actor"
	case tm7Process:
		return "process"
	case tm7Store:
		return "store"
	case tm7BoundaryBox, tm7BoundaryLine:
		return "boundary"
	case tm7Flow:
		return "flow"
	case tm7Annotation:
		return "annotation"
	}
	return "stencil"
}

// tm7Generic maps the tool's generic type IDs, and tm7Representations the
// representation a knowledge base gives a custom type, to a kind;
// tm7Stencils maps the serialised class (i:type), the last resort.
var (
	tm7Generic = map[string]tm7Kind{
		"GE.EI": tm7Actor, "GE.P": tm7Process, "GE.DS": tm7Store, "GE.TB.B": tm7BoundaryBox,
		"GE.TB.L": tm7BoundaryLine, "GE.DF": tm7Flow, "GE.A": tm7Annotation,
	}
	tm7Representations = map[string]tm7Kind{
		"Rectangle": tm7Actor, "Ellipse": tm7Process, "ParallelLines": tm7Store, "BorderBoundary": tm7BoundaryBox,
		"LineBoundary": tm7BoundaryLine, "Line": tm7Flow, "Annotation": tm7Annotation,
	}
	tm7Stencils = map[string]tm7Kind{
		"StencilRectangle": tm7Actor, "StencilEllipse": tm7Process, "StencilParallelLines": tm7Store,
		"BorderBoundary": tm7BoundaryBox, "LineBoundary": tm7BoundaryLine, "Connector": tm7Flow, "StencilAnnotation": tm7Annotation,
	}
)

// tm7ElementType is one element type of the file's knowledge base.
type tm7ElementType struct {
	name, parent, representation string
}

type tm7KnowledgeBase map[string]tm7ElementType

func readKnowledgeBase(kb *xnode) tm7KnowledgeBase {
	out := tm7KnowledgeBase{}
	for _, list := range []string{"GenericElements", "StandardElements"} {
		for _, et := range childrenNamed(kb.child(list), "ElementType") {
			id := et.childText("Id")
			if id != "" {
				out[id] = tm7ElementType{name: et.childText("Name"), parent: et.childText("ParentId"), representation: et.childText("Representation")}
			}
		}
	}
	return out
}

// kind resolves what a stencil is: by its generic type ID, else through
// the knowledge base (a custom template's types are GUIDs), else by its
// serialised class. how explains a kind that was not plain.
func (kb tm7KnowledgeBase) kind(st *tm7Stencil) (k tm7Kind, how string) {
	if k, ok := tm7Generic[st.generic]; ok {
		return k, ""
	}
	for _, id := range []string{st.generic, st.typeID} {
		seen := 0
		for id != "" && id != "ROOT" && seen < 32 {
			t, ok := kb[id]
			if !ok {
				break
			}
			if k, ok := tm7Generic[id]; ok {
				return k, ""
			}
			if k, ok := tm7Representations[t.representation]; ok {
				return k, ""
			}
			id, seen = t.parent, seen+1
		}
	}
	if k, ok := tm7Stencils[st.itype]; ok {
		return k, fmt.Sprintf("type %q is not in the file's knowledge base: read as a %s from its drawing (%s)", st.generic, tm7KindWord(k), st.itype)
	}
	return tm7Unknown, ""
}

// templateName is the knowledge base's name for a type ID, e.g. "Azure
// Database for PostgreSQL".
func (kb tm7KnowledgeBase) templateName(id string) string { return kb[id].name }

// tm7PropRule maps one display attribute of the tool onto a property of
// ours, by the model's property key; the first key the element or flow
// has wins. docs/IMPORT.md lists the same rows.
type tm7PropRule struct {
	Display string
	Keys    []string
}

var tm7PropRules = []tm7PropRule{
	{"Out Of Scope", []string{"outOfScope"}},
	{"Reason For Out Of Scope", []string{"outOfScopeReason"}},
	{"Authenticates Itself", []string{"authenticates"}},
	{"Running As", []string{"privilegeLevel"}},
	{"Implements or Uses an Authentication Mechanism", []string{"authenticatesUsers"}},
	{"Implements or Uses an Authorization Mechanism", []string{"authorizesRequests"}},
	{"Stores Credentials", []string{"storesCredentials"}},
	{"Stores Log Data", []string{"isLog"}},
	{"Encrypted", []string{"encryptedAtRest", "encrypted"}},
	{"Signed", []string{"signed"}},
	{"Backup", []string{"backedUp"}},
	{"Shared", []string{"shared"}},
	{"Protocol", []string{"protocol"}},
	{"Provides Confidentiality", []string{"encrypted"}},
	{"Source Authenticated", []string{"authenticatesSource"}},
	{"Destination Authenticated", []string{"authenticatesDestination"}},
	{"Description", []string{"description"}},
}

// tm7Ignored are display attributes that describe the tool, not the
// system: "Dataflow Order" numbers the flows in the tool's own report.
var tm7Ignored = []string{"name", "dataflow order"}

// tm7Unset are list values that mean nobody chose.
var tm7Unset = []string{"", "not selected", "select", "not applicable", "n/a"}

func yesNo(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "yes", "true":
		return true, true
	case "no", "false":
		return false, true
	}
	return false, false
}

// leftoverProps maps a stencil's display attributes onto e or f (both nil
// for a boundary) and keeps the others as "Display: value" tags, with one
// note that lists them.
func (run *tm7Run) leftoverProps(where string, st *tm7Stencil, e *model.Element, f *model.Flow) {
	var kept []string
	set := func(key string, v any) bool {
		switch {
		case e != nil:
			return e.SetProp(key, v) == nil
		case f != nil:
			return f.SetProp(key, v) == nil
		}
		return false
	}
	has := func(key string) (any, bool) {
		switch {
		case e != nil:
			return e.Prop(key)
		case f != nil:
			return f.Prop(key)
		}
		return nil, false
	}
	for _, p := range st.props {
		if p.header || slices.Contains(tm7Ignored, strings.ToLower(p.display)) || slices.Contains(tm7Unset, strings.ToLower(p.value)) {
			continue
		}
		mapped := false
		if i := slices.IndexFunc(tm7PropRules, func(r tm7PropRule) bool { return strings.EqualFold(r.Display, p.display) }); i >= 0 {
			// A "no" where the property does not apply says nothing.
			b, isYesNo := yesNo(p.value)
			mapped = isYesNo && !b
			for _, key := range tm7PropRules[i].Keys {
				cur, ok := has(key)
				if !ok {
					continue
				}
				if _, isBool := cur.(bool); isBool {
					b, ok := yesNo(p.value)
					mapped = ok && set(key, b)
				} else {
					mapped = set(key, p.value)
				}
				break
			}
		}
		if mapped {
			continue
		}
		tag := p.display + ": " + p.value
		kept = append(kept, tag)
		switch {
		case e != nil:
			e.Tags = append(e.Tags, tag)
		case f != nil:
			f.Tags = append(f.Tags, tag)
		}
	}
	if len(kept) == 0 {
		return
	}
	if e == nil && f == nil {
		run.note(where, "properties a boundary cannot hold, left out: "+strings.Join(kept, "; "))
		return
	}
	run.note(where, "template properties without a Threatboard equivalent, kept as tags: "+strings.Join(kept, "; "))
}

// tm7Categories maps the tool's threat categories, letters only and in
// lower case, to STRIDE category IDs.
var tm7Categories = map[string]string{
	"spoofing":                "spoofing",
	"tampering":               "tampering",
	"repudiation":             "repudiation",
	"informationdisclosure":   "information-disclosure",
	"denialofservice":         "denial-of-service",
	"elevationofprivilege":    "elevation-of-privilege",
	"elevationofprivileges":   "elevation-of-privilege",
	"elevationofprivilegeeop": "elevation-of-privilege",
}

func strideCategory(s string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	c, ok := tm7Categories[b.String()]
	return c, ok
}

// tm7Priorities maps a threat's priority to our impact.
var tm7Priorities = map[string]model.Level{
	"low": model.Low, "lowest": model.Low, "medium": model.Medium, "high": model.High, "highest": model.High, "critical": model.High,
}

// tm7State is what a threat's state becomes.
type tm7State struct {
	Decision model.Decision
	Status   model.Status
	Note     string // said about every threat in this state
}

var tm7States = map[string]tm7State{
	"AutoGenerated":      {Decision: model.Undecided, Status: model.Open},
	"NotStarted":         {Decision: model.Undecided, Status: model.Open},
	"NeedsInvestigation": {Decision: model.Undecided, Status: model.Open, Note: "marked \"Needs Investigation\": imported as undecided and open"},
	"NotApplicable":      {Decision: model.NotApplicable, Status: model.Done},
	"Mitigated":          {Decision: model.Mitigate, Status: model.Done},
}

// threats reads the ThreatInstances and records each threat on its flow,
// else on its target or source element.
func (run *tm7Run) threats(list *xnode) error {
	if list == nil {
		return nil
	}
	for _, kv := range list.children {
		v := kv.child("Value")
		if v == nil {
			continue
		}
		props := map[string]string{}
		for _, p := range childrenNamed(v.child("Properties"), "KeyValueOfstringstring") {
			props[p.childText("Key")] = strings.TrimSpace(p.childText("Value"))
		}
		pick := func(key string) string {
			if s := props[key]; s != "" {
				return s
			}
			return nilOrText(v.child(key))
		}
		t := &model.Threat{ID: run.newID(), Title: pick("Title"), Description: pick("UserThreatDescription")}
		if t.Description == "" {
			t.Description = pick("UserThreatShortDescription")
		}
		t.Mitigation = stripHTML(props["PossibleMitigations"])
		typeID := nilOrText(v.child("TypeId"))
		label := t.Title
		if label == "" {
			label = typeID
		}
		var common *model.Common
		var where string
		if p := run.flows[nilOrText(v.child("FlowGuid"))]; p != nil {
			common, where = &p.f.Common, p.where
		} else {
			for _, k := range []string{"TargetGuid", "SourceGuid"} {
				if p := run.elements[nilOrText(v.child(k))]; p != nil && p.e.Kind.Connectable() {
					common, where = &p.e.Common, p.where
					break
				}
			}
			if common != nil && nilOrText(v.child("FlowGuid")) != "" && !allZero(nilOrText(v.child("FlowGuid"))) {
				run.note(where+fmt.Sprintf(" › threat %q", label), "its flow was not imported: the threat is recorded on the element")
			}
		}
		if common == nil {
			run.note(fmt.Sprintf("threat %q", label), "linked to nothing that was imported (no flow or element of the diagram): left out")
			continue
		}
		tw := where + fmt.Sprintf(" › threat %q", label)
		if t.Title == "" {
			t.Title = typeID
			run.note(tw, "a threat without a title: titled by its type ID")
		}
		cat := pick("UserThreatCategory")
		if c, ok := strideCategory(cat); ok {
			t.Category = c
		} else if cat != "" {
			run.note(tw, fmt.Sprintf("category %q is not a STRIDE category: left unset, and named in the description", cat))
			t.Description = strings.TrimSpace("Category: " + cat + "\n\n" + t.Description)
		}
		prio := nilOrText(v.child("Priority"))
		if prio == "" {
			prio = props["Priority"]
		}
		if l, ok := tm7Priorities[strings.ToLower(prio)]; ok {
			t.Impact = l
		} else if prio != "" {
			run.note(tw, fmt.Sprintf("priority %q is not low, medium or high: the impact is left unrated", prio))
		}
		state := nilOrText(v.child("State"))
		st, ok := tm7States[state]
		if !ok {
			st = tm7State{Decision: model.Undecided, Status: model.Open, Note: fmt.Sprintf("state %q is not one the tool is known to write: imported as undecided and open", state)}
		}
		t.Decision, t.Status = st.Decision, st.Status
		if st.Note != "" {
			run.note(tw, st.Note)
		}
		t.Justification = nilOrText(v.child("StateInformation"))
		if t.Decision == model.NotApplicable && t.Justification == "" {
			run.note(tw, "not applicable without a justification")
		}
		common.Threats = append(common.Threats, t)
	}
	return nil
}

func allZero(guid string) bool {
	return strings.Trim(guid, "0-") == ""
}

// meta maps the model's MetaInformation: name, owner and description onto
// ours; assumptions and external dependencies into the description; the
// reviewer and contributors as participants of a session that also keeps
// the file's notes.
func (run *tm7Run) meta(root *xnode) {
	m := run.r.Model
	mi := root.child("MetaInformation")
	m.Title = mi.childText("ThreatModelName")
	if m.Title == "" && len(m.Diagrams) > 0 {
		m.Title = m.Diagrams[0].Title
	}
	m.Owner = mi.childText("Owner")
	var desc []string
	for _, part := range []struct{ label, key string }{{"", "HighLevelSystemDescription"}, {"Assumptions: ", "Assumptions"}, {"External dependencies: ", "ExternalDependencies"}} {
		if s := mi.childText(part.key); s != "" {
			desc = append(desc, part.label+s)
		}
	}
	m.Description = strings.Join(desc, "\n\n")
	s := &model.Session{ID: run.newID()}
	if r := mi.childText("Reviewer"); r != "" {
		s.Participants = append(s.Participants, model.Participant{Name: r, Role: "reviewer"})
	}
	for _, c := range strings.FieldsFunc(mi.childText("Contributors"), func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if c = strings.TrimSpace(c); c != "" {
			s.Participants = append(s.Participants, model.Participant{Name: c, Role: "contributor"})
		}
	}
	var notes []string
	for _, n := range childrenNamed(root.child("Notes"), "Note") {
		msg := n.childText("Message")
		if msg == "" {
			continue
		}
		by, date := n.childText("AddedBy"), n.childText("Date")
		if len(date) >= 10 {
			date = date[:10]
		}
		notes = append(notes, strings.TrimSpace(fmt.Sprintf("%s (%s, %s)", msg, by, date)))
	}
	s.Notes = strings.Join(notes, "\n")
	if len(s.Participants) > 0 || s.Notes != "" {
		m.Sessions = append(m.Sessions, s)
		run.note("model", "the reviewer, contributors and notes are kept as a session without a date")
	}
}
