package model

import "fmt"

// Property describes one analysis-relevant property of an element or a flow:
// the editor's properties panel lists them, the rule engine tests them by Key,
// and the file stores each under Key. Values are bool, or string for text and
// choice properties.
type Property struct {
	Key     string
	Label   string
	Help    string
	Kinds   []Kind   // element kinds it applies to; nil for a flow property
	Text    bool     // free text rather than yes/no
	Options []string // for a choice among fixed values ("" included when unset is allowed)

	elem func(*Element) any // pointer to the field: *bool or *string
	flow func(*Flow) any
}

var (
	allKinds     = []Kind{Actor, Process, MultiProcess, Store}
	processKinds = []Kind{Process, MultiProcess}
	storeKinds   = []Kind{Store}
	actorKinds   = []Kind{Actor}
)

func eb(kinds []Kind, key, label, help string, f func(*Element) *bool) Property {
	return Property{Key: key, Label: label, Help: help, Kinds: kinds, elem: func(e *Element) any { return f(e) }}
}

func et(kinds []Kind, key, label, help string, f func(*Element) *string) Property {
	return Property{Key: key, Label: label, Help: help, Kinds: kinds, Text: true, elem: func(e *Element) any { return f(e) }}
}

func fb(key, label, help string, f func(*Flow) *bool) Property {
	return Property{Key: key, Label: label, Help: help, flow: func(fl *Flow) any { return f(fl) }}
}

func ft(key, label, help string, f func(*Flow) *string) Property {
	return Property{Key: key, Label: label, Help: help, Text: true, flow: func(fl *Flow) any { return f(fl) }}
}

// elementProperties is the table of element properties, in panel order.
var elementProperties = []Property{
	et(allKinds, "description", "Description", "What it is and does.", func(e *Element) *string { return &e.Description }),
	et(allKinds, "technology", "Technology", "Language, product or platform, e.g. \"Go\", \"PostgreSQL 16\".", func(e *Element) *string { return &e.Technology }),
	et(allKinds, "owner", "Owner", "Team or person responsible.", func(e *Element) *string { return &e.Owner }),
	eb(allKinds, "outOfScope", "Out of scope", "Excluded from this analysis; no threats are suggested.", func(e *Element) *bool { return &e.OutOfScope }),
	et(allKinds, "outOfScopeReason", "Reason out of scope", "Why it is excluded.", func(e *Element) *string { return &e.OutOfScopeReason }),

	eb(actorKinds, "human", "Human", "A person rather than a system.", func(e *Element) *bool { return &e.Human }),
	eb(actorKinds, "authenticates", "Authenticates itself", "The actor proves its identity to the system.", func(e *Element) *bool { return &e.Authenticates }),

	eb(processKinds, "webApplication", "Web application", "Serves HTTP to browsers or clients.", func(e *Element) *bool { return &e.WebApplication }),
	et(processKinds, "privilegeLevel", "Privilege level", "The account it runs as, e.g. \"root\", \"service account\".", func(e *Element) *string { return &e.PrivilegeLevel }),
	eb(processKinds, "parsesUntrustedInput", "Parses untrusted input", "Reads data an attacker can shape.", func(e *Element) *bool { return &e.ParsesUntrustedInput }),
	eb(processKinds, "authenticatesUsers", "Authenticates users", "Checks who is calling.", func(e *Element) *bool { return &e.AuthenticatesUsers }),
	eb(processKinds, "authorizesRequests", "Authorizes requests", "Checks what the caller may do.", func(e *Element) *bool { return &e.AuthorizesRequests }),
	eb(processKinds, "writesAuditLog", "Writes audit log", "Records who did what, when.", func(e *Element) *bool { return &e.WritesAuditLog }),
	eb(processKinds, "handlesPayments", "Handles payments", "Processes card or payment data.", func(e *Element) *bool { return &e.HandlesPayments }),
	eb(processKinds, "handlesPersonalData", "Handles personal data", "Processes data about identifiable people.", func(e *Element) *bool { return &e.HandlesPersonalData }),
	eb(processKinds, "thirdPartyCode", "Third-party code", "Runs code or services the team does not control.", func(e *Element) *bool { return &e.ThirdPartyCode }),

	eb(storeKinds, "isLog", "Is a log", "An audit or application log.", func(e *Element) *bool { return &e.IsLog }),
	eb(storeKinds, "encryptedAtRest", "Encrypted at rest", "The stored data is encrypted.", func(e *Element) *bool { return &e.EncryptedAtRest }),
	eb(storeKinds, "signed", "Integrity-protected", "Signed or otherwise tamper-evident.", func(e *Element) *bool { return &e.Signed }),
	eb(storeKinds, "storesCredentials", "Stores credentials", "Passwords, password hashes, tokens or keys of users.", func(e *Element) *bool { return &e.StoresCredentials }),
	eb(storeKinds, "storesPersonalData", "Stores personal data", "Data about identifiable people.", func(e *Element) *bool { return &e.StoresPersonalData }),
	eb(storeKinds, "storesSecrets", "Stores secrets", "Keys, API secrets, configuration secrets.", func(e *Element) *bool { return &e.StoresSecrets }),
	eb(storeKinds, "backedUp", "Backed up", "Regular, restorable backups exist.", func(e *Element) *bool { return &e.BackedUp }),
	eb(storeKinds, "shared", "Shared", "Used by other systems or tenants too.", func(e *Element) *bool { return &e.Shared }),
}

// flowProperties is the table of flow properties, in panel order.
var flowProperties = []Property{
	ft("description", "Description", "What the data is and why it moves.", func(f *Flow) *string { return &f.Description }),
	ft("technology", "Technology", "Library or product carrying it.", func(f *Flow) *string { return &f.Technology }),
	ft("owner", "Owner", "Team or person responsible.", func(f *Flow) *string { return &f.Owner }),
	fb("outOfScope", "Out of scope", "Excluded from this analysis; no threats are suggested.", func(f *Flow) *bool { return &f.OutOfScope }),
	ft("outOfScopeReason", "Reason out of scope", "Why it is excluded.", func(f *Flow) *string { return &f.OutOfScopeReason }),
	ft("protocol", "Protocol", "e.g. \"HTTPS\", \"gRPC\", \"SQL\".", func(f *Flow) *string { return &f.Protocol }),
	fb("encrypted", "Encrypted", "The channel is encrypted (TLS or equivalent).", func(f *Flow) *bool { return &f.Encrypted }),
	fb("authenticatesSource", "Authenticates source", "The receiver verifies who sent it.", func(f *Flow) *bool { return &f.AuthenticatesSource }),
	fb("authenticatesDestination", "Authenticates destination", "The sender verifies who receives it.", func(f *Flow) *bool { return &f.AuthenticatesDestination }),
	fb("publicNetwork", "Public network", "Crosses the internet or another network the team does not control.", func(f *Flow) *bool { return &f.PublicNetwork }),
	fb("bidirectional", "Bidirectional", "Data moves both ways.", func(f *Flow) *bool { return &f.Bidirectional }),
	{Key: "classification", Label: "Data classification", Help: "The most sensitive data it carries.",
		Options: dataClassNames, flow: func(f *Flow) any { return &f.Classification }},
	fb("carriesCredentials", "Carries credentials", "Passwords, tokens or session cookies travel on it.", func(f *Flow) *bool { return &f.CarriesCredentials }),
	fb("carriesPersonalData", "Carries personal data", "Data about identifiable people travels on it.", func(f *Flow) *bool { return &f.CarriesPersonalData }),
}

// ElementProperties lists the properties that apply to elements of kind k.
func ElementProperties(k Kind) []Property {
	var out []Property
	for _, p := range elementProperties {
		if p.applies(k) {
			out = append(out, p)
		}
	}
	return out
}

// FlowProperties lists the properties of flows.
func FlowProperties() []Property { return flowProperties }

func (p Property) applies(k Kind) bool {
	for _, pk := range p.Kinds {
		if pk == k {
			return true
		}
	}
	return false
}

// Prop returns the value (bool or string) of the property key, and whether
// the property exists for the element's kind.
func (e *Element) Prop(key string) (any, bool) {
	for _, p := range elementProperties {
		if p.Key == key && p.applies(e.Kind) {
			return load(p.elem(e)), true
		}
	}
	return nil, false
}

// SetProp sets the property key to v (bool or string).
func (e *Element) SetProp(key string, v any) error {
	for _, p := range elementProperties {
		if p.Key == key && p.applies(e.Kind) {
			return store(p, p.elem(e), v)
		}
	}
	return fmt.Errorf("%s has no property %q", e.Kind, key)
}

// Prop returns the value (bool or string) of the flow property key, and
// whether it exists.
func (f *Flow) Prop(key string) (any, bool) {
	for _, p := range flowProperties {
		if p.Key == key {
			return load(p.flow(f)), true
		}
	}
	return nil, false
}

// SetProp sets the flow property key to v (bool or string).
func (f *Flow) SetProp(key string, v any) error {
	for _, p := range flowProperties {
		if p.Key == key {
			return store(p, p.flow(f), v)
		}
	}
	return fmt.Errorf("flow has no property %q", key)
}

func load(ptr any) any {
	switch p := ptr.(type) {
	case *bool:
		return *p
	case *string:
		return *p
	case *DataClass:
		return p.String()
	}
	panic(fmt.Sprintf("model: property field of type %T", ptr)) // the tables above are wrong
}

func store(p Property, ptr any, v any) error {
	switch f := ptr.(type) {
	case *bool:
		b, ok := v.(bool)
		if !ok {
			return fmt.Errorf("property %q wants yes/no, not %T", p.Key, v)
		}
		*f = b
	case *string:
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("property %q wants text, not %T", p.Key, v)
		}
		*f = s
	case *DataClass:
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("property %q wants text, not %T", p.Key, v)
		}
		c, err := ParseDataClass(s)
		if err != nil {
			return err
		}
		*f = c
	}
	return nil
}
