package model

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// BackgroundFile resolves the path of a diagram's background image as the
// file stores it (relative to the model file, with forward slashes) to the
// file to read, for the model file at modelPath. Only a file in the model's
// folder or below it resolves: an absolute path, a URL, a path that climbs
// out with ".." or a symbolic link leading out is refused, so that a model
// from a stranger cannot make the app read any file of the machine. An
// image the user picks in the dialog is read from where they picked it and
// does not come through here.
func BackgroundFile(modelPath, stored string) (string, error) {
	refuse := func(why string) (string, error) {
		return "", fmt.Errorf("background image %s: %s", excerpt(stored), why)
	}
	if stored == "" {
		return refuse("no path")
	}
	if hasScheme(stored) {
		return refuse("not a file beside the model (a URL or a drive)")
	}
	rel := filepath.FromSlash(stored)
	if !filepath.IsLocal(rel) {
		return refuse("outside the model's folder; place the image in the model's folder or below it")
	}
	dir, err := filepath.Abs(filepath.Dir(modelPath))
	if err != nil {
		return "", fmt.Errorf("background image: %w", err)
	}
	path := filepath.Join(dir, rel)
	// A link inside the folder may point anywhere: follow it and check again.
	real, err := filepath.EvalSymlinks(path)
	if errors.Is(err, os.ErrNotExist) {
		return path, nil // the caller reports the missing file
	}
	if err != nil {
		return "", fmt.Errorf("background image: %w", err)
	}
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", fmt.Errorf("background image: %w", err)
	}
	if inside, err := filepath.Rel(realDir, real); err != nil || !filepath.IsLocal(inside) {
		return refuse("a link that leads outside the model's folder")
	}
	return real, nil
}

// hasScheme reports whether s starts like a URL ("https:") or a Windows
// drive ("C:"): a letter, then letters, digits, '+', '-' or '.', then ':'.
func hasScheme(s string) bool {
	i := strings.IndexByte(s, ':')
	if i < 1 {
		return false
	}
	for k, c := range s[:i] {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (k == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}
