package canvas

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/threatboard/threatboard/model"
)

func closeTo(a, b float64) bool { return math.Abs(a-b) < 1e-3 }

func TestViewportConversion(t *testing.T) {
	cases := map[string]struct {
		vp     viewport
		model  model.Point
		screen fyne.Position
	}{
		"identity":          {vp: newViewport(), model: model.Point{X: 10, Y: 20}, screen: fyne.NewPos(10, 20)},
		"zoomed":            {vp: viewport{zoom: 2}, model: model.Point{X: 10, Y: 20}, screen: fyne.NewPos(20, 40)},
		"panned":            {vp: viewport{zoom: 1, offset: model.Point{X: -100, Y: 50}}, model: model.Point{X: 10, Y: 20}, screen: fyne.NewPos(-90, 70)},
		"zoomed and panned": {vp: viewport{zoom: 0.5, offset: model.Point{X: 30, Y: 40}}, model: model.Point{X: 100, Y: 200}, screen: fyne.NewPos(80, 140)},
		"negative model":    {vp: viewport{zoom: 4, offset: model.Point{X: 400, Y: 300}}, model: model.Point{X: -100, Y: -75}, screen: fyne.NewPos(0, 0)},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if got := tc.vp.toScreen(tc.model); got != tc.screen {
				t.Errorf("toScreen(%v) = %v, want %v", tc.model, got, tc.screen)
			}
			if got := tc.vp.toModel(tc.screen); !closeTo(got.X, tc.model.X) || !closeTo(got.Y, tc.model.Y) {
				t.Errorf("toModel(%v) = %v, want %v", tc.screen, got, tc.model)
			}
		})
	}
}

func TestViewportZoomAbout(t *testing.T) {
	cases := map[string]struct {
		vp   viewport
		at   fyne.Position
		zoom float64
		want float64
	}{
		"in about a corner":     {vp: newViewport(), at: fyne.NewPos(0, 0), zoom: 2, want: 2},
		"in about the pointer":  {vp: viewport{zoom: 1, offset: model.Point{X: 13, Y: -7}}, at: fyne.NewPos(321, 123), zoom: 1.25, want: 1.25},
		"out about the pointer": {vp: viewport{zoom: 3, offset: model.Point{X: 100, Y: 100}}, at: fyne.NewPos(50, 400), zoom: 0.3, want: 0.3},
		"clamped high":          {vp: newViewport(), at: fyne.NewPos(10, 10), zoom: 100, want: maxZoom},
		"clamped low":           {vp: newViewport(), at: fyne.NewPos(10, 10), zoom: 0.001, want: minZoom},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			before := tc.vp.toModel(tc.at)
			got := tc.vp.zoomAbout(tc.at, tc.zoom)
			if got.zoom != tc.want {
				t.Errorf("zoom = %v, want %v", got.zoom, tc.want)
			}
			if after := got.toModel(tc.at); !closeTo(after.X, before.X) || !closeTo(after.Y, before.Y) {
				t.Errorf("the point under the pointer moved from %v to %v", before, after)
			}
		})
	}
}

func TestViewportFit(t *testing.T) {
	cases := map[string]struct {
		r        model.Rect
		size     fyne.Size
		wantZoom float64
	}{
		"big diagram shrinks": {r: model.Rect{X: 0, Y: 0, W: 2000, H: 1000}, size: fyne.NewSize(1080, 580), wantZoom: 0.5},
		"tall diagram":        {r: model.Rect{X: -50, Y: -50, W: 100, H: 1000}, size: fyne.NewSize(1080, 580), wantZoom: 0.5},
		"small one stays 1":   {r: model.Rect{X: 500, Y: 500, W: 100, H: 50}, size: fyne.NewSize(800, 600), wantZoom: 1},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			v := newViewport().fit(tc.r, tc.size, 40)
			if !closeTo(v.zoom, tc.wantZoom) {
				t.Errorf("zoom = %v, want %v", v.zoom, tc.wantZoom)
			}
			c := v.toScreen(tc.r.Center())
			if !closeTo(float64(c.X), float64(tc.size.Width/2)) || !closeTo(float64(c.Y), float64(tc.size.Height/2)) {
				t.Errorf("centre of the diagram at %v, want the middle of %v", c, tc.size)
			}
		})
	}
}
