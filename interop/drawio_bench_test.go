package interop

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// syntheticDrawIO writes a plain one-page draw.io file of n cells (besides
// the root and the layer): actors, processes and stores on a grid, every
// other cell an edge joining its two neighbours.
func syntheticDrawIO(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<mxfile><diagram name="Synthetic"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>`)
	styles := []string{"rounded=0;whiteSpace=wrap;html=1;", "ellipse;whiteSpace=wrap;html=1;aspect=fixed;", "shape=partialRectangle;left=0;right=0;fillColor=none;html=1;"}
	for i := range n {
		id := i + 2
		if i%2 == 1 && i+1 < n {
			fmt.Fprintf(&b, `<mxCell id="%d" value="flow %d" style="endArrow=classic;html=1;" edge="1" parent="1" source="%d" target="%d"><mxGeometry relative="1" as="geometry"/></mxCell>`, id, i, id-1, id+1)
			continue
		}
		x, y := (i%200)*150, (i/200)*120
		fmt.Fprintf(&b, `<mxCell id="%d" value="&lt;b&gt;Cell&lt;/b&gt; %d" style="%s" vertex="1" parent="1"><mxGeometry x="%d" y="%d" width="80" height="80" as="geometry"/></mxCell>`, id, i, styles[(i/2)%3], x, y)
	}
	b.WriteString(`</root></mxGraphModel></diagram></mxfile>`)
	return b.Bytes()
}

// compressPage encodes text the way draw.io compresses a page: URL
// encoding, raw deflate, base64.
func compressPage(t testing.TB, text string) string {
	t.Helper()
	var z bytes.Buffer
	w, err := flate.NewWriter(&z, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	escaped := text
	if !strings.HasPrefix(text, "%") {
		escaped = url.PathEscape(text)
	}
	if _, err := w.Write([]byte(escaped)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(z.Bytes())
}

// BenchmarkDrawIO10k imports a plain draw.io file of 10,000 cells.
func BenchmarkDrawIO10k(b *testing.B) {
	data := syntheticDrawIO(10_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := importDrawIO(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDrawIO10kCompressed imports the same cells as a compressed page.
func BenchmarkDrawIO10kCompressed(b *testing.B) {
	plain := syntheticDrawIO(10_000)
	start := bytes.Index(plain, []byte("<mxGraphModel>"))
	end := bytes.Index(plain, []byte("</diagram>"))
	data := []byte(`<mxfile><diagram name="Synthetic">` + compressPage(b, string(plain[start:end])) + `</diagram></mxfile>`)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := importDrawIO(data); err != nil {
			b.Fatal(err)
		}
	}
}
