package analysis

import "github.com/threatboard/threatboard/model"

// ruleCase is the two-way test of one built-in rule: build draws a minimal
// diagram on which the rule fires on target; each silent mutation of that
// diagram is a near miss on which it must not.
type ruleCase struct {
	target string
	build  func(s *sketch)
	silent map[string]func(s *sketch)
}

const (
	kActor = model.Actor
	kProc  = model.Process
	kMulti = model.MultiProcess
	kStore = model.Store
)

// ruleCases holds a case for every built-in rule; TestRuleCasesCoverCatalog
// fails when one is missing.
var ruleCases = map[string]ruleCase{
	// STRIDE, actors.
	"TB-S-001": {"a",
		func(s *sketch) { s.add("a", kActor, "human", "!authenticates").add("p", kProc).flow("f", "a", "p") },
		map[string]func(*sketch){
			"authenticated":   func(s *sketch) { s.set("a", "authenticates") },
			"only reads data": func(s *sketch) { s.d.Flows[0].From, s.d.Flows[0].To = "p", "a" },
		}},
	"TB-S-002": {"a",
		func(s *sketch) { s.add("a", kActor, "human", "authenticates").add("p", kProc).flow("f", "a", "p") },
		map[string]func(*sketch){
			"mfa":       func(s *sketch) { s.control("a", "MFA", true) },
			"a system":  func(s *sketch) { s.set("a", "!human") },
			"anonymous": func(s *sketch) { s.set("a", "!authenticates") },
		}},
	"TB-S-003": {"a",
		func(s *sketch) { s.add("a", kActor, "!human", "!authenticates").add("p", kProc).flow("f", "a", "p") },
		map[string]func(*sketch){"authenticates": func(s *sketch) { s.set("a", "authenticates") }}},
	"TB-R-006": {"a",
		func(s *sketch) { s.add("a", kActor, "authenticates").add("p", kProc).flow("f", "a", "p") },
		map[string]func(*sketch){"audited": func(s *sketch) { s.set("p", "writesAuditLog") }}},

	// STRIDE, processes.
	"TB-S-004": {"p",
		func(s *sketch) { s.add("u", kActor).add("p", kProc).flow("f", "u", "p") },
		map[string]func(*sketch){
			"authenticates":       func(s *sketch) { s.set("p", "authenticatesUsers") },
			"called by a service": func(s *sketch) { s.d.Elements[0].Kind = kProc },
		}},
	"TB-S-005": {"p",
		func(s *sketch) { s.add("p", kProc, "webApplication", "authenticatesUsers") },
		map[string]func(*sketch){"session management": func(s *sketch) { s.control("p", "Session management", true) }}},
	"TB-S-006": {"p",
		func(s *sketch) { s.add("q", kProc).add("p", kProc).zone("p").flow("f", "q", "p") },
		map[string]func(*sketch){
			"source authenticated": func(s *sketch) { s.set("f", "authenticatesSource") },
			"same trust zone":      func(s *sketch) { s.noZones() },
		}},
	"TB-S-007": {"p",
		func(s *sketch) { s.add("p", kProc, "authenticatesUsers") },
		map[string]func(*sketch){
			"rate limited":      func(s *sketch) { s.control("p", "rate limiting", true) },
			"no authentication": func(s *sketch) { s.set("p", "!authenticatesUsers") },
		}},
	"TB-S-008": {"p",
		func(s *sketch) { s.add("p", kProc).add("q", kProc).zone("q").flow("f", "p", "q") },
		map[string]func(*sketch){
			"destination authenticated": func(s *sketch) { s.set("f", "authenticatesDestination") },
			"same trust zone":           func(s *sketch) { s.noZones() },
		}},
	"TB-T-002": {"p",
		func(s *sketch) { s.add("p", kProc, "parsesUntrustedInput") },
		map[string]func(*sketch){
			"validated":     func(s *sketch) { s.control("p", "Input validation", true) },
			"trusted input": func(s *sketch) { s.set("p", "!parsesUntrustedInput") },
		}},
	"TB-T-003": {"p",
		func(s *sketch) {
			s.add("p", kProc, "parsesUntrustedInput").add("s", kStore, "technology=PostgreSQL 16").flow("f", "p", "s")
		},
		map[string]func(*sketch){"not SQL": func(s *sketch) { s.set("s", "technology=Redis") }}},
	"TB-T-004": {"p",
		func(s *sketch) { s.add("p", kProc, "webApplication", "authenticatesUsers") },
		map[string]func(*sketch){"csrf tokens": func(s *sketch) { s.control("p", "CSRF protection", true) }}},
	"TB-T-005": {"p",
		func(s *sketch) { s.add("p", kProc, "webApplication", "parsesUntrustedInput") },
		map[string]func(*sketch){
			"csp":           func(s *sketch) { s.control("p", "Content Security Policy", true) },
			"not a web app": func(s *sketch) { s.set("p", "!webApplication") },
		}},
	"TB-T-006": {"p",
		func(s *sketch) { s.add("p", kProc, "thirdPartyCode") },
		map[string]func(*sketch){"sbom": func(s *sketch) { s.control("p", "SBOM", true) }}},
	"TB-R-001": {"p",
		func(s *sketch) { s.add("p", kProc, "authenticatesUsers") },
		map[string]func(*sketch){"audited": func(s *sketch) { s.set("p", "writesAuditLog") }}},
	"TB-R-002": {"p",
		func(s *sketch) { s.add("p", kProc, "handlesPayments") },
		map[string]func(*sketch){"audited": func(s *sketch) { s.set("p", "writesAuditLog") }}},
	"TB-I-007": {"p",
		func(s *sketch) { s.add("p", kProc, "webApplication") },
		map[string]func(*sketch){"error handling": func(s *sketch) { s.control("p", "Error handling", true) }}},
	"TB-I-008": {"p",
		func(s *sketch) { s.add("p", kProc, "thirdPartyCode", "handlesPersonalData") },
		map[string]func(*sketch){"no sensitive data": func(s *sketch) { s.set("p", "!handlesPersonalData") }}},
	"TB-I-010": {"p",
		func(s *sketch) {
			s.add("p", kProc, "webApplication", "parsesUntrustedInput").add("q", kProc).zone("q").flow("f", "p", "q")
		},
		map[string]func(*sketch){"calls stay inside": func(s *sketch) { s.noZones() }}},
	"TB-D-001": {"p",
		func(s *sketch) { s.add("u", kActor).add("p", kProc).flow("f", "u", "p") },
		map[string]func(*sketch){
			"rate limited":    func(s *sketch) { s.control("p", "Rate limiting", true) },
			"internal caller": func(s *sketch) { s.d.Elements[0].Kind = kProc },
		}},
	"TB-D-002": {"p",
		func(s *sketch) { s.add("p", kProc, "parsesUntrustedInput") },
		map[string]func(*sketch){"size limits": func(s *sketch) { s.control("p", "Input size limits", true) }}},
	"TB-D-007": {"p",
		func(s *sketch) { s.add("p", kProc, "authenticatesUsers").control("p", "Account lockout", true) },
		map[string]func(*sketch){"no lockout": func(s *sketch) { s.d.Elements[0].Controls = nil }}},
	"TB-E-001": {"p",
		func(s *sketch) { s.add("u", kActor).add("p", kProc).flow("f", "u", "p") },
		map[string]func(*sketch){
			"authorizes":         func(s *sketch) { s.set("p", "authorizesRequests") },
			"no outside callers": func(s *sketch) { s.d.Flows = nil },
		}},
	"TB-E-002": {"p",
		func(s *sketch) { s.add("p", kProc, "privilegeLevel=root", "parsesUntrustedInput") },
		map[string]func(*sketch){
			"unprivileged":  func(s *sketch) { s.set("p", "privilegeLevel=service account") },
			"trusted input": func(s *sketch) { s.set("p", "!parsesUntrustedInput") },
		}},
	"TB-E-003": {"p",
		func(s *sketch) {
			s.add("p", kProc, "authorizesRequests").add("s", kStore, "storesPersonalData").flow("f", "s", "p")
		},
		map[string]func(*sketch){"no personal records": func(s *sketch) { s.set("s", "!storesPersonalData") }}},
	"TB-E-004": {"p",
		func(s *sketch) { s.add("p", kProc, "parsesUntrustedInput", "technology=Java 21") },
		map[string]func(*sketch){"go": func(s *sketch) { s.set("p", "technology=Go") }}},
	"TB-E-005": {"p",
		func(s *sketch) { s.add("p", kProc, "thirdPartyCode", "privilegeLevel=Administrator") },
		map[string]func(*sketch){"unprivileged": func(s *sketch) { s.set("p", "privilegeLevel=app") }}},
	"TB-E-006": {"m",
		func(s *sketch) { s.add("u", kActor).add("m", kMulti).flow("f", "u", "m") },
		map[string]func(*sketch){
			"segmented":        func(s *sketch) { s.control("m", "Network segmentation", true) },
			"a single process": func(s *sketch) { s.d.Elements[1].Kind = kProc },
		}},
	"TB-E-007": {"p",
		func(s *sketch) {
			s.add("p", kProc, "webApplication", "parsesUntrustedInput").add("s", kStore, "technology=S3 bucket").flow("f", "p", "s")
		},
		map[string]func(*sketch){"a database": func(s *sketch) { s.set("s", "technology=PostgreSQL") }}},
	"TB-E-008": {"p",
		func(s *sketch) {
			s.add("u", kActor).add("p", kProc, "name=Admin console").zone("p").flow("f", "u", "p")
		},
		map[string]func(*sketch){
			"same trust zone": func(s *sketch) { s.noZones() },
			"not admin":       func(s *sketch) { s.set("p", "name=Catalogue") },
		}},

	// STRIDE, stores.
	"TB-T-007": {"s",
		func(s *sketch) { s.add("s", kStore, "shared") },
		map[string]func(*sketch){"signed": func(s *sketch) { s.set("s", "signed") }}},
	"TB-T-008": {"s",
		func(s *sketch) { s.add("p", kProc).add("s", kStore).zone("s").flow("f", "p", "s") },
		map[string]func(*sketch){
			"signed":          func(s *sketch) { s.set("s", "signed") },
			"same trust zone": func(s *sketch) { s.noZones() },
		}},
	"TB-T-009": {"s",
		func(s *sketch) { s.add("s", kStore).add("p", kProc).zone("p").flow("f", "s", "p") },
		map[string]func(*sketch){
			"signed":          func(s *sketch) { s.set("s", "signed") },
			"same trust zone": func(s *sketch) { s.noZones() },
		}},
	"TB-T-010": {"s",
		func(s *sketch) { s.add("w", kProc, "outOfScope").add("s", kStore).flow("f", "w", "s") },
		map[string]func(*sketch){
			"writer in scope": func(s *sketch) { s.set("w", "!outOfScope") },
			"signed":          func(s *sketch) { s.set("s", "signed") },
		}},
	"TB-I-011": {"s",
		func(s *sketch) { s.add("s", kStore, "backedUp", "storesSecrets", "encryptedAtRest") },
		map[string]func(*sketch){
			"encrypted backups": func(s *sketch) { s.control("s", "Encrypted backups", true) },
			"no backups":        func(s *sketch) { s.set("s", "!backedUp") },
		}},
	"TB-R-003": {"s",
		func(s *sketch) { s.add("s", kStore, "isLog") },
		map[string]func(*sketch){
			"signed":    func(s *sketch) { s.set("s", "signed") },
			"not a log": func(s *sketch) { s.set("s", "!isLog") },
		}},
	"TB-R-004": {"l",
		func(s *sketch) {
			s.add("p", kProc, "parsesUntrustedInput").add("l", kStore, "isLog", "signed").flow("f", "p", "l")
		},
		map[string]func(*sketch){"validated": func(s *sketch) { s.control("p", "Input validation", true) }}},
	"TB-R-005": {"l",
		func(s *sketch) { s.add("l", kStore, "isLog", "shared") },
		map[string]func(*sketch){"own log": func(s *sketch) { s.set("l", "!shared") }}},
	"TB-I-004": {"s",
		func(s *sketch) { s.add("s", kStore, "storesPersonalData") },
		map[string]func(*sketch){
			"encrypted":         func(s *sketch) { s.set("s", "encryptedAtRest") },
			"nothing sensitive": func(s *sketch) { s.set("s", "!storesPersonalData") },
		}},
	"TB-I-005": {"s",
		func(s *sketch) { s.add("s", kStore, "storesCredentials", "encryptedAtRest") },
		map[string]func(*sketch){"hashed": func(s *sketch) { s.control("s", "Password hashing", true) }}},
	"TB-I-006": {"s",
		func(s *sketch) { s.add("s", kStore, "storesSecrets", "shared", "encryptedAtRest") },
		map[string]func(*sketch){"own store": func(s *sketch) { s.set("s", "!shared") }}},
	"TB-I-009": {"l",
		func(s *sketch) { s.add("p", kProc, "authenticatesUsers").add("l", kStore, "isLog").flow("f", "p", "l") },
		map[string]func(*sketch){"writer handles nothing sensitive": func(s *sketch) { s.set("p", "!authenticatesUsers") }}},
	"TB-D-003": {"s",
		func(s *sketch) { s.add("s", kStore) },
		map[string]func(*sketch){"backed up": func(s *sketch) { s.set("s", "backedUp") }}},
	"TB-D-005": {"l",
		func(s *sketch) {
			s.add("p", kProc, "parsesUntrustedInput").add("l", kStore, "isLog").flow("f", "p", "l")
		},
		map[string]func(*sketch){"trusted writer": func(s *sketch) { s.set("p", "!parsesUntrustedInput") }}},
	"TB-D-006": {"s",
		func(s *sketch) { s.add("s", kStore, "shared") },
		map[string]func(*sketch){"quotas": func(s *sketch) { s.control("s", "Quotas", true) }}},

	// STRIDE, flows.
	"TB-T-001": {"f",
		func(s *sketch) { s.add("u", kActor).add("p", kProc).zone("p").flow("f", "u", "p") },
		map[string]func(*sketch){
			"encrypted":       func(s *sketch) { s.set("f", "encrypted") },
			"same trust zone": func(s *sketch) { s.noZones() },
		}},
	"TB-I-001": {"f",
		func(s *sketch) { s.add("u", kActor).add("p", kProc).flow("f", "u", "p", "publicNetwork") },
		map[string]func(*sketch){
			"encrypted":              func(s *sketch) { s.set("f", "encrypted") },
			"private network":        func(s *sketch) { s.set("f", "!publicNetwork") },
			"credentials (TB-I-002)": func(s *sketch) { s.set("f", "carriesCredentials") },
		}},
	"TB-I-002": {"f",
		func(s *sketch) { s.add("a", kProc).add("b", kProc).flow("f", "a", "b", "carriesCredentials") },
		map[string]func(*sketch){"encrypted": func(s *sketch) { s.set("f", "encrypted") }}},
	"TB-I-003": {"f",
		func(s *sketch) {
			s.add("u", kActor).add("p", kProc).zone("p").flow("f", "u", "p", "encrypted", "classification=confidential")
		},
		map[string]func(*sketch){
			"destination verified": func(s *sketch) { s.set("f", "authenticatesDestination") },
			"public data":          func(s *sketch) { s.set("f", "classification=public") },
		}},
	"TB-I-012": {"f",
		func(s *sketch) { s.add("a", kProc).add("b", kStore).flow("f", "a", "b", "classification=secret") },
		map[string]func(*sketch){
			"encrypted":           func(s *sketch) { s.set("f", "encrypted") },
			"internal data":       func(s *sketch) { s.set("f", "classification=internal") },
			"crossing (TB-I-001)": func(s *sketch) { s.zone("b") },
		}},
	"TB-D-004": {"f",
		func(s *sketch) { s.add("u", kActor).add("p", kProc).flow("f", "u", "p", "publicNetwork") },
		map[string]func(*sketch){
			"private network": func(s *sketch) { s.set("f", "!publicNetwork") },
			"to an actor":     func(s *sketch) { s.d.Flows[0].From, s.d.Flows[0].To = "p", "u" },
		}},

	// LINDDUN.
	"TB-LK-001": {"s",
		func(s *sketch) { s.add("s", kStore, "storesPersonalData", "shared") },
		map[string]func(*sketch){"own store": func(s *sketch) { s.set("s", "!shared") }}},
	"TB-LK-002": {"f",
		func(s *sketch) {
			s.add("p", kProc).add("q", kProc).zone("q").flow("f", "p", "q", "carriesPersonalData")
		},
		map[string]func(*sketch){"same trust zone": func(s *sketch) { s.noZones() }}},
	"TB-LK-003": {"u",
		func(s *sketch) { s.add("u", kActor, "human").add("p", kProc, "thirdPartyCode").flow("f", "u", "p") },
		map[string]func(*sketch){"own code only": func(s *sketch) { s.set("p", "!thirdPartyCode") }}},
	"TB-LK-004": {"p",
		func(s *sketch) { s.add("p", kProc, "handlesPersonalData", "thirdPartyCode") },
		map[string]func(*sketch){"own code only": func(s *sketch) { s.set("p", "!thirdPartyCode") }}},
	"TB-ID-001": {"s",
		func(s *sketch) { s.add("s", kStore, "storesPersonalData") },
		map[string]func(*sketch){"pseudonymised": func(s *sketch) { s.control("s", "Pseudonymisation", true) }}},
	"TB-ID-002": {"u",
		func(s *sketch) { s.add("u", kActor, "human", "authenticates") },
		map[string]func(*sketch){"anonymous use offered": func(s *sketch) { s.control("u", "Anonymous access", true) }}},
	"TB-ID-003": {"f",
		func(s *sketch) { s.add("u", kActor, "human").add("p", kProc).flow("f", "u", "p", "publicNetwork") },
		map[string]func(*sketch){"a system": func(s *sketch) { s.set("u", "!human") }}},
	"TB-ID-004": {"l",
		func(s *sketch) {
			s.add("p", kProc, "handlesPersonalData").add("l", kStore, "isLog").flow("f", "p", "l")
		},
		map[string]func(*sketch){"no personal data": func(s *sketch) { s.set("p", "!handlesPersonalData") }}},
	"TB-NR-001": {"s",
		func(s *sketch) { s.add("s", kStore, "storesPersonalData", "signed") },
		map[string]func(*sketch){"not signed": func(s *sketch) { s.set("s", "!signed") }}},
	"TB-NR-002": {"p",
		func(s *sketch) { s.add("p", kProc, "writesAuditLog", "handlesPersonalData") },
		map[string]func(*sketch){"no audit log": func(s *sketch) { s.set("p", "!writesAuditLog") }}},
	"TB-DT-001": {"p",
		func(s *sketch) { s.add("p", kProc, "webApplication", "authenticatesUsers") },
		map[string]func(*sketch){"no accounts": func(s *sketch) { s.set("p", "!authenticatesUsers") }}},
	"TB-DT-002": {"f",
		func(s *sketch) {
			s.add("u", kActor).add("p", kProc).flow("f", "u", "p", "carriesPersonalData", "publicNetwork")
		},
		map[string]func(*sketch){"private network": func(s *sketch) { s.set("f", "!publicNetwork") }}},
	"TB-DI-001": {"s",
		func(s *sketch) { s.add("s", kStore, "storesPersonalData") },
		map[string]func(*sketch){"encrypted": func(s *sketch) { s.set("s", "encryptedAtRest") }}},
	"TB-DI-002": {"f",
		func(s *sketch) { s.add("a", kProc).add("b", kProc).flow("f", "a", "b", "carriesPersonalData") },
		map[string]func(*sketch){"encrypted": func(s *sketch) { s.set("f", "encrypted") }}},
	"TB-DI-003": {"p",
		func(s *sketch) {
			s.add("p", kProc, "handlesPersonalData").add("q", kProc).zone("q").flow("f", "p", "q", "carriesPersonalData")
		},
		map[string]func(*sketch){"same trust zone": func(s *sketch) { s.noZones() }}},
	"TB-UN-001": {"u",
		func(s *sketch) {
			s.add("u", kActor, "human").add("p", kProc).flow("f", "u", "p", "carriesPersonalData")
		},
		map[string]func(*sketch){"privacy notice": func(s *sketch) { s.control("u", "Privacy notice", true) }}},
	"TB-UN-002": {"u",
		func(s *sketch) {
			s.add("u", kActor, "human").add("p", kProc, "handlesPersonalData").flow("f", "u", "p")
		},
		map[string]func(*sketch){"privacy settings": func(s *sketch) { s.control("u", "Privacy settings", true) }}},
	"TB-NC-001": {"s",
		func(s *sketch) { s.add("s", kStore, "storesPersonalData") },
		map[string]func(*sketch){"retention policy": func(s *sketch) { s.control("s", "Retention policy", true) }}},
	"TB-NC-002": {"p",
		func(s *sketch) { s.add("p", kProc, "handlesPersonalData", "thirdPartyCode") },
		map[string]func(*sketch){"agreement": func(s *sketch) { s.control("p", "DPA", true) }}},
	"TB-NC-003": {"f",
		func(s *sketch) { s.add("p", kProc).add("x", kActor).flow("f", "p", "x", "carriesPersonalData") },
		map[string]func(*sketch){"to a person": func(s *sketch) { s.set("x", "human") }}},
	"TB-NC-004": {"s",
		func(s *sketch) { s.add("s", kStore, "storesPersonalData", "backedUp") },
		map[string]func(*sketch){"no backups": func(s *sketch) { s.set("s", "!backedUp") }}},
}
