package model

import (
	"slices"
	"strings"
)

// ReviewInterval is how many months after a session the next one falls
// when nobody planned a date: the guide's "pick a date in three months".
const ReviewInterval = 3

// Roles lists the roles offered for a participant, the four the guide asks
// for first. A participant's role is free text; these are suggestions.
func Roles() []string {
	return []string{"developer", "operations", "security", "product owner", "business analyst"}
}

// guideRoles are the roles a session should have someone for.
var guideRoles = []string{"developer", "operations", "security", "product owner"}

// MissingRoles lists the roles of the four the guide asks for (developer,
// operations, security, product owner) that nobody at s brings. Roles are
// compared without regard to case or surrounding spaces.
func (s *Session) MissingRoles() []string {
	var out []string
	for _, r := range guideRoles {
		if !slices.ContainsFunc(s.Participants, func(p Participant) bool {
			return strings.EqualFold(strings.TrimSpace(p.Role), r)
		}) {
			out = append(out, r)
		}
	}
	return out
}

// Session returns the session with the given ID, or nil.
func (m *Model) Session(id string) *Session {
	for _, s := range m.Sessions {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// LastSession returns the session held last (the latest date; of two on
// one day, the later in the file), or nil when there is none.
func (m *Model) LastSession() *Session {
	var last *Session
	for _, s := range m.Sessions {
		if last == nil || !s.Date.Before(last.Date) {
			last = s
		}
	}
	return last
}

// ReviewDate is when the next session is due: the planned date, or
// ReviewInterval months after the last session when none is planned. It is
// the zero Date when neither is known.
func (m *Model) ReviewDate() Date {
	if !m.NextSession.IsZero() {
		return m.NextSession
	}
	if s := m.LastSession(); s != nil && !s.Date.IsZero() {
		return s.Date.AddMonths(ReviewInterval)
	}
	return Date{}
}

// People lists everyone named at a session, most recent session first,
// each name once (with the role they had last), so that the next session
// can offer them again.
func (m *Model) People() []Participant {
	ss := slices.Clone(m.Sessions)
	slices.SortStableFunc(ss, func(a, b *Session) int { return b.Date.Time().Compare(a.Date.Time()) })
	var out []Participant
	seen := map[string]bool{}
	for _, s := range ss {
		for _, p := range s.Participants {
			key := strings.ToLower(strings.TrimSpace(p.Name))
			if key == "" || seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, p)
		}
	}
	return out
}

// Overdue reports whether the action is still to be done after its due day.
func (a *Action) Overdue(today Date) bool {
	return !a.Due.IsZero() && a.Due.Before(today) && a.Status < Done
}
