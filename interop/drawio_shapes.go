package interop

import (
	"slices"
	"strings"

	"github.com/threatboard/threatboard/model"
)

// drawioStyle is a parsed mxCell style: "ellipse;whiteSpace=wrap;html=1;".
// A first token without "=" names a base style, which for most shapes is
// the shape itself.
type drawioStyle struct {
	base string
	kv   map[string]string
}

func parseStyle(s string) drawioStyle {
	st := drawioStyle{kv: map[string]string{}}
	for i, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			if i == 0 {
				st.base = part
			}
			continue
		}
		st.kv[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return st
}

func (st drawioStyle) get(k string) string { return st.kv[k] }

// shape is the cell's shape name: the shape key, else the base style.
func (st drawioStyle) shape() string {
	if s := st.kv["shape"]; s != "" {
		return s
	}
	return st.base
}

// unfilled reports a shape drawn without a fill.
func (st drawioStyle) unfilled() bool {
	f := strings.ToLower(st.kv["fillColor"])
	return f == "none" || f == "transparent"
}

// arrow reports whether the edge draws an arrowhead at its start or end.
// draw.io draws a classic arrow at the end unless the style says otherwise,
// and none at the start.
func (st drawioStyle) arrow(end string) bool {
	v, ok := st.kv[end+"Arrow"]
	if !ok {
		return end == "end"
	}
	return v != "none" && v != ""
}

// What a vertex becomes.
type shapeKind int

const (
	shapeOther        shapeKind = iota // anything else: a text note
	shapeActor                         // external entity
	shapeHuman                         // an actor drawn as a person
	shapeProcess                       //
	shapeMultiProcess                  //
	shapeStore                         //
	shapeBoundaryBox                   //
	shapeBoundaryLine                  // a requiredInterface arc
	shapeText                          // a text cell: a note, a tag or a gate's label
	shapeGate                          // an attack-tree gate; Gate says which
	shapeContainer                     // a group: only its children count
)

// shapeRule is one row of the draw.io shape table: docs/IMPORT.md lists the
// same rows (a test keeps the two in step).
type shapeRule struct {
	Style string // the style as the documentation shows it
	What  string // what it becomes, in words
	Kind  shapeKind
	Gate  model.NodeType // for gates: what the shape means when the label does not say
	match func(st drawioStyle) bool
}

func shapeIs(names ...string) func(drawioStyle) bool {
	return func(st drawioStyle) bool { return slices.Contains(names, st.shape()) }
}

// rectangular reports a plain rectangle: no shape, or the rectangle shapes.
func rectangular(st drawioStyle) bool {
	switch st.shape() {
	case "", "rect", "rectangle", "label", "rounded", "mxgraph.dfd.externalEntity":
		return true
	}
	return false
}

// drawioShapes is the table of vertex shapes, first match wins.
var drawioShapes = []shapeRule{
	{Style: "shape=or", What: "attack-tree AND gate (the library's AND gate symbol)", Kind: shapeGate, Gate: model.And, match: shapeIs("or", "and", "mxgraph.electrical.logic_gates.and")},
	{Style: "shape=xor", What: "attack-tree OR gate", Kind: shapeGate, Gate: model.Or, match: shapeIs("xor", "mxgraph.electrical.logic_gates.or")},
	{Style: "text", What: "text: a tag on the element under it (UserObject tags), an edge label, or a text note", Kind: shapeText, match: shapeIs("text", "edgeLabel")},
	{Style: "group", What: "a group: its children are read, the group itself is not drawn", Kind: shapeContainer, match: shapeIs("group")},
	{Style: "shape=doubleEllipse", What: "multi-process", Kind: shapeMultiProcess, match: shapeIs("doubleEllipse")},
	{Style: "ellipse", What: "process", Kind: shapeProcess, match: shapeIs("ellipse", "mxgraph.dfd.start")},
	{Style: "shape=partialRectangle", What: "data store (the sides left open)", Kind: shapeStore, match: shapeIs("partialRectangle")},
	{Style: "shape=cylinder3", What: "data store (cylinder, datastore and database shapes)", Kind: shapeStore,
		match: shapeIs("cylinder", "cylinder2", "cylinder3", "datastore", "mxgraph.dfd.dataStoreID", "mxgraph.flowchart.database", "mxgraph.flowchart.stored_data")},
	{Style: "shape=requiredInterface", What: "trust boundary line (the arc)", Kind: shapeBoundaryLine, match: shapeIs("requiredInterface")},
	{Style: "dashed=1;fillColor=none", What: "trust boundary box (a dashed rectangle without fill)", Kind: shapeBoundaryBox,
		match: func(st drawioStyle) bool { return rectangular(st) && st.get("dashed") == "1" && st.unfilled() }},
	{Style: "swimlane", What: "trust boundary box (a container; guessed, with a note)", Kind: shapeBoundaryBox, match: shapeIs("swimlane")},
	{Style: "shape=umlActor", What: "actor, human", Kind: shapeHuman, match: shapeIs("umlActor")},
	{Style: "rounded=0", What: "actor (external entity: any other rectangle)", Kind: shapeActor, match: rectangular},
}

// classify finds the rule for a vertex; ok is false for shapes the table
// does not know, which become text notes.
func classify(st drawioStyle) (shapeRule, bool) {
	for _, r := range drawioShapes {
		if r.match(st) {
			return r, true
		}
	}
	return shapeRule{Kind: shapeOther}, false
}

// The colours of the threat-modeling library's tags.
var drawioTagColours = map[string]string{
	"#fff2cc": "asset",
	"#d5e8d4": "control",
	"#f8cecc": "threat actor",
}

// protocolLabels are flow labels that name a protocol: such a label also
// sets the flow's protocol (and, for the secure ones, encryption).
var protocolLabels = map[string]bool{
	"HTTP": false, "HTTPS": true, "HTTP/S": true, "TLS": true, "SSL": true, "SQL": false, "TCP": false, "UDP": false,
	"GRPC": false, "AMQP": false, "AMQPS": true, "MQTT": false, "MQTTS": true, "SSH": true, "SFTP": true, "FTP": false,
	"FTPS": true, "SMTP": false, "SMTPS": true, "LDAP": false, "LDAPS": true, "WEBSOCKET": false, "WSS": true, "DNS": false,
	"JDBC": false, "ODBC": false, "IPSEC": true, "VPN": true,
}
