package interop

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The exporters build their output from these values and write it with
// writeJSON: ordered objects (so the output is deterministic and reads in
// the order the other tool writes), two-space indent, trailing newline.
type (
	kv struct {
		K string
		V any
	}
	obj []kv
	arr []any
)

// writeJSON writes v. Values are obj, arr, string, float64, int, bool, nil,
// and anything else through encoding/json (the model's own small types).
// sizeHint is the output's expected size, to allocate once.
func writeJSON(v any, sizeHint int) ([]byte, error) {
	w := jsonWriter{buf: make([]byte, 0, max(sizeHint, 1<<12))}
	w.value(v, 0)
	if w.err != nil {
		return nil, w.err
	}
	return append(w.buf, '\n'), nil
}

type jsonWriter struct {
	buf []byte
	err error
}

// indent is a newline and the spaces of the deepest indent written at once.
var indent = "\n" + strings.Repeat("  ", 64)

func (w *jsonWriter) newline(depth int) {
	if n := 1 + 2*depth; n <= len(indent) {
		w.buf = append(w.buf, indent[:n]...)
		return
	}
	w.buf = append(w.buf, indent...)
	for range depth - 64 {
		w.buf = append(w.buf, ' ', ' ')
	}
}

func (w *jsonWriter) value(v any, depth int) {
	switch x := v.(type) {
	case obj:
		if len(x) == 0 {
			w.buf = append(w.buf, '{', '}')
			return
		}
		w.buf = append(w.buf, '{')
		for i, p := range x {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.newline(depth + 1)
			w.buf = appendString(w.buf, p.K)
			w.buf = append(w.buf, ':', ' ')
			w.value(p.V, depth+1)
		}
		w.newline(depth)
		w.buf = append(w.buf, '}')
	case arr:
		if len(x) == 0 {
			w.buf = append(w.buf, '[', ']')
			return
		}
		w.buf = append(w.buf, '[')
		for i, e := range x {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.newline(depth + 1)
			w.value(e, depth+1)
		}
		w.newline(depth)
		w.buf = append(w.buf, ']')
	case string:
		w.buf = appendString(w.buf, x)
	case float64:
		w.buf = appendFloat(w.buf, x)
	case int:
		w.buf = strconv.AppendInt(w.buf, int64(x), 10)
	case bool:
		w.buf = strconv.AppendBool(w.buf, x)
	case nil:
		w.buf = append(w.buf, "null"...)
	default:
		raw, err := json.Marshal(x)
		if err != nil {
			w.err = err
			return
		}
		var out bytes.Buffer
		prefix := make([]byte, 2*depth)
		for i := range prefix {
			prefix[i] = ' '
		}
		if err := json.Indent(&out, raw, string(prefix), "  "); err != nil {
			w.err = err
			return
		}
		w.buf = append(w.buf, out.Bytes()...)
	}
}

// appendFloat writes f as encoding/json does: the shortest text that reads
// back to the same number. Non-finite numbers cannot be written; the model
// never holds them (validation refuses them), so they become 0.
func appendFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, '0')
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	return strconv.AppendFloat(b, f, format, -1, 64)
}

func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
