package interop

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// topLevelKeys returns the members of the JSON object text, unparsed.
func topLevelKeys(text []byte) (map[string]json.RawMessage, error) {
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(text, &keys); err != nil {
		return nil, jsonError(text, err)
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
