package analysis

import "github.com/threatboard/threatboard/model"

// Residual risk is what remains once the decided work is finished. The rule,
// kept deliberately simple so that a team can check it by hand:
//
//   - not applicable: no risk remains (unrated);
//   - avoid, done or verified: the risky feature is gone, no risk remains;
//   - mitigate, done or verified: the likelihood drops one step (high →
//     medium → low; low stays low) and the impact stays, because a control
//     makes an attack harder but does not make its success cheaper;
//   - anything else (undecided, accepted, transferred, or a mitigation or
//     avoidance still open or in progress): the risk stays as rated. A
//     transfer moves who pays, not how likely the attack is.

// Residual is the likelihood and impact that remain for t after the rule
// above; both are unset when no risk remains.
func Residual(t *model.Threat) (likelihood, impact model.Level) {
	if residualGone(t) {
		return model.LevelUnset, model.LevelUnset
	}
	l := t.Likelihood
	if t.Decision == model.Mitigate && t.Status.Finished() && l > model.Low {
		l--
	}
	return l, t.Impact
}

// ResidualRisk is the risk level left after the rule above.
func ResidualRisk(t *model.Threat) RiskLevel { return Risk(Residual(t)) }

// residualGone reports whether nothing of the threat's risk remains.
func residualGone(t *model.Threat) bool {
	return t.Decision == model.NotApplicable || t.Decision == model.Avoid && t.Status.Finished()
}
