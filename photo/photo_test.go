package photo

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// halves draws a w×h picture whose left half is red and right half blue,
// so that a test can tell which way it was turned.
func halves(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{R: 255, A: 255}
			if x >= w/2 {
				c = color.RGBA{B: 255, A: 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

func encodeJPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withOrientation inserts an EXIF segment carrying orientation right after
// the JPEG's start-of-image marker, as a phone camera writes it.
func withOrientation(j []byte, orient uint16, order binary.ByteOrder) []byte {
	tiff := make([]byte, 8+2+12+4)
	if order == binary.LittleEndian {
		copy(tiff, "II*\x00")
	} else {
		copy(tiff, "MM\x00*")
	}
	order.PutUint32(tiff[4:], 8)
	order.PutUint16(tiff[8:], 1)       // one entry
	order.PutUint16(tiff[10:], 0x0112) // orientation
	order.PutUint16(tiff[12:], 3)      // SHORT
	order.PutUint32(tiff[14:], 1)      // count
	order.PutUint16(tiff[18:], orient) // value, left-justified
	seg := append([]byte("Exif\x00\x00"), tiff...)
	app1 := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(app1[2:], uint16(len(seg)+2))
	out := append([]byte{}, j[:2]...)
	out = append(out, app1...)
	out = append(out, seg...)
	return append(out, j[2:]...)
}

// pngHeader is a PNG that declares w×h pixels and stops after its header:
// all a decompression bomb needs to show its claim.
func pngHeader(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	chunk := make([]byte, 0, 25)
	chunk = binary.BigEndian.AppendUint32(chunk, 13)
	chunk = append(chunk, "IHDR"...)
	chunk = append(chunk, ihdr...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	return append([]byte("\x89PNG\r\n\x1a\n"), chunk...)
}

func isRed(c color.RGBA) bool  { return c.R > 200 && c.B < 60 }
func isBlue(c color.RGBA) bool { return c.B > 200 && c.R < 60 }

func TestDecode(t *testing.T) {
	lim := Limits{FileSize: 1 << 20, Pixels: 1_000_000, Side: 0}
	j := encodeJPEG(t, halves(40, 20))
	cases := map[string]struct {
		data      []byte
		lim       Limits
		w, h      int // original size, upright
		iw, ih    int // returned image
		orient    int
		wantErr   string
		tooLarge  bool
		redAt     image.Point // a pixel of the returned image that must be red
		blueAt    image.Point
		checkHues bool
	}{
		"png as stored": {data: encodePNG(t, halves(40, 20)), lim: lim, w: 40, h: 20, iw: 40, ih: 20, orient: 1,
			redAt: image.Pt(2, 10), blueAt: image.Pt(37, 10), checkHues: true},
		"jpeg without exif": {data: j, lim: lim, w: 40, h: 20, iw: 40, ih: 20, orient: 1,
			redAt: image.Pt(2, 10), blueAt: image.Pt(37, 10), checkHues: true},
		// Orientation 6: the stored left half is the top of the picture.
		"exif turned clockwise, little endian": {data: withOrientation(j, 6, binary.LittleEndian), lim: lim,
			w: 20, h: 40, iw: 20, ih: 40, orient: 6, redAt: image.Pt(10, 2), blueAt: image.Pt(10, 37), checkHues: true},
		"exif turned counter-clockwise, big endian": {data: withOrientation(j, 8, binary.BigEndian), lim: lim,
			w: 20, h: 40, iw: 20, ih: 40, orient: 8, redAt: image.Pt(10, 37), blueAt: image.Pt(10, 2), checkHues: true},
		"exif upside down": {data: withOrientation(j, 3, binary.BigEndian), lim: lim,
			w: 40, h: 20, iw: 40, ih: 20, orient: 3, redAt: image.Pt(37, 10), blueAt: image.Pt(2, 10), checkHues: true},
		"exif orientation out of range is ignored": {data: withOrientation(j, 9, binary.BigEndian), lim: lim,
			w: 40, h: 20, iw: 40, ih: 20, orient: 1},
		"scaled to the longest side": {data: encodePNG(t, halves(400, 100)), lim: Limits{FileSize: 1 << 20, Pixels: 1e6, Side: 100},
			w: 400, h: 100, iw: 100, ih: 25, orient: 1, redAt: image.Pt(5, 12), blueAt: image.Pt(95, 12), checkHues: true},
		"jpeg scaled by blocks, then bilinear": {data: encodeJPEG(t, halves(460, 230)), lim: Limits{FileSize: 1 << 20, Pixels: 1e6, Side: 100},
			w: 460, h: 230, iw: 100, ih: 50, orient: 1, redAt: image.Pt(5, 25), blueAt: image.Pt(95, 25), checkHues: true},
		"truncated jpeg": {data: j[:len(j)/2], lim: lim, wantErr: "ends early"},
		"png claiming 100,000 × 100,000": {data: pngHeader(100_000, 100_000), lim: DefaultLimits,
			wantErr: "100000 × 100000 pixels (10000.0 MP), over the limit of 64.0 MP", tooLarge: true},
		"file over the size limit": {data: encodePNG(t, halves(40, 20)), lim: Limits{FileSize: 10, Pixels: 1e6},
			wantErr: "file is over", tooLarge: true},
		"not an image":    {data: []byte("GIF89a is not supported"), lim: lim, wantErr: "not a PNG or JPEG"},
		"empty file":      {data: nil, lim: lim, wantErr: "not a PNG or JPEG"},
		"png header only": {data: pngHeader(40, 20), lim: lim, wantErr: "decode png (40 × 20)"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			p, err := Decode(bytes.NewReader(tc.data), tc.lim)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tc.wantErr)
				}
				if errors.Is(err, ErrTooLarge) != tc.tooLarge {
					t.Errorf("errors.Is(err, ErrTooLarge) = %v, want %v", !tc.tooLarge, tc.tooLarge)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.Width != tc.w || p.Height != tc.h || p.Orientation != tc.orient {
				t.Errorf("size %d×%d orientation %d, want %d×%d orientation %d", p.Width, p.Height, p.Orientation, tc.w, tc.h, tc.orient)
			}
			if got := p.Image.Bounds().Size(); got != image.Pt(tc.iw, tc.ih) {
				t.Errorf("image is %v, want %d×%d", got, tc.iw, tc.ih)
			}
			if tc.checkHues {
				if c := p.Image.RGBAAt(tc.redAt.X, tc.redAt.Y); !isRed(c) {
					t.Errorf("pixel %v = %v, want red", tc.redAt, c)
				}
				if c := p.Image.RGBAAt(tc.blueAt.X, tc.blueAt.Y); !isBlue(c) {
					t.Errorf("pixel %v = %v, want blue", tc.blueAt, c)
				}
			}
		})
	}
}

func TestRotate(t *testing.T) {
	img := halves(4, 2) // red on the left
	cases := map[string]struct {
		turns     int
		size      image.Point
		red, blue image.Point
	}{
		"none":                 {0, image.Pt(4, 2), image.Pt(0, 0), image.Pt(3, 0)},
		"clockwise":            {1, image.Pt(2, 4), image.Pt(0, 0), image.Pt(0, 3)},
		"half":                 {2, image.Pt(4, 2), image.Pt(3, 1), image.Pt(0, 1)},
		"counter-clockwise":    {-1, image.Pt(2, 4), image.Pt(0, 3), image.Pt(0, 0)},
		"five turns, like one": {5, image.Pt(2, 4), image.Pt(0, 0), image.Pt(0, 3)},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			r := Rotate(img, tc.turns)
			if r.Bounds().Size() != tc.size {
				t.Fatalf("size %v, want %v", r.Bounds().Size(), tc.size)
			}
			if !isRed(r.RGBAAt(tc.red.X, tc.red.Y)) || !isBlue(r.RGBAAt(tc.blue.X, tc.blue.Y)) {
				t.Errorf("red at %v and blue at %v expected; got %v and %v", tc.red, tc.blue,
					r.RGBAAt(tc.red.X, tc.red.Y), r.RGBAAt(tc.blue.X, tc.blue.Y))
			}
		})
	}
}

func TestLoadNamesThePath(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "whiteboard.jpg")
	if _, err := Load(missing, DefaultLimits); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Load of a missing file: %v, want a not-exist error", err)
	}
	bad := filepath.Join(dir, "bad.png")
	if err := os.WriteFile(bad, pngHeader(100_000, 100_000), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(bad, DefaultLimits); err == nil || !strings.Contains(err.Error(), bad) {
		t.Fatalf("Load error %v does not name %s", err, bad)
	}
}

// FuzzDecode feeds arbitrary bytes to Decode: it never panics, and what it
// returns stays within the limits. Seeds: the images in testdata and the
// corpus Go keeps in testdata/fuzz/FuzzDecode.
func FuzzDecode(f *testing.F) {
	files, err := filepath.Glob("testdata/*")
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	lim := Limits{FileSize: 1 << 20, Pixels: 1 << 16, Side: 64}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Decode(bytes.NewReader(data), lim)
		if err != nil {
			return
		}
		if s := p.Image.Bounds().Size(); s.X > lim.Side || s.Y > lim.Side || s.X <= 0 || s.Y <= 0 {
			t.Fatalf("image %v outside 1..%d", s, lim.Side)
		}
		if int64(p.Width)*int64(p.Height) > lim.Pixels {
			t.Fatalf("accepted %d×%d over the pixel limit", p.Width, p.Height)
		}
	})
}

// BenchmarkDecode12MP decodes a 4000×3000 JPEG and scales it to 2048
// pixels on its longest side, as the app does off the UI thread.
func BenchmarkDecode12MP(b *testing.B) {
	img := image.NewYCbCr(image.Rect(0, 0, 4000, 3000), image.YCbCrSubsampleRatio420)
	for i := range img.Y {
		img.Y[i] = uint8(150 + i%37)
	}
	data := encodeJPEG(b, img)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(bytes.NewReader(data), DefaultLimits); err != nil {
			b.Fatal(err)
		}
	}
}
