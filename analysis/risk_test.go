package analysis

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/threatboard/threatboard/model"
)

const (
	lvUnset = model.LevelUnset
	lvLow   = model.Low
	lvMed   = model.Medium
	lvHigh  = model.High
)

func TestScoreAndLevel(t *testing.T) {
	tests := map[string]struct {
		likelihood, impact model.Level
		score              int
		level              RiskLevel
	}{
		"low low":          {lvLow, lvLow, 1, RiskLow},
		"low medium":       {lvLow, lvMed, 2, RiskLow},
		"medium low":       {lvMed, lvLow, 2, RiskLow},
		"low high":         {lvLow, lvHigh, 3, RiskMedium},
		"high low":         {lvHigh, lvLow, 3, RiskMedium},
		"medium medium":    {lvMed, lvMed, 4, RiskMedium},
		"medium high":      {lvMed, lvHigh, 6, RiskHigh},
		"high medium":      {lvHigh, lvMed, 6, RiskHigh},
		"high high":        {lvHigh, lvHigh, 9, RiskCritical},
		"likelihood unset": {lvUnset, lvHigh, 0, RiskUnrated},
		"impact unset":     {lvHigh, lvUnset, 0, RiskUnrated},
		"both unset":       {lvUnset, lvUnset, 0, RiskUnrated},
		"out of range":     {model.Level(7), lvHigh, 0, RiskUnrated},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := Score(tc.likelihood, tc.impact); got != tc.score {
				t.Errorf("Score = %d, want %d", got, tc.score)
			}
			if got := Risk(tc.likelihood, tc.impact); got != tc.level {
				t.Errorf("Risk = %v, want %v", got, tc.level)
			}
			th := &model.Threat{Likelihood: tc.likelihood, Impact: tc.impact}
			if got := ThreatRisk(th); got != tc.level {
				t.Errorf("ThreatRisk = %v, want %v", got, tc.level)
			}
		})
	}
}

func TestLevelOfScore(t *testing.T) {
	want := []RiskLevel{RiskUnrated, RiskLow, RiskLow, RiskMedium, RiskMedium, RiskMedium, RiskHigh, RiskHigh, RiskHigh, RiskCritical, RiskUnrated}
	for score, w := range want {
		if got := LevelOfScore(score); got != w {
			t.Errorf("LevelOfScore(%d) = %v, want %v", score, got, w)
		}
	}
	if got := LevelOfScore(-1); got != RiskUnrated {
		t.Errorf("LevelOfScore(-1) = %v, want unrated", got)
	}
}

func TestRiskLevelNames(t *testing.T) {
	tests := map[string]struct {
		level RiskLevel
		name  string
	}{
		"unrated":  {RiskUnrated, "unrated"},
		"low":      {RiskLow, "low"},
		"medium":   {RiskMedium, "medium"},
		"high":     {RiskHigh, "high"},
		"critical": {RiskCritical, "critical"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if got := tc.level.String(); got != tc.name {
				t.Errorf("String = %q, want %q", got, tc.name)
			}
			got, err := ParseRiskLevel(tc.name)
			if err != nil || got != tc.level {
				t.Errorf("ParseRiskLevel(%q) = %v, %v; want %v", tc.name, got, err, tc.level)
			}
			b, err := json.Marshal(tc.level)
			if err != nil || string(b) != `"`+tc.name+`"` {
				t.Errorf("Marshal = %s, %v", b, err)
			}
			var back RiskLevel
			if err := json.Unmarshal(b, &back); err != nil || back != tc.level {
				t.Errorf("Unmarshal(%s) = %v, %v", b, back, err)
			}
		})
	}
	t.Run("empty is unrated", func(t *testing.T) {
		if got, err := ParseRiskLevel(""); err != nil || got != RiskUnrated {
			t.Errorf("ParseRiskLevel(\"\") = %v, %v", got, err)
		}
	})
	t.Run("unknown", func(t *testing.T) {
		if _, err := ParseRiskLevel("severe"); err == nil {
			t.Error("ParseRiskLevel(severe) succeeded")
		}
		var r RiskLevel
		if err := json.Unmarshal([]byte(`"severe"`), &r); err == nil {
			t.Error("Unmarshal(severe) succeeded")
		}
		if err := json.Unmarshal([]byte(`3`), &r); err == nil {
			t.Error("Unmarshal(3) succeeded")
		}
	})
	t.Run("invalid value", func(t *testing.T) {
		if got := RiskLevel(12).String(); got != "invalid(12)" {
			t.Errorf("String = %q", got)
		}
	})
}

func TestSortThreats(t *testing.T) {
	th := func(id, title string, l, i model.Level) *model.Threat {
		return &model.Threat{ID: id, Title: title, Likelihood: l, Impact: i}
	}
	tests := map[string]struct {
		in   []*model.Threat
		want []string
	}{
		"impact before likelihood": {
			in:   []*model.Threat{th("a", "A", lvHigh, lvLow), th("b", "B", lvLow, lvHigh)},
			want: []string{"b", "a"},
		},
		"likelihood breaks impact ties": {
			in:   []*model.Threat{th("a", "A", lvLow, lvMed), th("b", "B", lvHigh, lvMed), th("c", "C", lvMed, lvMed)},
			want: []string{"b", "c", "a"},
		},
		"title then ID break rating ties": {
			in:   []*model.Threat{th("z", "Same", lvMed, lvMed), th("y", "Apple", lvMed, lvMed), th("x", "Same", lvMed, lvMed)},
			want: []string{"y", "x", "z"},
		},
		"unrated last": {
			in:   []*model.Threat{th("u", "U", lvUnset, lvUnset), th("h", "H", lvUnset, lvHigh), th("l", "L", lvLow, lvLow)},
			want: []string{"h", "l", "u"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			threats := slices.Clone(tc.in)
			SortThreats(threats)
			if got := threatIDs(threats); !slices.Equal(got, tc.want) {
				t.Errorf("SortThreats = %v, want %v", got, tc.want)
			}
			refs := make([]model.ThreatRef, len(tc.in))
			for i, x := range slices.Backward(tc.in) {
				refs[len(tc.in)-1-i] = model.ThreatRef{Threat: x}
			}
			SortRegister(refs)
			var got []string
			for _, r := range refs {
				got = append(got, r.Threat.ID)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("SortRegister of the reversed input = %v, want %v", got, tc.want)
			}
		})
	}
}

func threatIDs(threats []*model.Threat) []string {
	var out []string
	for _, t := range threats {
		out = append(out, t.ID)
	}
	return out
}

func TestHeatMap(t *testing.T) {
	threats := []*model.Threat{
		{Likelihood: lvLow, Impact: lvLow},
		{Likelihood: lvHigh, Impact: lvLow},
		{Likelihood: lvHigh, Impact: lvLow},
		{Likelihood: lvMed, Impact: lvHigh},
		{Likelihood: lvUnset, Impact: lvHigh},
		{Likelihood: lvHigh, Impact: lvHigh, Decision: model.Mitigate, Status: model.Done},
		{Likelihood: lvHigh, Impact: lvHigh, Decision: model.NotApplicable},
	}
	h := HeatMapOf(threats)
	want := [3][3]int{
		{1, 0, 2}, // impact low: likelihood low, medium, high
		{0, 0, 0},
		{0, 1, 2},
	}
	if h.Cells != want {
		t.Errorf("Cells = %v, want %v", h.Cells, want)
	}
	if h.Unrated != 1 || h.Total() != len(threats) {
		t.Errorf("Unrated = %d, Total = %d", h.Unrated, h.Total())
	}
	if got := h.Count(lvHigh, lvLow); got != 2 {
		t.Errorf("Count(high likelihood, low impact) = %d, want 2", got)
	}
	if got := h.Count(lvUnset, lvMed); got != 1 {
		t.Errorf("Count(unset) = %d, want the unrated 1", got)
	}

	r := ResidualHeatMapOf(threats)
	wantResidual := [3][3]int{
		{1, 0, 2},
		{0, 0, 0},
		{0, 2, 0}, // the done mitigation moved high×high to medium×high; n/a is gone
	}
	if r.Cells != wantResidual || r.Unrated != 1 {
		t.Errorf("residual Cells = %v (unrated %d), want %v (unrated 1)", r.Cells, r.Unrated, wantResidual)
	}
}

func TestResidual(t *testing.T) {
	tests := map[string]struct {
		threat             model.Threat
		likelihood, impact model.Level
		level              RiskLevel
	}{
		"undecided stays":            {model.Threat{Likelihood: lvHigh, Impact: lvHigh}, lvHigh, lvHigh, RiskCritical},
		"mitigation open stays":      {model.Threat{Likelihood: lvHigh, Impact: lvHigh, Decision: model.Mitigate}, lvHigh, lvHigh, RiskCritical},
		"mitigation in progress":     {model.Threat{Likelihood: lvHigh, Impact: lvHigh, Decision: model.Mitigate, Status: model.InProgress}, lvHigh, lvHigh, RiskCritical},
		"mitigation done lowers":     {model.Threat{Likelihood: lvHigh, Impact: lvHigh, Decision: model.Mitigate, Status: model.Done}, lvMed, lvHigh, RiskHigh},
		"mitigation verified lowers": {model.Threat{Likelihood: lvMed, Impact: lvHigh, Decision: model.Mitigate, Status: model.Verified}, lvLow, lvHigh, RiskMedium},
		"low likelihood floors":      {model.Threat{Likelihood: lvLow, Impact: lvMed, Decision: model.Mitigate, Status: model.Done}, lvLow, lvMed, RiskLow},
		"unset likelihood stays":     {model.Threat{Impact: lvMed, Decision: model.Mitigate, Status: model.Done}, lvUnset, lvMed, RiskUnrated},
		"accepted stays":             {model.Threat{Likelihood: lvMed, Impact: lvMed, Decision: model.Accept, Status: model.Done}, lvMed, lvMed, RiskMedium},
		"transferred stays":          {model.Threat{Likelihood: lvMed, Impact: lvHigh, Decision: model.Transfer, Status: model.Done}, lvMed, lvHigh, RiskHigh},
		"not applicable is gone":     {model.Threat{Likelihood: lvHigh, Impact: lvHigh, Decision: model.NotApplicable}, lvUnset, lvUnset, RiskUnrated},
		"avoided and done is gone":   {model.Threat{Likelihood: lvHigh, Impact: lvHigh, Decision: model.Avoid, Status: model.Done}, lvUnset, lvUnset, RiskUnrated},
		"avoidance open stays":       {model.Threat{Likelihood: lvHigh, Impact: lvLow, Decision: model.Avoid}, lvHigh, lvLow, RiskMedium},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			l, i := Residual(&tc.threat)
			if l != tc.likelihood || i != tc.impact {
				t.Errorf("Residual = %v × %v, want %v × %v", l, i, tc.likelihood, tc.impact)
			}
			if got := ResidualRisk(&tc.threat); got != tc.level {
				t.Errorf("ResidualRisk = %v, want %v", got, tc.level)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	threats := []*model.Threat{
		{Likelihood: lvHigh, Impact: lvHigh},
		{Likelihood: lvHigh, Impact: lvHigh, Decision: model.Mitigate, Status: model.Done},
		{Likelihood: lvLow, Impact: lvLow, Decision: model.Accept, Justification: "cheap"},
		{Decision: model.NotApplicable},
		{Likelihood: lvMed, Impact: lvMed, Decision: model.Mitigate, Status: model.InProgress},
	}
	s := Summarize(threats)
	if s.Total != 5 {
		t.Errorf("Total = %d", s.Total)
	}
	checks := map[string]struct{ got, want int }{
		"undecided":         {s.ByDecision[model.Undecided], 1},
		"mitigate":          {s.ByDecision[model.Mitigate], 2},
		"accept":            {s.ByDecision[model.Accept], 1},
		"not applicable":    {s.ByDecision[model.NotApplicable], 1},
		"transfer":          {s.ByDecision[model.Transfer], 0},
		"open":              {s.ByStatus[model.Open], 3},
		"in progress":       {s.ByStatus[model.InProgress], 1},
		"done":              {s.ByStatus[model.Done], 1},
		"critical":          {s.ByRisk[RiskCritical], 2},
		"medium":            {s.ByRisk[RiskMedium], 1},
		"low":               {s.ByRisk[RiskLow], 1},
		"unrated":           {s.ByRisk[RiskUnrated], 1},
		"residual critical": {s.ByResidual[RiskCritical], 1},
		"residual high":     {s.ByResidual[RiskHigh], 1},
		"residual unrated":  {s.ByResidual[RiskUnrated], 1},
	}
	for name, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", name, c.got, c.want)
		}
	}
}

func TestModelThreats(t *testing.T) {
	a, b, c := &model.Threat{ID: "a"}, &model.Threat{ID: "b"}, &model.Threat{ID: "c"}
	m := &model.Model{Diagrams: []*model.Diagram{
		{Elements: []*model.Element{{ID: "e", Common: model.Common{Threats: []*model.Threat{a, b}}}}},
		{Flows: []*model.Flow{{ID: "f", Common: model.Common{Threats: []*model.Threat{c}}}}},
	}}
	if got := threatIDs(ModelThreats(m)); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("ModelThreats = %v", got)
	}
}
