package report

import (
	"bytes"
	"errors"
	"fmt"
	"hash/adler32"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"testing"

	"github.com/threatboard/threatboard/drawing"
	"github.com/threatboard/threatboard/model"
)

// TestEncodeOpaquePNG reads back what the banded encoder wrote with the
// standard decoder, pixel for pixel, for sizes around the band height and
// the chunk size.
func TestEncodeOpaquePNG(t *testing.T) {
	for name, size := range map[string]image.Point{
		"one pixel":              {1, 1},
		"odd":                    {37, 11},
		"one band exactly":       {300, bandRows},
		"one band and a row":     {300, bandRows + 1},
		"several bands":          {300, 5*bandRows - 3},
		"one row, wide":          {70000, 1},
		"one column, tall":       {1, 1500},
		"more bands than chunks": {2, 40 * bandRows},
	} {
		t.Run(name, func(t *testing.T) {
			img := image.NewRGBA(image.Rectangle{Max: size})
			for y := range size.Y {
				for x := range size.X {
					img.Set(x, y, color.RGBA{uint8(x * 7), uint8(y * 13), uint8(x ^ y), 255})
				}
			}
			var buf bytes.Buffer
			err := encodeOpaquePNG(&buf, size.X, size.Y, func(dst *image.RGBA) { draw.Draw(dst, dst.Rect, img, dst.Rect.Min, draw.Src) })
			if err != nil {
				t.Fatal(err)
			}
			got, err := png.Decode(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if got.Bounds().Size() != size {
				t.Fatalf("size %v, want %v", got.Bounds().Size(), size)
			}
			for y := range size.Y {
				for x := range size.X {
					want := img.RGBAAt(x, y)
					gr, gg, gb, ga := got.At(x, y).RGBA()
					if uint8(gr>>8) != want.R || uint8(gg>>8) != want.G || uint8(gb>>8) != want.B || ga != 0xffff {
						t.Fatalf("pixel %d,%d: got %v, want %v", x, y, got.At(x, y), want)
					}
				}
			}
		})
	}
}

// TestEncodeOpaquePNGWriteError: a failing writer stops the encoder with
// its error, and the painting goroutines end.
func TestEncodeOpaquePNGWriteError(t *testing.T) {
	broken := errors.New("disk full")
	for _, after := range []int{0, 100, 70000} {
		w := &failingWriter{left: after, err: broken}
		err := encodeOpaquePNG(w, 1000, 20*bandRows, func(dst *image.RGBA) {
			for i := range dst.Pix {
				dst.Pix[i] = byte(i * 31 / 7)
			}
		})
		if !errors.Is(err, broken) {
			t.Errorf("failing after %d bytes: got %v, want the writer's error", after, err)
		}
	}
}

type failingWriter struct {
	left int
	err  error
}

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.left {
		n := w.left
		w.left = 0
		return n, w.err
	}
	w.left -= len(p)
	return len(p), nil
}

func TestAdler32Combine(t *testing.T) {
	data := make([]byte, 200000)
	for i := range data {
		data[i] = byte(i*i>>3 + i)
	}
	for _, tc := range []struct {
		name string
		a, b int // data[:a] and data[a:b]
	}{
		{"both empty", 0, 0},
		{"first empty", 0, 10},
		{"second empty", 10, 10},
		{"short", 3, 17},
		{"second longer than the modulus", 5, 70000},
		{"both long", 90000, 200000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := adler32.Checksum(data[:tc.b])
			got := adler32Combine(adler32.Checksum(data[:tc.a]), adler32.Checksum(data[tc.a:tc.b]), int64(tc.b-tc.a))
			if got != want {
				t.Errorf("got %08x, want %08x", got, want)
			}
		})
	}
}

// TestWritePNGMatchesRaster: the picture painted in bands by several
// goroutines and written in pieces is the picture painted whole.
func TestWritePNGMatchesRaster(t *testing.T) {
	l := drawing.Diagram(model.Synthetic(200, 300, 6, 7).Diagrams[0])
	for _, opt := range []ImageOptions{{Scale: 1}, {Scale: 1.7, Dark: true}} {
		t.Run(fmt.Sprintf("scale %v", opt.Scale), func(t *testing.T) {
			var buf bytes.Buffer
			if err := WritePNG(&buf, l, opt); err != nil {
				t.Fatal(err)
			}
			got, err := png.Decode(&buf)
			if err != nil {
				t.Fatal(err)
			}
			want := drawing.Raster(l, opt.palette(), opt.Scale, defaultImageMargin)
			if got.Bounds() != want.Bounds() {
				t.Fatalf("bounds %v, want %v", got.Bounds(), want.Bounds())
			}
			if want.Bounds().Dy() < 3*bandRows {
				t.Fatalf("the picture is %d rows high: too few bands to test", want.Bounds().Dy())
			}
			for y := range want.Rect.Dy() {
				for x := range want.Rect.Dx() {
					w := want.RGBAAt(x, y)
					r, g, b, _ := got.At(x, y).RGBA()
					if uint8(r>>8) != w.R || uint8(g>>8) != w.G || uint8(b>>8) != w.B {
						t.Fatalf("pixel %d,%d: %v, painted whole %v", x, y, got.At(x, y), w)
					}
				}
			}
		})
	}
}
