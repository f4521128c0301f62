package model

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// enumCase is one value of an enum with its name in the file.
type enumCase struct {
	value any // the typed value
	name  string
}

// enumTable lists every value of every enum, plus how to parse and
// unmarshal its type.
var enumTable = map[string]struct {
	cases     []enumCase
	parse     func(string) (any, error)
	unmarshal func([]byte) (any, error)
	zeroName  string // what the zero value prints as
}{
	"Kind": {
		cases: []enumCase{{Actor, "actor"}, {Process, "process"}, {MultiProcess, "multi-process"}, {Store, "store"}, {Note, "note"}},
		parse: func(s string) (any, error) { return ParseKind(s) }, unmarshal: unmarshalAs[Kind], zeroName: "",
	},
	"Level": {
		cases: []enumCase{{LevelUnset, ""}, {Low, "low"}, {Medium, "medium"}, {High, "high"}},
		parse: func(s string) (any, error) { return ParseLevel(s) }, unmarshal: unmarshalAs[Level], zeroName: "",
	},
	"Decision": {
		cases: []enumCase{{Undecided, "undecided"}, {Mitigate, "mitigate"}, {Accept, "accept"}, {Transfer, "transfer"}, {Avoid, "avoid"}, {NotApplicable, "not-applicable"}},
		parse: func(s string) (any, error) { return ParseDecision(s) }, unmarshal: unmarshalAs[Decision], zeroName: "undecided",
	},
	"Status": {
		cases: []enumCase{{Open, "open"}, {InProgress, "in-progress"}, {Done, "done"}, {Verified, "verified"}},
		parse: func(s string) (any, error) { return ParseStatus(s) }, unmarshal: unmarshalAs[Status], zeroName: "open",
	},
	"DataClass": {
		cases: []enumCase{{DataUnclassified, ""}, {DataPublic, "public"}, {DataInternal, "internal"}, {DataConfidential, "confidential"}, {DataSecret, "secret"}},
		parse: func(s string) (any, error) { return ParseDataClass(s) }, unmarshal: unmarshalAs[DataClass], zeroName: "",
	},
	"BoundaryShape": {
		cases: []enumCase{{BoundaryLine, "line"}, {BoundaryBox, "box"}},
		parse: func(s string) (any, error) { return ParseBoundaryShape(s) }, unmarshal: unmarshalAs[BoundaryShape], zeroName: "",
	},
	"NodeType": {
		cases: []enumCase{{Leaf, "leaf"}, {And, "and"}, {Or, "or"}},
		parse: func(s string) (any, error) { return ParseNodeType(s) }, unmarshal: unmarshalAs[NodeType], zeroName: "",
	},
}

func unmarshalAs[T any](b []byte) (any, error) {
	var v T
	err := json.Unmarshal(b, &v)
	return v, err
}

func TestEnums(t *testing.T) {
	for typ, tc := range enumTable {
		for _, c := range tc.cases {
			t.Run(typ+"/"+c.name, func(t *testing.T) {
				if got := fmt.Sprint(c.value); got != c.name {
					t.Errorf("String() = %q, want %q", got, c.name)
				}
				got, err := tc.parse(c.name)
				if c.name == "" && (typ == "Kind" || typ == "BoundaryShape" || typ == "NodeType") {
					if err == nil {
						t.Errorf("Parse(\"\") succeeded for a type without an unset value")
					}
					return
				}
				if err != nil || got != c.value {
					t.Errorf("Parse(%q) = %v, %v; want %v", c.name, got, err, c.value)
				}
				data, err := json.Marshal(c.value)
				if want := fmt.Sprintf("%q", c.name); err != nil || string(data) != want {
					t.Errorf("MarshalJSON = %s, %v; want %s", data, err, want)
				}
				back, err := tc.unmarshal(data)
				if err != nil || back != c.value {
					t.Errorf("UnmarshalJSON(%s) = %v, %v; want %v", data, back, err, c.value)
				}
			})
		}
		t.Run(typ+"/errors", func(t *testing.T) {
			for _, bad := range []string{"nonsense", "Actor", " low", "HIGH", "in_progress", "multi process"} {
				if v, err := tc.parse(bad); err == nil {
					t.Errorf("Parse(%q) = %v, want an error", bad, v)
				}
			}
			for _, bad := range []string{`"nonsense"`, `1`, `null`, `{}`, `["low"]`} {
				if v, err := tc.unmarshal([]byte(bad)); err == nil && bad != "null" {
					t.Errorf("UnmarshalJSON(%s) = %v, want an error", bad, v)
				}
			}
		})
	}
}

func TestEnumOutOfRange(t *testing.T) {
	tests := map[string]fmt.Stringer{
		"Kind":          Kind(99),
		"Level":         Level(-1),
		"Decision":      Decision(6),
		"Status":        Status(4),
		"DataClass":     DataClass(5),
		"BoundaryShape": BoundaryShape(3),
		"NodeType":      NodeType(0),
	}
	for name, v := range tests {
		t.Run(name, func(t *testing.T) {
			got := v.String()
			if name == "NodeType" {
				if got != "" {
					t.Errorf("NodeType(0) = %q, want the empty unset name", got)
				}
				return
			}
			if got == "" || got[:8] != "invalid(" {
				t.Errorf("String() of an out-of-range value = %q, want invalid(N)", got)
			}
		})
	}
}

func TestParseErrorListsNames(t *testing.T) {
	_, err := ParseKind("database")
	want := `unknown element kind "database" (want one of "actor", "process", "multi-process", "store", "note")`
	if err == nil || err.Error() != want {
		t.Errorf("ParseKind error = %v, want %s", err, want)
	}
}

func TestDate(t *testing.T) {
	tests := map[string]struct {
		text    string
		want    Date
		invalid bool
	}{
		"ordinary":       {text: "2026-11-27", want: Date{2026, time.November, 27}},
		"leap day":       {text: "2028-02-29", want: Date{2028, time.February, 29}},
		"empty is unset": {text: "", want: Date{}},
		"not a leap day": {text: "2027-02-29", invalid: true},
		"month 13":       {text: "2027-13-01", invalid: true},
		"no padding":     {text: "2027-2-1", invalid: true},
		"with time":      {text: "2027-02-01T10:00:00Z", invalid: true},
		"day first":      {text: "27/02/2027", invalid: true},
		"word":           {text: "tomorrow", invalid: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := ParseDate(tc.text)
			if tc.invalid {
				if err == nil {
					t.Errorf("ParseDate(%q) = %v, want an error", tc.text, got)
				}
				var d Date
				if err := json.Unmarshal([]byte(fmt.Sprintf("%q", tc.text)), &d); err == nil {
					t.Errorf("UnmarshalJSON(%q) succeeded", tc.text)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseDate(%q) = %v, %v; want %v", tc.text, got, err, tc.want)
			}
			if got.String() != tc.text {
				t.Errorf("String() = %q, want %q", got.String(), tc.text)
			}
			if got.IsZero() != (tc.text == "") {
				t.Errorf("IsZero() = %v", got.IsZero())
			}
			data, err := json.Marshal(got)
			if err != nil || string(data) != fmt.Sprintf("%q", tc.text) {
				t.Errorf("MarshalJSON = %s, %v", data, err)
			}
			var back Date
			if err := json.Unmarshal(data, &back); err != nil || back != got {
				t.Errorf("UnmarshalJSON(%s) = %v, %v", data, back, err)
			}
		})
	}
	t.Run("arithmetic", func(t *testing.T) {
		d := Date{2026, time.November, 30}
		if got := d.AddMonths(3); got != (Date{2027, time.March, 2}) {
			t.Errorf("AddMonths(3) of 2026-11-30 = %v, want 2027-03-02 (normalised like time.AddDate)", got)
		}
		if !d.Before(d.AddMonths(1)) || d.AddMonths(1).Before(d) || d.Before(d) {
			t.Error("Before is wrong")
		}
		if got := DateOf(time.Date(2026, 11, 27, 23, 59, 0, 0, time.UTC)); got != (Date{2026, time.November, 27}) {
			t.Errorf("DateOf = %v", got)
		}
	})
}
