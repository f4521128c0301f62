package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/threatboard/threatboard/model"
)

// validate loads every file named in args and prints each problem found,
// one per line as "FILE: PATH: REASON", or "FILE: ok". It goes on after a
// bad file so that one run reports on all of them.
func validate(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: threatboard-cli validate FILE...")
		return 2
	}
	code := 0
	for _, path := range args {
		if _, err := model.Load(path); err != nil {
			fmt.Fprintln(stdout, describe(path, err))
			code = 1
			continue
		}
		fmt.Fprintf(stdout, "%s: ok\n", path)
	}
	return code
}

// describe turns a load error into lines that each start with the file.
func describe(path string, err error) string {
	var le *model.LoadError
	if errors.As(err, &le) {
		le.File = path // Load sets it too; the CLI guarantees the prefix
		return le.Error()
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Sprintf("%s: %v", path, pe.Err)
	}
	return fmt.Sprintf("%s: %v", path, err)
}
