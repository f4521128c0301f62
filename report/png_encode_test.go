package report

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
)

// TestEncodeOpaquePNG reads back what the Up-filter encoder wrote with the
// standard decoder, pixel for pixel, for sizes around the chunk size and an
// image that does not start at the origin.
func TestEncodeOpaquePNG(t *testing.T) {
	for name, r := range map[string]image.Rectangle{
		"one pixel":        image.Rect(0, 0, 1, 1),
		"odd":              image.Rect(0, 0, 37, 11),
		"several chunks":   image.Rect(0, 0, 300, 300),
		"not at origin":    image.Rect(5, 7, 64, 40),
		"one row, wide":    image.Rect(0, 0, 70000, 1),
		"one column, tall": image.Rect(0, 0, 1, 500),
	} {
		t.Run(name, func(t *testing.T) {
			img := image.NewRGBA(r)
			for y := r.Min.Y; y < r.Max.Y; y++ {
				for x := r.Min.X; x < r.Max.X; x++ {
					img.Set(x, y, color.RGBA{uint8(x * 7), uint8(y * 13), uint8(x ^ y), 255})
				}
			}
			var buf bytes.Buffer
			if err := encodeOpaquePNG(&buf, img); err != nil {
				t.Fatal(err)
			}
			got, err := png.Decode(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if got.Bounds().Dx() != r.Dx() || got.Bounds().Dy() != r.Dy() {
				t.Fatalf("size %v, want %v", got.Bounds().Size(), r.Size())
			}
			for y := 0; y < r.Dy(); y++ {
				for x := 0; x < r.Dx(); x++ {
					want := img.RGBAAt(r.Min.X+x, r.Min.Y+y)
					gr, gg, gb, ga := got.At(x, y).RGBA()
					if uint8(gr>>8) != want.R || uint8(gg>>8) != want.G || uint8(gb>>8) != want.B || ga != 0xffff {
						t.Fatalf("pixel %d,%d: got %v, want %v", x, y, got.At(x, y), want)
					}
				}
			}
		})
	}
}
