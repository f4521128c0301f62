package interop

import "testing"

func FuzzTM7(f *testing.F) {
	seedFuzz(f, "tm7", "tmt/*.tm7")
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := importTM7(data)
		checkImported(t, r, err)
	})
}
