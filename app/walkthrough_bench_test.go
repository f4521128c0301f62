package app

import "testing"

// BenchmarkSessionNextStep moves session mode to the next step on the
// 1,000-element synthetic diagram: select the step's object, fill the
// panel (its threats and the rule catalog's suggestions for it) and the
// timer. The target is under 20 ms.
func BenchmarkSessionNextStep(b *testing.B) {
	a, _, _ := benchApp(b)
	a.startSessionMode()
	w := a.walk
	if w == nil || len(w.steps) < 100 {
		b.Fatal("session mode did not start on the synthetic diagram")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if w.i == len(w.steps)-1 {
			w.i = -1
		}
		w.skip()
	}
}
