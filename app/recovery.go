package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"time"
)

// recovery keeps a copy of the unsaved document in the user's cache folder,
// written shortly after each burst of edits and removed when the document is
// saved or closed on purpose. A copy found at start-up means the app did not
// end cleanly, and the user is offered to recover it.
//
// Each running copy of the app keeps its copy in a folder of its own named
// by its process ID, under one root: the name is the lock. Two running
// copies never share, offer or delete each other's copy; the folder of a
// process that is gone is taken over (renamed to the new process's ID,
// which only one process can do) and its copy offered.
type recovery struct {
	root string // the folder of every running copy's folder
	dir  string // this process's folder
}

// newRecovery returns this process's recovery folder under root.
func newRecovery(root string) *recovery {
	return &recovery{root: root, dir: filepath.Join(root, strconv.Itoa(os.Getpid()))}
}

// claim makes the copy a previous run left behind this process's own, if
// there is one: in its own folder (a run with the same ID, before a
// restart), in the root (where builds before the per-process folders kept
// it) or in the folder of a process that is gone. Empty folders of such
// processes are removed on the way.
func (r *recovery) claim() {
	if r.root == "" {
		return
	}
	if _, ok := r.pending(); ok {
		return
	}
	old := &recovery{dir: r.root}
	if _, ok := old.pending(); ok {
		if os.MkdirAll(r.dir, 0o700) == nil &&
			os.Rename(old.modelPath(), r.modelPath()) == nil &&
			os.Rename(filepath.Join(r.root, recoveryMeta), filepath.Join(r.dir, recoveryMeta)) == nil {
			return
		}
	}
	entries, err := os.ReadDir(r.root)
	if err != nil {
		return
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || !e.IsDir() || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		orphan := &recovery{dir: filepath.Join(r.root, e.Name())}
		if _, ok := orphan.pending(); !ok {
			_ = os.RemoveAll(orphan.dir) // tidying: a failure changes nothing
			continue
		}
		_ = os.Remove(r.dir) // an empty folder of our own would block the rename
		if os.Rename(orphan.dir, r.dir) == nil {
			return
		}
	}
}

// processAlive reports whether a process with the ID runs. Where signals
// exist, signal 0 asks without sending anything; on Windows, finding the
// process opens it, which fails once it is gone.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	if runtime.GOOS == "windows" {
		_ = p.Release()
		return true
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
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
	if r.root != "" {
		_ = os.Remove(r.dir) // the process's folder, when nothing else is in it
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
