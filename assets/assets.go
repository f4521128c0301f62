// Package assets holds the data built into Threatboard: the example model
// the app opens on first start and the CLI tests against.
package assets

import (
	"bytes"
	_ "embed"
)

//go:embed examples/podcast.threatboard.json
var example []byte

// ExampleName is the file name the example is offered under.
const ExampleName = "podcast.threatboard.json"

// Example returns the built-in example model, "Private podcast feed", as a
// Threatboard file. The slice is a copy: callers may keep or change it.
func Example() []byte { return bytes.Clone(example) }
