package interop

import (
	"strings"

	"github.com/threatboard/threatboard/model"
)

// The Threat Dragon mapping tables: the importer, the exporter, their tests
// and docs/IMPORT.md all read these, so the mapping is written down once.

// tdShape is how a Threat Dragon cell shape (v2 `shape`, v1 `type`) maps.
type tdShape struct {
	Shape string // v2
	V1    string // v1 `type`, empty when v1 has no such cell
	Ours  string // what it becomes, for the docs
}

var tdShapes = []tdShape{
	{"actor", "tm.Actor", "actor element"},
	{"process", "tm.Process", "process element (a multi-process comes back as one, see data.threatboard.kind)"},
	{"store", "tm.Store", "store element"},
	{"td-text-block", "tm.Text", "note element"},
	{"flow", "tm.Flow", "flow; a free end becomes a small placeholder actor, reported"},
	{"trust-boundary-box", "", "box boundary"},
	{"trust-boundary-curve", "tm.Boundary", "line boundary through source, vertices and target"},
	{"trust-broundary-curve", "", "line boundary (Threat Dragon's old misspelling)"},
}

// v2Shape returns the v2 shape of a v1 cell type.
func v2Shape(v1 string) string {
	for _, s := range tdShapes {
		if s.V1 != "" && s.V1 == v1 {
			return s.Shape
		}
	}
	return ""
}

// tdProp maps one Threat Dragon `data` property onto a model property key
// (model.Element.SetProp / model.Flow.SetProp), or onto a tag when the model
// has no such property.
type tdProp struct {
	TD      string
	Element string // model property key for elements, empty when none
	Flow    string // model property key for flows, empty when none
	Tag     string // the tag that carries a true value the model has no property for
	// TagKinds are the element kinds the export writes Tag's key for.
	TagKinds []model.Kind
}

var tdProps = []tdProp{
	{TD: "description", Element: "description", Flow: "description"},
	{TD: "outOfScope", Element: "outOfScope", Flow: "outOfScope"},
	{TD: "reasonOutOfScope", Element: "outOfScopeReason", Flow: "outOfScopeReason"},
	{TD: "providesAuthentication", Element: "authenticates"},
	{TD: "privilegeLevel", Element: "privilegeLevel"},
	{TD: "isWebApplication", Element: "webApplication"},
	{TD: "handlesCardPayment", Element: "handlesPayments"},
	{TD: "handlesGoodsOrServices", Tag: "handles-goods-or-services", TagKinds: []model.Kind{model.Process, model.MultiProcess}},
	{TD: "isALog", Element: "isLog"},
	{TD: "isEncrypted", Element: "encryptedAtRest", Flow: "encrypted"},
	{TD: "isSigned", Element: "signed"},
	{TD: "storesCredentials", Element: "storesCredentials"},
	{TD: "storesInventory", Tag: "stores-inventory", TagKinds: []model.Kind{model.Store}},
	{TD: "protocol", Flow: "protocol"},
	{TD: "isPublicNetwork", Flow: "publicNetwork"},
	{TD: "isBidirectional", Flow: "bidirectional"},
}

// tdDerived are the `data` keys Threat Dragon computes from the rest; the
// import reads them for nothing and the export writes them afresh.
var tdDerived = []string{"type", "name", "hasOpenThreats", "isTrustBoundary", "threatFrequency",
	"containedElements", "crossingFlows", "trustBoundaryIds", "threats", extraKey}

// extraKey is the `data` (and threat, diagram and detail) key under which
// the export keeps what Threat Dragon has no place for; Threat Dragon
// carries unknown keys along, and the import restores them.
const extraKey = "threatboard"

// tdStatus maps a Threat Dragon threat status onto a decision and a status.
type tdStatus struct {
	TD       string
	Decision model.Decision
	Status   model.Status
}

// tdStatuses: the first entry for a decision and status is the one the
// export writes.
var tdStatuses = []tdStatus{
	{"Open", model.Undecided, model.Open},
	{"Mitigated", model.Mitigate, model.Done},
	{"Eliminated", model.Mitigate, model.Verified},
	{"NotApplicable", model.NotApplicable, model.Done},
	{"NA", model.NotApplicable, model.Done},
	{"Accepted", model.Accept, model.Done},
	{"Transferred", model.Transfer, model.Done},
	{"Avoided", model.Avoid, model.Done},
}

// tdStatusOf returns the Threat Dragon status the export writes for a
// threat. Work under way (mitigate, open or in progress) is "Open" there;
// the exact decision and status travel in the threat's extra block.
func tdStatusOf(d model.Decision, s model.Status) string {
	for _, st := range tdStatuses {
		if st.Decision == d && st.Status == s {
			return st.TD
		}
	}
	for _, st := range tdStatuses {
		if st.Decision == d && d != model.Mitigate && d != model.Undecided {
			return st.TD
		}
	}
	if d == model.Mitigate && s == model.Verified {
		return "Eliminated"
	}
	return "Open"
}

// tdSeverities maps Threat Dragon severities onto impact. Critical has no
// level of its own: it becomes High, reported. TBA and empty are unrated.
var tdSeverities = []struct {
	TD     string
	Impact model.Level
}{
	{"TBA", model.LevelUnset},
	{"Low", model.Low},
	{"Medium", model.Medium},
	{"High", model.High},
	{"Critical", model.High},
}

func tdSeverity(s string) (model.Level, bool) {
	for _, v := range tdSeverities {
		if strings.EqualFold(v.TD, s) {
			return v.Impact, true
		}
	}
	return model.LevelUnset, s == ""
}

func tdSeverityOf(l model.Level) string {
	for _, v := range tdSeverities {
		if v.Impact == l {
			return v.TD
		}
	}
	return "TBA"
}

// tdCategories maps the threat types of STRIDE and LINDDUN onto the
// categories of the built-in checklists. Any other type (CIA, DIE, PLOT4ai,
// EoP cards, a team's own) is kept as a category of a custom checklist:
// its name made into an ID ("Integrity" → "integrity").
var tdCategories = []struct{ TD, Category string }{
	{"Spoofing", "spoofing"},
	{"Tampering", "tampering"},
	{"Repudiation", "repudiation"},
	{"Information disclosure", "information-disclosure"},
	{"Denial of service", "denial-of-service"},
	{"Elevation of privilege", "elevation-of-privilege"},
	{"Linkability", "linkability"},
	{"Identifiability", "identifiability"},
	{"Non-repudiation", "non-repudiation"},
	{"Detectability", "detectability"},
	{"Disclosure of information", "disclosure-of-information"},
	{"Unawareness", "unawareness"},
	{"Non-compliance", "non-compliance"},
}

// tdCategory returns the category for a threat type and whether it is one
// of the built-in checklists'.
func tdCategory(typ string) (string, bool) {
	for _, c := range tdCategories {
		if strings.EqualFold(c.TD, typ) {
			return c.Category, true
		}
	}
	return slug(typ), false
}

// tdTypeOf is the threat type the export writes for a category.
func tdTypeOf(category string) string {
	for _, c := range tdCategories {
		if c.Category == category {
			return c.TD
		}
	}
	if category == "" {
		return ""
	}
	s := strings.ReplaceAll(category, "-", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// tdChecklists maps a diagram type onto the checklist of the diagram.
var tdChecklists = []struct{ TD, Checklist string }{
	{"STRIDE", "stride"},
	{"LINDDUN", "linddun"},
	{"CIA", "cia"},
	{"DIE", "die"},
	{"PLOT4ai", "plot4ai"},
	{"EOP", "eop"},
	{"Generic", "generic"},
}

func tdChecklist(typ string) string {
	for _, c := range tdChecklists {
		if strings.EqualFold(c.TD, typ) {
			return c.Checklist
		}
	}
	return slug(typ)
}

func tdDiagramType(checklist string) string {
	for _, c := range tdChecklists {
		if c.Checklist == checklist {
			return c.TD
		}
	}
	if checklist == "" {
		return "STRIDE"
	}
	return checklist
}

// slug makes a category or checklist ID of a name: lower case, runs of
// anything but letters and digits become one hyphen.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}
