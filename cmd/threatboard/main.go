// Command threatboard is the desktop threat-modeling editor. With a file
// argument it opens that model; without one, the built-in example.
package main

import (
	"os"

	"github.com/threatboard/threatboard/app"
	// Before Fyne reads the locale: see the package.
	_ "github.com/threatboard/threatboard/cmd/threatboard/internal/clocale"
)

func main() { os.Exit(app.Main(os.Args[1:])) }
