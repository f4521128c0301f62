package app

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestRecoveryCopy(t *testing.T) {
	r := &recovery{dir: filepath.Join(t.TempDir(), "cache")}
	if _, ok := r.pending(); ok {
		t.Fatal("an empty folder has a pending recovery")
	}
	when := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	if err := r.write([]byte("{}\n"), recoveryInfo{Path: "/x/model.json", Title: "Feed", Saved: when}); err != nil {
		t.Fatal(err)
	}
	info, ok := r.pending()
	if !ok || info.Path != "/x/model.json" || info.Title != "Feed" || !info.Saved.Equal(when) {
		t.Fatalf("pending = %+v, %v", info, ok)
	}
	if b, err := os.ReadFile(r.modelPath()); err != nil || string(b) != "{}\n" {
		t.Fatalf("copy = %q, %v", b, err)
	}
	if err := r.clear(); err != nil {
		t.Fatal(err)
	}
	if _, ok := r.pending(); ok {
		t.Fatal("recovery still pending after clear")
	}
	if err := r.clear(); err != nil {
		t.Fatalf("clearing twice: %v", err)
	}
}

func TestRecoveryWithoutCopyIsNotPending(t *testing.T) {
	r := &recovery{dir: t.TempDir()}
	if err := r.write([]byte("{}"), recoveryInfo{Title: "x"}); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(r.modelPath()); err != nil {
		t.Fatal(err)
	}
	if _, ok := r.pending(); ok {
		t.Fatal("info without its copy is offered for recovery")
	}
}
