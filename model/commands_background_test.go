package model

import (
	"bytes"
	"strings"
	"testing"
)

func TestBackgroundCommands(t *testing.T) {
	photo := &Background{Path: "whiteboard.jpg", Bounds: Rect{0, 0, 400, 300}, Opacity: 0.4}
	cases := map[string]struct {
		start   *Background // d1's background before the edits
		cmds    []Command
		want    *Background
		wantErr string
	}{
		"place": {cmds: []Command{PlaceBackground("d1", photo)}, want: photo},
		"replace": {start: photo, cmds: []Command{PlaceBackground("d1", &Background{Path: "b.png", Bounds: Rect{1, 2, 3, 4}})},
			want: &Background{Path: "b.png", Bounds: Rect{1, 2, 3, 4}}},
		"remove": {start: photo, cmds: []Command{RemoveBackground("d1")}, want: nil},
		"move and scale": {start: photo, cmds: []Command{MoveBackground("d1", Rect{10, 20, 200, 150})},
			want: &Background{Path: "whiteboard.jpg", Bounds: Rect{10, 20, 200, 150}, Opacity: 0.4}},
		"rotate right about the centre": {start: photo, cmds: []Command{RotateBackground("d1", 1)},
			want: &Background{Path: "whiteboard.jpg", Bounds: Rect{50, -50, 300, 400}, Opacity: 0.4, Rotation: 1}},
		"rotate left from none": {start: photo, cmds: []Command{RotateBackground("d1", -1)},
			want: &Background{Path: "whiteboard.jpg", Bounds: Rect{50, -50, 300, 400}, Opacity: 0.4, Rotation: 3}},
		"four turns come back": {start: photo, cmds: []Command{RotateBackground("d1", 1), RotateBackground("d1", 1),
			RotateBackground("d1", 1), RotateBackground("d1", 1)}, want: photo},
		"opacity":            {start: photo, cmds: []Command{SetBackgroundOpacity("d1", 0.8)}, want: &Background{Path: "whiteboard.jpg", Bounds: photo.Bounds, Opacity: 0.8}},
		"lock":               {start: photo, cmds: []Command{LockBackground("d1", true)}, want: &Background{Path: "whiteboard.jpg", Bounds: photo.Bounds, Opacity: 0.4, Locked: true}},
		"no image to move":   {cmds: []Command{MoveBackground("d1", Rect{0, 0, 1, 1})}, wantErr: `background of diagram "d1": not found`},
		"no image to remove": {cmds: []Command{RemoveBackground("d1")}, wantErr: "not found"},
		"unknown diagram":    {cmds: []Command{PlaceBackground("nope", photo)}, wantErr: `diagram "nope": not found`},
		"opacity above 1":    {start: photo, cmds: []Command{SetBackgroundOpacity("d1", 1.2)}, wantErr: "opacity 1.2 is outside 0..1"},
		"empty bounds":       {start: photo, cmds: []Command{MoveBackground("d1", Rect{0, 0, 0, 10})}, wantErr: "positive size"},
		"rotation out of range": {cmds: []Command{PlaceBackground("d1", &Background{Bounds: Rect{0, 0, 1, 1}, Rotation: 4})},
			wantErr: "rotation 4 is outside 0..3"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			m := editModel()
			if tc.start != nil {
				b := *tc.start
				m.Diagrams[0].Background = &b
			}
			orig := encode(t, m)
			h := NewHistory(m)
			for _, c := range tc.cmds {
				if err := h.Do(c); err != nil {
					if tc.wantErr == "" || !strings.Contains(err.Error(), tc.wantErr) {
						t.Fatalf("Do(%s): %v, want error containing %q", c.Label(), err, tc.wantErr)
					}
					if !bytes.Equal(encode(t, m), orig) {
						t.Fatal("a failed edit changed the document")
					}
					return
				}
			}
			if tc.wantErr != "" {
				t.Fatalf("no error, want %q", tc.wantErr)
			}
			got := m.Diagrams[0].Background
			if (got == nil) != (tc.want == nil) || got != nil && *got != *tc.want {
				t.Fatalf("background = %+v, want %+v", got, tc.want)
			}
			for h.CanUndo() {
				if err := h.Undo(); err != nil {
					t.Fatal(err)
				}
			}
			if !bytes.Equal(encode(t, m), orig) {
				t.Fatal("undo did not give back the original document")
			}
		})
	}
}

// TestBackgroundDragIsOneStep: the moves of one drag and the steps of one
// opacity slide are one undo step each.
func TestBackgroundDragIsOneStep(t *testing.T) {
	m := editModel()
	h := NewHistory(m)
	if err := h.Do(PlaceBackground("d1", &Background{Bounds: Rect{0, 0, 10, 10}, Opacity: 0.5})); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 5; i++ {
		do := h.Merge // the drag's later steps merge into its first
		if i == 1 {
			do = h.Do
		}
		if err := do(MoveBackground("d1", Rect{float64(i), 0, 10, 10})); err != nil {
			t.Fatal(err)
		}
	}
	for i, o := range []float64{0.4, 0.3, 0.2} {
		do := h.Merge
		if i == 0 {
			do = h.Do
		}
		if err := do(SetBackgroundOpacity("d1", o)); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.Undo(); err != nil {
		t.Fatal(err)
	}
	if b := m.Diagrams[0].Background; b.Opacity != 0.5 || b.Bounds.X != 5 {
		t.Fatalf("after one undo: %+v, want opacity 0.5 at x 5", b)
	}
	if err := h.Undo(); err != nil {
		t.Fatal(err)
	}
	if b := m.Diagrams[0].Background; b.Bounds.X != 0 {
		t.Fatalf("after two undos: %+v, want x 0", b)
	}
}

// TestVersion1FileReads: a version 1 file (before rotation and lock) loads
// and is written back as version 2 with the same content.
func TestVersion1FileReads(t *testing.T) {
	v1 := `{"format": "threatboard", "version": 1, "diagrams": [{"id": "d1", "background": {"path": "wb.jpg", "bounds": {"x": 0, "y": 0, "w": 4, "h": 3}, "opacity": 0.3}}]}`
	m, err := Decode([]byte(v1))
	if err != nil {
		t.Fatal(err)
	}
	b := m.Diagrams[0].Background
	if b == nil || b.Path != "wb.jpg" || b.Opacity != 0.3 || b.Rotation != 0 || b.Locked {
		t.Fatalf("background = %+v", b)
	}
	out := string(encode(t, m))
	if !strings.Contains(out, `"version": 2,`) {
		t.Errorf("saved as:\n%s\nwant version 2", out)
	}
	bad := `{"format": "threatboard", "version": 1,` + "\n" + `"diagrams": [{"id": "d1", "background": {"bounds": {"x": 0, "y": 0, "w": 4, "h": 3}, "opacity": 2}}]}`
	if _, err := Decode([]byte(bad)); err == nil || !strings.Contains(err.Error(), "diagrams[0].background.opacity: opacity 2 is outside 0..1") {
		t.Errorf("a bad version 1 file: %v", err)
	}
}
