package report

import "math"

// column is a table column: its title and its share of the text width.
type column struct {
	title string
	share float64
}

// cell is one table cell; fill, when set, colours its background.
type cell struct {
	text string
	fill *rgb
	bold bool
}

const (
	cellPad   = 1.2 // mm inside a cell
	tableSize = 7.5 // pt
)

// table draws rows under a header row. Cells wrap; a row that does not fit
// below goes to the next page under a repeated header, and a row taller than
// a whole page is continued there, so that nothing is ever cut.
func (d *pdfDoc) table(cols []column, rows [][]cell) {
	widths := columnWidths(d.w, cols)
	lh := lineHeight(tableSize)
	header := make([]cell, len(cols))
	for i, c := range cols {
		header[i] = cell{text: c.title, fill: &headFill, bold: true}
	}
	headLines := d.cellLines(header, widths)
	headH := rowHeight(headLines, lh)
	// Keep the header with the first row (or its first line, for a row
	// taller than a page).
	first := lh + 2*cellPad
	if len(rows) > 0 {
		if h := rowHeight(d.cellLines(rows[0], widths), lh); topMargin+headH+h <= d.bottom() {
			first = h
		}
	}
	d.room(headH + first)
	d.row(header, headLines, widths, 0, maxLines(headLines))
	for _, r := range rows {
		lines := d.cellLines(r, widths)
		n := maxLines(lines)
		if n == 0 {
			n = 1
		}
		for from := 0; from < n; {
			fit := int(math.Floor((d.bottom() - d.y - 2*cellPad) / lh))
			rest := n - from
			// Move the row to a fresh page when it would fit there whole,
			// or when not even one line fits here.
			freshFits := topMargin+headH+rowHeightN(rest, lh) <= d.bottom()
			if fit < 1 || (fit < rest && from == 0 && freshFits) {
				d.addPage(d.landscape)
				d.row(header, headLines, widths, 0, maxLines(headLines))
				continue
			}
			k := min(fit, rest)
			d.row(r, lines, widths, from, from+k)
			from += k
		}
	}
	d.useFont("", bodySize, false)
	d.setColor(black)
	d.y += 2
}

// columnWidths shares the text width of a page pageW wide between cols.
func columnWidths(pageW float64, cols []column) []float64 {
	total := 0.0
	for _, c := range cols {
		total += c.share
	}
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = (pageW - 2*margin) * c.share / total
	}
	return widths
}

func (d *pdfDoc) cellLines(r []cell, widths []float64) [][]string {
	out := make([][]string, len(r))
	for i, c := range r {
		if i >= len(widths) {
			break
		}
		d.useFont(style(c.bold), tableSize, false)
		out[i] = d.wrap(c.text, widths[i]-2*cellPad)
	}
	return out
}

func style(bold bool) string {
	if bold {
		return "B"
	}
	return ""
}

func maxLines(lines [][]string) int {
	n := 0
	for _, l := range lines {
		n = max(n, len(l))
	}
	return n
}

func rowHeight(lines [][]string, lh float64) float64 { return rowHeightN(max(maxLines(lines), 1), lh) }

func rowHeightN(n int, lh float64) float64 { return float64(n)*lh + 2*cellPad }

// row draws lines [from, to) of every cell of a row at y and moves y below it.
func (d *pdfDoc) row(r []cell, lines [][]string, widths []float64, from, to int) {
	lh := lineHeight(tableSize)
	h := rowHeightN(max(to-from, 1), lh)
	x := margin
	for i, w := range widths {
		var c cell
		if i < len(r) {
			c = r[i]
		}
		if c.fill != nil {
			d.f.SetFillColor(c.fill.r, c.fill.g, c.fill.b)
			d.f.Rect(x, d.y, w, h, "F")
		}
		d.useFont(style(c.bold), tableSize, false)
		d.setColor(black)
		if i < len(lines) {
			for j := from; j < to && j < len(lines[i]); j++ {
				d.text(x+cellPad, d.y+cellPad+float64(j-from)*lh+tableSize*ptToMM, lines[i][j])
			}
		}
		x += w
	}
	d.f.SetDrawColor(ruleGrey.r, ruleGrey.g, ruleGrey.b)
	d.f.SetLineWidth(0.15)
	d.f.Line(margin, d.y+h, x, d.y+h)
	d.y += h
}
