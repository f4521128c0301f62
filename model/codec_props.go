package model

import (
	"fmt"
	"reflect"
)

// The file stores each element and flow property under its key from the
// property table, as if the DTO had a field for it: a propsAt field tagged
// props:"<table>,<block>" stands for one field per property of that block,
// in table order, each left out when false or empty, whose values are in
// the DTO's Props. The parser and the writer read and write those fields
// here; everything else about them (the path and position of a problem,
// duplicate and unknown keys) is as for any other field.

// propBlock is the list of properties a props tag names.
func propBlock(tag string) []*Property {
	switch tag {
	case "element,common":
		return elementCommon
	case "element,own":
		return elemOwn
	case "flow,common":
		return flowCommon
	case "flow,own":
		return flowOwn
	}
	panic(fmt.Sprintf("model: unknown property block %q", tag))
}

// isText reports whether the file stores p's value as text.
func (p *Property) isText() bool { return p.Text || p.Options != nil }

// set reports whether the block holds a value of p other than false or "".
func (b *propsDTO) set(p *Property) bool {
	if p.isText() {
		return b.texts[p.slot] != ""
	}
	return b.bools&(1<<p.slot) != 0
}

// propsOf returns the block the field v is, copying it when v cannot be
// addressed (the writer given a DTO by value).
func propsOf(v reflect.Value) *propsDTO {
	if v.CanAddr() {
		return v.Addr().Interface().(*propsDTO)
	}
	b := v.Interface().(propsDTO)
	return &b
}

// propsIndex is the index of the Props field of the struct t, which is at
// index in the DTO.
func propsIndex(t reflect.Type, index []int) []int {
	f, ok := t.FieldByName("Props")
	if !ok || f.Type != reflect.TypeOf(propsDTO{}) {
		panic(fmt.Sprintf("model: %s marks property blocks but has no Props", t))
	}
	return append(append([]int(nil), index...), f.Index...)
}

// propValue parses the value of property prop into the block b.
func (p *parser) propValue(b *propsDTO, prop *Property) {
	p.skipWS()
	if p.pos >= len(p.data) {
		p.syntax("unexpected end of file")
		return
	}
	c := p.data[p.pos]
	switch {
	case prop.isText() && c == '"':
		if s, ok := p.text(); ok {
			b.texts[prop.slot] = s
		}
	case prop.isText():
		p.wrongType("text")
	case c == 't':
		if p.literal("true") {
			b.bools |= 1 << prop.slot
		}
	case c == 'f':
		p.literal("false")
	default:
		p.wrongType("true or false")
	}
}

// writeProp writes the value of property prop from the block b.
func (w *jsonWriter) writeProp(b *propsDTO, prop *Property) {
	if !prop.isText() {
		w.buf = append(w.buf, "true"...) // false is left out
		return
	}
	w.string(b.texts[prop.slot])
}

// The conversions between a block and the fields of an element or a flow.

func (b *propsDTO) fromElement(e *Element) {
	for i := range elementProperties {
		p := &elementProperties[i]
		b.put(p, p.elemField(e))
	}
}

func (b *propsDTO) fromFlow(f *Flow) {
	for i := range flowProperties {
		p := &flowProperties[i]
		b.put(p, p.flowField(f))
	}
}

func (b *propsDTO) put(p *Property, field any) {
	switch f := field.(type) {
	case *bool:
		if *f {
			b.bools |= 1 << p.slot
		}
	case *string:
		b.texts[p.slot] = *f
	case *DataClass:
		b.texts[p.slot] = f.String()
	}
}

// toElement and toFlow set the fields from the block; a value the field
// cannot take (an unknown data classification) is reported at path.key.
func (b *propsDTO) toElement(e *Element, r *dtoReader, path func() string) {
	for i := range elementProperties {
		p := &elementProperties[i]
		b.get(p, p.elemField(e), r, path)
	}
}

func (b *propsDTO) toFlow(f *Flow, r *dtoReader, path func() string) {
	for i := range flowProperties {
		p := &flowProperties[i]
		b.get(p, p.flowField(f), r, path)
	}
}

func (b *propsDTO) get(p *Property, field any, r *dtoReader, path func() string) {
	switch f := field.(type) {
	case *bool:
		*f = b.bools&(1<<p.slot) != 0
	case *string:
		*f = b.texts[p.slot]
	case *DataClass:
		if s := b.texts[p.slot]; s != "" {
			c, err := ParseDataClass(s)
			if err != nil {
				r.ps.add(path()+"."+p.Key, err.Error())
			}
			*f = c
		}
	}
}
