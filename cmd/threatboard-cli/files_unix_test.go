//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestIrregularFiles: a FIFO or a link to /dev/zero given as FILE, or lying
// in the rules folder, is refused or skipped with a message at once rather
// than hanging the command or filling its memory.
func TestIrregularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.threatboard.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	zero := filepath.Join(dir, "zero.json")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"validate", fifo}, {"analyze", zero}, {"lint", fifo}, {"check", zero}} {
		code, stdout, stderr := runCLI(args...)
		if code != 1 || !strings.Contains(stdout+stderr, "not a regular file") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
	rules := filepath.Join(dir, "rules")
	if err := os.Mkdir(rules, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(rules, "zero.json")); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI("analyze", "-rules", rules, exampleFile(t))
	if !strings.Contains(stderr, "zero.json: not a regular file (a device)") || stdout == "" {
		t.Errorf("rules folder with a device: exit %d, stderr %q", code, stderr)
	}
}
