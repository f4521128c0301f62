package model

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// BackupSuffix is appended to a model's path to name the copy of the
// previous version that Save keeps.
const BackupSuffix = ".bak"

// Save writes m to path atomically and keeps the previous file as
// path+".bak". If anything fails, the file at path is left exactly as it was.
func Save(path string, m *Model) error {
	data, err := Encode(m)
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	return SaveBytes(path, data)
}

// SaveBytes is Save for an already encoded model (or any file content).
func SaveBytes(path string, data []byte) error {
	return saver{}.save(path, data)
}

// saver carries the test hooks of a save; the zero value is the real thing.
type saver struct {
	// wrap, when set, wraps the temporary file's writer: tests make it fail
	// in the middle of the write.
	wrap func(io.Writer) io.Writer
	// beforeRename, when set, runs after the temporary file is complete and
	// can fail the save at the last moment.
	beforeRename func() error
	// createTemp, when set, replaces os.CreateTemp: tests make the folder
	// refuse new files even when they run as root.
	createTemp func(dir, pattern string) (*os.File, error)
}

// save writes a temporary file next to path, syncs and closes it, links the
// current file to the backup name, renames the temporary file over path and
// syncs the folder. The rename is the only step that changes path, and it
// is atomic: a reader sees the old file or the new one, never a mix, and a
// crash at any point leaves one of the two whole.
func (s saver) save(path string, data []byte) (err error) {
	// Save through a symbolic link to the file it points at, rather than
	// replacing the link with a plain file.
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	mode := fs.FileMode(0o644)
	old, statErr := os.Stat(path)
	if statErr == nil {
		mode = old.Mode().Perm()
	}

	createTemp := os.CreateTemp
	if s.createTemp != nil {
		createTemp = s.createTemp
	}
	tmp, err := createTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	tmpName := tmp.Name()
	defer func() {
		if err != nil {
			_ = tmp.Close() // already closed on the success path; the error does not matter
			_ = os.Remove(tmpName)
		}
	}()

	var w io.Writer = tmp
	if s.wrap != nil {
		w = s.wrap(tmp)
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("save %s: write: %w", path, err)
	}
	if err := tmp.Chmod(mode); err != nil && runtime.GOOS != "windows" {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("save %s: sync: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save %s: close: %w", path, err)
	}
	if statErr == nil {
		if err := backup(path); err != nil {
			return fmt.Errorf("save %s: keep the previous version: %w", path, err)
		}
	}
	if s.beforeRename != nil {
		if err := s.beforeRename(); err != nil {
			return fmt.Errorf("save %s: %w", path, err)
		}
	}
	if err := os.Rename(tmpName, path); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	// The rename is durable only once the folder is synced. The new file
	// is in place by now, so a failure here is reported but not undone.
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("save %s: sync folder: %w", path, err)
	}
	return nil
}

// backup makes path+".bak" the current content of path: a hard link where
// the file system has them (no copy, and atomic through a rename), a copy
// otherwise.
func backup(path string) error {
	bak := path + BackupSuffix
	tmp := bak + ".tmp-" + NewID() // unique, so that two saves cannot trip over each other
	if err := os.Link(path, tmp); err != nil {
		if err := copyFile(path, tmp); err != nil {
			_ = os.Remove(tmp)
			return err
		}
	}
	if err := os.Rename(tmp, bak); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		_ = out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}

func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil // folders cannot be opened for syncing there; NTFS journals renames
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, os.ErrInvalid) {
		return nil // some file systems do not support syncing a folder
	}
	return err
}
