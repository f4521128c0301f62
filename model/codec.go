package model

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
)

// FormatName is the value of the "format" field of every Threatboard file.
const FormatName = "threatboard"

// CurrentVersion is the file format version this build writes; it reads it
// and every older version that has a migration.
const CurrentVersion = 2

// Encode writes m as a Threatboard file: deterministic JSON with keys in a
// fixed order, two-space indent, zero values left out and a trailing
// newline, so that a diff shows only what changed. It fails only when m
// holds a value the format cannot represent (an enum out of range, NaN);
// it does not validate, so that the editor can always save the user's work.
func Encode(m *Model) ([]byte, error) {
	data, _, _, err := encodeLimited(m, 0)
	return data, err
}

// encodeLimited is Encode that also returns an excerpt of the first text longer
// than maxString bytes, when maxString is above 0 and there is one, and the
// number of objects and list entries it wrote (see Limits.Objects).
func encodeLimited(m *Model, maxString int) (data []byte, long string, objects int, err error) {
	if m == nil {
		return nil, "", 0, errors.New("encode model: no model")
	}
	f, err := toDTO(m)
	if err != nil {
		return nil, "", 0, fmt.Errorf("encode model: %w", err)
	}
	w := jsonWriter{buf: make([]byte, 0, sizeHint(m)), maxString: maxString}
	data, err = w.write(f)
	if err != nil {
		return nil, "", 0, fmt.Errorf("encode model: %w", err)
	}
	return data, w.long, w.objects, nil
}

// sizeHint guesses the encoded size of m from its object count (an
// element or flow takes a few hundred bytes), so that a big model is
// written into one buffer instead of one regrown and copied many times.
func sizeHint(m *Model) int {
	n := 0
	for _, d := range m.Diagrams {
		if d != nil {
			n += len(d.Elements) + len(d.Flows) + len(d.Boundaries)
		}
	}
	return 4096 + 400*n
}

// Decode reads a Threatboard file within DefaultLimits: it parses, migrates
// an older version, converts and validates. Any problem gives a *LoadError
// listing every problem found.
func Decode(data []byte) (*Model, error) { return DecodeWithLimits(data, DefaultLimits) }

// DecodeWithLimits is Decode with other limits. Start from DefaultLimits
// and change what differs: a zero field is a limit of zero.
func DecodeWithLimits(data []byte, lim Limits) (*Model, error) {
	m, ps := decode(data, lim)
	if len(ps) > 0 {
		return nil, &LoadError{Problems: ps}
	}
	return m, nil
}

// Load reads and decodes the file at path within DefaultLimits. Only a
// regular file is read: a FIFO, a device or a link to one is refused before
// it is opened, so that it cannot hang the reader or feed it forever.
func Load(path string) (*Model, error) {
	lim := DefaultLimits
	data, err := ReadRegularFile(path, lim.FileSize)
	if errors.Is(err, ErrFileTooLarge) {
		return nil, &LoadError{File: path, Problems: []Problem{tooBig(lim)}}
	}
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	m, ps := decode(data, lim)
	if len(ps) > 0 {
		return nil, &LoadError{File: path, Problems: ps}
	}
	return m, nil
}

// ErrFileTooLarge is wrapped by ReadRegularFile's error for a file over its
// size limit.
var ErrFileTooLarge = errors.New("the file is larger than the limit")

// ReadRegularFile reads the file at path if it is a regular file (or a link
// to one) of at most max bytes. Anything else is refused before it is read:
// a FIFO would block the reader until someone writes to it, a device such
// as /dev/zero would feed it forever.
func ReadRegularFile(path string, max int64) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("not a regular file (%s)", fileKind(fi.Mode()))}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The path may have been replaced since the check: check what was opened.
	if fi, err = f.Stat(); err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("not a regular file (%s)", fileKind(fi.Mode()))}
	}
	if fi.Size() > max {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w of %d bytes", ErrFileTooLarge, max)}
	}
	// Read one byte past the limit: a file that grew since is told apart
	// without reading all of it.
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	if int64(len(data)) > max {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w of %d bytes", ErrFileTooLarge, max)}
	}
	return data, nil
}

func fileKind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return "not a plain file"
}

func tooBig(lim Limits) Problem {
	return Problem{Msg: fmt.Sprintf("the file is larger than the limit of %d bytes", lim.FileSize)}
}

// decode runs the whole pipeline and returns the model or the problems.
func decode(data []byte, lim Limits) (*Model, []Problem) {
	if int64(len(data)) > lim.FileSize {
		return nil, []Problem{tooBig(lim)}
	}
	f, doc, ps := parseFile(data, lim)
	if p, refused := checkHeader(doc, f); refused {
		return nil, []Problem{p}
	}
	switch {
	case f.Version >= CurrentVersion || !doc.versionSeen || hasProblemAt(ps, "version"):
	case additiveFrom(f.Version, CurrentVersion):
		f.Version = CurrentVersion
	default:
		migrated, err := migrate(data, f.Version, CurrentVersion, migrations)
		if err != nil {
			return nil, []Problem{{Path: "version", Msg: err.Error()}}
		}
		f, _, ps = parseFile(migrated, lim)
	}
	if !ps.empty() {
		// The content is incomplete where the text was wrong; checking it
		// would only repeat those problems in other words.
		return nil, ps.result()
	}
	r := dtoReader{ps: &ps, lim: lim}
	m := r.model(f)
	var vs problems
	validate(m, lim, &vs)
	if ps.empty() && vs.empty() {
		return m, nil
	}
	// A value the converter could not read is zero in the model; leave out
	// what validation says about it again.
	for _, v := range vs.list {
		if !covered(ps.list, v.Path) {
			ps.addAt(v.Path, v.Msg, v.Line, v.Column)
		}
	}
	ps.dropped += vs.dropped
	return nil, ps.result()
}

// covered reports whether path is one of the paths in ps or lies inside one.
func covered(ps []Problem, path string) bool {
	for _, p := range ps {
		if path == p.Path || strings.HasPrefix(path, p.Path) && len(path) > len(p.Path) &&
			(path[len(p.Path)] == '.' || path[len(p.Path)] == '[') {
			return true
		}
	}
	return false
}

// docInfo is what the parser learned about the file as a whole, enough to
// tell a Threatboard file from any other JSON.
type docInfo struct {
	notJSON     string   // why the text is not JSON at all, when it is not
	notObject   bool     // the top level is not an object
	syntaxError bool     // the text broke off or is malformed somewhere
	formatSeen  bool     // the top level has a "format" field
	versionSeen bool     // the top level has a "version" field
	topKeys     []string // unknown top-level keys, to recognise other tools' files
}

// checkHeader refuses files that are not Threatboard files or are of a
// version this build cannot read. Other problems are not worth listing
// then: they follow from reading the wrong kind of file.
func checkHeader(doc docInfo, f *fileDTO) (Problem, bool) {
	not := func(why string) (Problem, bool) {
		return Problem{Msg: "not a Threatboard file (" + why + ")"}, true
	}
	switch {
	case doc.notJSON != "":
		return not("not JSON: " + doc.notJSON)
	case doc.notObject:
		return not("the file is JSON but not an object")
	case f.Format == FormatName:
	case doc.formatSeen:
		return not(fmt.Sprintf("its \"format\" is not %q", FormatName))
	case doc.syntaxError:
		// Broken off before the format: the syntax error says more.
		return Problem{}, false
	case looksLikeThreatDragon(doc.topKeys):
		return not("it looks like a Threat Dragon model; import it instead")
	default:
		return not(fmt.Sprintf("it has no \"format\": %q field", FormatName))
	}
	switch {
	case f.Version > CurrentVersion:
		return Problem{Path: "version", Msg: fmt.Sprintf(
			"file format version %d is newer than this Threatboard understands (%d); update Threatboard",
			f.Version, CurrentVersion)}, true
	case !doc.versionSeen && !doc.syntaxError:
		return Problem{Path: "version", Msg: "missing file format version"}, true
	}
	return Problem{}, false
}

func hasProblemAt(ps problems, path string) bool {
	for _, p := range ps.list {
		if p.Path == path {
			return true
		}
	}
	return false
}

func looksLikeThreatDragon(keys []string) bool {
	var summary, detail bool
	for _, k := range keys {
		summary = summary || k == "summary"
		detail = detail || k == "detail"
	}
	return summary && detail
}

// maxNesting bounds how deeply the decoder follows nested arrays and
// objects, whatever the limits: deeper input is refused before it can
// exhaust the stack. An attack tree of TreeDepth levels nests 2·TreeDepth+4.
const maxNesting = 1000
