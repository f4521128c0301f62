package report

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/threatboard/threatboard/model"
)

// randomModel builds a valid model from a seed: any number of diagrams,
// elements, flows, threats, trees and actions, names from empty to 300
// characters, some in scripts the fonts lack.
func randomModel(seed uint64) *model.Model {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	words := []string{"login", "Zoë", "Łódź", "→", "≤", "🔑", "認証", "a|b", "*x*", "\t", "\n", "", "<b>", "données"}
	text := func(maxLen int) string {
		var b strings.Builder
		n := r.IntN(maxLen + 1)
		for b.Len() < n {
			b.WriteString(words[r.IntN(len(words))])
			if r.IntN(3) == 0 {
				b.WriteString(strings.Repeat("y", r.IntN(40)))
			}
			b.WriteByte(' ')
		}
		return b.String()
	}
	level := func() model.Level { return model.Level(r.IntN(4)) }
	id := 0
	next := func() string { id++; return fmt.Sprintf("i%d", id) }
	m := &model.Model{ID: next(), Title: text(300), Owner: text(30), Classification: text(20), Scope: text(300), Description: text(300)}
	if r.IntN(2) == 0 {
		m.Sessions = []*model.Session{{ID: next(), Date: model.Date{Year: 2026, Month: 5, Day: 1 + r.IntN(28)},
			Participants: []model.Participant{{Name: text(40), Role: text(20)}, {Name: "Zoë", Role: "security"}}}}
	}
	var threatIDs []string
	threats := func() []*model.Threat {
		var out []*model.Threat
		for range r.IntN(4) {
			t := &model.Threat{ID: next(), Title: text(300), Category: []string{"spoofing", "tampering", "linkability", "custom", ""}[r.IntN(5)],
				Description: text(600), Likelihood: level(), Impact: level(), Mitigation: text(300),
				Decision: model.Decision(r.IntN(6)), Status: model.Status(r.IntN(4)), Owner: text(20), RuleID: []string{"", "TB-S-001", "NOPE-1"}[r.IntN(3)]}
			if t.Decision == model.Accept || t.Decision == model.Transfer {
				t.Justification = "because " + text(100)
			}
			threatIDs = append(threatIDs, t.ID)
			out = append(out, t)
		}
		return out
	}
	for range r.IntN(3) {
		d := &model.Diagram{ID: next(), Title: text(300), Checklist: []string{"", "stride", "linddun"}[r.IntN(3)]}
		for k := range r.IntN(6) {
			kind := model.Kind(1 + r.IntN(5))
			e := &model.Element{ID: next(), Kind: kind, Bounds: model.Rect{X: float64(k * 150), Y: 0, W: 100, H: 60},
				Common: model.Common{Name: text(300), Description: text(200), OutOfScope: r.IntN(5) == 0, Threats: threats(),
					Controls: []model.Control{{Name: text(20), InPlace: r.IntN(2) == 0}}}}
			if kind == model.Note {
				e.Threats = nil
			}
			d.Elements = append(d.Elements, e)
		}
		var ends []string
		for _, e := range d.Elements {
			if e.Kind.Connectable() {
				ends = append(ends, e.ID)
			}
		}
		for range r.IntN(4) {
			if len(ends) < 2 {
				break
			}
			d.Flows = append(d.Flows, &model.Flow{ID: next(), From: ends[0], To: ends[len(ends)-1],
				Common: model.Common{Name: text(100), Threats: threats()}, Protocol: text(10), Bidirectional: r.IntN(2) == 0})
		}
		m.Diagrams = append(m.Diagrams, d)
	}
	for range r.IntN(3) {
		leaf := func() *model.Node {
			return &model.Node{ID: next(), Title: text(100), Type: model.Leaf, Probability: r.Float64(), Cost: float64(r.IntN(1000)), Skill: r.IntN(6)}
		}
		root := &model.Node{ID: next(), Title: text(300), Type: model.NodeType(2 + r.IntN(2)), Children: []*model.Node{leaf(), leaf()}}
		m.AttackTrees = append(m.AttackTrees, &model.AttackTree{ID: next(), Title: text(300), Root: root})
	}
	for range r.IntN(4) {
		a := &model.Action{ID: next(), Title: text(300), Owner: text(20), Due: model.Date{Year: 2025 + r.IntN(4), Month: time.Month(1 + r.IntN(12)), Day: 1 + r.IntN(28)}, Status: model.Status(r.IntN(4))}
		if len(threatIDs) > 0 && r.IntN(2) == 0 {
			a.ThreatID = threatIDs[r.IntN(len(threatIDs))]
		}
		m.Actions = append(m.Actions, a)
	}
	return m
}

// TestRandomModels builds every export from random valid models, the empty
// one and a one-element diagram among them: no error, no panic, and the PDF
// opens.
func TestRandomModels(t *testing.T) {
	models := map[string]*model.Model{
		"empty":       {ID: "m"},
		"one element": {ID: "m", Diagrams: []*model.Diagram{{ID: "d", Elements: []*model.Element{{ID: "e", Kind: model.Process, Bounds: model.Rect{W: 100, H: 100}}}}}},
	}
	for seed := range uint64(40) {
		models[fmt.Sprintf("seed %d", seed)] = randomModel(seed)
	}
	for name, m := range models {
		t.Run(name, func(t *testing.T) {
			opts := Options{Date: fixedDate, OmitOutOfScope: strings.HasSuffix(name, "3")}
			pdf, err := BuildPDF(m, opts)
			if err != nil {
				t.Fatalf("pdf: %v", err)
			}
			if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf, []byte("%%EOF")) {
				t.Fatal("not a complete PDF")
			}
			var buf bytes.Buffer
			if err := Markdown(&buf, m, opts); err != nil {
				t.Fatalf("markdown: %v", err)
			}
			if err := ThreatsCSV(&buf, m, opts); err != nil {
				t.Fatalf("threats csv: %v", err)
			}
			if err := ActionsCSV(&buf, m, opts); err != nil {
				t.Fatalf("actions csv: %v", err)
			}
		})
	}
	// A sample of them through poppler: the page count is readable.
	for _, name := range []string{"empty", "one element", "seed 7"} {
		if n := pageCount(t, buildPDF(t, models[name], Options{})); n < 1 {
			t.Errorf("%s: %d pages", name, n)
		}
	}
}

// FuzzReport builds the PDF and the Markdown from any file the codec
// accepts: a model that loads must never fail or panic the report.
func FuzzReport(f *testing.F) {
	f.Add(exampleBytes())
	f.Add([]byte(`{"format":"threatboard","version":1,"id":"m","title":"Zoë → Łódź ≤ 🔑"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := model.Decode(data)
		if err != nil {
			return
		}
		opts := Options{Date: fixedDate}
		if _, err := BuildPDF(m, opts); err != nil {
			t.Fatalf("pdf of a valid model: %v", err)
		}
		var buf bytes.Buffer
		if err := Markdown(&buf, m, opts); err != nil {
			t.Fatalf("markdown of a valid model: %v", err)
		}
	})
}
