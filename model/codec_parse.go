package model

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// The parser reads JSON text straight into the persisted structs. It exists
// because encoding/json stops at the first problem, locates type errors
// without array indices, matches keys case-insensitively and accepts
// duplicate keys; a user fixing a broken file wants every problem, each with
// its exact path and line:column. It follows the json tags of the DTOs, so
// the encoder and the parser cannot disagree about a key.

// parseFile parses data into the persisted form, reporting syntax errors,
// wrong types, unknown and duplicate fields and oversize lists and strings.
func parseFile(data []byte, lim Limits) (*fileDTO, docInfo, problems) {
	var f fileDTO
	p := parser{data: data, lim: lim, pos0: textPos{line: 1}}
	// A byte order mark is not JSON, but editors on Windows write one.
	if bytes.HasPrefix(data, utf8BOM) {
		p.pos = len(utf8BOM)
	}
	p.skipWS()
	switch {
	case p.pos == len(data):
		p.doc.notJSON = "the file is empty"
	case data[p.pos] != '{':
		if json.Valid(data) {
			p.doc.notObject = true
		} else {
			line, col := p.position(p.pos)
			p.doc.notJSON = fmt.Sprintf("%s at line %d, column %d", describeByte(data, p.pos), line, col)
		}
	default:
		p.value(reflect.ValueOf(&f).Elem())
		if !p.failed {
			p.skipWS()
			if p.pos < len(data) {
				p.syntax(describeByte(data, p.pos) + " after the end of the document")
			}
		}
	}
	p.doc.syntaxError = p.failed
	return &f, p.doc, p.ps
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

type parser struct {
	data    []byte
	pos     int
	lim     Limits
	ps      problems
	doc     docInfo
	path    []pathSeg
	depth   int
	objects int  // objects and list entries so far, see charge
	entry   bool // the value being parsed is a list entry, charged already
	structs structCache
	failed  bool // a fatal problem: the rest of the text cannot be read

	pos0 textPos // the last position computed, for position()
}

// pathSeg is one step of a JSON path: a field name, or an array index
// when isIndex is set.
type pathSeg struct {
	key     string
	index   int
	isIndex bool
}

func (p *parser) pathString() string {
	var b strings.Builder
	for _, s := range p.path {
		if s.isIndex {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.index))
			b.WriteByte(']')
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.key)
	}
	return b.String()
}

// problemAt records a problem with the current path at offset at.
func (p *parser) problemAt(at int, msg string) {
	if p.ps.full() {
		p.ps.dropped++
		return
	}
	line, col := p.position(at)
	p.ps.addAt(p.pathString(), msg, line, col)
}

// syntax records a fatal problem at the current position.
func (p *parser) syntax(msg string) {
	if !p.failed {
		p.problemAt(p.pos, msg)
		p.failed = true
	}
}

// position returns the 1-based line and column (in characters) of offset
// at. It continues from the previous position: problems come in text order,
// so the text is scanned about once however many problems a file has.
func (p *parser) position(at int) (line, col int) {
	c := &p.pos0
	if at < c.at {
		*c = textPos{line: 1}
	}
	if nl := bytes.LastIndexByte(p.data[c.at:at], '\n'); nl >= 0 {
		c.line += bytes.Count(p.data[c.at:at], []byte{'\n'})
		c.col = 0
		c.at += nl + 1
	}
	c.col += utf8.RuneCount(p.data[c.at:at])
	c.at = at
	return c.line, c.col + 1
}

// textPos is a remembered offset and its line and column (0-based).
type textPos struct{ at, line, col int }

// eightSpaces is eight ' ' bytes read as one little-endian word.
const eightSpaces = 0x2020202020202020

func (p *parser) skipWS() {
	d := p.data
	for p.pos < len(d) {
		switch d[p.pos] {
		case ' ', '\n':
			// Indentation is most of a saved file: skip it a word at a time.
			p.pos++
			for p.pos+8 <= len(d) && binary.LittleEndian.Uint64(d[p.pos:]) == eightSpaces {
				p.pos += 8
			}
		case '\t', '\r':
			p.pos++
		default:
			return
		}
	}
}

// value parses the JSON value at the current position into v.
func (p *parser) value(v reflect.Value) {
	p.skipWS()
	if p.pos >= len(p.data) {
		p.syntax("unexpected end of file")
		return
	}
	c := p.data[p.pos]
	switch v.Kind() {
	case reflect.Struct:
		if c == '{' {
			p.object(v)
			return
		}
	case reflect.Pointer:
		if c == 'n' {
			p.literal("null")
			return
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		p.value(v.Elem())
		return
	case reflect.Slice:
		if c == 'n' {
			p.literal("null")
			return
		}
		if c == '[' {
			p.array(v)
			return
		}
	case reflect.String:
		if c == '"' {
			if s, ok := p.text(); ok {
				v.SetString(s)
			}
			return
		}
	case reflect.Bool:
		switch c {
		case 't':
			if p.literal("true") {
				v.SetBool(true)
			}
			return
		case 'f':
			p.literal("false")
			return
		}
	case reflect.Float64, reflect.Int:
		if c == '-' || c >= '0' && c <= '9' {
			p.number(v)
			return
		}
	}
	p.wrongType(want(v.Type()))
}

// text parses a string within the length limit; false when it is not.
func (p *parser) text() (string, bool) {
	start := p.pos
	b, ok := p.str()
	if !ok {
		return "", false
	}
	if len(b) > p.lim.StringLength {
		p.problemAt(start, fmt.Sprintf("text of %d bytes is longer than the limit of %d", len(b), p.lim.StringLength))
		return "", false
	}
	return string(b), true
}

// wrongType reports a value of the wrong JSON type, where want was
// wanted, and skips it.
func (p *parser) wrongType(want string) {
	start := p.pos
	got := ""
	switch c := p.data[p.pos]; {
	case c == '"':
		got = "text"
	case c == '{':
		got = "an object"
	case c == '[':
		got = "a list"
	case c == 't' || c == 'f':
		got = "true/false"
	case c == 'n':
		got = "null"
	case c == '-' || c >= '0' && c <= '9':
		got = "a number"
	default:
		p.syntax(describeByte(p.data, p.pos) + " where a value should be")
		return
	}
	p.skip()
	if !p.failed {
		p.problemAt(start, fmt.Sprintf("want %s, not %s", want, got))
	}
}

func want(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct:
		return "an object"
	case reflect.Slice:
		return "a list"
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Int:
		return "a whole number"
	}
	return "a number"
}

func describeByte(data []byte, at int) string {
	r, _ := utf8.DecodeRune(data[at:])
	if r != utf8.RuneError && strconv.IsPrint(r) {
		return fmt.Sprintf("unexpected %q", r)
	}
	return fmt.Sprintf("unexpected byte 0x%02x", data[at])
}

// object parses an object into the struct v, field by field.
func (p *parser) object(v reflect.Value) {
	info := p.structs.of(v.Type())
	if !p.enter() {
		return
	}
	defer p.leave()
	if p.entry {
		p.entry = false // charged as a list entry already
	} else if !p.charge() {
		return
	}
	p.pos++ // '{''
	p.skipWS()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return
	}
	var seen uint64
	var props *propsDTO // found once per object
	next := 0           // the field after the last one read: files list them in order
	for !p.failed {
		p.skipWS()
		if p.pos >= len(p.data) {
			p.syntax("unexpected end of file")
			return
		}
		if p.data[p.pos] != '"' {
			p.syntax(describeByte(p.data, p.pos) + " where a field name in quotes should be")
			return
		}
		keyAt := p.pos
		key, ok := p.str()
		if !ok {
			return
		}
		p.skipWS()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			p.path = append(p.path, pathSeg{key: string(key)})
			p.syntax("want ':' after the field name")
			return
		}
		p.pos++
		fi, known := info.field(key, next)
		next = fi + 1
		switch {
		case !known:
			// A key is not bound by the string limit (it is never kept):
			// name it by a short excerpt, in the path and the message.
			name := clip(string(key[:min(len(key), maxExcerpt+1)]), maxExcerpt)
			p.path = append(p.path, pathSeg{key: name})
			msg := "unknown field " + strconv.Quote(name)
			if len(key) > maxExcerpt {
				msg += fmt.Sprintf(" (%d bytes)", len(key))
			}
			p.problemAt(keyAt, msg)
			if p.depth == 1 && len(p.doc.topKeys) < 32 {
				p.doc.topKeys = append(p.doc.topKeys, name)
			}
			p.skip()
		case seen&(1<<fi) != 0:
			p.path = append(p.path, pathSeg{key: info.fields[fi].name})
			p.problemAt(keyAt, fmt.Sprintf("field %q appears twice", info.fields[fi].name))
			p.skip()
		default:
			seen |= 1 << fi
			f := &info.fields[fi]
			p.path = append(p.path, pathSeg{key: f.name})
			if f.prop != nil {
				if props == nil {
					props = propsOf(f.of(v))
				}
				p.propValue(props, f.prop)
			} else {
				p.value(f.of(v))
			}
			if p.depth == 1 {
				p.doc.formatSeen = p.doc.formatSeen || f.name == "format"
				p.doc.versionSeen = p.doc.versionSeen || f.name == "version"
			}
		}
		p.path = p.path[:len(p.path)-1]
		if p.failed || !p.more('}') {
			return
		}
	}
}

// array parses a list into the slice v, growing it by doubling.
func (p *parser) array(v reflect.Value) {
	if !p.enter() {
		return
	}
	defer p.leave()
	max, what := listLimit(p.lim, p.path)
	p.pos++ // '['
	p.skipWS()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return
	}
	capacity := 4
	if counted := p.count(what); counted > 0 && counted <= max && counted <= p.lim.Objects-p.objects {
		capacity = counted
	}
	v.Set(reflect.MakeSlice(v.Type(), 0, capacity))
	for n := 0; !p.failed; n++ {
		if n == max {
			p.syntax(fmt.Sprintf("more than %d %s, the limit", max, what))
			return
		}
		if n == v.Cap() {
			grown := reflect.MakeSlice(v.Type(), n, 2*n)
			reflect.Copy(grown, v)
			v.Set(grown)
		}
		if !p.charge() {
			return
		}
		v.SetLen(n + 1)
		p.path = append(p.path, pathSeg{index: n, isIndex: true})
		p.entry = true
		p.value(v.Index(n))
		p.entry = false
		p.path = p.path[:len(p.path)-1]
		if p.failed || !p.more(']') {
			return
		}
	}
}

// more reads what follows a member of an object or list: after a ',' it
// reports true, another member follows; after closer, false. Anything else
// is a syntax error, reported, and false.
func (p *parser) more(closer byte) bool {
	p.skipWS()
	if p.pos >= len(p.data) {
		p.syntax("unexpected end of file")
		return false
	}
	switch p.data[p.pos] {
	case ',':
		p.pos++
		return true
	case closer:
		p.pos++
		return false
	}
	p.syntax(fmt.Sprintf("%s where ',' or '%c' should be", describeByte(p.data, p.pos), closer))
	return false
}

// count returns the number of entries of the list of elements or flows
// starting at the current position, or 0 when it cannot tell. These lists
// hold most of a big file: counting them first (a quick scan of brackets,
// commas and strings) lets them be allocated once at their size, where
// growing by doubling allocates and copies about three times as much.
func (p *parser) count(what string) int {
	if what != "elements" && what != "flows" {
		return 0
	}
	d := p.data
	depth, n := 0, 1
	for i := p.pos; i < len(d); i++ {
		switch d[i] {
		case '"':
			for i++; i < len(d) && d[i] != '"'; i++ {
				if d[i] == '\\' {
					i++
				}
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return n
			}
			depth--
		case ',':
			if depth == 0 {
				n++
			}
		case ' ':
			for i+9 <= len(d) && binary.LittleEndian.Uint64(d[i+1:]) == eightSpaces {
				i += 8
			}
		}
	}
	return 0
}

// listLimit is the limit that applies to the list at path, by its field name.
func listLimit(lim Limits, path []pathSeg) (int, string) {
	key := ""
	if len(path) > 0 {
		key = path[len(path)-1].key
	}
	return listLimitOf(lim, key)
}

// listLimitOf is the limit that applies to a list by its field name.
func listLimitOf(lim Limits, key string) (int, string) {
	switch key {
	case "diagrams":
		return lim.Diagrams, "diagrams"
	case "elements":
		return lim.ElementsPerDiagram, "elements"
	case "flows":
		return lim.FlowsPerDiagram, "flows"
	case "boundaries":
		return lim.BoundariesPerDiagram, "boundaries"
	case "points", "waypoints":
		return lim.ListLength, "points"
	case "attackTrees":
		return lim.AttackTrees, "attack trees"
	case "children":
		return lim.NodesPerTree, "children"
	}
	return lim.ListLength, "entries"
}

// charge counts one more object or list entry against Limits.Objects: the
// memory a file claims grows with them, whatever their size in the text.
func (p *parser) charge() bool {
	p.objects++
	if p.objects > p.lim.Objects {
		p.syntax(fmt.Sprintf("the file has more than %d objects and list entries, the limit", p.lim.Objects))
		return false
	}
	return true
}

func (p *parser) enter() bool {
	p.depth++
	if p.depth > maxNesting {
		p.syntax(fmt.Sprintf("nested more than %d levels deep", maxNesting))
		return false
	}
	return true
}

func (p *parser) leave() { p.depth-- }

// literal consumes the literal word at the current position.
func (p *parser) literal(word string) bool {
	if len(p.data)-p.pos >= len(word) && string(p.data[p.pos:p.pos+len(word)]) == word {
		p.pos += len(word)
		return true
	}
	if len(p.data)-p.pos < len(word) && string(p.data[p.pos:]) == word[:len(p.data)-p.pos] {
		p.pos = len(p.data)
		p.syntax("unexpected end of file")
		return false
	}
	p.syntax(describeByte(p.data, p.pos) + " where a value should be")
	return false
}

// number parses a JSON number into the float or int v.
func (p *parser) number(v reflect.Value) {
	start := p.pos
	text, integer := p.scanNumber()
	if p.failed {
		return
	}
	if v.Kind() == reflect.Int {
		if !integer {
			p.problemAt(start, fmt.Sprintf("want a whole number, not %s", text))
			return
		}
		n, err := strconv.ParseInt(string(text), 10, 0)
		if err != nil {
			p.problemAt(start, fmt.Sprintf("number %s is too large", text))
			return
		}
		v.SetInt(n)
		return
	}
	// Most coordinates are small integers: convert them without strconv.
	if integer && len(text) <= 15 {
		var n int64
		neg := text[0] == '-'
		digits := text
		if neg {
			digits = text[1:]
		}
		for _, c := range digits {
			n = n*10 + int64(c-'0')
		}
		f := float64(n)
		if neg {
			f = -f
		}
		v.SetFloat(f)
		return
	}
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil || math.IsInf(f, 0) {
		p.problemAt(start, fmt.Sprintf("number %s is out of range", text))
		return
	}
	v.SetFloat(f)
}

// scanNumber consumes a number with JSON's grammar and tells whether it
// has neither fraction nor exponent.
func (p *parser) scanNumber() ([]byte, bool) {
	d := p.data
	start := p.pos
	i := p.pos
	integer := true
	if i < len(d) && d[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case digits() == 0:
		p.pos = i
		p.badNumber()
		return nil, false
	}
	if i < len(d) && d[i] == '.' {
		integer = false
		i++
		if digits() == 0 {
			p.pos = i
			p.badNumber()
			return nil, false
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		integer = false
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if digits() == 0 {
			p.pos = i
			p.badNumber()
			return nil, false
		}
	}
	p.pos = i
	return d[start:i], integer
}

func (p *parser) badNumber() {
	if p.pos >= len(p.data) {
		p.syntax("unexpected end of file")
		return
	}
	p.syntax(describeByte(p.data, p.pos) + " in a number")
}

// str consumes a string and returns its decoded bytes: a slice of the input
// when it holds no escapes (the common case, no copy), a new slice otherwise.
// Invalid UTF-8 becomes U+FFFD, as encoding/json does.
func (p *parser) str() ([]byte, bool) {
	d := p.data
	start := p.pos + 1
	i := start
	for i < len(d) {
		c := d[i]
		if c == '"' {
			p.pos = i + 1
			return d[start:i], true
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break
		}
		i++
	}
	out := make([]byte, 0, i-start+16)
	out = append(out, d[start:i]...)
	for i < len(d) {
		c := d[i]
		switch {
		case c == '"':
			p.pos = i + 1
			return out, true
		case c < 0x20:
			p.pos = i
			p.syntax("control character in text; write it as an escape such as \\n")
			return nil, false
		case c == '\\':
			if i+1 >= len(d) {
				i++
				continue
			}
			i++
			switch e := d[i]; e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r, n := hex4(d[i+1:])
				if n < 0 {
					p.pos = i - 1
					p.syntax("invalid \\u escape in text")
					return nil, false
				}
				i += 4
				if utf16.IsSurrogate(r) {
					r2, n2 := rune(-1), -1
					if i+2 < len(d) && d[i+1] == '\\' && d[i+2] == 'u' {
						r2, n2 = hex4(d[i+3:])
					}
					if dec := utf16.DecodeRune(r, r2); n2 >= 0 && dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				}
				out = utf8.AppendRune(out, r)
			default:
				p.pos = i - 1
				p.syntax(fmt.Sprintf("invalid escape \\%c in text", e))
				return nil, false
			}
			i++
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && size == 1 {
				out = utf8.AppendRune(out, utf8.RuneError)
			} else {
				out = append(out, d[i:i+size]...)
			}
			i += size
		}
	}
	p.pos = len(d)
	p.syntax("unexpected end of file in text")
	return nil, false
}

// hex4 reads four hex digits; n is -1 when they are not there.
func hex4(b []byte) (rune, int) {
	if len(b) < 4 {
		return 0, -1
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, -1
		}
		r = r*16 + rune(c)
	}
	return r, 4
}

// skip consumes any value, checking its syntax.
func (p *parser) skip() {
	p.skipWS()
	if p.pos >= len(p.data) {
		p.syntax("unexpected end of file")
		return
	}
	switch c := p.data[p.pos]; {
	case c == '"':
		p.str()
	case c == '{' || c == '[':
		if !p.enter() {
			return
		}
		defer p.leave()
		closer := byte('}')
		if c == '[' {
			closer = ']'
		}
		p.pos++
		p.skipWS()
		if p.pos < len(p.data) && p.data[p.pos] == closer {
			p.pos++
			return
		}
		for !p.failed {
			if closer == '}' {
				p.skipWS()
				if p.pos >= len(p.data) || p.data[p.pos] != '"' {
					if p.pos >= len(p.data) {
						p.syntax("unexpected end of file")
					} else {
						p.syntax(describeByte(p.data, p.pos) + " where a field name in quotes should be")
					}
					return
				}
				if _, ok := p.str(); !ok {
					return
				}
				p.skipWS()
				if p.pos >= len(p.data) || p.data[p.pos] != ':' {
					p.syntax("want ':' after the field name")
					return
				}
				p.pos++
			}
			p.skip()
			if p.failed || !p.more(closer) {
				return
			}
		}
	case c == 't':
		p.literal("true")
	case c == 'f':
		p.literal("false")
	case c == 'n':
		p.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		p.scanNumber()
	default:
		p.syntax(describeByte(p.data, p.pos) + " where a value should be")
	}
}

// structInfo maps the JSON names of a DTO's fields, inlined embedded
// structs included, to their field indexes.
type structInfo struct {
	fields []fieldInfo
	byName map[string]int
}

type fieldInfo struct {
	name      string
	index     []int
	omitEmpty bool
	prop      *Property // a property; index is then the DTO's Props (codec_props.go)
}

// field finds the field named key. Files written by Encode list fields in
// order, so the few fields from next on are tried before the map.
func (si *structInfo) field(key []byte, next int) (int, bool) {
	for i := next; i < len(si.fields) && i < next+4; i++ {
		if si.fields[i].name == string(key) {
			return i, true
		}
	}
	fi, ok := si.byName[string(key)]
	return fi, ok
}

// of returns the field of the struct v that f describes.
func (f *fieldInfo) of(v reflect.Value) reflect.Value {
	if len(f.index) == 1 {
		return v.Field(f.index[0])
	}
	return v.FieldByIndex(f.index)
}

var structInfos sync.Map // reflect.Type → *structInfo

// structCache sits in front of structInfos for one decode or encode: it
// meets a dozen struct types tens of thousands of times, and comparing type
// pointers is cheaper than a concurrent map lookup.
type structCache struct {
	types []reflect.Type
	infos []*structInfo
}

func (c *structCache) of(t reflect.Type) *structInfo {
	for i, ct := range c.types {
		if ct == t {
			return c.infos[i]
		}
	}
	si := structInfoOf(t)
	c.types = append(c.types, t)
	c.infos = append(c.infos, si)
	return si
}

func structInfoOf(t reflect.Type) *structInfo {
	if si, ok := structInfos.Load(t); ok {
		return si.(*structInfo)
	}
	si := &structInfo{byName: map[string]int{}}
	var walk func(t reflect.Type, index []int)
	walk = func(t reflect.Type, index []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			idx := append(append([]int(nil), index...), i)
			if tag, ok := f.Tag.Lookup("props"); ok {
				at := propsIndex(t, index)
				for _, p := range propBlock(tag) {
					si.byName[p.Key] = len(si.fields)
					si.fields = append(si.fields, fieldInfo{name: p.Key, index: at, omitEmpty: true, prop: p})
				}
				continue
			}
			if f.Anonymous && f.Tag.Get("json") == "" {
				walk(f.Type, idx)
				continue
			}
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			si.byName[name] = len(si.fields)
			si.fields = append(si.fields, fieldInfo{name: name, index: idx, omitEmpty: opts == "omitempty"})
		}
	}
	walk(t, nil)
	if len(si.fields) > 64 {
		// The duplicate check keeps one bit per field.
		panic(fmt.Sprintf("model: %s has more than 64 fields", t))
	}
	structInfos.Store(t, si)
	return si
}
