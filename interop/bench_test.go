package interop

import (
	"sync"
	"testing"

	"github.com/threatboard/threatboard/model"
)

// BenchmarkImportLargestFixture imports the largest Threat Dragon and OTM
// fixtures: each must take less than 20 ms.
func BenchmarkImportLargestFixture(b *testing.B) {
	for name, path := range map[string]string{
		"threatdragon": "threat-dragon/v2/renting-car.json",
		"otm":          "otm/otm_file_example.otm",
	} {
		data := fixture(b, path)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				if _, err := Import(data); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, start)
		})
	}
}

// tdCells10k is a Threat Dragon file of 10,000 cells: the export of a
// synthetic model of 4,000 elements (and 40 notes), 5,950 flows and 10
// boundaries, with threats.
var tdCells10k = sync.OnceValues(func() ([]byte, error) {
	return ExportThreatDragon(model.Synthetic(4000, 5950, 10, 1))
})

// BenchmarkImportThreatDragon10k: under 300 ms and 100 MB.
func BenchmarkImportThreatDragon10k(b *testing.B) {
	data, err := tdCells10k()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if _, err := Import(data); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

var synthetic10k = sync.OnceValue(func() *model.Model { return model.Synthetic(10_000, 15_000, 10, 1) })

// BenchmarkExport10k exports the 10,000-element synthetic model to either
// format: under 300 ms.
func BenchmarkExport10k(b *testing.B) {
	m := synthetic10k()
	for name, export := range map[string]func(*model.Model) ([]byte, error){
		"threatdragon": ExportThreatDragon,
		"otm":          ExportOTM,
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				if _, err := export(m); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, start)
		})
	}
}
