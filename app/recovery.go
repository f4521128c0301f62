package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// recovery keeps a copy of the unsaved document in the user's cache folder,
// written every minute while there are unsaved changes and removed when the
// document is saved or closed on purpose. A copy found at start-up means the
// app did not end cleanly, and the user is offered to recover it.
type recovery struct {
	dir string
}

// recoveryInfo is written next to the copy: where the document came from.
type recoveryInfo struct {
	Path  string    `json:"path"` // the file the copy belongs to, "" when never saved
	Title string    `json:"title"`
	Saved time.Time `json:"saved"` // when the copy was written
}

const (
	recoveryModel = "recovery.json"
	recoveryMeta  = "recovery-info.json"
)

// defaultRecoveryDir is Threatboard's folder in the user's cache directory.
func defaultRecoveryDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find the cache folder for recovery copies: %w", err)
	}
	return filepath.Join(dir, "threatboard"), nil
}

// write stores data (the encoded document) and its info. The model file is
// written before the info, each atomically, so a crash mid-write never
// leaves an info that points at a half-written copy.
func (r *recovery) write(data []byte, info recoveryInfo) error {
	if err := os.MkdirAll(r.dir, 0o700); err != nil {
		return fmt.Errorf("create recovery folder: %w", err)
	}
	if err := writeAtomic(filepath.Join(r.dir, recoveryModel), data); err != nil {
		return err
	}
	meta, err := json.Marshal(info)
	if err != nil {
		return fmt.Errorf("encode recovery info: %w", err)
	}
	return writeAtomic(filepath.Join(r.dir, recoveryMeta), meta)
}

// pending reports the recovery copy left by a previous run, if any.
func (r *recovery) pending() (recoveryInfo, bool) {
	var info recoveryInfo
	meta, err := os.ReadFile(filepath.Join(r.dir, recoveryMeta))
	if err != nil || json.Unmarshal(meta, &info) != nil {
		return recoveryInfo{}, false
	}
	if _, err := os.Stat(r.modelPath()); err != nil {
		return recoveryInfo{}, false
	}
	return info, true
}

func (r *recovery) modelPath() string { return filepath.Join(r.dir, recoveryModel) }

// clear removes the copy: the document was saved or deliberately discarded.
func (r *recovery) clear() error {
	var errs []error
	for _, name := range []string{recoveryMeta, recoveryModel} {
		if err := os.Remove(filepath.Join(r.dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Errorf("remove recovery copy: %w", err))
		}
	}
	return errors.Join(errs...)
}

func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	return nil
}
