package analysis

import (
	"errors"

	"github.com/threatboard/threatboard/model"
)

// A tree that feeds its threat's likelihood proposes the level its root's
// probability falls in: below LowBelow Low, below MediumBelow Medium, else
// High. The bands hold LowProbability, MediumProbability and
// HighProbability, so a level survives the round trip through a leaf.
const (
	LowBelow    = 0.1
	MediumBelow = 0.4
)

// LikelihoodOf is the likelihood level a probability falls in.
func LikelihoodOf(p float64) model.Level {
	switch {
	case p < LowBelow:
		return model.Low
	case p < MediumBelow:
		return model.Medium
	}
	return model.High
}

// Proposal is the likelihood an attack tree proposes for the threat it
// feeds. The analysis only proposes; the app applies it as an edit command,
// so that it can be undone.
type Proposal struct {
	TreeID      string
	ThreatID    string
	Probability float64     // the root's probability
	Current     model.Level // the threat's likelihood now
	Proposed    model.Level
}

// Changes reports whether applying the proposal would change the threat.
func (p Proposal) Changes() bool { return p.Current != p.Proposed }

// ProposeLikelihood evaluates a tree that feeds its target threat's
// likelihood. ok is false when the tree does not feed one: FeedsLikelihood
// is off, or its target is an element or nothing (lint reports a target that
// does not exist). An invalid tree is an error.
func ProposeLikelihood(m *model.Model, t *model.AttackTree) (p Proposal, ok bool, err error) {
	if !t.FeedsLikelihood || t.Target == "" {
		return Proposal{}, false, nil
	}
	ref, found := m.Threat(t.Target)
	if !found {
		return Proposal{}, false, nil
	}
	r, err := EvaluateTree(t)
	if err != nil {
		return Proposal{}, false, err
	}
	return Proposal{
		TreeID:      t.ID,
		ThreatID:    ref.Threat.ID,
		Probability: r.Root.Probability,
		Current:     ref.Threat.Likelihood,
		Proposed:    LikelihoodOf(r.Root.Probability),
	}, true, nil
}

// ProposeLikelihoods collects the proposals of every tree of the model that
// feeds a threat, in tree order. Trees that fail to evaluate are skipped and
// their errors joined, so that one broken tree does not hide the others.
func ProposeLikelihoods(m *model.Model) ([]Proposal, error) {
	var out []Proposal
	var errs []error
	for _, t := range m.AttackTrees {
		p, ok, err := ProposeLikelihood(m, t)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if ok {
			out = append(out, p)
		}
	}
	return out, errors.Join(errs...)
}
