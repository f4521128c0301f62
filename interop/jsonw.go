package interop

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"

	"github.com/threatboard/threatboard/model"
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

// appendString quotes s exactly as a Threatboard file does.
func appendString(b []byte, s string) []byte { return model.AppendJSONString(b, s) }
