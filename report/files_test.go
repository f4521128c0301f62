package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image/png"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/model"
)

func TestMarkdownFilesLinkTheirPictures(t *testing.T) {
	m := example(t)
	files, err := MarkdownFiles(m, Options{Date: fixedDate}, "wiki.md")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"wiki.md", "wiki-authentication.svg", "wiki-listen-to-an-episode.svg", "wiki-tree-private-feed-becomes-public.svg"}
	if got := names(files); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("files %q, want %q", got, want)
	}
	page := string(files[0].Data)
	for _, f := range files[1:] {
		if !strings.Contains(page, "]("+f.Name+")") {
			t.Errorf("the page does not link %s", f.Name)
		}
		if err := xml.Unmarshal(f.Data, new(struct{})); err != nil {
			t.Errorf("%s is not well-formed XML: %v", f.Name, err)
		}
	}
	// Leaving out the use cases leaves out their pictures.
	files, err = MarkdownFiles(m, Options{Date: fixedDate, Omit: []Chapter{ChapterUseCases, ChapterTrees}}, "wiki.md")
	if err != nil || len(files) != 1 {
		t.Errorf("without use cases and trees: files %q, %v; want the page alone", names(files), err)
	}
}

func TestDiagramFiles(t *testing.T) {
	m := example(t)
	twin := &model.Diagram{ID: "twin", Title: "Authentication"}
	cases := map[string]struct {
		m       *model.Model
		format  string
		diagram string
		want    []string
		err     string
	}{
		"all as svg":      {m: m, format: "svg", want: []string{"d-authentication.svg", "d-listen-to-an-episode.svg"}},
		"one by title":    {m: m, format: "png", diagram: "Listen to an episode", want: []string{"d.svg"}},
		"one by ID":       {m: m, format: "svg", diagram: m.Diagrams[0].ID, want: []string{"d.svg"}},
		"unknown diagram": {m: m, format: "svg", diagram: "Billing", err: `no diagram "Billing"`},
		"unknown format":  {m: m, format: "gif", err: `unknown image format "gif"`},
		"no diagrams":     {m: &model.Model{ID: "m"}, format: "svg", err: "no diagram to draw"},
		"ambiguous title": {m: &model.Model{ID: "m", Diagrams: []*model.Diagram{m.Diagrams[0], twin}}, format: "svg", diagram: "Authentication", err: "name one by its ID"},
		"same slugs":      {m: &model.Model{ID: "m", Diagrams: []*model.Diagram{m.Diagrams[0], twin}}, format: "svg", want: []string{"d-authentication.svg", "d-authentication-2.svg"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			files, err := DiagramFiles(c.m, c.format, c.diagram, ImageOptions{}, "d.svg")
			checkImageFiles(t, files, err, c.format, c.want, c.err)
		})
	}
}

func TestTreeFiles(t *testing.T) {
	m := example(t)
	tree := m.AttackTrees[0]
	twin := &model.AttackTree{ID: "twin", Title: tree.Title, Root: &model.Node{ID: "twin-root", Title: "Goal", Type: model.Leaf, Probability: 0.5}}
	two := &model.Model{ID: "m", AttackTrees: []*model.AttackTree{tree, twin}}
	cases := map[string]struct {
		m      *model.Model
		format string
		tree   string
		want   []string
		err    string
	}{
		"the one tree":    {m: m, format: "svg", want: []string{"t.svg"}},
		"one by ID":       {m: two, format: "png", tree: "twin", want: []string{"t.svg"}},
		"every tree":      {m: two, format: "svg", want: []string{"t-private-feed-becomes-public.svg", "t-private-feed-becomes-public-2.svg"}},
		"unknown tree":    {m: m, format: "svg", tree: "Billing", err: `no attack tree "Billing" (the model has "Private feed becomes public"`},
		"no trees":        {m: &model.Model{ID: "m"}, format: "png", err: "no attack tree to draw"},
		"ambiguous title": {m: two, format: "svg", tree: tree.Title, err: "2 attack trees are titled"},
		"unknown format":  {m: m, format: "pdf", err: `unknown image format "pdf"`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			files, err := TreeFiles(c.m, c.format, c.tree, ImageOptions{}, "t.svg")
			checkImageFiles(t, files, err, c.format, c.want, c.err)
		})
	}
	// The tree file is the picture the Markdown report links.
	files, err := TreeFiles(m, "svg", "", ImageOptions{}, "t.svg")
	if err != nil {
		t.Fatal(err)
	}
	md, err := MarkdownFiles(m, Options{Date: fixedDate}, "wiki.md")
	if err != nil {
		t.Fatal(err)
	}
	if last := md[len(md)-1]; !bytes.Equal(last.Data, files[0].Data) {
		t.Errorf("the tree's SVG differs from %s of the Markdown report", last.Name)
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Listen to an episode": "listen-to-an-episode", "Zoë → Łódź": "zoë-łódź", "": "untitled", "***": "untitled",
		strings.Repeat("long ", 20): "long-long-long-long-long-long-long-long",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBigDiagramIsTiled: a diagram too large for one page at a legible
// scale is printed over several pages, every element's name on one.
func TestBigDiagramIsTiled(t *testing.T) {
	m := model.Synthetic(400, 500, 6, 7)
	pdf := buildPDF(t, m, Options{Omit: []Chapter{ChapterRegister, ChapterAppendix}})
	text := pdfText(t, pdf)
	if !strings.Contains(text, "too large for one page") || !strings.Contains(text, "part 1 of") {
		t.Fatal("the big diagram was not tiled")
	}
	for _, e := range m.Diagrams[0].Elements {
		if e.Name != "" && !strings.Contains(text, e.Name) {
			t.Errorf("element %q is on no page", e.Name)
		}
	}
	var parts int
	if _, err := fmt.Sscanf(text[strings.Index(text, "part 1 of ")+len("part 1 of "):], "%d", &parts); err != nil || parts < 2 {
		t.Errorf("%d parts (%v)", parts, err)
	}
}

// checkImageFiles checks what DiagramFiles or TreeFiles returned: the error
// wanted (a part of its message), else the files' names and that each is a
// PNG or well-formed XML.
func checkImageFiles(t *testing.T, files []File, err error, format string, want []string, wantErr string) {
	t.Helper()
	if wantErr != "" {
		if err == nil || !strings.Contains(err.Error(), wantErr) {
			t.Fatalf("error %v, want %q", err, wantErr)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if got := names(files); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("files %q, want %q", got, want)
	}
	for _, f := range files {
		if format == "png" {
			if _, err := png.Decode(bytes.NewReader(f.Data)); err != nil {
				t.Errorf("%s is not a PNG: %v", f.Name, err)
			}
		} else if err := xml.Unmarshal(f.Data, new(struct{})); err != nil {
			t.Errorf("%s is not well-formed XML: %v", f.Name, err)
		}
	}
}
