package report

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/threatboard/threatboard/drawing"
	"github.com/threatboard/threatboard/model"
)

// The exports as sets of files, named after the file the user chose: the
// app and the CLI write them with WriteFiles.

// PDFFiles is the PDF report as the file name.
func PDFFiles(m *model.Model, opts Options, name string) ([]File, error) {
	data, err := BuildPDF(m, opts)
	if err != nil {
		return nil, err
	}
	return []File{{Name: name, Data: data}}, nil
}

// MarkdownFiles is the Markdown report as the file name, with every
// diagram and attack tree drawn as an SVG file beside it (name, a slug of
// the title and ".svg") and linked from the page.
func MarkdownFiles(m *model.Model, opts Options, name string) ([]File, error) {
	files := []File{{Name: name}}
	images := map[string]string{}
	used := map[string]bool{}
	base := strings.TrimSuffix(name, filepath.Ext(name)) + ".svg"
	add := func(id, title string, l *drawing.List) error {
		data, err := drawImage(l, "svg", ImageOptions{})
		if err != nil {
			return fmt.Errorf("draw %q: %w", title, err)
		}
		fname := uniqueName(used, base, title)
		images[id] = fname
		files = append(files, File{Name: fname, Data: data})
		return nil
	}
	if !opts.omits(ChapterUseCases) {
		f, err := gather(m, &opts)
		if err != nil {
			return nil, err
		}
		for _, d := range m.Diagrams {
			if l := drawing.Diagram(f.drawn(d)); len(l.Items) > 0 {
				if err := add(d.ID, d.Title, l); err != nil {
					return nil, err
				}
			}
		}
	}
	if !opts.omits(ChapterTrees) {
		for _, t := range m.AttackTrees {
			if l, err := drawing.Tree(t, drawing.TreeOptions{}); err == nil {
				if err := add(t.ID, "tree "+t.Title, l); err != nil {
					return nil, err
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := markdown(&buf, m, opts, images); err != nil {
		return nil, err
	}
	files[0].Data = buf.Bytes()
	return files, nil
}

// BacklogFiles is the threats CSV as the file name and the actions CSV
// beside it, "-actions" added before the extension.
func BacklogFiles(m *model.Model, opts Options, name string) ([]File, error) {
	var threats, actions bytes.Buffer
	if err := ThreatsCSV(&threats, m, opts); err != nil {
		return nil, err
	}
	if err := ActionsCSV(&actions, m, opts); err != nil {
		return nil, err
	}
	return []File{{Name: name, Data: threats.Bytes()}, {Name: ActionsName(name), Data: actions.Bytes()}}, nil
}

// ActionsName is the name of the actions CSV written beside the threats CSV
// name: "backlog.csv" → "backlog-actions.csv".
func ActionsName(name string) string {
	ext := filepath.Ext(name)
	if ext == "" {
		ext = ".csv"
	}
	return strings.TrimSuffix(name, filepath.Ext(name)) + "-actions" + ext
}

// ImageFormats are the picture formats of DiagramFiles.
var ImageFormats = []string{"svg", "png"}

// DiagramFiles draws diagrams as SVG or PNG files: the one whose ID or
// title is diagram, as the file name; with diagram empty, every diagram, as
// name with the diagram's title added before the extension (a model of one
// diagram gets name itself).
func DiagramFiles(m *model.Model, format, diagram string, opt ImageOptions, name string) ([]File, error) {
	if !slices.Contains(ImageFormats, format) {
		return nil, fmt.Errorf("unknown image format %q (want svg or png)", format)
	}
	var chosen []*model.Diagram
	for _, d := range m.Diagrams {
		if diagram == "" || d.ID == diagram || d.Title == diagram {
			chosen = append(chosen, d)
		}
	}
	switch {
	case len(m.Diagrams) == 0:
		return nil, fmt.Errorf("the model has no diagram to draw")
	case len(chosen) == 0:
		return nil, fmt.Errorf("no diagram %q (the model has %s)", diagram, diagramNames(m))
	case diagram != "" && len(chosen) > 1:
		return nil, fmt.Errorf("%d diagrams are titled %q: name one by its ID", len(chosen), diagram)
	}
	var files []File
	used := map[string]bool{}
	for _, d := range chosen {
		fname := name
		if len(chosen) > 1 {
			fname = uniqueName(used, name, d.Title)
		}
		data, err := drawImage(drawing.Diagram(d), format, opt)
		if err != nil {
			return nil, fmt.Errorf("diagram %q: %w", d.Title, err)
		}
		files = append(files, File{Name: fname, Data: data})
	}
	return files, nil
}

func drawImage(l *drawing.List, format string, opt ImageOptions) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = WritePNG(&buf, l, opt)
	} else {
		err = WriteSVG(&buf, l, opt)
	}
	return buf.Bytes(), err
}

func diagramNames(m *model.Model) string {
	var out []string
	for _, d := range m.Diagrams {
		out = append(out, fmt.Sprintf("%q (%s)", d.Title, d.ID))
	}
	return strings.Join(out, ", ")
}

// uniqueName adds a slug of title to name before its extension, numbered
// when two titles give the same slug.
func uniqueName(used map[string]bool, name, title string) string {
	ext := filepath.Ext(name)
	base := strings.TrimSuffix(name, ext) + "-" + slug(title)
	out := base + ext
	for i := 2; used[out]; i++ {
		out = fmt.Sprintf("%s-%d%s", base, i, ext)
	}
	used[out] = true
	return out
}

// slug keeps the letters and digits of s, lower case, words joined by
// hyphens, at most 40 bytes: a safe part of a file name.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			sep := dash && b.Len() > 0
			if n := b.Len() + utf8.RuneLen(r); n > 40 || sep && n+1 > 40 {
				return b.String()
			}
			if sep {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "untitled"
	}
	return b.String()
}
