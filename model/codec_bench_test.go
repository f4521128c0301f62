package model

import "testing"

// BenchmarkDecodeValidateEncode10k decodes (which validates) and encodes a
// model of 10,000 elements and 15,000 flows: what opening and saving a big
// model costs.
func BenchmarkDecodeValidateEncode10k(b *testing.B) {
	data := synthFile10k(b)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		m, err := Decode(data)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Encode(m); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

func BenchmarkDecode10k(b *testing.B) {
	data := synthFile10k(b)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

func BenchmarkEncode10k(b *testing.B) {
	m := Synthetic(10000, 15000, 200, 1)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if _, err := Encode(m); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// synthFile10k is the file of the synthetic 10,000-element model, and tells
// the benchmark its size for the MB/s figure.
func synthFile10k(b *testing.B) []byte {
	data, err := Encode(Synthetic(10000, 15000, 200, 1))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	return data
}

// BenchmarkClone10k is the copy the app takes once per edit for the work
// off the UI thread (lint, the suggestions, the recovery copy), on the UI
// thread, indexes included.
func BenchmarkClone10k(b *testing.B) {
	m := Synthetic(10000, 15000, 200, 1)
	b.ReportAllocs()
	for b.Loop() {
		m.Clone()
	}
}
