package interop

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The XML reader the draw.io and Threat Modeling Tool importers share. It
// reads the whole document into a small tree of elements by local name
// (namespaces do not matter to either format) and refuses what a hostile
// file could use against the reader: a DOCTYPE that declares entities
// (internal or external: "billion laughs", XXE), nesting deeper than
// xmlMaxDepth and more than xmlMaxElements elements. A DOCTYPE that only
// names an external DTD, as every SVG file does, is read and ignored:
// encoding/xml never fetches it.
const (
	xmlMaxDepth    = 256
	xmlMaxElements = 1_000_000
)

// xnode is one XML element: its local name, attributes, child elements and
// the character data directly inside it.
type xnode struct {
	name     string
	attrs    []xml.Attr
	children []*xnode
	text     string
	line     int // where the element starts, for messages
}

// attr returns the value of the attribute with the local name key.
func (n *xnode) attr(key string) string {
	for _, a := range n.attrs {
		if a.Name.Local == key {
			return a.Value
		}
	}
	return ""
}

// hasAttr reports whether the element has an attribute with local name key.
func (n *xnode) hasAttr(key string) bool {
	for _, a := range n.attrs {
		if a.Name.Local == key {
			return true
		}
	}
	return false
}

// child returns the first child element with the local name, or nil.
func (n *xnode) child(name string) *xnode {
	if n == nil {
		return nil
	}
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// childText is the trimmed text of the first child named name, or "".
func (n *xnode) childText(name string) string {
	c := n.child(name)
	if c == nil {
		return ""
	}
	return strings.TrimSpace(c.text)
}

// path follows child names down the tree; nil when one is missing.
func (n *xnode) path(names ...string) *xnode {
	for _, name := range names {
		n = n.child(name)
	}
	return n
}

// errDTD is wrapped by the error for a document with a DOCTYPE that
// declares entities.
var errDTD = errors.New("a DOCTYPE that declares entities is refused (entities are never expanded, external ones never fetched)")

// parseXML reads data into a tree and returns its root element.
func parseXML(data []byte) (*xnode, error) { return readXML(data, xmlMaxElements) }

// readXML is parseXML with a bound on the number of elements.
func readXML(data []byte, maxElements int) (*xnode, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	// Declared encodings other than UTF-8 are read as UTF-8 when they are
	// ASCII-compatible; draw.io and the Threat Modeling Tool write UTF-8.
	d.CharsetReader = func(charset string, input io.Reader) (io.Reader, error) {
		switch strings.ToLower(charset) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			return input, nil
		}
		return nil, fmt.Errorf("unsupported character encoding %q (want UTF-8)", charset)
	}
	var (
		root  *xnode
		stack []*xnode
		text  [][]byte // the character data of each open element
		count int
	)
	for {
		line, col := d.InputPos()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("invalid XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			count++
			if count > maxElements {
				return nil, fmt.Errorf("line %d: more than %d XML elements", line, maxElements)
			}
			if len(stack) >= xmlMaxDepth {
				return nil, fmt.Errorf("line %d: XML nested deeper than %d elements", line, xmlMaxDepth)
			}
			n := &xnode{name: t.Name.Local, attrs: t.Attr, line: line}
			if len(stack) == 0 {
				if root != nil {
					return nil, fmt.Errorf("line %d, column %d: a second root element <%s>", line, col, n.name)
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			}
			stack = append(stack, n)
			text = append(text, nil)
		case xml.EndElement:
			n := stack[len(stack)-1]
			n.text = string(text[len(text)-1])
			stack = stack[:len(stack)-1]
			text = text[:len(text)-1]
		case xml.CharData:
			if len(text) > 0 {
				text[len(text)-1] = append(text[len(text)-1], t...)
			}
		case xml.Directive:
			if refusedDirective(t) {
				return nil, fmt.Errorf("line %d, column %d: %w", line, col, errDTD)
			}
		}
	}
	if root == nil {
		return nil, errors.New("invalid XML: no root element")
	}
	return root, nil
}

// refusedDirective reports a DOCTYPE whose internal subset declares
// entities.
func refusedDirective(d xml.Directive) bool {
	s := strings.ToUpper(string(d))
	return strings.HasPrefix(strings.TrimSpace(s), "DOCTYPE") && strings.Contains(s, "<!ENTITY")
}
