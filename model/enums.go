package model

import (
	"encoding/json"
	"fmt"
)

// Kind is what an element is.
type Kind int

// The element kinds.
const (
	Actor Kind = iota + 1
	Process
	MultiProcess
	Store
	Note
)

// Level is a Low/Medium/High rating; LevelUnset means not rated yet.
type Level int

// The levels, ordered so that a higher value is worse.
const (
	LevelUnset Level = iota
	Low
	Medium
	High
)

// Decision is what the team decided to do about a threat.
type Decision int

// The decisions.
const (
	Undecided Decision = iota
	Mitigate
	Accept
	Transfer
	Avoid
	NotApplicable
)

// Status is how far the work on a threat or action has come.
type Status int

// The statuses.
const (
	Open Status = iota
	InProgress
	Done
	Verified
)

// Outcome is what the discussion of one checklist category of an element
// or flow found.
type Outcome int

// The outcomes.
const (
	ThreatsFound Outcome = iota + 1
	NothingFound
)

// DataClass is the classification of the data a flow carries.
type DataClass int

// The data classes; DataUnclassified means nobody said.
const (
	DataUnclassified DataClass = iota
	DataPublic
	DataInternal
	DataConfidential
	DataSecret
)

// BoundaryShape tells a dotted line boundary from a dashed box.
type BoundaryShape int

// The boundary shapes.
const (
	BoundaryLine BoundaryShape = iota + 1
	BoundaryBox
)

// NodeType is an attack-tree node's refinement.
type NodeType int

// The node types.
const (
	Leaf NodeType = iota + 1
	And
	Or
)

// The names in the file, indexed by value. An empty name is not a valid value.
var (
	kindNames      = []string{"", "actor", "process", "multi-process", "store", "note"}
	levelNames     = []string{"", "low", "medium", "high"}
	decisionNames  = []string{"undecided", "mitigate", "accept", "transfer", "avoid", "not-applicable"}
	statusNames    = []string{"open", "in-progress", "done", "verified"}
	dataClassNames = []string{"", "public", "internal", "confidential", "secret"}
	shapeNames     = []string{"", "line", "box"}
	nodeTypeNames  = []string{"", "leaf", "and", "or"}
	outcomeNames   = []string{"", "threats-found", "nothing-found"}
)

func name(names []string, v int) string {
	if v < 0 || v >= len(names) {
		return fmt.Sprintf("invalid(%d)", v)
	}
	return names[v]
}

// parse finds s in names. The empty string parses to 0 only when names[0]
// is empty, i.e. when the zero value means "unset".
func parse(names []string, what, s string) (int, error) {
	for i, n := range names {
		if n == s {
			return i, nil
		}
	}
	return 0, fmt.Errorf("unknown %s %q (want one of %s)", what, s, list(names))
}

func list(names []string) string {
	out := ""
	for _, n := range names {
		if n == "" {
			continue
		}
		if out != "" {
			out += ", "
		}
		out += fmt.Sprintf("%q", n)
	}
	return out
}

func (k Kind) String() string          { return name(kindNames, int(k)) }
func (l Level) String() string         { return name(levelNames, int(l)) }
func (d Decision) String() string      { return name(decisionNames, int(d)) }
func (s Status) String() string        { return name(statusNames, int(s)) }
func (c DataClass) String() string     { return name(dataClassNames, int(c)) }
func (s BoundaryShape) String() string { return name(shapeNames, int(s)) }
func (t NodeType) String() string      { return name(nodeTypeNames, int(t)) }
func (o Outcome) String() string       { return name(outcomeNames, int(o)) }

// ParseKind parses an element kind name such as "multi-process".
func ParseKind(s string) (Kind, error) {
	if s == "" {
		return 0, fmt.Errorf("missing element kind (want one of %s)", list(kindNames))
	}
	v, err := parse(kindNames, "element kind", s)
	return Kind(v), err
}

// ParseLevel parses "low", "medium", "high" or "" (unset).
func ParseLevel(s string) (Level, error) {
	v, err := parse(levelNames, "level", s)
	return Level(v), err
}

// ParseDecision parses a decision name such as "not-applicable".
func ParseDecision(s string) (Decision, error) {
	v, err := parse(decisionNames, "decision", s)
	return Decision(v), err
}

// ParseStatus parses a status name such as "in-progress".
func ParseStatus(s string) (Status, error) {
	v, err := parse(statusNames, "status", s)
	return Status(v), err
}

// ParseDataClass parses "public", "internal", "confidential", "secret" or "".
func ParseDataClass(s string) (DataClass, error) {
	v, err := parse(dataClassNames, "data classification", s)
	return DataClass(v), err
}

// ParseBoundaryShape parses "line" or "box".
func ParseBoundaryShape(s string) (BoundaryShape, error) {
	if s == "" {
		return 0, fmt.Errorf("missing boundary shape (want one of %s)", list(shapeNames))
	}
	v, err := parse(shapeNames, "boundary shape", s)
	return BoundaryShape(v), err
}

// ParseNodeType parses "leaf", "and" or "or".
func ParseNodeType(s string) (NodeType, error) {
	if s == "" {
		return 0, fmt.Errorf("missing node type (want one of %s)", list(nodeTypeNames))
	}
	v, err := parse(nodeTypeNames, "node type", s)
	return NodeType(v), err
}

// ParseOutcome parses "threats-found" or "nothing-found".
func ParseOutcome(s string) (Outcome, error) {
	if s == "" {
		return 0, fmt.Errorf("missing outcome (want one of %s)", list(outcomeNames))
	}
	v, err := parse(outcomeNames, "outcome", s)
	return Outcome(v), err
}

func (k Kind) MarshalJSON() ([]byte, error)          { return json.Marshal(k.String()) }
func (l Level) MarshalJSON() ([]byte, error)         { return json.Marshal(l.String()) }
func (d Decision) MarshalJSON() ([]byte, error)      { return json.Marshal(d.String()) }
func (s Status) MarshalJSON() ([]byte, error)        { return json.Marshal(s.String()) }
func (c DataClass) MarshalJSON() ([]byte, error)     { return json.Marshal(c.String()) }
func (s BoundaryShape) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }
func (t NodeType) MarshalJSON() ([]byte, error)      { return json.Marshal(t.String()) }
func (o Outcome) MarshalJSON() ([]byte, error)       { return json.Marshal(o.String()) }

func unmarshalEnum[T ~int](data []byte, p *T, parseFn func(string) (T, error)) error {
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	v, err := parseFn(s)
	if err != nil {
		return err
	}
	*p = v
	return nil
}

func (k *Kind) UnmarshalJSON(b []byte) error          { return unmarshalEnum(b, k, ParseKind) }
func (l *Level) UnmarshalJSON(b []byte) error         { return unmarshalEnum(b, l, ParseLevel) }
func (d *Decision) UnmarshalJSON(b []byte) error      { return unmarshalEnum(b, d, ParseDecision) }
func (s *Status) UnmarshalJSON(b []byte) error        { return unmarshalEnum(b, s, ParseStatus) }
func (c *DataClass) UnmarshalJSON(b []byte) error     { return unmarshalEnum(b, c, ParseDataClass) }
func (s *BoundaryShape) UnmarshalJSON(b []byte) error { return unmarshalEnum(b, s, ParseBoundaryShape) }
func (t *NodeType) UnmarshalJSON(b []byte) error      { return unmarshalEnum(b, t, ParseNodeType) }
func (o *Outcome) UnmarshalJSON(b []byte) error       { return unmarshalEnum(b, o, ParseOutcome) }

// Connectable reports whether flows may start or end at an element of kind k.
func (k Kind) Connectable() bool { return k >= Actor && k <= Store }

// DefaultSize is the size of a new element of kind k, in diagram units:
// what the palette places and what quick capture creates.
func (k Kind) DefaultSize() (w, h float64) {
	switch k {
	case Process, MultiProcess:
		return 100, 100
	case Store:
		return 140, 60
	case Note:
		return 160, 60
	}
	return 120, 70
}
