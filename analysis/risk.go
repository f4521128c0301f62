// Package analysis turns a threat model into advice: the checklist categories
// that apply to each element, suggested threats from the rule catalog, risk
// scores and registers, attack-tree evaluation and diagram lint. It never
// imports Fyne: the side panel, the report and the CLI all use it.
package analysis

import (
	"encoding/json"
	"fmt"

	"github.com/threatboard/threatboard/model"
)

// RiskLevel is the band a threat's score falls in on the 3×3 matrix.
// RiskUnrated means likelihood or impact has not been rated yet.
type RiskLevel int

// The risk levels, ordered so that a higher value is worse.
const (
	RiskUnrated RiskLevel = iota
	RiskLow
	RiskMedium
	RiskHigh
	RiskCritical
)

var riskLevelNames = []string{"unrated", "low", "medium", "high", "critical"}

// RiskLevels lists the rated levels from best to worst, for legends and summaries.
var RiskLevels = []RiskLevel{RiskLow, RiskMedium, RiskHigh, RiskCritical}

func (r RiskLevel) String() string {
	if r < 0 || int(r) >= len(riskLevelNames) {
		return fmt.Sprintf("invalid(%d)", int(r))
	}
	return riskLevelNames[r]
}

// ParseRiskLevel parses "unrated", "low", "medium", "high" or "critical";
// the empty string is RiskUnrated.
func ParseRiskLevel(s string) (RiskLevel, error) {
	if s == "" {
		return RiskUnrated, nil
	}
	for i, n := range riskLevelNames {
		if n == s {
			return RiskLevel(i), nil
		}
	}
	return 0, fmt.Errorf("unknown risk level %q (want low, medium, high or critical)", s)
}

func (r RiskLevel) MarshalJSON() ([]byte, error) { return json.Marshal(r.String()) }

func (r *RiskLevel) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("risk level: %w", err)
	}
	v, err := ParseRiskLevel(s)
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// Score is likelihood × impact on the 3×3 matrix, 1 (low, low) to 9 (high,
// high); 0 when either is unset or out of range.
func Score(likelihood, impact model.Level) int {
	if !isRated(likelihood) || !isRated(impact) {
		return 0
	}
	return int(likelihood) * int(impact)
}

func isRated(l model.Level) bool { return l >= model.Low && l <= model.High }

// LevelOfScore bands a score: 1–2 low, 3–4 medium, 6 high, 9 critical.
// The matrix yields no 5, 7 or 8; were one to appear it rounds down to the
// band below, and 0 (or anything outside 1–9) is unrated.
func LevelOfScore(score int) RiskLevel {
	switch {
	case score >= 9:
		if score > 9 {
			return RiskUnrated
		}
		return RiskCritical
	case score >= 6:
		return RiskHigh
	case score >= 3:
		return RiskMedium
	case score >= 1:
		return RiskLow
	}
	return RiskUnrated
}

// Risk is the level of a likelihood and impact pair.
func Risk(likelihood, impact model.Level) RiskLevel {
	return LevelOfScore(Score(likelihood, impact))
}

// ThreatRisk is the threat's risk as rated, before any mitigation.
func ThreatRisk(t *model.Threat) RiskLevel { return Risk(t.Likelihood, t.Impact) }
