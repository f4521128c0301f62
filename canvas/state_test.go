package canvas

import (
	"testing"

	"fyne.io/fyne/v2/driver/desktop"

	"github.com/threatboard/threatboard/model"
)

func TestBeginMode(t *testing.T) {
	el := hit{part: partElement, id: "e"}
	primary, middle := desktop.MouseButtonPrimary, desktop.MouseButtonTertiary
	cases := map[string]struct {
		h      hit
		tool   Tool
		button desktop.MouseButton
		space  bool
		want   mode
	}{
		"background rubber-bands":       {h: hit{}, tool: ToolSelect, button: primary, want: modeRubberBand},
		"element moves":                 {h: el, tool: ToolSelect, button: primary, want: modeMoving},
		"boundary edge moves":           {h: hit{part: partBoundary, id: "b"}, tool: ToolSelect, button: primary, want: modeMoving},
		"corner handle resizes":         {h: hit{part: partResize, id: "e", index: 2}, tool: ToolSelect, button: primary, want: modeResizing},
		"connector connects":            {h: hit{part: partConnector, id: "e"}, tool: ToolSelect, button: primary, want: modeConnecting},
		"flow line bends":               {h: hit{part: partFlow, id: "f"}, tool: ToolSelect, button: primary, want: modeWaypoint},
		"waypoint moves":                {h: hit{part: partWaypoint, id: "f"}, tool: ToolSelect, button: primary, want: modeWaypoint},
		"label moves":                   {h: hit{part: partLabel, id: "f"}, tool: ToolSelect, button: primary, want: modeLabel},
		"line point moves":              {h: hit{part: partPoint, id: "b"}, tool: ToolSelect, button: primary, want: modePoint},
		"middle button pans":            {h: el, tool: ToolSelect, button: middle, want: modePanning},
		"space-drag pans":               {h: el, tool: ToolSelect, button: primary, space: true, want: modePanning},
		"flow tool connects from shape": {h: el, tool: ToolFlow, button: primary, want: modeConnecting},
		"flow tool on background":       {h: hit{}, tool: ToolFlow, button: primary, want: modeIdle},
		"placing tool ignores drags":    {h: hit{}, tool: ToolActor, button: primary, want: modeIdle},
		"line tool ignores drags":       {h: el, tool: ToolBoundaryLine, button: primary, want: modeIdle},
		"placing tool still pans":       {h: hit{}, tool: ToolStore, button: middle, want: modePanning},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := beginMode(tc.h, tc.tool, tc.button, tc.space); got != tc.want {
				t.Errorf("beginMode = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestResizeRect(t *testing.T) {
	r := model.Rect{X: 100, Y: 100, W: 100, H: 50}
	cases := map[string]struct {
		corner int
		d      model.Point
		square bool
		want   model.Rect
	}{
		"grow bottom-right":       {corner: cornerBottomRight, d: model.Point{X: 20, Y: 10}, want: model.Rect{X: 100, Y: 100, W: 120, H: 60}},
		"grow top-left":           {corner: cornerTopLeft, d: model.Point{X: -20, Y: -10}, want: model.Rect{X: 80, Y: 90, W: 120, H: 60}},
		"shrink top-right":        {corner: cornerTopRight, d: model.Point{X: -30, Y: 10}, want: model.Rect{X: 100, Y: 110, W: 70, H: 40}},
		"bottom-left":             {corner: cornerBottomLeft, d: model.Point{X: 10, Y: 10}, want: model.Rect{X: 110, Y: 100, W: 90, H: 60}},
		"never below the minimum": {corner: cornerBottomRight, d: model.Point{X: -500, Y: -500}, want: model.Rect{X: 100, Y: 100, W: minSide, H: minSide}},
		"circle stays a circle":   {corner: cornerBottomRight, d: model.Point{X: 20, Y: 0}, square: true, want: model.Rect{X: 100, Y: 100, W: 120, H: 120}},
		"circle from top-left":    {corner: cornerTopLeft, d: model.Point{X: 0, Y: -80}, square: true, want: model.Rect{X: 70, Y: 20, W: 130, H: 130}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := resizeRect(r, tc.corner, tc.d, tc.square); got != tc.want {
				t.Errorf("resizeRect = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestMoveDelta(t *testing.T) {
	cases := map[string]struct {
		start, cur, anchor model.Point
		snap               bool
		want               model.Point
	}{
		"free":               {start: model.Point{X: 10, Y: 10}, cur: model.Point{X: 13, Y: 27}, want: model.Point{X: 3, Y: 17}},
		"snap rounds corner": {start: model.Point{X: 10, Y: 10}, cur: model.Point{X: 13, Y: 27}, anchor: model.Point{X: 101, Y: 99}, snap: true, want: model.Point{X: -1, Y: 21}},
		"snap small move":    {start: model.Point{X: 0, Y: 0}, cur: model.Point{X: 2, Y: 2}, anchor: model.Point{X: 100, Y: 100}, snap: true, want: model.Point{}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := moveDelta(tc.start, tc.cur, tc.anchor, tc.snap); got != tc.want {
				t.Errorf("moveDelta = %+v, want %+v", got, tc.want)
			}
		})
	}
}
