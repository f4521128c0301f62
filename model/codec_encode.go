package model

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"unicode/utf8"
)

// The writer produces exactly what encoding/json's Encoder with
// SetEscapeHTML(false) and SetIndent("", "  ") produces for the persisted
// structs (a test holds it to that), but writes the indented form in one
// pass: encoding/json marshals compactly and then re-indents, which took
// half the time and most of the memory of saving a big model.

// writeJSON appends the indented JSON of the DTO v to buf.
func writeJSON(buf []byte, v any) ([]byte, error) {
	w := jsonWriter{buf: buf}
	return w.write(v)
}

func (w *jsonWriter) write(v any) ([]byte, error) {
	w.value(reflect.ValueOf(v), 0)
	if w.err != nil {
		return nil, w.err
	}
	return append(w.buf, '\n'), nil
}

type jsonWriter struct {
	buf     []byte
	err     error
	structs structCache
	// maxString, when above 0, makes long hold an excerpt of the first
	// text longer than that.
	maxString int
	long      string
	// objects counts the objects and list entries written, as the decoder
	// counts them against Limits.Objects: an object that is a list entry
	// counts once. entry is set while a list entry is being written.
	objects int
	entry   bool
}

// reserve doubles the buffer when fewer than n bytes are free: append
// alone grows a big slice by a quarter at a time, copying it over and over.
func (w *jsonWriter) reserve(n int) {
	if cap(w.buf)-len(w.buf) >= n {
		return
	}
	grown := make([]byte, len(w.buf), 2*cap(w.buf)+n)
	copy(grown, w.buf)
	w.buf = grown
}

// newlineIndent is a newline and the indentation of the deepest common
// level; deeper levels (attack trees nest deep) are indented in a loop.
const newlineIndent = "\n                                                                "

func (w *jsonWriter) newline(depth int) {
	if n := 1 + 2*depth; n <= len(newlineIndent) {
		w.buf = append(w.buf, newlineIndent[:n]...)
		return
	}
	w.buf = append(w.buf, newlineIndent...)
	for range depth - (len(newlineIndent)-1)/2 {
		w.buf = append(w.buf, ' ', ' ')
	}
}

func (w *jsonWriter) value(v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			w.buf = append(w.buf, "null"...)
			return
		}
		w.value(v.Elem(), depth)
	case reflect.Struct:
		if !w.entry {
			w.objects++
		}
		w.entry = false
		w.reserve(1024)
		info := w.structs.of(v.Type())
		w.buf = append(w.buf, '{')
		n := 0
		var props *propsDTO // found once per object
		for i := range info.fields {
			f := &info.fields[i]
			var fv reflect.Value
			if f.prop != nil {
				if props == nil {
					props = propsOf(f.of(v))
				}
				if !props.set(f.prop) {
					continue
				}
			} else if fv = f.of(v); f.omitEmpty && empty(fv) {
				continue
			}
			if n > 0 {
				w.buf = append(w.buf, ',')
			}
			n++
			w.newline(depth + 1)
			w.buf = append(w.buf, '"')
			w.buf = append(w.buf, f.name...)
			w.buf = append(w.buf, '"', ':', ' ')
			if f.prop != nil {
				w.writeProp(props, f.prop)
				continue
			}
			w.entry = false
			w.value(fv, depth+1)
		}
		if n > 0 {
			w.newline(depth)
		}
		w.buf = append(w.buf, '}')
	case reflect.Slice:
		if v.IsNil() {
			w.buf = append(w.buf, "null"...)
			return
		}
		w.buf = append(w.buf, '[')
		for i := range v.Len() {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			w.newline(depth + 1)
			w.objects++
			w.entry = true
			w.value(v.Index(i), depth+1)
		}
		if v.Len() > 0 {
			w.newline(depth)
		}
		w.buf = append(w.buf, ']')
	case reflect.String:
		w.string(v.String())
	case reflect.Bool:
		w.buf = strconv.AppendBool(w.buf, v.Bool())
	case reflect.Int:
		w.buf = strconv.AppendInt(w.buf, v.Int(), 10)
	case reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			if w.err == nil {
				w.err = fmt.Errorf("unsupported number %v", f)
			}
			f = 0
		}
		w.buf = appendJSONFloat(w.buf, f)
	default:
		if w.err == nil {
			w.err = fmt.Errorf("unsupported type %s", v.Type())
		}
	}
}

func (w *jsonWriter) string(s string) {
	if w.maxString > 0 && len(s) > w.maxString && w.long == "" {
		w.long = excerpt(s)
	}
	w.buf = AppendJSONString(w.buf, s)
}

func empty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer:
		return v.IsNil()
	case reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int:
		return v.Int() == 0
	case reflect.Float64:
		return v.Float() == 0
	}
	return false
}

// appendJSONFloat formats like encoding/json: the shortest representation
// that reads back to f, in exponent form only for very large or small values.
func appendJSONFloat(b []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	start := len(b)
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// Clean up e-09 to e-9, as encoding/json does.
		n := len(b) - start
		if n >= 4 && b[len(b)-4] == 'e' && b[len(b)-3] == '-' && b[len(b)-2] == '0' {
			b[len(b)-2] = b[len(b)-1]
			b = b[:len(b)-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// AppendJSONString quotes s like encoding/json without HTML escaping:
// short escapes for quote, backslash and \b \f \n \r \t, \u00XX for other
// control characters, U+FFFD for invalid UTF-8, and \u2028 \u2029, which
// JavaScript treats as line ends.
func AppendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
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
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
