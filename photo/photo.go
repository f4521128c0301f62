// Package photo loads the image (a whiteboard photo) drawn behind a
// diagram: PNG or JPEG, checked against a pixel limit before it is decoded,
// turned upright as the camera's EXIF orientation says, and scaled down to
// what a screen needs.
//
// The package never imports Fyne: decoding runs off the UI thread and in
// headless tests.
package photo

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	_ "image/jpeg" // registers the JPEG decoder with image.Decode
	_ "image/png"  // registers the PNG decoder with image.Decode
	"io"
	"os"

	xdraw "golang.org/x/image/draw"
)

// Limits bound what Decode accepts and what it returns.
type Limits struct {
	// FileSize is the largest file read, in bytes.
	FileSize int64
	// Pixels is the largest image decoded, width × height as the file
	// header declares it. A decompression bomb claims far more.
	Pixels int64
	// Side is the longest side of the returned image; a bigger photo is
	// scaled down to it. Zero keeps the original size.
	Side int
}

// DefaultLimits take a 48-megapixel phone photo and scale it to a size that
// still looks sharp on a large screen zoomed in a little.
var DefaultLimits = Limits{FileSize: 128 << 20, Pixels: 64_000_000, Side: 2048}

// Photo is a decoded, upright and possibly scaled-down image.
type Photo struct {
	Image *image.RGBA
	// Width and Height are the original's size once upright: the aspect
	// ratio a placement keeps.
	Width, Height int
	Format        string // "jpeg" or "png"
	// Orientation is the EXIF orientation (1..8) that was applied; 1 when
	// the file has none.
	Orientation int
}

// ErrTooLarge is wrapped by the error about an image over the limits.
var ErrTooLarge = errors.New("image too large")

// Load reads and decodes the image file at path.
func Load(path string, lim Limits) (*Photo, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open image: %w", err)
	}
	defer f.Close()
	p, err := Decode(f, lim)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

// Decode reads a PNG or JPEG from r. The header is checked against
// lim.Pixels before any pixel is decoded.
func Decode(r io.Reader, lim Limits) (*Photo, error) {
	data, err := io.ReadAll(io.LimitReader(r, lim.FileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read image: %w", err)
	}
	if lim.FileSize > 0 && int64(len(data)) > lim.FileSize {
		return nil, fmt.Errorf("file is over %d MB: %w", lim.FileSize>>20, ErrTooLarge)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("read image header: %w", headerError(data, err))
	}
	px := int64(cfg.Width) * int64(cfg.Height)
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("%s header declares %d × %d pixels", format, cfg.Width, cfg.Height)
	}
	if lim.Pixels > 0 && px > lim.Pixels {
		return nil, fmt.Errorf("%s header declares %d × %d pixels (%s), over the limit of %s: %w",
			format, cfg.Width, cfg.Height, megapixels(px), megapixels(lim.Pixels), ErrTooLarge)
	}
	orient := 1
	if format == "jpeg" {
		orient = jpegOrientation(data)
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decode %s (%d × %d): %w", format, cfg.Width, cfg.Height, bodyError(err))
	}
	w, h := src.Bounds().Dx(), src.Bounds().Dy()
	if orient >= 5 { // these orientations swap the sides
		w, h = h, w
	}
	return &Photo{Image: upright(scaled(src, lim.Side), orient), Width: w, Height: h, Format: format, Orientation: orient}, nil
}

func megapixels(px int64) string {
	return fmt.Sprintf("%.1f MP", float64(px)/1e6)
}

// headerError names an unknown format by what the file starts with.
func headerError(data []byte, err error) error {
	if errors.Is(err, image.ErrFormat) {
		return fmt.Errorf("not a PNG or JPEG image: %w", err)
	}
	if len(data) == 0 {
		return errors.New("the file is empty")
	}
	return bodyError(err)
}

// bodyError says in words what a short read means.
func bodyError(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("the data ends early (a truncated file?): %w", err)
	}
	return err
}

// scaled returns src as RGBA, no longer on either side than side. A big
// reduction first averages k×k blocks (a box filter: every source pixel
// counts, so fine pen strokes survive), then a bilinear step shrinks by the
// remaining factor, under two, where sampling loses nothing visible.
func scaled(src image.Image, side int) *image.RGBA {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if side <= 0 || (w <= side && h <= side) {
		dst := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.Draw(dst, dst.Bounds(), src, b.Min, draw.Src)
		return dst
	}
	if k := max(w, h) / side; k >= 2 {
		src = boxReduce(src, k)
		b = src.Bounds()
		w, h = b.Dx(), b.Dy()
	}
	if w >= h {
		w, h = side, max(1, (h*side+w/2)/w)
	} else {
		w, h = max(1, (w*side+h/2)/h), side
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, b, xdraw.Src, nil)
	return dst
}

// boxReduce averages k×k blocks of src into one pixel each. A JPEG's
// YCbCr pixels are read directly; anything else goes through RGBA first.
func boxReduce(src image.Image, k int) *image.RGBA {
	b := src.Bounds()
	w, h := b.Dx()/k, b.Dy()/k
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	n := uint32(k * k)
	if yc, ok := src.(*image.YCbCr); ok {
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				var sy, scb, scr uint32
				for j := 0; j < k; j++ {
					py := b.Min.Y + y*k + j
					for i := 0; i < k; i++ {
						px := b.Min.X + x*k + i
						sy += uint32(yc.Y[yc.YOffset(px, py)])
						ci := yc.COffset(px, py)
						scb += uint32(yc.Cb[ci])
						scr += uint32(yc.Cr[ci])
					}
				}
				r, g, bl := color.YCbCrToRGB(uint8(sy/n), uint8(scb/n), uint8(scr/n))
				o := dst.PixOffset(x, y)
				dst.Pix[o], dst.Pix[o+1], dst.Pix[o+2], dst.Pix[o+3] = r, g, bl, 0xff
			}
		}
		return dst
	}
	rgba, ok := src.(*image.RGBA)
	if !ok {
		rgba = image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
		draw.Draw(rgba, rgba.Bounds(), src, b.Min, draw.Src)
	}
	rb := rgba.Bounds()
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var s [4]uint32
			for j := 0; j < k; j++ {
				row := rgba.PixOffset(rb.Min.X+x*k, rb.Min.Y+y*k+j)
				for i := 0; i < k*4; i += 4 {
					s[0] += uint32(rgba.Pix[row+i])
					s[1] += uint32(rgba.Pix[row+i+1])
					s[2] += uint32(rgba.Pix[row+i+2])
					s[3] += uint32(rgba.Pix[row+i+3])
				}
			}
			o := dst.PixOffset(x, y)
			dst.Pix[o], dst.Pix[o+1], dst.Pix[o+2], dst.Pix[o+3] = uint8(s[0]/n), uint8(s[1]/n), uint8(s[2]/n), uint8(s[3]/n)
		}
	}
	return dst
}

// upright applies an EXIF orientation: 2..8 mirror and/or turn the stored
// pixels so that the picture is seen as the camera held it.
func upright(src *image.RGBA, orient int) *image.RGBA {
	if orient <= 1 || orient > 8 {
		return src
	}
	w, h := src.Rect.Dx(), src.Rect.Dy()
	dw, dh := w, h
	if orient >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var dx, dy int
			switch orient {
			case 2: // mirrored
				dx, dy = w-1-x, y
			case 3: // upside down
				dx, dy = w-1-x, h-1-y
			case 4: // upside down, mirrored
				dx, dy = x, h-1-y
			case 5: // mirrored, then turned
				dx, dy = y, x
			case 6: // turned: the top of the picture is on the right
				dx, dy = h-1-y, x
			case 7:
				dx, dy = h-1-y, w-1-x
			case 8: // turned: the top of the picture is on the left
				dx, dy = y, w-1-x
			}
			si := src.PixOffset(x, y)
			di := dst.PixOffset(dx, dy)
			copy(dst.Pix[di:di+4], src.Pix[si:si+4])
		}
	}
	return dst
}

// Rotate turns img clockwise by quarter turns (any integer; negative turns
// go the other way): the user's own 90° steps on top of the EXIF orientation.
func Rotate(img *image.RGBA, quarterTurns int) *image.RGBA {
	switch ((quarterTurns % 4) + 4) % 4 {
	case 1:
		return upright(img, 6)
	case 2:
		return upright(img, 3)
	case 3:
		return upright(img, 8)
	}
	return img
}
