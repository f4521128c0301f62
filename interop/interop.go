// Package interop brings models from other threat-modeling tools into
// Threatboard and writes them back: Threat Dragon (v1 and v2 JSON) and the
// Open Threat Model (JSON and YAML) both ways; draw.io, the Microsoft Threat
// Modeling Tool (.tm7) and Threagile in.
//
// The format of a file is recognised from its content, never its name. An
// import either fails with an error that says where the file is wrong, or
// returns a model that passes the model's own validation together with the
// notes of everything it could not map or had to guess: nothing is dropped
// silently.
//
// The package never imports Fyne: the CLI builds it without cgo.
package interop

import (
	"bytes"
	"crypto/sha256"
	"encoding/base32"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/threatboard/threatboard/model"
)

// Format names a file format another tool writes.
type Format string

// The formats Detect recognises.
const (
	ThreatDragon Format = "threatdragon"
	OTM          Format = "otm"
	DrawIO       Format = "drawio"
	TMT          Format = "tm7"
	Threagile    Format = "threagile"
)

// Title is the format's name as users know it.
func (f Format) Title() string {
	switch f {
	case ThreatDragon:
		return "Threat Dragon"
	case OTM:
		return "Open Threat Model"
	case DrawIO:
		return "draw.io"
	case TMT:
		return "Threat Modeling Tool"
	case Threagile:
		return "Threagile"
	}
	return string(f)
}

// Note is one thing an import could not map, or had to guess: nothing is
// dropped silently.
type Note struct {
	Where   string // e.g. `diagram "Main" › element "Web server"`, or a JSON/XML path
	Message string
}

func (n Note) String() string {
	if n.Where == "" {
		return n.Message
	}
	return n.Where + ": " + n.Message
}

// Result is an imported model and what the import has to say about it.
type Result struct {
	Model  *model.Model
	Format Format
	Notes  []Note
}

// ErrUnknownFormat is returned (wrapped) by Detect for content it does not
// recognise.
var ErrUnknownFormat = errors.New("not a format Threatboard imports")

// MaxFileSize bounds what the importers read: far above any real model, low
// enough that a hostile file cannot exhaust memory.
const MaxFileSize = 64 << 20

// Detect recognises a file's format from its content.
func Detect(data []byte) (Format, error) {
	if len(data) > MaxFileSize {
		return "", fmt.Errorf("the file is %d bytes; the limit is %d", len(data), MaxFileSize)
	}
	text := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case len(text) == 0:
		return "", fmt.Errorf("the file is empty: %w", ErrUnknownFormat)
	case bytes.HasPrefix(data, pngSignature):
		if _, err := pngMxfile(data); err != nil {
			return "", fmt.Errorf("%w: %w", err, ErrUnknownFormat)
		}
		return DrawIO, nil
	case bytes.HasPrefix(text, []byte("PK\x03\x04")):
		return "", fmt.Errorf("the file is a zip archive, not a model (a Threat Modeling Tool .tm7 file is XML): %w", ErrUnknownFormat)
	case text[0] == '{':
		return detectJSON(text)
	case text[0] == '[':
		return "", fmt.Errorf("the file is a JSON list, not an object: %w", ErrUnknownFormat)
	case text[0] == '<':
		return detectXML(text)
	}
	return detectYAML(text)
}

// detectJSON looks at the top-level keys of a JSON object.
func detectJSON(text []byte) (Format, error) {
	keys, err := topLevelKeys(text, func(keys map[string]json.RawMessage) bool {
		_, otm := keys["otmVersion"]
		_, summary := keys["summary"]
		_, detail := keys["detail"]
		return otm || summary && detail
	})
	if err != nil {
		return "", fmt.Errorf("the file looks like JSON but is not valid: %w", err)
	}
	has := func(k string) bool { _, ok := keys[k]; return ok }
	switch {
	case has("otmVersion"):
		return OTM, nil
	case has("summary") && has("detail"):
		return ThreatDragon, nil
	case has("format") && strings.Contains(string(keys["format"]), `"threatboard"`):
		return "", fmt.Errorf("the file is a Threatboard model: open it instead of importing it")
	case has("threagile_version"):
		return Threagile, nil
	}
	return "", fmt.Errorf("a JSON object without \"otmVersion\" (Open Threat Model) or \"summary\" and \"detail\" (Threat Dragon): %w", ErrUnknownFormat)
}

// detectXML looks at the name of the root element.
func detectXML(text []byte) (Format, error) {
	root, err := xmlRoot(text)
	if err != nil {
		return "", fmt.Errorf("the file looks like XML but is not valid: %w", err)
	}
	switch root {
	case "mxfile", "mxGraphModel":
		return DrawIO, nil
	case "ThreatModel":
		return TMT, nil
	case "svg":
		// A .drawio.svg carries the diagram, plain or compressed, in the
		// content attribute of its root.
		if _, err := drawioPages(text); err == nil {
			return DrawIO, nil
		}
	}
	return "", fmt.Errorf("an XML document with root element <%s>: %w", root, ErrUnknownFormat)
}

// detectYAML looks for the version key each YAML format starts with, at the
// top level (a line that is not indented).
func detectYAML(text []byte) (Format, error) {
	for line := range bytes.Lines(text) {
		switch {
		case bytes.HasPrefix(line, []byte("otmVersion:")):
			return OTM, nil
		case bytes.HasPrefix(line, []byte("threagile_version:")):
			return Threagile, nil
		}
	}
	return "", fmt.Errorf("neither JSON, XML nor YAML with an \"otmVersion\" or \"threagile_version\" key: %w", ErrUnknownFormat)
}

// Import recognises the format of data and imports it. The model it returns
// passes model.Validate, with fresh IDs; on error there is no model.
func Import(data []byte) (*Result, error) {
	f, err := Detect(data)
	if err != nil {
		return nil, err
	}
	imp := importer(f)
	if imp == nil {
		return nil, fmt.Errorf("importing %s files is not supported yet", f.Title())
	}
	r, err := imp(data)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", f.Title(), err)
	}
	if err := checkModel(r.Model); err != nil {
		return nil, fmt.Errorf("import %s: %w", f.Title(), err)
	}
	r.Format = f
	return r, nil
}

// importer returns the import function of a format, or nil when this build
// cannot import it. Each importer returns a located error, or a result whose
// model checkModel accepts.
func importer(f Format) func([]byte) (*Result, error) {
	switch f {
	case DrawIO:
		return importDrawIO
	case TMT:
		return importTM7
	case ThreatDragon:
		return ImportThreatDragon
	case OTM:
		return ImportOTM
	case Threagile:
		return importThreagile
	}
	return nil
}

// checkModel refuses a model that would not save and load back: the last
// guard against an importer's mistake reaching the user as a broken file.
func checkModel(m *model.Model) error {
	ps := model.Validate(m)
	if len(ps) == 0 {
		return nil
	}
	var b strings.Builder
	for i, p := range ps {
		if i == 5 {
			fmt.Fprintf(&b, "; and %d more", len(ps)-i)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.String())
	}
	return fmt.Errorf("the imported model is not valid: %s", b.String())
}

// ids hands out the IDs of an imported model: stable (the same file gives
// the same IDs, so a re-import diffs cleanly) and fresh (never one of the
// source tool's, which are UUIDs or small numbers), except that an ID in
// Threatboard's own form is kept: it came from one of our exports, and
// keeping it makes export → import → export give the same bytes.
type ids struct {
	format Format
	used   map[string]bool
}

func newIDs(f Format) *ids { return &ids{format: f, used: make(map[string]bool)} }

// of returns the ID for the object the source file calls key within scope
// (a diagram, say, when the source's IDs are unique only there).
func (g *ids) of(scope, key string) string {
	if ours(key) && !g.used[key] {
		g.used[key] = true
		return key
	}
	for n := 0; ; n++ {
		h := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%s\x00%s\x00%d", g.format, scope, key, n)))
		id := idText.EncodeToString(h[:7])[:10]
		if !g.used[id] {
			g.used[id] = true
			return id
		}
	}
}

// idText writes IDs the way model.NewID does.
var idText = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)

// ours reports whether id has the form of a Threatboard ID.
func ours(id string) bool {
	if len(id) != 10 {
		return false
	}
	for _, c := range []byte(id) {
		if !strings.ContainsRune("0123456789abcdefghjkmnpqrstvwxyz", rune(c)) {
			return false
		}
	}
	return true
}

// resolveRefs clears the references between parts of m that point at
// nothing (or at the wrong kind of thing), reporting each: an import may
// restore trees, actions and links of an earlier export whose targets
// were since deleted in the other tool.
func resolveRefs(m *model.Model, note func(where, msg string)) {
	elements := map[string]*model.Element{}
	diagrams := map[string]*model.Diagram{}
	threats := map[string]bool{}
	for _, d := range m.Diagrams {
		diagrams[d.ID] = d
		for _, e := range d.Elements {
			elements[e.ID] = e
			for _, t := range e.Threats {
				threats[t.ID] = true
			}
		}
		for _, f := range d.Flows {
			for _, t := range f.Threats {
				threats[t.ID] = true
			}
		}
	}
	for _, d := range m.Diagrams {
		if d.Parent != "" {
			if e := elements[d.Parent]; e == nil || e.Kind != model.MultiProcess || d.Element(d.Parent) != nil {
				note(fmt.Sprintf("diagram %q", d.Title), "the multi-process it opens from is gone; it is a diagram of its own now")
				d.Parent = ""
			}
		}
		for _, e := range d.Elements {
			if e.Child != "" && (e.Kind != model.MultiProcess || diagrams[e.Child] == nil || e.Child == d.ID) {
				note(fmt.Sprintf("diagram %q › element %q", d.Title, e.Name), "the diagram it opened is gone")
				e.Child = ""
			}
		}
	}
	for _, t := range m.AttackTrees {
		if t != nil && t.Target != "" && elements[t.Target] == nil && !threats[t.Target] {
			note(fmt.Sprintf("attack tree %q", t.Title), "the element or threat it hung off is gone")
			t.Target, t.FeedsLikelihood = "", false
		}
	}
	for _, a := range m.Actions {
		if a != nil && a.ThreatID != "" && !threats[a.ThreatID] {
			note(fmt.Sprintf("action %q", a.Title), "the threat it addressed is gone")
			a.ThreatID = ""
		}
	}
}
