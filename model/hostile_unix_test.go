//go:build unix

package model

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestLoadOnlyRegularFiles: a FIFO would block the reader until someone
// writes to it and /dev/zero would feed it forever; both are refused before
// they are read, in well under the test's timeout.
func TestLoadOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	zero := filepath.Join(dir, "zero.json")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, []byte(`{"format": "threatboard"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		path string
		want string
	}{
		"a FIFO":              {fifo, "not a regular file (a named pipe)"},
		"a link to a device":  {zero, "not a regular file (a device)"},
		"a folder":            {dir, "not a regular file (a folder)"},
		"over the size limit": {big, "larger than the limit"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var err error
			if tc.path == big {
				_, err = ReadRegularFile(big, 10)
				if !errors.Is(err, ErrFileTooLarge) {
					t.Errorf("not ErrFileTooLarge: %v", err)
				}
			} else {
				_, err = Load(tc.path)
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}
