package report

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
	"image"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
)

// bandRows is the height of the bands a picture is painted and compressed
// in. A band of a wide picture stays a few megabytes, so no picture is ever
// held whole; shapes that cross a band's edge are rasterised once per band.
const bandRows = 128

// encodeOpaquePNG writes an opaque picture of the given size as an 8-bit
// RGB PNG. paint fills an RGBA band of the picture (its bounds say which
// rows); the workers call it at once, on different bands.
//
// The bands are painted, filtered and compressed in parallel, one per
// processor, and written in order: each band is an independent deflate
// stream ended by a sync flush, so the streams join into one zlib stream
// (the same way pigz splits its work), and the checksum is the bands'
// checksums combined. Rows use the Up filter, the first of a band Sub:
// image/png tries five filters on every row to pick the best, which was
// half the export's time on a large diagram, and flat colours with
// anti-aliased edges compress about as well with Up alone.
func encodeOpaquePNG(w io.Writer, width, height int, paint func(*image.RGBA)) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("\x89PNG\r\n\x1a\n"); err != nil {
		return err
	}
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits per sample, truecolour; compression, filter, interlace 0
	if err := writeChunk(bw, "IHDR", ihdr[:]); err != nil {
		return err
	}

	bands := (height + bandRows - 1) / bandRows
	workers := min(runtime.GOMAXPROCS(0), bands)
	results := make([]chan bandResult, bands)
	for i := range results {
		results[i] = make(chan bandResult, 1)
	}
	// A worker takes a token before it starts a band, and the writer gives
	// it back when it has written one: at most this many bands wait in
	// memory for the writer.
	tokens := make(chan struct{}, workers+1)
	done := make(chan struct{})
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			enc := newBandEncoder(width, paint)
			for {
				select {
				case tokens <- struct{}{}:
				case <-done:
					return
				}
				i := int(next.Add(1) - 1)
				if i >= bands {
					return
				}
				results[i] <- enc.encode(i*bandRows, min(height, (i+1)*bandRows))
			}
		}()
	}
	defer func() {
		close(done)
		wg.Wait()
	}()

	idat := &chunkWriter{w: bw, buf: make([]byte, 0, 1<<16)}
	if _, err := idat.Write([]byte{0x78, 0x01}); err != nil { // zlib: deflate, 32 KiB window, fastest
		return err
	}
	sum := adler32.Checksum(nil)
	for i := range bands {
		r := <-results[i]
		<-tokens
		if _, err := idat.Write(r.data); err != nil {
			return err
		}
		sum = adler32Combine(sum, r.sum, r.n)
	}
	var tail [6]byte
	tail[0], tail[1] = 0x03, 0x00 // an empty final block (fixed codes)
	binary.BigEndian.PutUint32(tail[2:], sum)
	if _, err := idat.Write(tail[:]); err != nil {
		return err
	}
	if err := idat.flush(); err != nil {
		return err
	}
	if err := writeChunk(bw, "IEND", nil); err != nil {
		return err
	}
	return bw.Flush()
}

// bandResult is one band compressed: a deflate stream without a final
// block, and the Adler-32 checksum and length of what it holds.
type bandResult struct {
	data []byte
	sum  uint32
	n    int64
}

// bandEncoder paints, filters and compresses bands, reusing its buffers.
type bandEncoder struct {
	width     int
	paint     func(*image.RGBA)
	pix       []byte
	prev, cur []byte
	row       []byte
	z         *flate.Writer
}

func newBandEncoder(width int, paint func(*image.RGBA)) *bandEncoder {
	z, _ := flate.NewWriter(nil, flate.BestSpeed) // the level is valid
	return &bandEncoder{width: width, paint: paint, z: z,
		prev: make([]byte, 3*width), cur: make([]byte, 3*width), row: make([]byte, 1+3*width)}
}

func (e *bandEncoder) encode(y0, y1 int) bandResult {
	n := 4 * e.width * (y1 - y0)
	if cap(e.pix) < n {
		e.pix = make([]byte, n)
	}
	img := &image.RGBA{Pix: e.pix[:n], Stride: 4 * e.width, Rect: image.Rect(0, y0, e.width, y1)}
	e.paint(img)

	out := bytes.NewBuffer(make([]byte, 0, n/16))
	e.z.Reset(out)
	h := adler32.New()
	for y := range y1 - y0 {
		pix := img.Pix[y*img.Stride:]
		cur := e.cur
		for x := range e.width {
			cur[3*x], cur[3*x+1], cur[3*x+2] = pix[4*x], pix[4*x+1], pix[4*x+2]
		}
		if y == 0 { // Sub: the row above is in another band
			e.row[0] = 1
			copy(e.row[1:4], cur)
			for i := 3; i < len(cur); i++ {
				e.row[1+i] = cur[i] - cur[i-3]
			}
		} else {
			e.row[0] = 2 // Up
			for i, c := range cur {
				e.row[1+i] = c - e.prev[i]
			}
		}
		e.z.Write(e.row) // writes to a bytes.Buffer do not fail
		h.Write(e.row)
		e.prev, e.cur = cur, e.prev
	}
	e.z.Flush()
	return bandResult{data: out.Bytes(), sum: h.Sum32(), n: int64(len(e.row)) * int64(y1-y0)}
}

// adler32Combine is the Adler-32 checksum of two byte strings joined, from
// the checksum a of the first, b of the second and the second's length n
// (zlib's adler32_combine).
func adler32Combine(a, b uint32, n int64) uint32 {
	const mod = 65521
	rem := uint32(n % mod)
	s1 := a & 0xffff
	s2 := rem * s1 % mod
	s1 += (b & 0xffff) + mod - 1
	s2 += (a >> 16) + (b >> 16) + mod - rem
	if s1 >= mod {
		s1 -= mod
	}
	if s1 >= mod {
		s1 -= mod
	}
	if s2 >= 2*mod {
		s2 -= 2 * mod
	}
	if s2 >= mod {
		s2 -= mod
	}
	return s2<<16 | s1
}

// chunkWriter cuts the compressed stream into IDAT chunks of up to 64 KiB.
type chunkWriter struct {
	w   io.Writer
	buf []byte
}

func (c *chunkWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), cap(c.buf)-len(c.buf))
		c.buf = append(c.buf, p[:k]...)
		p = p[k:]
		if len(c.buf) == cap(c.buf) {
			if err := c.flush(); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

func (c *chunkWriter) flush() error {
	if len(c.buf) == 0 {
		return nil
	}
	err := writeChunk(c.w, "IDAT", c.buf)
	c.buf = c.buf[:0]
	return err
}

func writeChunk(w io.Writer, kind string, data []byte) error {
	var head [8]byte
	binary.BigEndian.PutUint32(head[0:], uint32(len(data)))
	copy(head[4:], kind)
	crc := crc32.NewIEEE()
	crc.Write(head[4:])
	crc.Write(data)
	var tail [4]byte
	binary.BigEndian.PutUint32(tail[:], crc.Sum32())
	for _, part := range [][]byte{head[:], data, tail[:]} {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	return nil
}
