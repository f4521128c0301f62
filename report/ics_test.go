package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/threatboard/threatboard/model"
)

// The package's tests share one -update flag; whichever file registers it
// first owns it (the ICS tests may build without the others).
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata")
	}
}

func icsUpdating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// icsModel is a model after its first session: two use cases, a planned
// next session, an open action.
func icsModel() *model.Model {
	return &model.Model{
		ID: "7q2m9c4kx1", Title: "Private podcast feed", Owner: "Platform team <platform@example.org>",
		NextSession: model.Date{Year: 2027, Month: 3, Day: 5},
		Sessions: []*model.Session{{ID: "s1", Date: model.Date{Year: 2026, Month: 12, Day: 5}, Duration: 75,
			Participants: []model.Participant{
				{Name: "Ann Lee <ann@example.org>", Role: "developer"},
				{Name: "Bo Ström", Role: "operations"},
				{Name: "Cy \"the\" Guard", Role: "security"},
				{Name: "Dee, Product", Role: "product owner"},
			}}},
		Diagrams: []*model.Diagram{{ID: "d1", Title: "Authentication"}, {ID: "d2", Title: "Listen to an episode; offline"}},
		Actions:  []*model.Action{{ID: "a1", Title: "Rate limit the login"}},
	}
}

var icsStamp = time.Date(2026, 12, 5, 14, 30, 0, 0, time.UTC)

func TestWriteICSGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteICS(&buf, icsModel(), InvitationFor(icsModel(), icsStamp)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "invitation.ics")
	if icsUpdating() {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("the invitation differs from %s (go test -update rewrites it):\n%s", path, buf.Bytes())
	}
}

// TestWriteICSParses reads the invitation back with an independent
// iCalendar parser and checks what a calendar program would show.
func TestWriteICSParses(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteICS(&buf, icsModel(), InvitationFor(icsModel(), icsStamp)); err != nil {
		t.Fatal(err)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("the invitation does not parse: %v\n%s", err, buf.Bytes())
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events, want 1", len(events))
	}
	ev := events[0]
	prop := func(p ics.ComponentProperty) string {
		if v := ev.GetProperty(p); v != nil {
			return v.Value
		}
		return ""
	}
	start, err := ev.GetStartAt()
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	if want := time.Date(2027, 3, 5, 10, 0, 0, 0, time.UTC); !start.Equal(want) && start.Format("20060102T150405") != want.Format("20060102T150405") {
		t.Errorf("start = %v, want 2027-03-05 10:00", start)
	}
	end, err := ev.GetEndAt()
	if err != nil {
		t.Fatalf("end: %v", err)
	}
	if d := end.Sub(start); d != 75*time.Minute {
		t.Errorf("duration = %v, want the 75 minutes planned last time", d)
	}
	checks := map[string]struct{ got, want string }{
		"summary": {prop(ics.ComponentPropertySummary), "Threat modeling session: Private podcast feed"},
		"uid":     {prop(ics.ComponentPropertyUniqueId), "7q2m9c4kx1-20270305@threatboard"},
	}
	for name, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", name, c.got, c.want)
		}
	}
	desc := prop(ics.ComponentPropertyDescription)
	for _, want := range []string{"- Authentication\n", "- Listen to an episode; offline\n", "Actions to review: 1", "- Bo Ström (operations)"} {
		if !strings.Contains(desc, want) {
			t.Errorf("description lacks %q:\n%s", want, desc)
		}
	}
	var attendees []string
	for _, a := range ev.Attendees() {
		attendees = append(attendees, a.ICalParameters["CN"][0]+" "+a.Value)
	}
	want := []string{"Ann Lee mailto:ann@example.org", "Bo Ström invalid:nomail",
		"Cy 'the' Guard invalid:nomail", "Dee, Product invalid:nomail"}
	if strings.Join(attendees, "|") != strings.Join(want, "|") {
		t.Errorf("attendees\n got %q\nwant %q", attendees, want)
	}
}

func TestWriteICSFolding(t *testing.T) {
	m := icsModel()
	m.Title = strings.Repeat("Zoë Łódź → ", 20)
	var buf bytes.Buffer
	if err := WriteICS(&buf, m, InvitationFor(m, icsStamp)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasSuffix(out, "END:VCALENDAR\r\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Fatal("lines are not ended by CRLF")
	}
	for i, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line %d has %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a character: %q", i+1, l)
		}
	}
	cal, err := ics.ParseCalendar(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if got := cal.Events()[0].GetProperty(ics.ComponentPropertySummary).Value; got != "Threat modeling session: "+m.Title {
		t.Errorf("summary after unfolding = %q", got)
	}
}

func TestWriteICSRefuses(t *testing.T) {
	tests := map[string]func(m *model.Model, inv *Invitation){
		"no date":          func(m *model.Model, inv *Invitation) { inv.Date = model.Date{} },
		"no duration":      func(m *model.Model, inv *Invitation) { inv.Duration = 0 },
		"start past a day": func(m *model.Model, inv *Invitation) { inv.Start = 25 * time.Hour },
	}
	for name, edit := range tests {
		t.Run(name, func(t *testing.T) {
			m := icsModel()
			inv := InvitationFor(m, icsStamp)
			edit(m, &inv)
			var buf bytes.Buffer
			if err := WriteICS(&buf, m, inv); err == nil {
				t.Error("WriteICS succeeded")
			} else if !strings.HasPrefix(err.Error(), "write invitation: ") {
				t.Errorf("error %q does not say what failed", err)
			}
			if buf.Len() != 0 {
				t.Error("a refused invitation wrote something")
			}
		})
	}
}

func TestInvitationDefaults(t *testing.T) {
	m := &model.Model{Sessions: []*model.Session{{ID: "s", Date: model.Date{Year: 2026, Month: 11, Day: 15}}}}
	inv := InvitationFor(m, icsStamp)
	if inv.Date != (model.Date{Year: 2027, Month: 2, Day: 15}) {
		t.Errorf("date = %v, want three months after the last session", inv.Date)
	}
	if inv.Duration != DefaultSessionDuration || inv.Start != DefaultSessionStart {
		t.Errorf("duration %v start %v, want the defaults", inv.Duration, inv.Start)
	}
}

// FuzzWriteICS writes invitations for arbitrary titles, use cases and
// names: every line stays within 75 octets and whole characters, and the
// summary reads back as written.
func FuzzWriteICS(f *testing.F) {
	f.Add("Private podcast feed", "Authentication", "Ann Lee <ann@example.org>", "developer")
	f.Add("a;b,c\\d\ne", "Zoë Łódź → ≤", "\"quoted\"", "")
	f.Add(strings.Repeat("€", 40), "", "", "security")
	f.Fuzz(func(t *testing.T, title, useCase, name, role string) {
		if !utf8.ValidString(title) || !utf8.ValidString(useCase) || !utf8.ValidString(name) || !utf8.ValidString(role) {
			t.Skip("the model holds UTF-8 text only")
		}
		m := icsModel()
		m.Title = title
		m.Diagrams[0].Title = useCase
		m.Sessions[0].Participants = []model.Participant{{Name: name, Role: role}}
		var buf bytes.Buffer
		if err := WriteICS(&buf, m, InvitationFor(m, icsStamp)); err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n") {
			if len(l) > 75 || !utf8.ValidString(l) {
				t.Fatalf("bad line %q", l)
			}
		}
		cal, err := ics.ParseCalendar(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("does not parse: %v\n%s", err, buf.Bytes())
		}
		want := "Threat modeling session: " + title
		if strings.TrimSpace(title) == "" {
			want = "Threat modeling session: Threat model"
		}
		want = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(want)
		if got := cal.Events()[0].GetProperty(ics.ComponentPropertySummary).Value; got != want {
			t.Fatalf("summary %q, want %q", got, want)
		}
	})
}

func TestWriteICSOddNames(t *testing.T) {
	tests := map[string]struct{ name, cn string }{
		"MIME word, not UTF-8": {"=?utf-8?q?" + strings.Repeat("=80", 90) + "?= <x@example.org>", "\uFFFD"},
		"address only":         {"x@example.org", "x@example.org"},
		"backslash":            {`A\B`, "A/B"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			m := icsModel()
			m.Sessions[0].Participants = []model.Participant{{Name: tc.name}}
			var buf bytes.Buffer
			if err := WriteICS(&buf, m, InvitationFor(m, icsStamp)); err != nil {
				t.Fatal(err)
			}
			cal, err := ics.ParseCalendar(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatalf("does not parse: %v", err)
			}
			if got := cal.Events()[0].Attendees()[0].ICalParameters["CN"][0]; got != tc.cn {
				t.Errorf("CN = %q, want %q", got, tc.cn)
			}
		})
	}
}
