package model

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// BackupSuffix is appended to a model's path to name the copy of the
// previous version that Save keeps (see BackupPath).
const BackupSuffix = ".bak"

// Save writes m to path atomically and keeps the previous file (see
// BackupPath). If anything fails, the file at path is left exactly as it
// was. A model that Load would refuse for its size (the file, a text, a
// list) is not written: the user could not open it again.
func Save(path string, m *Model) error {
	data, err := EncodeForSave(m)
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	return SaveBytes(path, data)
}

// EncodeForSave is Encode that also refuses a model over the limits Load
// enforces on sizes (DefaultLimits): the file, every text and every list.
// Other problems do not stop a save, so that unfinished work is never lost.
func EncodeForSave(m *Model) ([]byte, error) {
	lim := DefaultLimits
	var ps problems
	if m != nil {
		checkLimits(m, lim, &ps)
		treeLimits(m, lim, &ps)
	}
	if !ps.empty() {
		p := ps.list[0]
		return nil, fmt.Errorf("the model is over a limit a file can hold, so it could not be opened again: %s", p)
	}
	data, long, objects, err := encodeLimited(m, lim.StringLength)
	if err != nil {
		return nil, err
	}
	if long != "" {
		return nil, fmt.Errorf("the text %s is longer than the limit of %d bytes a file can hold; shorten it", long, lim.StringLength)
	}
	if objects > lim.Objects {
		return nil, fmt.Errorf("the file would hold %d objects and list entries, over the limit of %d a file can hold", objects, lim.Objects)
	}
	if int64(len(data)) > lim.FileSize {
		return nil, fmt.Errorf("the file would be %d bytes, over the limit of %d a file can hold", len(data), lim.FileSize)
	}
	return data, nil
}

// SaveBytes is Save for an already encoded model (or any file content).
func SaveBytes(path string, data []byte) error {
	return saver{}.save(path, data)
}

// Saves puts the saves of one document in order. The content of a save is
// taken where the document is edited, and the write may then run on a
// goroutine of its own; two writes of the same file could land in the
// wrong order, and the older content win. Saves makes the last taken the
// last written.
type Saves struct {
	mu    sync.Mutex
	taken uint64
	done  map[string]uint64 // path → the latest save written there
}

// Start takes the next place in line: call it when the content is taken,
// in the order of the edits. The function it returns writes data to path
// atomically (as SaveBytes) on any goroutine, after any write of an
// earlier place that is under way; when a later place has already written
// path, it does nothing, since newer content is there.
func (s *Saves) Start() func(path string, data []byte) error {
	s.mu.Lock()
	s.taken++
	place := s.taken
	s.mu.Unlock()
	return func(path string, data []byte) error {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.done[path] > place {
			return nil
		}
		if err := SaveBytes(path, data); err != nil {
			return err
		}
		if s.done == nil {
			s.done = map[string]uint64{}
		}
		s.done[path] = place
		return nil
	}
}

// maxName is the longest file name most file systems take, in bytes.
const maxName = 255

// BackupPath names the copy of the previous version that Save keeps:
// path+".bak", or, when that name would be too long for the file system, the
// name cut short with a hash of the whole name so that it stays apart from
// other files' backups.
func BackupPath(path string) string {
	dir, base := filepath.Split(path)
	if len(base)+len(BackupSuffix) <= maxName {
		return path + BackupSuffix
	}
	h := fnv.New32a()
	_, _ = h.Write([]byte(base)) // a hash's Write never fails
	tag := fmt.Sprintf("~%08x", h.Sum32())
	return dir + clip(base, maxName-len(tag)-len(BackupSuffix)) + tag + BackupSuffix
}

// Temporary files are ".tb-<ID>.tmp" in the model's folder: short, so that a
// model whose name is as long as the file system allows can still be saved.
const (
	tempPrefix = ".tb-"
	tempSuffix = ".tmp"
)

// staleAfter is how old a temporary file must be for a save to take it for
// the leftover of a save that was killed, and remove it: no save takes
// this long, and a younger one may be another save under way.
const staleAfter = 10 * time.Minute

// removeStale removes the leftovers of saves that were killed in dir: this
// build's temporary files and those of earlier builds for base
// (".BASE.tmp-*", "BASE.bak.tmp-*"). Errors do not matter: it is tidying.
func removeStale(dir, base string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		ours := strings.HasPrefix(name, tempPrefix) && strings.HasSuffix(name, tempSuffix) ||
			strings.HasPrefix(name, "."+base+".tmp-") || strings.HasPrefix(name, base+BackupSuffix+".tmp-")
		if !ours || !e.Type().IsRegular() {
			continue
		}
		if fi, err := e.Info(); err == nil && now.Sub(fi.ModTime()) > staleAfter {
			_ = os.Remove(filepath.Join(dir, name))
		}
	}
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
	removeStale(dir, base, time.Now())
	tmp, err := createTemp(dir, tempPrefix+"*"+tempSuffix)
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
		if err := backup(path, mode); err != nil {
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

// backup makes BackupPath(path) the current content of path: a hard link
// where the file system has them (no copy, the mode kept, and atomic through
// a rename), a copy with the same mode otherwise.
func backup(path string, mode fs.FileMode) error {
	bak := BackupPath(path)
	// Unique, so that two saves cannot trip over each other.
	tmp := filepath.Join(filepath.Dir(path), tempPrefix+NewID()+tempSuffix)
	if err := os.Link(path, tmp); err != nil {
		if err := copyFile(path, tmp, mode); err != nil {
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

func copyFile(from, to string, mode fs.FileMode) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	// The mode given to OpenFile passes through the umask; set it as asked.
	if err := out.Chmod(mode); err != nil && runtime.GOOS != "windows" {
		_ = out.Close()
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
