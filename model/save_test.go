package model

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// failAfter is a writer that accepts n bytes and then fails, like a disk
// that fills up in the middle of a save.
type failAfter struct {
	w io.Writer
	n int
}

var errDiskFull = errors.New("no space left on device (simulated)")

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) <= f.n {
		f.n -= len(p)
		return f.w.Write(p)
	}
	n, _ := f.w.Write(p[:f.n])
	f.n = 0
	return n, errDiskFull
}

// saveFixture writes an original model file and returns its path and bytes.
func saveFixture(t *testing.T) (string, []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "model.threatboard.json")
	if err := Save(path, fullModel()); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, data
}

func edited() *Model {
	m := fullModel()
	m.Title = "Edited title"
	m.Diagrams[0].Elements[0].Bounds.X += 40
	return m
}

// assertFolder checks the folder holds exactly the named files.
func assertFolder(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("folder holds %q, want %q", got, want)
	}
}

func TestSaveWritesAndKeepsBackup(t *testing.T) {
	path, original := saveFixture(t)
	assertFolder(t, filepath.Dir(path), "model.threatboard.json")
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Save(path, edited()); err != nil {
		t.Fatal(err)
	}
	want, _ := Encode(edited())
	if got, _ := os.ReadFile(path); !bytes.Equal(got, want) {
		t.Errorf("saved file differs from Encode:\n%s", got)
	}
	if got, _ := os.ReadFile(path + BackupSuffix); !bytes.Equal(got, original) {
		t.Errorf("backup is not the previous version:\n%s", got)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode after save: %v, %v; want 0600 kept", fi.Mode(), err)
	}
	assertFolder(t, filepath.Dir(path), "model.threatboard.json", "model.threatboard.json.bak")

	// A second save moves the backup on by one version.
	if err := Save(path, fullModel()); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path + BackupSuffix); !bytes.Equal(got, want) {
		t.Errorf("backup after the second save is not the first save's file")
	}
}

func TestFailedSaveLeavesOriginalIntact(t *testing.T) {
	data, _ := Encode(edited())
	tests := map[string]saver{
		"write fails after 0 bytes":    {wrap: func(w io.Writer) io.Writer { return &failAfter{w: w, n: 0} }},
		"write fails half way":         {wrap: func(w io.Writer) io.Writer { return &failAfter{w: w, n: len(data) / 2} }},
		"write fails at the last byte": {wrap: func(w io.Writer) io.Writer { return &failAfter{w: w, n: len(data) - 1} }},
		"rename fails":                 {beforeRename: func() error { return errDiskFull }},
	}
	for name, s := range tests {
		t.Run(name, func(t *testing.T) {
			path, original := saveFixture(t)
			err := s.save(path, data)
			if !errors.Is(err, errDiskFull) {
				t.Fatalf("save: got %v, want the simulated failure", err)
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, original) {
				t.Errorf("original changed by a failed save:\n%s", got)
			}
			if _, err := Load(path); err != nil {
				t.Errorf("original no longer loads: %v", err)
			}
			// No temporary file is left behind; a backup may exist, and is then the original.
			entries, _ := os.ReadDir(filepath.Dir(path))
			for _, e := range entries {
				switch e.Name() {
				case filepath.Base(path):
				case filepath.Base(path) + BackupSuffix:
					if got, _ := os.ReadFile(path + BackupSuffix); !bytes.Equal(got, original) {
						t.Errorf("backup differs from the original")
					}
				default:
					t.Errorf("left behind: %s", e.Name())
				}
			}
		})
	}
}

// TestSaveIntoReadOnlyFolderSimulated makes the folder refuse the
// temporary file the way a read-only file system does; it runs as root too.
func TestSaveIntoReadOnlyFolderSimulated(t *testing.T) {
	path, original := saveFixture(t)
	readOnly := saver{createTemp: func(dir, _ string) (*os.File, error) {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: syscall.EROFS}
	}}
	data, _ := Encode(edited())
	err := readOnly.save(path, data)
	if !errors.Is(err, syscall.EROFS) || !strings.Contains(err.Error(), path) {
		t.Fatalf("save: %v, want the read-only error naming the file", err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, original) {
		t.Errorf("original changed by a failed save")
	}
	assertFolder(t, filepath.Dir(path), "model.threatboard.json")
}

func TestSaveIntoReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes into read-only folders; TestSaveIntoReadOnlyFolderSimulated covers the case")
	}
	path, original := saveFixture(t)
	dir := filepath.Dir(path)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	if err := Save(path, edited()); err == nil {
		t.Fatal("Save into a read-only folder succeeded")
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, original) {
		t.Errorf("original changed by a failed save")
	}
	assertFolder(t, dir, "model.threatboard.json")
}

func TestSaveIntoMissingFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no such folder", "model.json")
	if err := Save(path, fullModel()); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("Save into a missing folder: %v, want an error naming the path", err)
	}
}

func TestSaveThroughSymlink(t *testing.T) {
	path, original := saveFixture(t)
	link := filepath.Join(t.TempDir(), "link.json")
	if err := os.Symlink(path, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := Save(link, edited()); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	want, _ := Encode(edited())
	if got, _ := os.ReadFile(path); !bytes.Equal(got, want) {
		t.Errorf("the link's target was not saved")
	}
	if got, _ := os.ReadFile(path + BackupSuffix); !bytes.Equal(got, original) {
		t.Errorf("the backup is not next to the target")
	}
}

func TestSaveRefusesUnrepresentableModel(t *testing.T) {
	path, original := saveFixture(t)
	m := edited()
	m.Actions[0].Status = 42
	if err := Save(path, m); err == nil {
		t.Fatal("Save of an invalid status succeeded")
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, original) {
		t.Errorf("original changed")
	}
}

// TestSaveWhenBackupFails: if the previous version cannot be kept, the save
// stops before it replaces anything.
func TestSaveWhenBackupFails(t *testing.T) {
	path, original := saveFixture(t)
	// A non-empty folder where the backup should go cannot be replaced.
	if err := os.MkdirAll(filepath.Join(path+BackupSuffix, "occupied"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := Save(path, edited())
	if err == nil || !strings.Contains(err.Error(), "keep the previous version") {
		t.Fatalf("Save: %v, want a backup error", err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, original) {
		t.Errorf("original changed by a save whose backup failed")
	}
	assertFolder(t, filepath.Dir(path), "model.threatboard.json", "model.threatboard.json.bak")
}
