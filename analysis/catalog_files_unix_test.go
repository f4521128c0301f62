//go:build unix

package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestCatalogSkipsIrregularFiles: a FIFO, a link to /dev/zero or an
// oversize file in the user's rules or checklists folder is skipped with a
// message, and the rest of the catalog loads.
func TestCatalogSkipsIrregularFiles(t *testing.T) {
	for _, folder := range []string{"rules", "checklists"} {
		t.Run(folder, func(t *testing.T) {
			dir := t.TempDir()
			if err := syscall.Mkfifo(filepath.Join(dir, "fifo.json"), 0o600); err != nil {
				t.Skipf("no FIFOs here: %v", err)
			}
			if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.json")); err != nil {
				t.Fatal(err)
			}
			big := make([]byte, maxCatalogFile+1)
			if err := os.WriteFile(filepath.Join(dir, "big.json"), big, 0o600); err != nil {
				t.Fatal(err)
			}
			var c *Catalog
			var errs []error
			if folder == "rules" {
				c, errs = LoadCatalog("", dir)
			} else {
				c, errs = LoadCatalog(dir, "")
			}
			if c == nil {
				t.Fatal("no catalog")
			}
			var msgs []string
			for _, err := range errs {
				msgs = append(msgs, err.Error())
			}
			all := strings.Join(msgs, "\n")
			for _, want := range []string{"big.json", "larger than the limit", "fifo.json", "a named pipe", "zero.json", "a device"} {
				if !strings.Contains(all, want) {
					t.Errorf("messages lack %q:\n%s", want, all)
				}
			}
		})
	}
}
