package report

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// File is one output file of an export: a name relative to the folder the
// export is written to, and its content.
type File struct {
	Name string
	Data []byte
}

// WriteFiles writes files into dir so that a failure leaves nothing half
// written: every file goes to a temporary file beside its target first, is
// synced, and only when all are complete are they renamed into place. On
// an error the temporary files are removed and no target is touched (a
// rename failing midway leaves the files renamed before it, each whole).
func WriteFiles(dir string, files []File) (err error) {
	temps := make([]string, 0, len(files))
	defer func() {
		if err != nil {
			for _, t := range temps {
				os.Remove(t)
			}
		}
	}()
	for _, f := range files {
		target := filepath.Join(dir, f.Name)
		tmp, err := writeTemp(target, f.Data)
		if tmp != "" {
			temps = append(temps, tmp)
		}
		if err != nil {
			return err
		}
	}
	for i, f := range files {
		if err := os.Rename(temps[i], filepath.Join(dir, f.Name)); err != nil {
			return fmt.Errorf("write %s: %w", filepath.Join(dir, f.Name), err)
		}
	}
	temps = temps[:0]
	return nil
}

// writeTemp writes data to a new temporary file in target's folder and
// returns its name (also when a later step fails, for the cleanup).
func writeTemp(target string, data []byte) (string, error) {
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	t, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("write %s: %w", target, err)
	}
	_, werr := t.Write(data)
	serr := t.Sync()
	cerr := t.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		return t.Name(), fmt.Errorf("write %s: %w", target, err)
	}
	// CreateTemp makes the file private; an export is an ordinary file.
	if err := os.Chmod(t.Name(), 0o644); err != nil {
		return t.Name(), fmt.Errorf("write %s: %w", target, err)
	}
	return t.Name(), nil
}
