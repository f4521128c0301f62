package interop

import "testing"

func FuzzThreagile(f *testing.F) {
	seedFuzz(f, "threagile", "threagile/*.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := importThreagile(data)
		checkImported(t, r, err)
	})
}
