// Command threatboard is the desktop threat-modeling editor. With a file
// argument it opens that model; without one, the built-in example.
package main

import (
	"os"

	"github.com/threatboard/threatboard/app"
)

func main() { os.Exit(app.Main(os.Args[1:])) }
