package document_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/document"
	"github.com/cbmex/cbmex/backend/internal/document/readertest"
)

func docxOf(t *testing.T, d document.Doc) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := document.WriteDOCX(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// parts unzips a .docx and checks that every part is well-formed XML (Word
// refuses a file with one bad part).
func parts(t *testing.T, docx []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		_ = rc.Close()
		dec := xml.NewDecoder(bytes.NewReader(b))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
		out[f.Name] = string(b)
	}
	return out
}

func TestDOCXReadsBackWithHeadingsTablesAndCyrillic(t *testing.T) {
	d := sample()
	d.Blocks = append(d.Blocks,
		document.Heading{Level: 2, Text: "Scorecards <&> \"quoted\""},
		document.Paragraph{Runs: []document.Run{{Text: "line one\nline two"}}, Small: true},
		document.List{Ordered: true, Items: []document.Paragraph{document.Text("step one"), document.Text("step two")}},
		document.PageBreak{},
		document.Heading{Level: 3, Text: "Определения"},
	)
	docx := docxOf(t, d)
	md := readertest.DocxMarkdown(t, docx)
	for _, want := range []string{"# Меры укрепления доверия (МД)", "## Scorecards \\<&\\> \\\"quoted\\\"", "### Определения"} {
		if !strings.Contains(md, want) {
			t.Errorf("pandoc does not read the heading %q (Word heading styles):\n%s", want, md)
		}
	}
	text := readertest.DocxText(t, docx)
	for _, want := range []string{"Отчёт о настольных учениях", "Workshop Vienna, 12 March 2027", "Точки контакта: проверены",
		"Bold start then italic text.", "first item", "Kestria", "Inject number 79", "line one", "line two", "step two"} {
		if !strings.Contains(text, want) {
			t.Errorf("pandoc does not find %q in\n%s", want, text)
		}
	}
	if !strings.Contains(md, "**Bold start**") {
		t.Error("bold runs should stay bold")
	}

	p := parts(t, docx)
	if !strings.Contains(p["word/header1.xml"], "For workshop participants only") {
		t.Error("the classification line should be in the page header")
	}
	for _, field := range []string{" PAGE ", " NUMPAGES "} {
		if !strings.Contains(p["word/footer1.xml"], field) {
			t.Errorf("the footer lacks the %s field", field)
		}
	}
	if !strings.Contains(p["word/document.xml"], `<w:pgSz w:w="11906" w:h="16838"/>`) {
		t.Error("the page should be A4 portrait")
	}
	if !strings.Contains(p["word/document.xml"], "<w:tblHeader/>") {
		t.Error("a table's header row should repeat on every page")
	}
	if !strings.Contains(p["word/styles.xml"], `<w:lang w:val="ru"`) {
		t.Error("the document's language should be set on its default run properties")
	}
	if !strings.Contains(p["word/styles.xml"], `<w:outlineLvl w:val="2"/>`) {
		t.Error("Heading 3 should carry its outline level")
	}
}

func TestDOCXLandscapeAndDeterministic(t *testing.T) {
	d := sample()
	d.Landscape = true
	a, b := docxOf(t, d), docxOf(t, d)
	if !bytes.Equal(a, b) {
		t.Error("two renderings of one document differ")
	}
	if !strings.Contains(parts(t, a)["word/document.xml"], `w:orient="landscape"`) {
		t.Error("a landscape document should turn its pages")
	}
}

func TestDOCXEmptyDocumentAndControlCharacters(t *testing.T) {
	docx := docxOf(t, document.Doc{Title: "T\x00\x1b", Blocks: []document.Block{document.Table{}, document.List{}, document.Text("")}})
	parts(t, docx)
	if text := readertest.DocxText(t, docx); !strings.Contains(text, "T") {
		t.Errorf("pandoc reads %q", text)
	}
}
