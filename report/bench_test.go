package report

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/threatboard/threatboard/model"
)

var scaleOut = flag.String("scale-out", "", "write the 500-element benchmark model to this file (for whole-process timing)")

// scaleModel is a model of the given size for the report's performance
// work: diagrams synthetic diagrams sharing the elements, threats spread
// over the elements and flows with every rating and decision, trees attack
// trees of 15 nodes, and an action per ten threats.
func scaleModel(elements, threats, diagrams, trees int) *model.Model {
	m := &model.Model{ID: "scale", Title: fmt.Sprintf("Scale model: %d elements, %d threats", elements, threats),
		Owner: "Performance team", Classification: "Internal", Version: "1.0",
		NextSession: model.Date{Year: 2027, Month: 6, Day: 1}}
	for i := range diagrams {
		s := model.Synthetic(elements/diagrams, elements/diagrams*3/2, 4, int64(i+1))
		d := s.Diagrams[0]
		d.Title = fmt.Sprintf("Use case %d", i+1)
		m.Diagrams = append(m.Diagrams, d)
	}
	var targets []*model.Common
	for _, d := range m.Diagrams {
		for _, e := range d.Elements {
			if e.Kind.Connectable() {
				e.Threats = nil
				targets = append(targets, &e.Common)
			}
		}
		for _, f := range d.Flows {
			f.Threats = nil
			targets = append(targets, &f.Common)
		}
	}
	cats := []string{"spoofing", "tampering", "repudiation", "information-disclosure", "denial-of-service", "elevation-of-privilege"}
	for i := range threats {
		t := &model.Threat{ID: fmt.Sprintf("t%05d", i), Title: fmt.Sprintf("Threat %d: an attacker abuses the component to reach data it should not", i),
			Category: cats[i%len(cats)], Description: "A description of a length a team writes in a session, two sentences or so. It says how the attack works.",
			Likelihood: model.Level(1 + i%3), Impact: model.Level(1 + i/3%3), Mitigation: "What the team decided to do about it, in a sentence.",
			Decision: model.Decision(i % 6), Status: model.Status(i / 6 % 4), Owner: "Team " + fmt.Sprint(i%7), Ticket: fmt.Sprintf("SEC-%d", i)}
		if t.Decision == model.Accept || t.Decision == model.Transfer {
			t.Justification = "Accepted for this release."
		}
		c := targets[i%len(targets)]
		c.Threats = append(c.Threats, t)
		if i%10 == 0 {
			m.Actions = append(m.Actions, &model.Action{ID: fmt.Sprintf("a%05d", i), Title: "Do the mitigation of threat " + fmt.Sprint(i),
				ThreatID: t.ID, Owner: t.Owner, Due: model.Date{Year: 2027, Month: time.Month(1 + i%12), Day: 1 + i%28}})
		}
	}
	for i := range trees {
		leaf := func(j int) *model.Node {
			return &model.Node{ID: fmt.Sprintf("n%d-%d", i, j), Title: fmt.Sprintf("Step %d of the attack", j), Type: model.Leaf,
				Probability: 0.1 + float64(j%5)/10, Cost: float64(100 * (j + 1)), Skill: 1 + j%5}
		}
		var subs []*model.Node
		for k := range 4 {
			subs = append(subs, &model.Node{ID: fmt.Sprintf("n%d-s%d", i, k), Title: fmt.Sprintf("Sub-goal %d", k), Type: model.NodeType(2 + k%2),
				Children: []*model.Node{leaf(3 * k), leaf(3*k + 1), leaf(3*k + 2)}})
		}
		m.AttackTrees = append(m.AttackTrees, &model.AttackTree{ID: fmt.Sprintf("tree%d", i), Title: fmt.Sprintf("Attack tree %d", i),
			Root: &model.Node{ID: fmt.Sprintf("n%d-root", i), Title: "The attacker reaches the goal", Type: model.Or, Children: subs}})
	}
	return m
}

// TestScaleModelIsValid: the benchmark model is a model the codec accepts
// (so the CLI can be timed on it); -scale-out writes it.
func TestScaleModelIsValid(t *testing.T) {
	m := scaleModel(500, 2000, 5, 20)
	data, err := model.Encode(m)
	if err != nil {
		t.Fatal(err)
	}
	back, err := model.Decode(data)
	if err != nil {
		t.Fatalf("the benchmark model does not load: %v", err)
	}
	if n := len(back.Threats()); n != 2000 {
		t.Errorf("%d threats, want 2000", n)
	}
	if *scaleOut != "" {
		if err := os.WriteFile(*scaleOut, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func BenchmarkExamplePDF(b *testing.B) {
	m := example(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := BuildPDF(m, Options{Date: fixedDate}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScalePDF shows the growth with the model: elements, four
// threats per element, five diagrams, twenty trees.
func BenchmarkScalePDF(b *testing.B) {
	for _, n := range []int{50, 500, 2000} {
		m := scaleModel(n, 4*n, 5, 20)
		b.Run(fmt.Sprintf("elements=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for b.Loop() {
				data, err := BuildPDF(m, Options{Date: fixedDate})
				if err != nil {
					b.Fatal(err)
				}
				size = len(data)
			}
			b.ReportMetric(float64(size)/1e6, "MB")
		})
	}
}

func BenchmarkScaleMarkdownAndCSV(b *testing.B) {
	m := scaleModel(500, 2000, 5, 20)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := Markdown(&buf, m, Options{Date: fixedDate}); err != nil {
			b.Fatal(err)
		}
		if err := ThreatsCSV(&buf, m, Options{Date: fixedDate}); err != nil {
			b.Fatal(err)
		}
	}
}
