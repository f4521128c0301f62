package interop

import (
	"path/filepath"
	"testing"
)

// BenchmarkTM7 imports each .tm7 fixture (up to 1.3 MB).
func BenchmarkTM7(b *testing.B) {
	for _, name := range fixtureFiles(b, "tmt/*.tm7") {
		data := readFile(b, name)
		b.Run(filepath.Base(name), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := importTM7(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
