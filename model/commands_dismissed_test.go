package model

import (
	"bytes"
	"testing"
)

func TestRestoreDismissed(t *testing.T) {
	tests := map[string]struct {
		dismiss map[string][]string // diagram ID + "/" + target ID → rule IDs
		want    int                 // DismissedCount before
		err     bool
	}{
		"nothing dismissed": {err: true},
		"one element":       {dismiss: map[string][]string{"d1/p": {"R-1"}}, want: 1},
		"elements and flows of two diagrams": {dismiss: map[string][]string{
			"d1/p": {"R-1", "R-2"}, "d1/f2": {"R-3"}, "d2/x": {"R-4"}}, want: 4},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			m := editModel()
			for key, rules := range tc.dismiss {
				var did, id string
				for i := range key {
					if key[i] == '/' {
						did, id = key[:i], key[i+1:]
					}
				}
				c, err := threatTarget(m, did, id)
				if err != nil {
					t.Fatal(err)
				}
				c.Dismissed = rules
			}
			if got := m.DismissedCount(); got != tc.want {
				t.Fatalf("DismissedCount = %d, want %d", got, tc.want)
			}
			h := NewHistory(m)
			before := encode(t, m)
			err := h.Do(RestoreDismissed())
			if tc.err {
				if err == nil || !bytes.Equal(encode(t, m), before) {
					t.Fatalf("with nothing dismissed: error %v, document changed %v", err, !bytes.Equal(encode(t, m), before))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if n := m.DismissedCount(); n != 0 {
				t.Fatalf("%d dismissed after restoring them all", n)
			}
			if h.UndoLabel() != "Restore dismissed suggestions" {
				t.Errorf("undo label %q", h.UndoLabel())
			}
			after := encode(t, m)
			if err := h.Undo(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(encode(t, m), before) {
				t.Fatal("undo did not give back the dismissed suggestions")
			}
			if err := h.Redo(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(encode(t, m), after) {
				t.Fatal("redo did not restore them again")
			}
		})
	}
}
