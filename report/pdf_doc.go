package report

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"

	"github.com/threatboard/threatboard/assets"
)

// Page geometry in millimetres, type sizes in points.
const (
	margin       = 18.0 // left, right and bottom
	topMargin    = 20.0 // below the running header
	headerY      = 10.0 // baseline of the running header
	footerGap    = 9.0  // footer baseline above the page's bottom edge
	bodySize     = 9.5
	smallSize    = 8.0
	lineFactor   = 1.35 // line height over type size
	ptToMM       = 25.4 / 72
	familyText   = "noto"
	familySymbol = "dejavu"
)

// rgb is a colour.
type rgb struct{ r, g, b int }

var (
	black     = rgb{0x20, 0x20, 0x20}
	grey      = rgb{0x70, 0x70, 0x70}
	ruleGrey  = rgb{0xc8, 0xc8, 0xc8}
	headFill  = rgb{0xe8, 0xec, 0xf2}
	accent    = rgb{0x1f, 0x4e, 0x79}
	white     = rgb{0xff, 0xff, 0xff}
	overdueBg = rgb{0xfd, 0xe2, 0xe1}
)

// pdfDoc wraps gofpdf: every string goes through printable and runs, pages
// break where this code says (gofpdf's automatic break is off), headers and
// footers are drawn as pages open and close, and the contents are written
// into pages reserved for them once every entry's page is known.
type pdfDoc struct {
	f      *gofpdf.Fpdf
	w, h   float64 // page size of the current orientation
	y      float64 // top of the next line
	style  string  // "", "B" or "I"
	size   float64
	color  rgb
	runBuf []textRun
	toc    []tocEntry
	// moreRefs are the summary's lines that point to a later chapter.
	moreRefs []moreRef
	header   string // running header: classification · title
	paper    gofpdf.SizeType
	// shift corrects y on a revisited page: gofpdf converts y with the
	// height of the last page, which differs when that one is landscape.
	shift     float64
	landscape bool // the current page's orientation, kept by page breaks
}

// tocEntry is one line of the contents and one bookmark.
type tocEntry struct {
	title string
	level int
	page  int
	link  int
}

func newPDFDoc(o *Options) *pdfDoc {
	size := "A4"
	if o.Paper == Letter {
		size = "Letter"
	}
	f := gofpdf.New("P", "mm", size, "")
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(margin, topMargin, margin)
	f.SetCompression(!o.uncompressed)
	date := o.date()
	f.SetCreationDate(date)
	f.SetModificationDate(date)
	f.SetCatalogSort(true)
	f.SetCreator("Threatboard", true)
	// Before the fonts: gofpdf sizes a UTF-8 font's subset for the alias.
	f.AliasNbPages(pageCountAlias)
	f.SetProducer("Threatboard", true)
	// Each document parses its own copy of the font bytes: gofpdf keeps
	// state next to the bytes it is given, and reports may be built
	// concurrently (the app exports in the background, tests in parallel).
	f.AddUTF8FontFromBytes(familyText, "", bytes.Clone(assets.Font(assets.Regular)))
	f.AddUTF8FontFromBytes(familyText, "B", bytes.Clone(assets.Font(assets.Bold)))
	f.AddUTF8FontFromBytes(familyText, "I", bytes.Clone(assets.Font(assets.Italic)))
	f.AddUTF8FontFromBytes(familySymbol, "", bytes.Clone(assets.DejaVuSans))
	w, h := f.GetPageSize()
	d := &pdfDoc{f: f, w: w, h: h, size: bodySize, color: black, paper: f.GetPageSizeStr(size)}
	f.SetFont(familyText, "", bodySize)
	f.SetHeaderFuncMode(d.frameHeader, false)
	f.SetFooterFunc(d.frameFooter)
	return d
}

// err is gofpdf's first error, if any.
func (d *pdfDoc) err() error { return d.f.Error() }

// addPage starts a page in the given orientation.
func (d *pdfDoc) addPage(landscape bool) {
	o := "P"
	if landscape {
		o = "L"
	}
	d.landscape = landscape
	d.f.AddPageFormat(o, d.paper)
	d.w, d.h = d.f.GetPageSize()
	d.y = topMargin
	d.useFont(d.style, d.size, true)
}

// keepWithHeading is how much room a section heading wants below it.
const keepWithHeading = 28.0

// bottom is the lowest y a line may reach.
func (d *pdfDoc) bottom() float64 { return d.h - margin }

// room makes sure h millimetres fit below y, starting a page otherwise.
// It reports whether a page was started.
func (d *pdfDoc) room(h float64) bool {
	if d.y+h <= d.bottom() {
		return false
	}
	d.addPage(d.landscape)
	return true
}

func lineHeight(size float64) float64 { return size * ptToMM * lineFactor }

// useFont selects the text face; force re-emits it, for a page revisited
// after others were written (gofpdf skips a SetFont equal to its last).
// Measuring does not touch gofpdf: the font is selected when text is drawn.
func (d *pdfDoc) useFont(style string, size float64, force bool) {
	d.style, d.size = style, size
	if force {
		d.f.SetFont(familyText, style, size)
		d.f.SetFontSize(size)
	}
}

func (d *pdfDoc) setColor(c rgb) { d.color = c }

// width measures cleaned text in the current style and size.
func (d *pdfDoc) width(s string) float64 { return textWidth(s, d.style, d.size) }

// face switches between the text face and the symbol face at the current size.
func (d *pdfDoc) face(symbol bool) {
	if symbol {
		d.f.SetFont(familySymbol, "", d.size)
	} else {
		d.f.SetFont(familyText, d.style, d.size)
	}
}

// text draws cleaned text with its baseline at (x, y).
func (d *pdfDoc) text(x, y float64, s string) {
	if s == "" {
		return
	}
	// Text takes the fill colour for text when the two are equal; setting
	// both keeps a revisited page from inheriting another page's colour.
	d.f.SetTextColor(d.color.r, d.color.g, d.color.b)
	d.runBuf = runs(s, d.runBuf[:0])
	for _, r := range d.runBuf {
		d.face(r.symbol)
		d.f.Text(x, y+d.shift, r.text)
		x += textWidth(r.text, d.style, d.size)
	}
}

// wrap splits raw text into lines no wider than w: at newlines, then
// between words, and inside a word longer than a line. The text is cleaned
// first, so every returned line is safe to draw.
func (d *pdfDoc) wrap(raw string, w float64) []string {
	s := printable(raw, true)
	var lines []string
	for para := range strings.SplitSeq(s, "\n") {
		lines = d.wrapParagraph(lines, para, w)
	}
	return lines
}

func (d *pdfDoc) wrapParagraph(lines []string, para string, w float64) []string {
	para = strings.TrimRight(para, " ")
	if d.width(para) <= w {
		return append(lines, para)
	}
	space := d.width(" ")
	line, lineW := "", 0.0
	for word := range strings.FieldsSeq(para) {
		ww := d.width(word)
		if line != "" && lineW+space+ww <= w {
			line += " " + word
			lineW += space + ww
			continue
		}
		if line != "" {
			lines = append(lines, line)
			line, lineW = "", 0
		}
		for ww > w {
			head, rest := d.cut(word, w)
			lines = append(lines, head)
			word = rest
			ww = d.width(word)
		}
		line, lineW = word, ww
	}
	return append(lines, line)
}

// cut splits a word too long for a line at the last rune that fits (at
// least one rune, so that it always progresses).
func (d *pdfDoc) cut(word string, w float64) (head, rest string) {
	end := 0
	for i, r := range word {
		next := i + utf8.RuneLen(r)
		if end > 0 && d.width(word[:next]) > w {
			break
		}
		end = next
	}
	return word[:end], word[end:]
}

// paragraph writes wrapped text at the left margin, breaking pages as needed.
func (d *pdfDoc) paragraph(raw string, style string, size float64, c rgb) {
	d.indented(0, raw, style, size, c)
}

func (d *pdfDoc) indented(indent float64, raw string, style string, size float64, c rgb) {
	d.useFont(style, size, false)
	d.setColor(c)
	lh := lineHeight(size)
	for _, line := range d.wrap(raw, d.w-2*margin-indent) {
		d.room(lh)
		d.useFont(style, size, false)
		d.setColor(c)
		d.text(margin+indent, d.y+size*ptToMM, line)
		d.y += lh
	}
	d.useFont("", bodySize, false)
	d.setColor(black)
}

// gap adds vertical space, unless at the top of a page.
func (d *pdfDoc) gap(h float64) {
	if d.y > topMargin {
		d.y += h
	}
}

// heading starts a chapter (level 0, on a new page) or a section (level 1
// and 2), bookmarks it and records it for the contents when listed.
func (d *pdfDoc) heading(title string, level int, listed bool) {
	d.headingAt(title, level, listed, false)
}

// headingOn starts a listed chapter on a landscape page when landscape.
func (d *pdfDoc) headingOn(title string, landscape bool) { d.headingAt(title, 0, true, landscape) }

func (d *pdfDoc) headingAt(title string, level int, listed, landscape bool) {
	title = printable(title, false)
	sizes := []float64{18, 13.5, 11}
	size := sizes[min(level, len(sizes)-1)]
	lh := lineHeight(size)
	switch {
	case level == 0:
		d.addPage(landscape)
	default:
		d.gap(3)
		// Keep a heading with the start of what follows: a table's
		// header and first rows, or a few lines of text.
		d.room(lh + keepWithHeading)
	}
	if level < 2 || listed {
		d.f.Bookmark(title, min(level, 1), d.y)
	}
	if listed {
		link := d.f.AddLink()
		d.f.SetLink(link, d.y, d.f.PageNo())
		d.toc = append(d.toc, tocEntry{title: title, level: level, page: d.f.PageNo(), link: link})
	}
	color := black
	if level == 0 {
		color = accent
	}
	lines := d.wrap(title, d.w-2*margin)
	d.useFont("B", size, false)
	d.setColor(color)
	for _, line := range lines {
		d.room(lh)
		d.text(margin, d.y+size*ptToMM, line)
		d.y += lh
	}
	if level == 0 {
		d.f.SetDrawColor(accent.r, accent.g, accent.b)
		d.f.SetLineWidth(0.5)
		d.f.Line(margin, d.y+1, d.w-margin, d.y+1)
		d.y += 5
	} else {
		d.y += 1
	}
	d.useFont("", bodySize, false)
	d.setColor(black)
}

// revisit makes page n, a portrait page, current again and re-emits the
// state its stream may lack. Drawing there goes through text and the
// shifted helpers, which correct for the last page's geometry.
func (d *pdfDoc) revisit(n int) {
	d.f.SetPage(n)
	_, lastH := d.f.GetPageSize()
	d.w, d.h = d.paper.Wd, d.paper.Ht
	d.shift = lastH - d.h
	d.useFont("", bodySize, true)
	d.f.SetFillColor(white.r, white.g, white.b)
}

// frameHeader and frameFooter write the running header and the "page N of
// M" footer on every page, the cover's too: the classification must be on
// each. gofpdf calls them as pages open and close, so each runs in its own
// page's geometry; M comes from gofpdf's page-count alias.
func (d *pdfDoc) frameHeader() {
	d.w, d.h = d.f.GetPageSize()
	style, size, color := d.style, d.size, d.color
	d.useFont("", smallSize, true)
	d.setColor(grey)
	head := d.wrap(d.header, d.w-2*margin)
	if len(head) > 0 {
		d.text(margin, headerY, head[0])
	}
	d.f.SetDrawColor(ruleGrey.r, ruleGrey.g, ruleGrey.b)
	d.f.SetLineWidth(0.2)
	d.f.Line(margin, headerY+2, d.w-margin, headerY+2)
	d.useFont(style, size, true)
	d.setColor(color)
}

func (d *pdfDoc) frameFooter() {
	d.w, d.h = d.f.GetPageSize()
	style, size, color := d.style, d.size, d.color
	d.useFont("", smallSize, true)
	d.setColor(grey)
	// The alias is replaced by the page count when the file is written;
	// the footer is placed for the widest count it is likely to be.
	foot := fmt.Sprintf("page %d of %s", d.f.PageNo(), pageCountAlias)
	d.text(d.w-margin-d.width(fmt.Sprintf("page %d of 9999", d.f.PageNo())), d.h-footerGap, foot)
	d.useFont(style, size, true)
	d.setColor(color)
}

// pageCountAlias stands for the page count in the footer.
const pageCountAlias = "{nb}"
