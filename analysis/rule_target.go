package analysis

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/threatboard/threatboard/model"
)

// Target is what a rule or a checklist category can apply to: one of the
// connectable element kinds, or a flow.
type Target int

// The targets.
const (
	TargetActor Target = iota + 1
	TargetProcess
	TargetMultiProcess
	TargetStore
	TargetFlow
)

var targetNames = []string{"", "actor", "process", "multi-process", "store", "flow"}

// Targets lists every target in order.
var Targets = []Target{TargetActor, TargetProcess, TargetMultiProcess, TargetStore, TargetFlow}

func (t Target) String() string {
	if t <= 0 || int(t) >= len(targetNames) {
		return fmt.Sprintf("invalid(%d)", int(t))
	}
	return targetNames[t]
}

// ParseTarget parses "actor", "process", "multi-process", "store" or "flow".
func ParseTarget(s string) (Target, error) {
	for i, n := range targetNames {
		if n != "" && n == s {
			return Target(i), nil
		}
	}
	return 0, fmt.Errorf("unknown target %q (want one of %s)", s, strings.Join(targetNames[1:], ", "))
}

// TargetOf is the target of an element kind; 0 for a note.
func TargetOf(k model.Kind) Target {
	switch k {
	case model.Actor:
		return TargetActor
	case model.Process:
		return TargetProcess
	case model.MultiProcess:
		return TargetMultiProcess
	case model.Store:
		return TargetStore
	}
	return 0
}

// Kind is the element kind of an element target; 0 for a flow.
func (t Target) Kind() model.Kind {
	switch t {
	case TargetActor:
		return model.Actor
	case TargetProcess:
		return model.Process
	case TargetMultiProcess:
		return model.MultiProcess
	case TargetStore:
		return model.Store
	}
	return 0
}

func (t Target) MarshalJSON() ([]byte, error) { return json.Marshal(t.String()) }

func (t *Target) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseTarget(s)
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// targetSet is a set of targets as a bit mask.
type targetSet uint8

const (
	elementTargets = targetSet(1<<TargetActor | 1<<TargetProcess | 1<<TargetMultiProcess | 1<<TargetStore)
	flowTargets    = targetSet(1 << TargetFlow)
)

func setOf(ts ...Target) targetSet {
	var s targetSet
	for _, t := range ts {
		s |= 1 << t
	}
	return s
}

func (s targetSet) has(t Target) bool         { return s&(1<<t) != 0 }
func (s targetSet) overlaps(o targetSet) bool { return s&o != 0 }

func (s targetSet) list() []Target {
	var out []Target
	for _, t := range Targets {
		if s.has(t) {
			out = append(out, t)
		}
	}
	return out
}

func (s targetSet) String() string {
	var names []string
	for _, t := range s.list() {
		names = append(names, t.String())
	}
	return strings.Join(names, ", ")
}
