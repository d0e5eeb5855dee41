package document

import (
	_ "embed"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

// The embedded fonts: fpdf keeps only the glyphs a document uses, so a PDF
// carries a few kilobytes of them, not the whole files.
var (
	//go:embed fonts/DejaVuSans.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	fontBold []byte
	//go:embed fonts/DejaVuSans-Oblique.ttf
	fontItalic []byte
)

const (
	family     = "DejaVu"
	bodySize   = 10
	smallSize  = 8.5
	lineHeight = 5 // mm for body text
	margin     = 18
)

var headingSizes = map[int]float64{1: 16, 2: 13, 3: 11}

// NewPDF is an A4 PDF with the embedded fonts, the classification line at the
// top of every page and "page / pages" at the bottom. Builders that need a
// layout of their own (certificates) start from it; documents use WritePDF.
func NewPDF(d Doc) *fpdf.Fpdf {
	d.Title, d.Subtitle, d.Classification = Printable(d.Title), Printable(d.Subtitle), Printable(d.Classification)
	orientation := "P"
	if d.Landscape {
		orientation = "L"
	}
	pdf := fpdf.New(orientation, "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(family, "", fontRegular)
	pdf.AddUTF8FontFromBytes(family, "B", fontBold)
	pdf.AddUTF8FontFromBytes(family, "I", fontItalic)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, margin)
	pdf.SetTitle(d.Title, true)
	pdf.SetSubject(d.Subtitle, true)
	pdf.SetCreator("cbmex", true)
	if d.Lang != "" {
		pdf.SetLang(d.Lang)
	}
	// A fixed date keeps the output of one document byte for byte the same.
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(time.Unix(0, 0).UTC())
	pdf.SetModificationDate(time.Unix(0, 0).UTC())
	pdf.AliasNbPages("{nb}")
	pdf.SetHeaderFunc(func() {
		if d.Classification == "" {
			return
		}
		pdf.SetY(8)
		pdf.SetFont(family, "B", smallSize)
		pdf.SetTextColor(90, 90, 90)
		pdf.CellFormat(0, 4, d.Classification, "", 1, "C", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
		pdf.SetY(margin)
	})
	pdf.SetFooterFunc(func() {
		pdf.SetY(-12)
		pdf.SetFont(family, "", smallSize)
		pdf.SetTextColor(90, 90, 90)
		left, _, _, _ := pdf.GetMargins()
		pdf.CellFormat(0, 4, d.Subtitle, "", 0, "L", false, 0, "")
		pdf.SetX(left) // the page number shares the line, right-aligned
		pdf.CellFormat(0, 4, fmt.Sprintf("%d / {nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	return pdf
}

// WritePDF renders the document as PDF.
func WritePDF(w io.Writer, d Doc) error {
	d = printableDoc(d)
	pdf := NewPDF(d)
	pdf.AddPage()
	r := pdfWriter{pdf: pdf}
	r.title(d)
	for i, b := range d.Blocks {
		var next Block
		if i+1 < len(d.Blocks) {
			next = d.Blocks[i+1]
		}
		r.block(b, next)
	}
	return pdf.Output(w)
}

type pdfWriter struct{ pdf *fpdf.Fpdf }

// printableDoc is a copy of d with every text Printable (see glyphs.go).
func printableDoc(d Doc) Doc {
	d.Title, d.Subtitle, d.Classification = Printable(d.Title), Printable(d.Subtitle), Printable(d.Classification)
	blocks := make([]Block, len(d.Blocks))
	for i, b := range d.Blocks {
		switch v := b.(type) {
		case Heading:
			v.Text = Printable(v.Text)
			b = v
		case Paragraph:
			b = printablePara(v)
		case List:
			items := make([]Paragraph, len(v.Items))
			for j, it := range v.Items {
				items[j] = printablePara(it)
			}
			v.Items = items
			b = v
		case Table:
			v.Header = printableCells(v.Header)
			rows := make([][]string, len(v.Rows))
			for j, r := range v.Rows {
				rows[j] = printableCells(r)
			}
			v.Rows = rows
			b = v
		}
		blocks[i] = b
	}
	d.Blocks = blocks
	return d
}

func printablePara(p Paragraph) Paragraph {
	runs := make([]Run, len(p.Runs))
	for i, r := range p.Runs {
		r.Text = Printable(r.Text)
		runs[i] = r
	}
	p.Runs = runs
	return p
}

func printableCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = Printable(c)
	}
	return out
}

func (r pdfWriter) title(d Doc) {
	r.pdf.SetFont(family, "B", 20)
	r.pdf.MultiCell(0, 9, d.Title, "", "L", false)
	if d.Subtitle != "" {
		r.pdf.SetFont(family, "", 11)
		r.pdf.SetTextColor(70, 70, 70)
		r.pdf.MultiCell(0, 6, d.Subtitle, "", "L", false)
		r.pdf.SetTextColor(0, 0, 0)
	}
	r.pdf.Ln(4)
}

// block renders b; next is the block after it, which a label keeps on its
// page.
func (r pdfWriter) block(b Block, next Block) {
	switch v := b.(type) {
	case Heading:
		r.heading(v)
	case Paragraph:
		if v.isLabel() {
			r.keepWithNext(lineHeight + 1.5 + r.startHeight(next))
		}
		r.paragraph(v, 0)
		r.pdf.Ln(1.5)
	case List:
		r.list(v)
	case Table:
		r.table(v)
	case PageBreak:
		r.pdf.AddPage()
	}
}

func (r pdfWriter) heading(h Heading) {
	size, ok := headingSizes[h.Level]
	if !ok {
		size = headingSizes[3]
	}
	// Keep a heading with the first lines of its section.
	r.keepWithNext(size + 3*lineHeight)
	r.pdf.Ln(2)
	r.pdf.SetFont(family, "B", size)
	r.pdf.MultiCell(0, size*0.5, h.Text, "", "L", false)
	r.pdf.Ln(1.5)
}

// startHeight is the height of the first lines of a block: a table's
// header and first row, or three lines of text.
func (r pdfWriter) startHeight(b Block) float64 {
	t, ok := b.(Table)
	if !ok || len(t.Header) == 0 {
		return 3 * lineHeight
	}
	cols := len(t.Header)
	for _, row := range t.Rows {
		cols = max(cols, len(row))
	}
	widths := columnWidths(r.pdf, t.Widths, cols)
	h := r.rowHeight(t.Header, widths, true)
	if len(t.Rows) > 0 {
		h += r.rowHeight(t.Rows[0], widths, false)
	}
	return h
}

// keepWithNext starts a new page unless h mm fit above the bottom margin,
// so that a heading or a label does not end a page without what follows.
func (r pdfWriter) keepWithNext(h float64) {
	_, pageH := r.pdf.GetPageSize()
	if r.pdf.GetY()+h > pageH-margin {
		r.pdf.AddPage()
	}
}

// paragraph flows the runs with Write, which wraps at the right margin and
// keeps each run's style; indent is the left indent in mm.
func (r pdfWriter) paragraph(p Paragraph, indent float64) {
	size, lh := float64(bodySize), float64(lineHeight)
	if p.Small {
		size, lh = smallSize, 4.2
	}
	left, _, _, _ := r.pdf.GetMargins()
	r.pdf.SetLeftMargin(left + indent)
	r.pdf.SetX(left + indent)
	for _, run := range p.Runs {
		r.pdf.SetFont(family, style(run), size)
		r.pdf.Write(lh, run.Text)
	}
	r.pdf.SetLeftMargin(left)
	r.pdf.Ln(lh)
}

func style(run Run) string {
	switch {
	case run.Bold:
		return "B" // DejaVu bold-oblique is not embedded: bold wins
	case run.Italic:
		return "I"
	}
	return ""
}

func (r pdfWriter) list(l List) {
	left, _, _, _ := r.pdf.GetMargins()
	for i, it := range l.Items {
		mark := "•"
		if l.Ordered {
			mark = fmt.Sprintf("%d.", i+1)
		}
		r.pdf.SetFont(family, "", bodySize)
		y := r.pdf.GetY()
		r.pdf.SetXY(left+1, y)
		r.pdf.CellFormat(6, lineHeight, mark, "", 0, "L", false, 0, "")
		r.pdf.SetXY(left+7, y)
		r.paragraph(it, 7)
	}
	r.pdf.Ln(1.5)
}

// table draws rows as bordered cells of wrapped text, breaking pages between
// rows and repeating the header.
func (r pdfWriter) table(t Table) {
	cols := len(t.Header)
	for _, row := range t.Rows {
		cols = max(cols, len(row))
	}
	if cols == 0 {
		return
	}
	widths := columnWidths(r.pdf, t.Widths, cols)
	if len(t.Header) > 0 {
		// The header goes with the first row onto the page that has room.
		first := 0.0
		if len(t.Rows) > 0 {
			first = r.rowHeight(t.Rows[0], widths, false)
		}
		r.keepWithNext(r.rowHeight(t.Header, widths, true) + first)
		r.row(t.Header, widths, true)
	}
	for _, row := range t.Rows {
		if r.needsBreak(row, widths) {
			r.pdf.AddPage()
			if len(t.Header) > 0 {
				r.row(t.Header, widths, true)
			}
		}
		r.row(row, widths, false)
	}
	r.pdf.Ln(3)
}

func columnWidths(pdf *fpdf.Fpdf, rel []float64, cols int) []float64 {
	pageW, _ := pdf.GetPageSize()
	left, _, right, _ := pdf.GetMargins()
	avail := pageW - left - right
	sum := 0.0
	w := make([]float64, cols)
	for i := range w {
		w[i] = 1
		if i < len(rel) && rel[i] > 0 {
			w[i] = rel[i]
		}
		sum += w[i]
	}
	for i := range w {
		w[i] = w[i] / sum * avail
	}
	return w
}

const cellLine = 4.3

func (r pdfWriter) rowHeight(cells []string, widths []float64, header bool) float64 {
	r.pdf.SetFont(family, map[bool]string{true: "B", false: ""}[header], smallSize+0.5)
	lines := 1
	for i, w := range widths {
		if i < len(cells) {
			lines = max(lines, len(r.pdf.SplitText(strings.TrimSpace(cells[i]), w-1))) // as row draws it
		}
	}
	return float64(lines)*cellLine + 2
}

func (r pdfWriter) needsBreak(cells []string, widths []float64) bool {
	_, pageH := r.pdf.GetPageSize()
	return r.pdf.GetY()+r.rowHeight(cells, widths, false) > pageH-margin
}

// row draws one row where the caller made room for it: automatic page
// breaks are off meanwhile, or a cell's text would flow onto the next page
// without its borders.
func (r pdfWriter) row(cells []string, widths []float64, header bool) {
	r.pdf.SetAutoPageBreak(false, 0)
	defer r.pdf.SetAutoPageBreak(true, margin)
	h := r.rowHeight(cells, widths, header)
	x, y := r.pdf.GetXY()
	if header {
		r.pdf.SetFillColor(230, 233, 238)
	}
	for i, w := range widths {
		text := ""
		if i < len(cells) {
			text = cells[i]
		}
		r.pdf.Rect(x, y, w, h, map[bool]string{true: "FD", false: "D"}[header])
		r.pdf.SetXY(x+0.5, y+1)
		r.pdf.MultiCell(w-1, cellLine, strings.TrimSpace(text), "", "L", false)
		x += w
	}
	left, _, _, _ := r.pdf.GetMargins()
	r.pdf.SetXY(left, y+h)
}
