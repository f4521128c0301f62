package analysis

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/threatboard/threatboard/model"
)

const (
	unset = model.LevelUnset
	low   = model.Low
	med   = model.Medium
	high  = model.High
)

func TestScoreAndLevel(t *testing.T) {
	tests := map[string]struct {
		likelihood, impact model.Level
		score              int
		level              RiskLevel
	}{
		"low low":          {low, low, 1, RiskLow},
		"low medium":       {low, med, 2, RiskLow},
		"medium low":       {med, low, 2, RiskLow},
		"low high":         {low, high, 3, RiskMedium},
		"high low":         {high, low, 3, RiskMedium},
		"medium medium":    {med, med, 4, RiskMedium},
		"medium high":      {med, high, 6, RiskHigh},
		"high medium":      {high, med, 6, RiskHigh},
		"high high":        {high, high, 9, RiskCritical},
		"likelihood unset": {unset, high, 0, RiskUnrated},
		"impact unset":     {high, unset, 0, RiskUnrated},
		"both unset":       {unset, unset, 0, RiskUnrated},
		"out of range":     {model.Level(7), high, 0, RiskUnrated},
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
			in:   []*model.Threat{th("a", "A", high, low), th("b", "B", low, high)},
			want: []string{"b", "a"},
		},
		"likelihood breaks impact ties": {
			in:   []*model.Threat{th("a", "A", low, med), th("b", "B", high, med), th("c", "C", med, med)},
			want: []string{"b", "c", "a"},
		},
		"title then ID break rating ties": {
			in:   []*model.Threat{th("z", "Same", med, med), th("y", "Apple", med, med), th("x", "Same", med, med)},
			want: []string{"y", "x", "z"},
		},
		"unrated last": {
			in:   []*model.Threat{th("u", "U", unset, unset), th("h", "H", unset, high), th("l", "L", low, low)},
			want: []string{"h", "l", "u"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			threats := slices.Clone(tc.in)
			SortThreats(threats)
			if got := ids(threats); !slices.Equal(got, tc.want) {
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

func ids(threats []*model.Threat) []string {
	var out []string
	for _, t := range threats {
		out = append(out, t.ID)
	}
	return out
}

func TestHeatMap(t *testing.T) {
	threats := []*model.Threat{
		{Likelihood: low, Impact: low},
		{Likelihood: high, Impact: low},
		{Likelihood: high, Impact: low},
		{Likelihood: med, Impact: high},
		{Likelihood: unset, Impact: high},
		{Likelihood: high, Impact: high, Decision: model.Mitigate, Status: model.Done},
		{Likelihood: high, Impact: high, Decision: model.NotApplicable},
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
	if got := h.Count(high, low); got != 2 {
		t.Errorf("Count(high likelihood, low impact) = %d, want 2", got)
	}
	if got := h.Count(unset, med); got != 1 {
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
		"undecided stays":            {model.Threat{Likelihood: high, Impact: high}, high, high, RiskCritical},
		"mitigation open stays":      {model.Threat{Likelihood: high, Impact: high, Decision: model.Mitigate}, high, high, RiskCritical},
		"mitigation in progress":     {model.Threat{Likelihood: high, Impact: high, Decision: model.Mitigate, Status: model.InProgress}, high, high, RiskCritical},
		"mitigation done lowers":     {model.Threat{Likelihood: high, Impact: high, Decision: model.Mitigate, Status: model.Done}, med, high, RiskHigh},
		"mitigation verified lowers": {model.Threat{Likelihood: med, Impact: high, Decision: model.Mitigate, Status: model.Verified}, low, high, RiskMedium},
		"low likelihood floors":      {model.Threat{Likelihood: low, Impact: med, Decision: model.Mitigate, Status: model.Done}, low, med, RiskLow},
		"unset likelihood stays":     {model.Threat{Impact: med, Decision: model.Mitigate, Status: model.Done}, unset, med, RiskUnrated},
		"accepted stays":             {model.Threat{Likelihood: med, Impact: med, Decision: model.Accept, Status: model.Done}, med, med, RiskMedium},
		"transferred stays":          {model.Threat{Likelihood: med, Impact: high, Decision: model.Transfer, Status: model.Done}, med, high, RiskHigh},
		"not applicable is gone":     {model.Threat{Likelihood: high, Impact: high, Decision: model.NotApplicable}, unset, unset, RiskUnrated},
		"avoided and done is gone":   {model.Threat{Likelihood: high, Impact: high, Decision: model.Avoid, Status: model.Done}, unset, unset, RiskUnrated},
		"avoidance open stays":       {model.Threat{Likelihood: high, Impact: low, Decision: model.Avoid}, high, low, RiskMedium},
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
		{Likelihood: high, Impact: high},
		{Likelihood: high, Impact: high, Decision: model.Mitigate, Status: model.Done},
		{Likelihood: low, Impact: low, Decision: model.Accept, Justification: "cheap"},
		{Decision: model.NotApplicable},
		{Likelihood: med, Impact: med, Decision: model.Mitigate, Status: model.InProgress},
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
	if got := ids(ModelThreats(m)); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("ModelThreats = %v", got)
	}
}
