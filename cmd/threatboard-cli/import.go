package main

import (
	"fmt"
	"io"
	"os"

	"github.com/threatboard/threatboard/interop"
	"github.com/threatboard/threatboard/model"
)

// importCmd reads a model made by another tool (the format recognised from
// the content) and writes it as a Threatboard file. Nothing is written when
// the file cannot be read.
func importCmd(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("import", "usage: threatboard-cli import FILE -o MODEL [-report]", stderr)
	out := fs.String("o", "", "the Threatboard file to write (required)")
	report := fs.Bool("report", false, "list, per element, what could not be mapped or was guessed")
	files, err := parseArgs(fs, args)
	if err != nil {
		return 2
	}
	if len(files) != 1 || *out == "" {
		fs.Usage()
		return 2
	}
	in := files[0]
	data, err := os.ReadFile(in)
	if err != nil {
		fmt.Fprintf(stderr, "threatboard-cli import: %v\n", err)
		return 1
	}
	r, err := interop.Import(data)
	if err != nil {
		fmt.Fprintf(stderr, "threatboard-cli import: %s: %v\n", in, err)
		return 1
	}
	encoded, err := model.Encode(r.Model)
	if err == nil {
		err = model.SaveBytes(*out, encoded)
	}
	if err != nil {
		fmt.Fprintf(stderr, "threatboard-cli import: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: imported a %s model into %s with %d notes\n", in, r.Format.Title(), *out, len(r.Notes))
	if *report {
		for _, n := range r.Notes {
			fmt.Fprintf(stdout, "  %s\n", n)
		}
	} else if len(r.Notes) > 0 {
		fmt.Fprintln(stdout, "  (-report lists them)")
	}
	return 0
}
