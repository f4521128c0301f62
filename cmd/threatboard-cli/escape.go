package main

import (
	"fmt"
	"io"
)

// escaper passes output through to a terminal (or a pipe) with every
// control character but newline and tab written as its \u00XX escape: a
// name in a model from a stranger must not move the cursor, retitle the
// window or hide earlier lines. These are C0 controls, DEL and the C1
// controls U+0080–U+009F (in UTF-8, 0xC2 then 0x80–0x9F). Inside a JSON
// string the escape means the same character, so -json output stays valid
// and unchanged in meaning.
type escaper struct {
	w io.Writer
	// held is a 0xC2 that ended the last write: whether it starts a C1
	// control depends on the next byte.
	held bool
	buf  []byte
}

func (e *escaper) Write(p []byte) (int, error) {
	out := e.buf[:0]
	i := 0
	if e.held {
		e.held = false
		if len(p) > 0 && p[0] >= 0x80 && p[0] <= 0x9f {
			out = fmt.Appendf(out, `\u%04x`, p[0])
			i = 1
		} else {
			out = append(out, 0xc2)
		}
	}
	for ; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\n' || c == '\t':
			out = append(out, c)
		case c < 0x20 || c == 0x7f:
			out = fmt.Appendf(out, `\u%04x`, c)
		case c == 0xc2 && i+1 == len(p):
			e.held = true
		case c == 0xc2 && p[i+1] >= 0x80 && p[i+1] <= 0x9f:
			out = fmt.Appendf(out, `\u%04x`, p[i+1])
			i++
		default:
			out = append(out, c)
		}
	}
	e.buf = out
	if _, err := e.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// flush writes a byte the last write held back.
func (e *escaper) flush() error {
	if !e.held {
		return nil
	}
	e.held = false
	_, err := e.w.Write([]byte{0xc2})
	return err
}
