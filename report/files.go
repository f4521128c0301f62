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
	var all []picture
	for _, d := range m.Diagrams {
		all = append(all, picture{id: d.ID, title: d.Title, draw: func() (*drawing.List, error) { return drawing.Diagram(d), nil }})
	}
	return pictureFiles("diagram", all, format, diagram, opt, name)
}

// TreeFiles draws attack trees as SVG or PNG files, named as DiagramFiles
// names diagrams: the one whose ID or title is tree, or every tree when
// tree is empty. Each is drawn as the report and the app draw it, the
// cheapest path marked.
func TreeFiles(m *model.Model, format, tree string, opt ImageOptions, name string) ([]File, error) {
	var all []picture
	for _, t := range m.AttackTrees {
		all = append(all, picture{id: t.ID, title: t.Title, draw: func() (*drawing.List, error) { return drawing.Tree(t, drawing.TreeOptions{}) }})
	}
	return pictureFiles("attack tree", all, format, tree, opt, name)
}

// picture is a diagram or an attack tree to draw.
type picture struct {
	id, title string
	draw      func() (*drawing.List, error)
}

// pictureFiles draws the picture of all whose ID or title is want, or all
// of them when want is empty; what names them in errors.
func pictureFiles(what string, all []picture, format, want string, opt ImageOptions, name string) ([]File, error) {
	if !slices.Contains(ImageFormats, format) {
		return nil, fmt.Errorf("unknown image format %q (want svg or png)", format)
	}
	var chosen []picture
	for _, p := range all {
		if want == "" || p.id == want || p.title == want {
			chosen = append(chosen, p)
		}
	}
	switch {
	case len(all) == 0:
		return nil, fmt.Errorf("the model has no %s to draw", what)
	case len(chosen) == 0:
		var names []string
		for _, p := range all {
			names = append(names, fmt.Sprintf("%q (%s)", p.title, p.id))
		}
		return nil, fmt.Errorf("no %s %q (the model has %s)", what, want, strings.Join(names, ", "))
	case want != "" && len(chosen) > 1:
		return nil, fmt.Errorf("%d %ss are titled %q: name one by its ID", len(chosen), what, want)
	}
	var files []File
	used := map[string]bool{}
	for _, p := range chosen {
		fname := name
		if len(chosen) > 1 {
			fname = uniqueName(used, name, p.title)
		}
		l, err := p.draw()
		if err == nil {
			var data []byte
			if data, err = drawImage(l, format, opt); err == nil {
				files = append(files, File{Name: fname, Data: data})
				continue
			}
		}
		return nil, fmt.Errorf("%s %q: %w", what, p.title, err)
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
