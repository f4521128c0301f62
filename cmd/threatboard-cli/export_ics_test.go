package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/model"
)

func TestExportICS(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "m.threatboard.json")
	m := &model.Model{ID: "m1", Title: "Feed", NextSession: model.Date{Year: 2027, Month: 3, Day: 5},
		Sessions: []*model.Session{{ID: "s1", Date: model.Date{Year: 2026, Month: 12, Day: 5}, Duration: 60,
			Participants: []model.Participant{{Name: "Ann", Role: "security"}}}},
		Diagrams: []*model.Diagram{{ID: "d1", Title: "Authentication"}}}
	if err := model.Save(in, m); err != nil {
		t.Fatal(err)
	}
	noDate := filepath.Join(dir, "undated.threatboard.json")
	if err := model.Save(noDate, &model.Model{ID: "m2"}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "next.ics")
	tests := map[string]struct {
		args   []string
		code   int
		stderr string
		want   []string // lines of the written file
	}{
		"next session": {args: []string{"export", in, "-format", "ics", "-o", out}, code: 0,
			want: []string{"DTSTART:20270305T100000", "DTEND:20270305T110000", "ATTENDEE;CN=\"Ann\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:invalid:nomail"}},
		"another day and hour": {args: []string{"export", "-format", "ics", "-session-date", "2027-04-01", "-session-start", "14:30", "-o", out, in}, code: 0,
			want: []string{"DTSTART:20270401T143000", "UID:m1-20270401@threatboard"}},
		"bad date":       {args: []string{"export", in, "-format", "ics", "-session-date", "1.4.2027", "-o", out}, code: 1, stderr: "-session-date: invalid date"},
		"bad start":      {args: []string{"export", in, "-format", "ics", "-session-start", "2pm", "-o", out}, code: 1, stderr: "-session-start: invalid time"},
		"no date at all": {args: []string{"export", noDate, "-format", "ics", "-o", out}, code: 1, stderr: "the next session has no date"},
		"unknown format": {args: []string{"export", in, "-format", "vcs", "-o", out}, code: 2, stderr: `unknown format "vcs"`},
		"no output":      {args: []string{"export", in, "-format", "ics"}, code: 2, stderr: "-o PATH is required"},
		"no file":        {args: []string{"export", "-format", "ics", "-o", out}, code: 2, stderr: "usage: threatboard-cli export"},
		"missing file":   {args: []string{"export", filepath.Join(dir, "gone.json"), "-format", "ics", "-o", out}, code: 1, stderr: "gone.json"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			os.Remove(out)
			code, _, stderr := runCLI(tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.stderr) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, stderr, tc.code, tc.stderr)
			}
			data, err := os.ReadFile(out)
			if tc.want == nil {
				if err == nil {
					t.Error("a failed export wrote its file")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(data), w+"\r\n") {
					t.Errorf("the invitation lacks %q:\n%s", w, data)
				}
			}
		})
	}
}
