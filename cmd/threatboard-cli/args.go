package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/threatboard/threatboard/model"
)

// newFlagSet makes the flag set of a subcommand: errors and the usage line,
// followed by the flags' defaults, go to stderr.
func newFlagSet(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseArgs parses flags wherever they stand, so that "check FILE -fail-on
// high" works as well as "check -fail-on high FILE", and returns the other
// arguments in order.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// loadFile loads the one FILE a subcommand takes. When files is not exactly
// one name it prints the usage and returns exit code 2; when the file does
// not load it says why and returns 1. m is nil in both cases.
func loadFile(fs *flag.FlagSet, files []string, stderr io.Writer) (path string, m *model.Model, code int) {
	if len(files) != 1 {
		fs.Usage()
		return "", nil, 2
	}
	path = files[0]
	m, err := model.Load(path)
	if err != nil {
		fmt.Fprintln(stderr, describe(path, err))
		return path, nil, 1
	}
	return path, m, 0
}

// writeJSON writes v as indented JSON, the form every -json output takes.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
