package model

import (
	"fmt"
	"testing"
)

func TestThreatOpen(t *testing.T) {
	// Every decision against every status; the cases the canvas and the CLI
	// once disagreed about are named.
	open := map[Decision]map[Status]bool{
		Undecided:     {Open: true, InProgress: true, Done: true, Verified: true},
		Mitigate:      {Open: true, InProgress: true},
		Avoid:         {Open: true, InProgress: true},
		Accept:        {},
		Transfer:      {},
		NotApplicable: {},
	}
	for d := Undecided; d <= NotApplicable; d++ {
		for s := Open; s <= Verified; s++ {
			t.Run(fmt.Sprintf("%s, %s", d, s), func(t *testing.T) {
				th := &Threat{Decision: d, Status: s}
				if got, want := th.Open(), open[d][s]; got != want {
					t.Errorf("Open() = %v, want %v", got, want)
				}
			})
		}
	}
	named := map[string]struct {
		t    Threat
		want bool
	}{
		"undecided but marked done": {Threat{Decision: Undecided, Status: Done}, true},
		"avoided, not yet done":     {Threat{Decision: Avoid, Status: InProgress}, true},
		"avoided and verified":      {Threat{Decision: Avoid, Status: Verified}, false},
	}
	for name, tc := range named {
		t.Run(name, func(t *testing.T) {
			if got := tc.t.Open(); got != tc.want {
				t.Errorf("Open() = %v, want %v", got, tc.want)
			}
		})
	}
	ts := []*Threat{{Decision: Undecided}, {Decision: Accept}, {Decision: Mitigate, Status: Done}, {Decision: Avoid}}
	if got := OpenThreats(ts); got != 2 {
		t.Errorf("OpenThreats = %d, want 2", got)
	}
}
