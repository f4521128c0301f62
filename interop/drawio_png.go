package interop

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
)

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// pngMxfile returns the diagram a .drawio.png carries in its "mxfile" text
// chunk (tEXt, zTXt or iTXt): draw.io writes the mxfile XML URL-encoded.
func pngMxfile(data []byte) ([]byte, error) {
	rest := data[len(pngSignature):]
	for len(rest) >= 12 {
		n := binary.BigEndian.Uint32(rest)
		typ := string(rest[4:8])
		if uint64(n) > uint64(len(rest)-12) {
			return nil, fmt.Errorf("PNG chunk %q claims %d bytes, past the end of the file", typ, n)
		}
		body := rest[8 : 8+n]
		rest = rest[12+n:]
		var text []byte
		switch typ {
		case "tEXt":
			k, v, ok := bytes.Cut(body, []byte{0})
			if !ok || string(k) != "mxfile" {
				continue
			}
			text = v
		case "zTXt":
			k, v, ok := bytes.Cut(body, []byte{0})
			if !ok || string(k) != "mxfile" || len(v) < 1 {
				continue
			}
			t, err := inflateZlib(v[1:])
			if err != nil {
				return nil, fmt.Errorf("PNG zTXt chunk mxfile: %w", err)
			}
			text = t
		case "iTXt":
			k, v, ok := bytes.Cut(body, []byte{0})
			if !ok || string(k) != "mxfile" || len(v) < 2 {
				continue
			}
			compressed := v[0] == 1
			_, v, _ = bytes.Cut(v[2:], []byte{0}) // language tag
			_, v, _ = bytes.Cut(v, []byte{0})     // translated keyword
			text = v
			if compressed {
				t, err := inflateZlib(v)
				if err != nil {
					return nil, fmt.Errorf("PNG iTXt chunk mxfile: %w", err)
				}
				text = t
			}
		case "IEND":
			return nil, errors.New("a PNG without a draw.io diagram (no mxfile text chunk)")
		default:
			continue
		}
		if bytes.HasPrefix(bytes.TrimSpace(text), []byte("<")) {
			return text, nil
		}
		s, err := url.PathUnescape(string(text))
		if err != nil {
			return nil, fmt.Errorf("PNG text chunk mxfile is not URL-encoded: %w", err)
		}
		return []byte(s), nil
	}
	return nil, errors.New("a PNG without a draw.io diagram (no mxfile text chunk)")
}

func inflateZlib(b []byte) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	out, err := io.ReadAll(io.LimitReader(zr, drawioMaxInflatedTotal+1))
	if err != nil {
		return nil, err
	}
	if len(out) > drawioMaxInflatedTotal {
		return nil, fmt.Errorf("inflates beyond %d MiB, the limit", drawioMaxInflatedTotal>>20)
	}
	return out, nil
}
