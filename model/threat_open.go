package model

// Finished reports whether the work is over: done or verified.
func (s Status) Finished() bool { return s == Done || s == Verified }

// Open reports whether a threat still needs the team: it has no decision
// yet (whatever its status says), or the decision is to mitigate or avoid
// it and that work is not finished. An accepted, transferred or not
// applicable threat is closed: the decision is the outcome.
//
// This is the one rule behind the canvas's badges, the CLI's check, the
// registers and the residual risk.
func (t *Threat) Open() bool {
	switch t.Decision {
	case Undecided:
		return true
	case Mitigate, Avoid:
		return !t.Status.Finished()
	}
	return false
}

// OpenThreats counts the open threats of ts.
func OpenThreats(ts []*Threat) int {
	n := 0
	for _, t := range ts {
		if t.Open() {
			n++
		}
	}
	return n
}
