package main

import (
	"fmt"
	"io"

	"github.com/threatboard/threatboard/assets"
	"github.com/threatboard/threatboard/model"
)

func version(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "usage: threatboard-cli version")
		return 2
	}
	fmt.Fprintf(stdout, "threatboard-cli %s (file format %d)\n", assets.Version, model.CurrentVersion)
	return 0
}
