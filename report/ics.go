package report

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/threatboard/threatboard/model"
)

// Invitation is the calendar event of the next session.
type Invitation struct {
	Date         model.Date    // the session's day
	Start        time.Duration // time of day it starts, local to whoever opens it
	Duration     time.Duration
	Participants []model.Participant
	// Stamp is when the invitation was made (DTSTAMP); passed in so that
	// the same model gives the same bytes.
	Stamp time.Time
}

// Defaults of an invitation when the model does not say: the guide's
// "reserve an hour to an hour and a half", in the morning.
const (
	DefaultSessionStart    = 10 * time.Hour
	DefaultSessionDuration = 90 * time.Minute
)

// InvitationFor is the invitation to m's next session: on its review date
// (the planned one, or three months after the last session), with the
// planned duration and the participants of the last session.
func InvitationFor(m *model.Model, stamp time.Time) Invitation {
	inv := Invitation{Date: m.ReviewDate(), Start: DefaultSessionStart, Duration: DefaultSessionDuration, Stamp: stamp}
	if s := m.LastSession(); s != nil {
		if s.Duration > 0 {
			inv.Duration = time.Duration(s.Duration) * time.Minute
		}
		inv.Participants = s.Participants
	}
	return inv
}

// WriteICS writes the invitation to m's next session as an iCalendar file
// (RFC 5545): one event with its start and duration, the participants as
// attendees and the use cases to cover in the description. The start is
// a floating local time: the team meets at ten wherever each of them is.
func WriteICS(w io.Writer, m *model.Model, inv Invitation) error {
	if inv.Date.IsZero() {
		return errors.New("write invitation: the next session has no date; plan one first")
	}
	if inv.Duration <= 0 || inv.Start < 0 || inv.Start >= 24*time.Hour {
		return fmt.Errorf("write invitation: start %v and duration %v must lie within a day and be positive", inv.Start, inv.Duration)
	}
	title := m.Title
	if strings.TrimSpace(title) == "" {
		title = "Threat model"
	}
	start := inv.Date.Time().Add(inv.Start)
	var b icsWriter
	b.line("BEGIN:VCALENDAR")
	b.line("VERSION:2.0")
	b.line("PRODID:-//Threatboard//Threatboard//EN")
	b.line("CALSCALE:GREGORIAN")
	b.line("METHOD:PUBLISH")
	b.line("BEGIN:VEVENT")
	b.line("UID:" + eventUID(m, inv.Date))
	b.line("DTSTAMP:" + inv.Stamp.UTC().Format("20060102T150405Z"))
	b.line("DTSTART:" + start.Format("20060102T150405"))
	// DTEND rather than DURATION: both are RFC 5545, more programs read DTEND.
	b.line("DTEND:" + start.Add(inv.Duration).Format("20060102T150405"))
	b.line("SUMMARY:" + icsText("Threat modeling session: "+title))
	b.line("DESCRIPTION:" + icsText(invitationText(m, inv)))
	if strings.TrimSpace(m.Owner) != "" {
		name, addr := calAddress(m.Owner)
		b.line("ORGANIZER;CN=" + icsParam(name) + ":" + addr)
	}
	for _, p := range inv.Participants {
		if strings.TrimSpace(p.Name) == "" {
			continue
		}
		name, addr := calAddress(p.Name)
		b.line("ATTENDEE;CN=" + icsParam(name) + ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:" + addr)
	}
	b.line("END:VEVENT")
	b.line("END:VCALENDAR")
	if _, err := w.Write([]byte(b.String())); err != nil {
		return fmt.Errorf("write invitation: %w", err)
	}
	return nil
}

// invitationText is the event's description: what the session is for,
// who comes in which role, the use cases to cover and the actions to review.
func invitationText(m *model.Model, inv Invitation) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Threat modeling session for %q: go over each element and flow with the checklist, rate and decide, and review the actions of the last session.\n", m.Title)
	if len(m.Diagrams) > 0 {
		b.WriteString("\nUse cases to cover:\n")
		for _, d := range m.Diagrams {
			fmt.Fprintf(&b, "- %s\n", d.Title)
		}
	}
	open := 0
	for _, a := range m.Actions {
		if a.Status < model.Done || a.Reviewed.IsZero() {
			open++
		}
	}
	if open > 0 {
		fmt.Fprintf(&b, "\nActions to review: %d\n", open)
	}
	if len(inv.Participants) > 0 {
		b.WriteString("\nParticipants:\n")
		for _, p := range inv.Participants {
			if strings.TrimSpace(p.Role) == "" {
				fmt.Fprintf(&b, "- %s\n", p.Name)
			} else {
				fmt.Fprintf(&b, "- %s (%s)\n", p.Name, p.Role)
			}
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// eventUID is stable for one model and day, so that a second export of
// the same invitation updates the event instead of adding another.
func eventUID(m *model.Model, d model.Date) string {
	id := m.ID
	if id == "" {
		sum := sha256.Sum256([]byte(m.Title))
		id = hex.EncodeToString(sum[:8])
	}
	return fmt.Sprintf("%s-%s@threatboard", id, d.Time().Format("20060102"))
}

// calAddress splits a participant as written ("Ann Lee <ann@example.org>")
// into the name to show and their calendar address. Someone named without
// an e-mail address gets the address calendar programs write for a person
// without one.
func calAddress(name string) (string, string) {
	if a, err := mail.ParseAddress(name); err == nil {
		// The parser decodes MIME words ("=?utf-8?q?…?="), which may be
		// anything; the event keeps to UTF-8.
		shown := strings.ToValidUTF8(a.Name, "\uFFFD")
		if shown == "" {
			shown = a.Address
		}
		return shown, "mailto:" + a.Address
	}
	return name, "invalid:nomail"
}

// icsText escapes a TEXT value (RFC 5545 3.3.11).
func icsText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// icsParam quotes a parameter value (RFC 5545 3.2): control characters
// and the double quote, which a parameter cannot hold, become spaces and
// single quotes; a backslash, which some readers take for an escape there,
// becomes a slash.
func icsParam(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '"':
			return '\''
		case r == '\\':
			return '/'
		case r < ' ' || r == 0x7f:
			return ' '
		}
		return r
	}, s)
	return `"` + s + `"`
}

// icsWriter collects content lines, folded at 75 octets without splitting
// a UTF-8 sequence, each ended by CRLF (RFC 5545 3.1).
type icsWriter struct{ strings.Builder }

func (w *icsWriter) line(s string) {
	const limit = 75
	first := true
	for len(s) > 0 {
		max := limit
		if !first {
			max-- // the folding space counts
			w.WriteByte(' ')
		}
		n := min(len(s), max)
		for n > 0 && n < len(s) && !utf8.RuneStart(s[n]) {
			n--
		}
		if n == 0 { // not UTF-8 here: cut where the limit is
			n = min(len(s), max)
		}
		w.WriteString(s[:n])
		w.WriteString("\r\n")
		s = s[n:]
		first = false
	}
}
