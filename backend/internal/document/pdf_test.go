package document_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/document"
	"github.com/cbmex/cbmex/backend/internal/document/readertest"
)

func sample() document.Doc {
	d := document.Doc{
		Title:          "Отчёт о настольных учениях",
		Subtitle:       "Workshop Vienna, 12 March 2027",
		Classification: "For workshop participants only",
		Lang:           "ru",
		Blocks: []document.Block{
			document.Heading{Level: 1, Text: "Меры укрепления доверия (МД)"},
			document.Labelled("Точки контакта", "проверены"),
		},
	}
	d.Blocks = append(d.Blocks, document.Markdown("**Bold start** then *italic* text.\n\n- first item\n- second item\n\n| CBM | Team |\n|---|---|\n| 8 | Kestria |")...)
	rows := document.Table{Header: []string{"Time", "Inject"}, Widths: []float64{1, 4}}
	for i := range 80 {
		rows.Rows = append(rows.Rows, []string{fmt.Sprintf("%02d:00", i), fmt.Sprintf("Inject number %d with a long title that wraps onto a second line of its cell in the table", i)})
	}
	return document.Doc{Title: d.Title, Subtitle: d.Subtitle, Classification: d.Classification, Lang: d.Lang,
		Blocks: append(d.Blocks, rows)}
}

func TestPDFReadsBackWithCyrillicTablesAndPageNumbers(t *testing.T) {
	var buf bytes.Buffer
	if err := document.WritePDF(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	text := readertest.PDFText(t, buf.Bytes())
	for _, want := range []string{"Отчёт о настольных учениях", "Меры укрепления доверия (МД)", "Точки контакта: проверены",
		"Bold start then italic text.", "first item", "Kestria", "Inject number 79", "For workshop participants only"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext does not find %q", want)
		}
	}
	pages := strings.Count(text, "\f")
	if pages < 3 {
		t.Fatalf("80 table rows should take several pages, got %d", pages)
	}
	if !regexp.MustCompile(fmt.Sprintf(`\b%d ?/ ?%d\b`, pages, pages)).MatchString(text) {
		t.Errorf("the last page should be numbered %d / %d", pages, pages)
	}
	if got := strings.Count(text, "For workshop participants only"); got != pages {
		t.Errorf("the classification line is on %d of %d pages", got, pages)
	}
	if got := strings.Count(text, "Time"); got != pages {
		t.Errorf("the table header is on %d of %d pages; it should repeat on every page the table runs over", got, pages)
	}
}

func TestPDFIsTheSameForTheSameDocument(t *testing.T) {
	var a, b bytes.Buffer
	if err := document.WritePDF(&a, sample()); err != nil {
		t.Fatal(err)
	}
	if err := document.WritePDF(&b, sample()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two renderings of one document differ")
	}
	if a.Len() > 200_000 {
		t.Errorf("the PDF is %d bytes: the fonts should be subset", a.Len())
	}
}

func TestMarkdownBlocks(t *testing.T) {
	blocks := document.Markdown("# Head\n\nA **b** c\nd\n\n1. one\n2. two\n\n<b>raw</b>\n")
	text := document.Doc{Blocks: blocks}.PlainText()
	for _, want := range []string{"Head", "A b c d", "one", "two"} {
		if !strings.Contains(text, want) {
			t.Errorf("plain text %q lacks %q", text, want)
		}
	}
	if strings.Contains(text, "<b>") {
		t.Error("raw HTML should be dropped")
	}
	if l, ok := blocks[2].(document.List); !ok || !l.Ordered || len(l.Items) != 2 {
		t.Errorf("blocks[2] = %#v, want an ordered list of two", blocks[2])
	}
}

// A table's header row never ends a page without the first row, and a bold
// label stays with what follows it.
func TestPDFKeepsTableHeadersAndLabelsWithTheirRows(t *testing.T) {
	d := document.Doc{Title: "Tables"}
	for i := range 60 {
		d.Blocks = append(d.Blocks, document.Text(strings.Repeat("Filler text to move the tables down the page. ", i%4+1)),
			document.Bold(fmt.Sprintf("Label%d", i)),
			document.Table{Header: []string{fmt.Sprintf("Head%d", i), "Value"}, Rows: [][]string{{fmt.Sprintf("Row%d", i), "1"}}})
	}
	var buf bytes.Buffer
	if err := document.WritePDF(&buf, d); err != nil {
		t.Fatal(err)
	}
	for p, page := range strings.Split(readertest.PDFText(t, buf.Bytes()), "\f") {
		for i := range 60 {
			label, head, row := fmt.Sprintf("Label%d\n", i), fmt.Sprintf("Head%d ", i), fmt.Sprintf("Row%d ", i)
			if strings.Contains(page, label) && !strings.Contains(page, head) {
				t.Errorf("page %d ends with label %d without its table", p+1, i)
			}
			if strings.Contains(page, head) && !strings.Contains(page, row) {
				t.Errorf("page %d ends with the header of table %d without its first row", p+1, i)
			}
		}
	}
}

// Text the embedded font cannot draw — an emoji in a message subject,
// Chinese, control characters — prints as � or not at all, and never stops
// the document (fpdf panics on a character beyond the Basic Multilingual
// Plane).
func TestPDFPrintsTextTheFontLacks(t *testing.T) {
	d := document.Doc{Title: "Report 🚀", Classification: "Участникам \x07only",
		Blocks: []document.Block{
			document.Heading{Level: 1, Text: "Heading 🛰"},
			document.Text("Ping 🚀 received\x00 — 中文 ok"),
			document.List{Items: []document.Paragraph{document.Text("item 😀")}},
			document.Table{Header: []string{"Subject 📎"}, Rows: [][]string{{"Servers 🔥 down"}}},
		}}
	var buf bytes.Buffer
	if err := document.WritePDF(&buf, d); err != nil {
		t.Fatal(err)
	}
	text := readertest.PDFText(t, buf.Bytes())
	for _, want := range []string{"Report", "Участникам only", "Ping � received — �� ok", "item �", "Servers � down"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext does not find %q in\n%s", want, text)
		}
	}
	if got := document.Printable("Valdoria — «точки контакта» • ★"); got != "Valdoria — «точки контакта» • ★" {
		t.Errorf("Printable changed text the font has: %q", got)
	}
}
