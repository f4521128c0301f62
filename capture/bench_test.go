package capture

import (
	"fmt"
	"strings"
	"testing"

	"github.com/threatboard/threatboard/model"
)

// BenchmarkApply200Lines: a capture of 200 lines (about 120 new elements
// and 200 flows between them), parsed, laid out and planned as one command
// on an empty diagram. Target: under 100 ms.
func BenchmarkApply200Lines(b *testing.B) {
	var sb strings.Builder
	for i := range 200 {
		from, to := i%120, (i*7+1)%120
		if from == to {
			to = (to + 1) % 120
		}
		fmt.Fprintf(&sb, "Service %d -> Service %d: call %d (HTTPS)\n", from, to, i)
	}
	text := sb.String()
	for b.Loop() {
		d := &model.Diagram{ID: "d1"}
		if r := Apply(d, text); r.Command == nil || len(r.Errors) > 0 {
			b.Fatalf("capture failed: %v", r.Errors)
		}
	}
}
