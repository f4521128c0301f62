package app

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/threatboard/threatboard/model"
)

// threatsModel is the synthetic 1,000-element model with five threats on
// every element: 5,000 threats with every rating, decision and status and
// fifty owners.
func threatsModel() *model.Model {
	m := model.Synthetic(1000, 1500, 20, 1)
	n := 0
	for _, d := range m.Diagrams {
		for _, f := range d.Flows {
			f.Threats = nil
		}
		for _, e := range d.Elements {
			e.Threats = nil
		}
	}
	for _, e := range m.Diagrams[0].Elements {
		for range min(5, 5000-n) {
			e.Threats = append(e.Threats, &model.Threat{ID: fmt.Sprintf("bt%d", n), Title: fmt.Sprintf("Threat %d against the token store", n*7919%5000),
				Category:   []string{"spoofing", "tampering", "repudiation", "information-disclosure"}[n%4],
				Likelihood: model.Level(n % 4), Impact: model.Level(n / 4 % 4), Decision: model.Decision(n % 6), Status: model.Status(n / 3 % 4),
				Owner: fmt.Sprintf("Owner %d", n%50), Description: "What could go wrong, in a sentence or two."})
			n++
		}
	}
	return m
}

func registerApp(b *testing.B) *App {
	a := New(test.NewTempApp(b), threatsModel(), "", Options{RecoveryDir: b.TempDir(), files: &fakeFiles{}, ask: &fakeAsk{},
		later: func(time.Duration, func()) {}})
	b.Cleanup(a.autosave.wait)
	a.refreshPanels()
	if got := len(a.register.all); got != 5000 {
		b.Fatalf("register has %d threats, want 5000", got)
	}
	return a
}

// BenchmarkRegisterSort5000 clicks a text column's header of the
// 5,000-threat register, the threat's and then the owner's: the sort, the
// headers' arrows and the table's update. Each click is the first after
// an edit, so the column is ranked anew (see columnRanks). Target: < 50 ms.
func BenchmarkRegisterSort5000(b *testing.B) {
	r := registerApp(b).register
	cols := []int{colThreat, colOwner}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		r.ranks = nil
		r.sortBy(cols[i%2])
	}
}

// BenchmarkRegisterFilter5000 filters the 5,000-threat register by free
// text and an owner, then by a heat-map cell, and shows it. Target: < 50 ms.
func BenchmarkRegisterFilter5000(b *testing.B) {
	r := registerApp(b).register
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		r.q.text = []string{"token store", "threat 12"}[i%2]
		r.q.owner = "Owner 7"
		r.q.cell = &heatCell{model.Level(1 + i%3), model.High}
		r.show()
	}
}

// BenchmarkSelectElement selects one element and then another on the
// 1,000-element diagram: the side panel, register and status bar follow
// the selection at once. Target: < 30 ms. The rule catalog's suggestions
// are looked for in the background; the timer stops while they are, and
// runs again for showing them on the UI thread.
func BenchmarkSelectElement(b *testing.B) {
	a, d, _, q := benchAppQueued(b)
	ids := []string{d.Elements[10].ID, d.Elements[500].ID}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		a.selectObject(d.ID, ids[i%2])
		b.StopTimer()
		q.wg.Wait()
		b.StartTimer()
		q.run()
	}
}
