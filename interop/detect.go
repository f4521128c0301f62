package interop

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// topLevelKeys returns the members of the JSON object text, unparsed, as
// far as it needs to read: it stops once enough says which format this is
// (enough(keys) is true), so that a big file is not parsed twice. A syntax
// error before that point is reported with its line and column.
func topLevelKeys(text []byte, enough func(map[string]json.RawMessage) bool) (map[string]json.RawMessage, error) {
	d := json.NewDecoder(bytes.NewReader(text))
	keys := map[string]json.RawMessage{}
	fail := func(err error) (map[string]json.RawMessage, error) {
		// The decoder's offsets are not the file's: the whole text says
		// where it breaks.
		var v any
		if uerr := json.Unmarshal(text, &v); uerr != nil {
			return nil, jsonError(text, uerr)
		}
		return nil, err
	}
	if _, err := d.Token(); err != nil { // the opening brace
		return fail(err)
	}
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			return fail(err)
		}
		key, ok := tok.(string)
		if !ok {
			return fail(fmt.Errorf("want a member name, not %v", tok))
		}
		keys[key] = nil
		if enough(keys) {
			return keys, nil
		}
		var v json.RawMessage
		if err := d.Decode(&v); err != nil {
			return fail(err)
		}
		keys[key] = v
	}
	if _, err := d.Token(); err != nil { // the closing brace
		return fail(err)
	}
	return keys, nil
}

// xmlRoot returns the local name of the root element of an XML document.
func xmlRoot(text []byte) (string, error) {
	d := xml.NewDecoder(bytes.NewReader(text))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return "", errors.New("no root element")
		}
		if err != nil {
			return "", err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local, nil
		}
	}
}

// jsonError says where in data a JSON decoding error happened, as a line
// and column a user can find in an editor.
func jsonError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		// The offset is just past the byte that broke the syntax.
		line, col := position(data, syn.Offset-1)
		return fmt.Errorf("line %d, column %d: %w", line, col, err)
	case errors.As(err, &typ):
		// The offset is the end of the offending value.
		line, col := position(data, typ.Offset)
		where := typ.Field
		if where == "" {
			where = "value"
		}
		return fmt.Errorf("line %d, column %d: %s is a JSON %s, want %s", line, col, where, typ.Value, typ.Type)
	}
	return err
}

// position turns a byte offset into a 1-based line and column.
func position(data []byte, offset int64) (line, col int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	if offset < 0 {
		offset = 0
	}
	before := data[:offset]
	line = 1 + bytes.Count(before, []byte("\n"))
	col = 1 + len(before) - (bytes.LastIndexByte(before, '\n') + 1)
	return line, col
}
