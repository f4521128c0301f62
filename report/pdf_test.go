package report

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixedDate dates every test report, so that the output is reproducible.
var fixedDate = time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)

func example(t testing.TB) *model.Model {
	t.Helper()
	m, err := model.Decode(assets.Example())
	if err != nil {
		t.Fatalf("decode the example: %v", err)
	}
	return m
}

func TestWriteExamplePDF(t *testing.T) {
	out := os.Getenv("REPORT_OUT")
	if out == "" {
		t.Skip("REPORT_OUT not set")
	}
	data, err := BuildPDF(example(t), Options{Date: fixedDate})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "example.pdf"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	_ = exec.Command
}
