package main

import (
	"fmt"
	"io"

	"github.com/threatboard/threatboard/model"
)

// generate writes a synthetic model (model.Synthetic) to stdout: the large
// example for performance work, made by code rather than kept in the tree.
func generate(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("generate", "usage: threatboard-cli generate [-elements N] [-flows N] [-boundaries N] [-seed N] > FILE", stderr)
	elements := fs.Int("elements", 1000, "connectable elements (a note is added per hundred)")
	flows := fs.Int("flows", -1, "flows (default: one and a half per element)")
	boundaries := fs.Int("boundaries", 10, "trust boundaries, half boxes and half lines")
	seed := fs.Int64("seed", 1, "the same seed gives the same model")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 || *elements < 0 || *boundaries < 0 {
		fs.Usage()
		return 2
	}
	if *flows < 0 {
		*flows = *elements * 3 / 2
	}
	data, err := model.Encode(model.Synthetic(*elements, *flows, *boundaries, *seed))
	if err != nil {
		fmt.Fprintf(stderr, "threatboard-cli generate: %v\n", err)
		return 1
	}
	if _, err := stdout.Write(data); err != nil {
		fmt.Fprintf(stderr, "threatboard-cli generate: %v\n", err)
		return 1
	}
	return 0
}
