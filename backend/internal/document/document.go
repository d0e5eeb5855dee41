// Package document is the printable form of what cbmex hands out and files:
// the after-action report, the situation manual, the facilitator guide.
//
// Builders turn domain data into a Doc — a neutral list of headings,
// paragraphs, lists and tables — and a renderer writes it as PDF (or .docx),
// so that each document is written once and each format knows nothing of
// exercises. The PDF renderer embeds DejaVu Sans (Latin, Cyrillic and Greek),
// so documents render the same on any server without system fonts.
package document

import "strings"

// Doc is one printable document.
type Doc struct {
	// Title is the document's name, printed on its first page and stored in
	// the file's metadata.
	Title string
	// Subtitle names the workshop and its date under the title.
	Subtitle string
	// Classification is the handling line the organiser sets ("For workshop
	// participants only"), printed at the top of every page.
	Classification string
	// Lang is the BCP 47 tag of the document's language, stored in the file
	// so that screen readers and spell-checkers use the right language.
	Lang string
	// Landscape turns the pages (A4 either way).
	Landscape bool
	Blocks    []Block
}

// Block is one element of a document's body.
type Block interface{ isBlock() }

// Heading is a section title; Level 1 is the highest.
type Heading struct {
	Level int
	Text  string
}

// Paragraph is running text made of styled runs.
type Paragraph struct {
	Runs []Run
	// Small prints the paragraph in a smaller size (notes, captions).
	Small bool
}

// Run is a piece of text in one style.
type Run struct {
	Text   string
	Bold   bool
	Italic bool
}

// List is a bulleted or numbered list; each item is one paragraph.
type List struct {
	Ordered bool
	Items   []Paragraph
}

// Table is a grid of plain text with a header row repeated on every page.
type Table struct {
	Header []string
	Rows   [][]string
	// Widths are the relative widths of the columns; nil means equal.
	Widths []float64
}

// PageBreak starts a new page.
type PageBreak struct{}

func (Heading) isBlock()   {}
func (Paragraph) isBlock() {}
func (List) isBlock()      {}
func (Table) isBlock()     {}
func (PageBreak) isBlock() {}

// Text is a paragraph of plain text.
func Text(s string) Paragraph { return Paragraph{Runs: []Run{{Text: s}}} }

// Bold is a paragraph in bold.
func Bold(s string) Paragraph { return Paragraph{Runs: []Run{{Text: s, Bold: true}}} }

// Labelled is a paragraph "Label: value" with the label in bold.
func Labelled(label, value string) Paragraph {
	return Paragraph{Runs: []Run{{Text: label + ": ", Bold: true}, {Text: value}}}
}

// PlainText is the document's text without styling, one block a line; tests
// and search use it.
func (d Doc) PlainText() string {
	var b strings.Builder
	line := func(s string) { b.WriteString(s); b.WriteByte('\n') }
	line(d.Title)
	line(d.Subtitle)
	for _, bl := range d.Blocks {
		switch v := bl.(type) {
		case Heading:
			line(v.Text)
		case Paragraph:
			line(v.String())
		case List:
			for _, it := range v.Items {
				line(it.String())
			}
		case Table:
			line(strings.Join(v.Header, "\t"))
			for _, r := range v.Rows {
				line(strings.Join(r, "\t"))
			}
		}
	}
	return b.String()
}

// isLabel tells whether the paragraph is a short line all in bold: a label
// over what follows (renderers keep it with the next block).
func (p Paragraph) isLabel() bool {
	if len(p.Runs) == 0 || len(p.String()) > 120 {
		return false
	}
	for _, r := range p.Runs {
		if !r.Bold {
			return false
		}
	}
	return true
}

// String is the paragraph's text without styling.
func (p Paragraph) String() string {
	var b strings.Builder
	for _, r := range p.Runs {
		b.WriteString(r.Text)
	}
	return b.String()
}
