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
	keys, err := topLevelKeys(text)
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
		if bytes.Contains(text, []byte("content=\"")) && (bytes.Contains(text, []byte("&lt;mxfile")) || bytes.Contains(text, []byte("&lt;mxGraphModel"))) {
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
