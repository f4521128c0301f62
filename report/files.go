package report

import (
	"bytes"
	"path/filepath"
	"strings"

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

// MarkdownFiles is the Markdown report as the file name.
func MarkdownFiles(m *model.Model, opts Options, name string) ([]File, error) {
	var buf bytes.Buffer
	if err := Markdown(&buf, m, opts); err != nil {
		return nil, err
	}
	return []File{{Name: name, Data: buf.Bytes()}}, nil
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
