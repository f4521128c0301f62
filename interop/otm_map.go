package interop

import (
	"strings"

	"github.com/threatboard/threatboard/model"
)

// The Open Threat Model mapping tables: the importer, the exporter, their
// tests and docs/IMPORT.md read these.

// otmKinds maps component types onto element kinds: exact types first (the
// ones IriusRisk, StartLeft and Threat Dragon write), then words a type
// contains. A type that matches neither becomes a process, reported.
var otmKinds = []struct {
	Type string
	Kind model.Kind
}{
	{"generic-client", model.Actor},
	{"web-client", model.Actor},
	{"mobile-client", model.Actor},
	{"android-device-client", model.Actor},
	{"ios-device-client", model.Actor},
	{"desktop-client", model.Actor},
	{"generic-terminal", model.Actor},
	{"actor", model.Actor},
	{"process", model.Process},
	{"multi-process", model.MultiProcess},
	{"store", model.Store},
	{"s3", model.Store},
	{"dynamodb", model.Store},
	{"sqs-simple-queue-service", model.Store},
	{"empty-component", model.Process},
	{"vpc", model.Process},
}

// otmKindWords are looked for in a type that is not in otmKinds.
var otmKindWords = []struct {
	Word string
	Kind model.Kind
}{
	{"client", model.Actor},
	{"user", model.Actor},
	{"browser", model.Actor},
	{"database", model.Store},
	{"store", model.Store},
	{"storage", model.Store},
	{"bucket", model.Store},
	{"queue", model.Store},
	{"sql", model.Store},
	{"cache", model.Store},
	{"log", model.Store},
	{"table", model.Store},
	{"file", model.Store},
}

// otmKind returns the kind for a component type and whether it was looked
// up (false: guessed from a word, or the process default).
func otmKind(typ string) (model.Kind, bool) {
	t := strings.ToLower(typ)
	for _, k := range otmKinds {
		if k.Type == t {
			return k.Kind, true
		}
	}
	for _, w := range otmKindWords {
		if strings.Contains(t, w.Word) {
			return w.Kind, false
		}
	}
	return model.Process, false
}

// otmTypeOf is the component type the export writes: the technology when
// set (the import reads the type into it), else the kind.
func otmTypeOf(e *model.Element) string {
	if e.Technology != "" {
		return e.Technology
	}
	return e.Kind.String()
}

// otmBands turn OTM's 0–100 likelihood and impact into levels: 0 (or
// null) is not rated, 1–33 Low, 34–66 Medium, 67–100 High. The export
// writes the middle of each band.
var otmBands = []struct {
	Level    model.Level
	From, To float64
	Write    float64
}{
	{model.LevelUnset, 0, 0, 0},
	{model.Low, 0, 33, 20},
	{model.Medium, 33, 66, 50},
	{model.High, 66, 100, 80},
}

func otmLevel(v float64) model.Level {
	for _, b := range otmBands {
		if v <= b.To && (v > b.From || b.From == b.To) {
			return b.Level
		}
	}
	return model.High
}

func otmValue(l model.Level) float64 {
	for _, b := range otmBands {
		if b.Level == l {
			return b.Write
		}
	}
	return 0
}

// otmStates maps the state of a threat on a component or dataflow onto a
// decision and a status; the first entry for a pair is what the export
// writes.
var otmStates = []struct {
	State    string
	Decision model.Decision
	Status   model.Status
}{
	{"expose", model.Undecided, model.Open},
	{"exposed", model.Undecided, model.Open},
	{"open", model.Undecided, model.Open},
	{"mitigate", model.Mitigate, model.Open},
	{"required", model.Mitigate, model.Open},
	{"partly-mitigated", model.Mitigate, model.InProgress},
	{"mitigated", model.Mitigate, model.Done},
	{"implemented", model.Mitigate, model.Done},
	{"verified", model.Mitigate, model.Verified},
	{"accept", model.Accept, model.Done},
	{"accepted", model.Accept, model.Done},
	{"transfer", model.Transfer, model.Done},
	{"transferred", model.Transfer, model.Done},
	{"avoid", model.Avoid, model.Done},
	{"avoided", model.Avoid, model.Done},
	{"not-applicable", model.NotApplicable, model.Done},
	{"na", model.NotApplicable, model.Done},
}

func otmState(s string) (model.Decision, model.Status, bool) {
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", "-"))
	for _, st := range otmStates {
		if st.State == t {
			return st.Decision, st.Status, true
		}
	}
	return model.Undecided, model.Open, false
}

// otmStateOf is the state the export writes; a pair with no entry of its
// own gets the first entry of its decision, and the exact status travels in
// the threat's extra block.
func otmStateOf(d model.Decision, s model.Status) string {
	for _, st := range otmStates {
		if st.Decision == d && st.Status == s {
			return st.State
		}
	}
	for _, st := range otmStates {
		if st.Decision == d {
			return st.State
		}
	}
	return "expose"
}
