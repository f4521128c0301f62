package model

import (
	"slices"
	"testing"
)

func TestElementPropRoundTrip(t *testing.T) {
	tests := map[string]struct {
		kind  Kind
		key   string
		value any
		field func(*Element) any
	}{
		"actor human":         {Actor, "human", true, func(e *Element) any { return e.Human }},
		"process web app":     {Process, "webApplication", true, func(e *Element) any { return e.WebApplication }},
		"multi-process priv":  {MultiProcess, "privilegeLevel", "root", func(e *Element) any { return e.PrivilegeLevel }},
		"store log":           {Store, "isLog", true, func(e *Element) any { return e.IsLog }},
		"store secrets":       {Store, "storesSecrets", true, func(e *Element) any { return e.StoresSecrets }},
		"common technology":   {Store, "technology", "PostgreSQL", func(e *Element) any { return e.Technology }},
		"common out of scope": {Actor, "outOfScope", true, func(e *Element) any { return e.OutOfScope }},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			e := &Element{Kind: tc.kind}
			if err := e.SetProp(tc.key, tc.value); err != nil {
				t.Fatal(err)
			}
			if got := tc.field(e); got != tc.value {
				t.Errorf("field = %v, want %v", got, tc.value)
			}
			if got, ok := e.Prop(tc.key); !ok || got != tc.value {
				t.Errorf("Prop = %v, %v; want %v, true", got, ok, tc.value)
			}
		})
	}
}

func TestElementPropRejects(t *testing.T) {
	tests := map[string]struct {
		kind  Kind
		key   string
		value any
	}{
		"wrong kind":       {Actor, "isLog", true},
		"unknown key":      {Process, "colour", "red"},
		"bool wants bool":  {Process, "webApplication", "yes"},
		"text wants text":  {Process, "privilegeLevel", true},
		"note has no prop": {Note, "human", true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			e := &Element{Kind: tc.kind}
			before := *e
			if err := e.SetProp(tc.key, tc.value); err == nil {
				t.Fatal("SetProp succeeded, want an error")
			}
			if e.Human != before.Human || e.IsLog != before.IsLog || e.PrivilegeLevel != before.PrivilegeLevel {
				t.Error("a rejected SetProp changed the element")
			}
		})
	}
}

func TestFlowProps(t *testing.T) {
	f := &Flow{}
	if err := f.SetProp("classification", "secret"); err != nil {
		t.Fatal(err)
	}
	if f.Classification != DataSecret {
		t.Errorf("Classification = %v, want secret", f.Classification)
	}
	if v, _ := f.Prop("classification"); v != "secret" {
		t.Errorf("Prop(classification) = %v", v)
	}
	if err := f.SetProp("classification", "top-secret"); err == nil {
		t.Error("unknown classification accepted")
	}
	if err := f.SetProp("encrypted", true); err != nil || !f.Encrypted {
		t.Errorf("encrypted: err %v, value %v", err, f.Encrypted)
	}
	if _, ok := f.Prop("isLog"); ok {
		t.Error("a flow has no isLog property")
	}
}

// Every property in the tables must be readable and writable on every kind it
// names: a wrong pointer type in the table would panic in Prop.
func TestPropertyTablesAreConsistent(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range []Kind{Actor, Process, MultiProcess, Store} {
		for _, p := range ElementProperties(k) {
			e := &Element{Kind: k}
			v, ok := e.Prop(p.Key)
			if !ok {
				t.Errorf("%s: Prop(%q) not found", k, p.Key)
			}
			if err := e.SetProp(p.Key, v); err != nil {
				t.Errorf("%s: SetProp(%q, %v): %v", k, p.Key, v, err)
			}
			seen[p.Key] = true
		}
	}
	if len(seen) != len(elementProperties) {
		t.Errorf("%d element properties apply to no kind", len(elementProperties)-len(seen))
	}
	for _, p := range FlowProperties() {
		f := &Flow{}
		v, ok := f.Prop(p.Key)
		if !ok {
			t.Errorf("flow: Prop(%q) not found", p.Key)
		}
		if err := f.SetProp(p.Key, v); err != nil {
			t.Errorf("flow: SetProp(%q, %v): %v", p.Key, v, err)
		}
	}
}

// TestCommonKeys: the properties every element and flow has, which views
// show in columns of their own, are exactly those held in Common.
func TestCommonKeys(t *testing.T) {
	want := []string{"description", "outOfScope", "outOfScopeReason", "technology", "owner"}
	if got := CommonKeys(); !slices.Equal(got, want) {
		t.Errorf("CommonKeys() = %v, want %v", got, want)
	}
	for _, k := range []Kind{Actor, Process, MultiProcess, Store} {
		for _, p := range ElementProperties(k) {
			if p.Common() != slices.Contains(want, p.Key) {
				t.Errorf("%v %q: Common() = %v", k, p.Key, p.Common())
			}
		}
	}
}
