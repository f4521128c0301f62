package model

import (
	"fmt"
	"slices"
)

// Property describes one analysis-relevant property of an element or a flow.
// The tables below are the only list of them: the editor's properties panel
// lists them, the rule engine tests them by Key, the validator checks them
// against the kind, and the file stores each under Key (codec_props.go), so
// a new property is one row here plus its documentation. Values are bool,
// or string for text and choice properties.
type Property struct {
	Key     string
	Label   string
	Help    string
	Kinds   []Kind   // element kinds it applies to; nil for a flow property
	Text    bool     // free text rather than yes/no
	Options []string // for a choice among fixed values ("" included when unset is allowed)

	// The field it reads and writes: of Common (the file then writes it
	// with the name, before the lists), or of the element or flow itself
	// (written after the lists). A pointer: *bool, *string or *DataClass.
	common func(*Common) any
	elem   func(*Element) any
	flow   func(*Flow) any

	kinds uint8 // Kinds as a bit set, for a quick applies
	slot  int   // its place among the yes/no or text values of its table in propsDTO
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

// cb and ct are properties held in Common, which elements of every kind
// but notes and flows have; kinds is nil for the flow table's row.
func cb(kinds []Kind, key, label, help string, f func(*Common) *bool) Property {
	return Property{Key: key, Label: label, Help: help, Kinds: kinds, common: func(c *Common) any { return f(c) }}
}

func ct(kinds []Kind, key, label, help string, f func(*Common) *string) Property {
	return Property{Key: key, Label: label, Help: help, Kinds: kinds, Text: true, common: func(c *Common) any { return f(c) }}
}

// elementProperties is the table of element properties, in the order of
// the panel and of the file.
var elementProperties = []Property{
	ct(allKinds, "description", "Description", "What it is and does.", func(c *Common) *string { return &c.Description }),
	cb(allKinds, "outOfScope", "Out of scope", "Excluded from this analysis; no threats are suggested.", func(c *Common) *bool { return &c.OutOfScope }),
	ct(allKinds, "outOfScopeReason", "Reason out of scope", "Why it is excluded.", func(c *Common) *string { return &c.OutOfScopeReason }),
	ct(allKinds, "technology", "Technology", "Language, product or platform, e.g. \"Go\", \"PostgreSQL 16\".", func(c *Common) *string { return &c.Technology }),
	ct(allKinds, "owner", "Owner", "Team or person responsible.", func(c *Common) *string { return &c.Owner }),

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

// flowProperties is the table of flow properties, in the order of the panel
// and of the file.
var flowProperties = []Property{
	ct(nil, "description", "Description", "What the data is and why it moves.", func(c *Common) *string { return &c.Description }),
	cb(nil, "outOfScope", "Out of scope", "Excluded from this analysis; no threats are suggested.", func(c *Common) *bool { return &c.OutOfScope }),
	ct(nil, "outOfScopeReason", "Reason out of scope", "Why it is excluded.", func(c *Common) *string { return &c.OutOfScopeReason }),
	ct(nil, "technology", "Technology", "Library or product carrying it.", func(c *Common) *string { return &c.Technology }),
	ct(nil, "owner", "Owner", "Team or person responsible.", func(c *Common) *string { return &c.Owner }),
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

// The tables as the program uses them, derived once (see init).
var (
	byKind                 [Note + 1][]Property // ElementProperties
	elementCommon, elemOwn []*Property          // the element table's file blocks
	flowCommon, flowOwn    []*Property          // the flow table's file blocks
)

func init() { deriveTables() }

func deriveTables() {
	for i := range elementProperties {
		p := &elementProperties[i]
		p.kinds = 0
		for _, k := range p.Kinds {
			p.kinds |= 1 << k
		}
	}
	for k := range byKind {
		byKind[k] = nil
		for _, p := range elementProperties {
			if p.applies(Kind(k)) {
				byKind[k] = append(byKind[k], p)
			}
		}
		// A caller's append must not write into the shared list.
		byKind[k] = slices.Clip(byKind[k])
	}
	elementCommon, elemOwn = blocks(elementProperties)
	flowCommon, flowOwn = blocks(flowProperties)
}

// blocks splits a table into the properties held in Common and the others
// (the file writes them in two places), and numbers each one's slot among
// the table's yes/no or text values in propsDTO.
func blocks(table []Property) (common, own []*Property) {
	bools, texts := 0, 0
	for i := range table {
		p := &table[i]
		if p.common != nil {
			common = append(common, p)
		} else {
			own = append(own, p)
		}
		if p.isText() {
			p.slot = texts
			texts++
		} else {
			p.slot = bools
			bools++
		}
	}
	if bools > maxPropBools || texts > len(propsDTO{}.texts) {
		panic(fmt.Sprintf("model: a table of properties has %d yes/no and %d text values; propsDTO holds %d and %d",
			bools, texts, maxPropBools, len(propsDTO{}.texts)))
	}
	return common, own
}

// ElementProperties lists the properties that apply to elements of kind k.
// The list is shared: do not change it.
func ElementProperties(k Kind) []Property {
	if k < 0 || int(k) >= len(byKind) {
		return nil
	}
	return byKind[k]
}

// FlowProperties lists the properties of flows. The list is shared: do not
// change it.
func FlowProperties() []Property { return flowProperties }

// Common reports whether every element and flow has p (description, out
// of scope and its reason, technology, owner): the ones most views show in
// columns of their own.
func (p *Property) Common() bool { return p.common != nil }

// CommonKeys lists the keys of the common properties (see Common), in
// table order, in a new slice.
func CommonKeys() []string {
	keys := make([]string, len(elementCommon))
	for i, p := range elementCommon {
		keys[i] = p.Key
	}
	return keys
}

// ElementProperty finds the element property key, whichever kinds it
// applies to.
func ElementProperty(key string) (Property, bool) { return find(elementProperties, key) }

// FlowProperty finds the flow property key.
func FlowProperty(key string) (Property, bool) { return find(flowProperties, key) }

func find(table []Property, key string) (Property, bool) {
	for _, p := range table {
		if p.Key == key {
			return p, true
		}
	}
	return Property{}, false
}

func (p *Property) applies(k Kind) bool { return k >= 0 && k <= Note && p.kinds&(1<<k) != 0 }

// elemField and flowField return the pointer to the object's field of p.
func (p *Property) elemField(e *Element) any {
	if p.common != nil {
		return p.common(&e.Common)
	}
	return p.elem(e)
}

func (p *Property) flowField(f *Flow) any {
	if p.common != nil {
		return p.common(&f.Common)
	}
	return p.flow(f)
}

// ElementBool reads the yes/no property p of e; ok is false when e's kind
// does not have it or it is not yes/no. The rule engine reads properties
// this way, without the boxing of Prop.
func (p *Property) ElementBool(e *Element) (v, ok bool) {
	if !p.applies(e.Kind) {
		return false, false
	}
	b, ok := p.elemField(e).(*bool)
	return ok && *b, ok
}

// ElementText reads the text or choice property p of e; ok is false when
// e's kind does not have it or it is yes/no.
func (p *Property) ElementText(e *Element) (string, bool) {
	if !p.applies(e.Kind) {
		return "", false
	}
	return text(p.elemField(e))
}

// FlowBool reads the yes/no flow property p of f.
func (p *Property) FlowBool(f *Flow) (v, ok bool) {
	if p.Kinds != nil {
		return false, false // an element property
	}
	b, ok := p.flowField(f).(*bool)
	return ok && *b, ok
}

// FlowText reads the text or choice flow property p of f.
func (p *Property) FlowText(f *Flow) (string, bool) {
	if p.Kinds != nil {
		return "", false
	}
	return text(p.flowField(f))
}

func text(ptr any) (string, bool) {
	switch f := ptr.(type) {
	case *string:
		return *f, true
	case *DataClass:
		return f.String(), true
	}
	return "", false
}

// Prop returns the value (bool or string) of the property key, and whether
// the property exists for the element's kind.
func (e *Element) Prop(key string) (any, bool) {
	for i := range elementProperties {
		if p := &elementProperties[i]; p.Key == key && p.applies(e.Kind) {
			return load(p.elemField(e)), true
		}
	}
	return nil, false
}

// SetProp sets the property key to v (bool or string).
func (e *Element) SetProp(key string, v any) error {
	for i := range elementProperties {
		if p := &elementProperties[i]; p.Key == key && p.applies(e.Kind) {
			return store(p, p.elemField(e), v)
		}
	}
	return fmt.Errorf("%s has no property %q", e.Kind, key)
}

// Prop returns the value (bool or string) of the flow property key, and
// whether it exists.
func (f *Flow) Prop(key string) (any, bool) {
	for i := range flowProperties {
		if p := &flowProperties[i]; p.Key == key {
			return load(p.flowField(f)), true
		}
	}
	return nil, false
}

// SetProp sets the flow property key to v (bool or string).
func (f *Flow) SetProp(key string, v any) error {
	for i := range flowProperties {
		if p := &flowProperties[i]; p.Key == key {
			return store(p, p.flowField(f), v)
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

func store(p *Property, ptr any, v any) error {
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
