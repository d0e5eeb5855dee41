package document

// The .docx renderer writes the OOXML parts itself (archive/zip and XML
// escaping from the standard library) rather than through a library. The
// maintained Go package that fits best, github.com/gomutex/godocx, has
// headings and tables, but no way to add header and footer parts (it keeps
// the relationship API unexported) and no fields, so neither the
// classification line on every page nor "page n of N" can be written with it;
// excelize's author has no Word counterpart. The parts cbmex needs are few and
// fixed (styles, numbering, one header, one footer, settings), so they are
// written here from small templates, and the file is the same byte for byte
// for the same document.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// Twips (1/20 pt) of the A4 page and its margins, the same 18 mm as the PDF.
const (
	a4Short     = 11906
	a4Long      = 16838
	docxMargin  = 1021 // 18 mm
	docxHdrDist = 454  // 8 mm: the classification line sits above the text
)

// WriteDOCX renders the document as a Word (.docx) file: A4, Word's own
// Heading 1–3 styles (so the navigation pane and a table of contents work), tables whose header row repeats on every page, the
// classification line in the page header, "page / pages" fields in the footer
// and the document's language on every run.
func WriteDOCX(w io.Writer, d Doc) error {
	var body docxBody
	body.title(d)
	for _, b := range d.Blocks {
		body.block(b, d.Landscape)
	}
	body.section(d.Landscape)

	parts := []struct{ name, content string }{
		{"[Content_Types].xml", docxContentTypes},
		{"_rels/.rels", docxRootRels},
		{"docProps/core.xml", docxCore(d)},
		{"docProps/app.xml", docxApp},
		{"word/_rels/document.xml.rels", docxDocRels},
		{"word/document.xml", docxDocumentHead + body.String() + docxDocumentTail},
		{"word/styles.xml", docxStyles(d.Lang)},
		{"word/settings.xml", docxSettings(d.Lang)},
		{"word/numbering.xml", body.numbering()},
		{"word/header1.xml", docxHeader(d.Classification)},
		{"word/footer1.xml", docxFooter(d.Subtitle)},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		// A fixed time keeps the file the same for the same document.
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.content); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// docxBody accumulates word/document.xml's body; orderedLists counts the
// numbered lists, each of which gets its own numbering instance so that it
// starts at 1.
type docxBody struct {
	strings.Builder
	orderedLists int
}

// title uses styles of its own rather than Word's Title and Subtitle: readers
// such as pandoc take those for metadata and drop them from the text, and the
// workshop's name and date belong on the page.
func (b *docxBody) title(d Doc) {
	b.para("DocTitle", "", []Run{{Text: d.Title}})
	if d.Subtitle != "" {
		b.para("DocSubtitle", "", []Run{{Text: d.Subtitle}})
	}
}

func (b *docxBody) block(bl Block, landscape bool) {
	switch v := bl.(type) {
	case Heading:
		level := min(max(v.Level, 1), 3)
		b.para(fmt.Sprintf("Heading%d", level), "", []Run{{Text: v.Text}})
	case Paragraph:
		style, extra := "", ""
		if v.Small {
			style = "Small"
		}
		if v.isLabel() {
			extra = "<w:keepNext/>"
		}
		b.para(style, extra, v.Runs)
	case List:
		numID := 1 // bullets
		if v.Ordered {
			b.orderedLists++
			numID = 1 + b.orderedLists
		}
		for _, it := range v.Items {
			b.para("ListParagraph", fmt.Sprintf(`<w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr>`, numID), it.Runs)
		}
	case Table:
		b.table(v, landscape)
	case PageBreak:
		b.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
	}
}

// para writes one paragraph; extra is more paragraph properties (numbering).
func (b *docxBody) para(style, extra string, runs []Run) {
	b.WriteString("<w:p>")
	if style != "" || extra != "" {
		b.WriteString("<w:pPr>")
		if style != "" {
			fmt.Fprintf(b, `<w:pStyle w:val="%s"/>`, style)
		}
		b.WriteString(extra)
		b.WriteString("</w:pPr>")
	}
	for _, r := range runs {
		b.run(r, false)
	}
	b.WriteString("</w:p>")
}

// run writes a run; line breaks and tabs in the text become Word's own.
func (b *docxBody) run(r Run, forceBold bool) {
	if r.Text == "" {
		return
	}
	b.WriteString("<w:r>")
	if r.Bold || r.Italic || forceBold {
		b.WriteString("<w:rPr>")
		if r.Bold || forceBold {
			b.WriteString("<w:b/>")
		}
		if r.Italic {
			b.WriteString("<w:i/>")
		}
		b.WriteString("</w:rPr>")
	}
	for i, line := range strings.Split(r.Text, "\n") {
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		for j, piece := range strings.Split(line, "\t") {
			if j > 0 {
				b.WriteString("<w:tab/>")
			}
			if piece != "" {
				b.WriteString(`<w:t xml:space="preserve">`)
				b.WriteString(esc(piece))
				b.WriteString("</w:t>")
			}
		}
	}
	b.WriteString("</w:r>")
}

// table writes a full-width grid; the header row is marked tblHeader so Word
// repeats it on every page the table runs over.
func (b *docxBody) table(t Table, landscape bool) {
	cols := len(t.Header)
	for _, row := range t.Rows {
		cols = max(cols, len(row))
	}
	if cols == 0 {
		return
	}
	avail := a4Short - 2*docxMargin
	if landscape {
		avail = a4Long - 2*docxMargin
	}
	widths := make([]int, cols)
	sum := 0.0
	rel := make([]float64, cols)
	for i := range rel {
		rel[i] = 1
		if i < len(t.Widths) && t.Widths[i] > 0 {
			rel[i] = t.Widths[i]
		}
		sum += rel[i]
	}
	for i := range widths {
		widths[i] = int(rel[i] / sum * float64(avail))
	}
	b.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>`)
	fmt.Fprintf(b, `<w:tblW w:w="%d" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`, avail)
	for _, w := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString("</w:tblGrid>")
	if len(t.Header) > 0 {
		b.row(t.Header, widths, true)
	}
	for _, r := range t.Rows {
		b.row(r, widths, false)
	}
	b.WriteString("</w:tbl>")
	// Word needs a paragraph between two tables, and it spaces the next block.
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Small"/></w:pPr></w:p>`)
}

func (b *docxBody) row(cells []string, widths []int, header bool) {
	b.WriteString("<w:tr><w:trPr><w:cantSplit/>")
	if header {
		b.WriteString("<w:tblHeader/>")
	}
	b.WriteString("</w:trPr>")
	for i, w := range widths {
		text := ""
		if i < len(cells) {
			text = strings.TrimSpace(cells[i])
		}
		fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, w)
		if header {
			b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="E6E9EE"/>`)
		}
		b.WriteString(`</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr>`)
		b.run(Run{Text: text}, header)
		b.WriteString("</w:p></w:tc>")
	}
	b.WriteString("</w:tr>")
}

// section is the last element of the body: page size, margins, and the
// header and footer parts.
func (b *docxBody) section(landscape bool) {
	w, h, orient := a4Short, a4Long, ""
	if landscape {
		w, h, orient = a4Long, a4Short, ` w:orient="landscape"`
	}
	fmt.Fprintf(b, `<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:footerReference w:type="default" r:id="rIdFooter"/>`+
		`<w:pgSz w:w="%d" w:h="%d"%s/><w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/></w:sectPr>`,
		w, h, orient, docxMargin, docxMargin, docxMargin, docxMargin, docxHdrDist, docxHdrDist)
}

// numbering is word/numbering.xml: one bullet list (numId 1) and one
// decimal numbering per ordered list, each restarting at 1.
func (b *docxBody) numbering() string {
	var s strings.Builder
	s.WriteString(xmlHead + `<w:numbering ` + wNS + `>`)
	s.WriteString(`<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="397" w:hanging="284"/></w:pPr></w:lvl></w:abstractNum>`)
	s.WriteString(`<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="397" w:hanging="397"/></w:pPr></w:lvl></w:abstractNum>`)
	s.WriteString(`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`)
	for i := range b.orderedLists {
		fmt.Fprintf(&s, `<w:num w:numId="%d"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`, i+2)
	}
	s.WriteString(`</w:numbering>`)
	return s.String()
}

// esc escapes text for XML; characters XML cannot hold become U+FFFD.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	// EscapeText also escapes newlines and tabs, which callers split off.
	return b.String()
}

func docxHeader(classification string) string {
	var b docxBody
	if classification != "" {
		b.para("HeaderLine", "", []Run{{Text: classification, Bold: true}})
	} else {
		b.para("HeaderLine", "", nil)
	}
	return xmlHead + `<w:hdr ` + wNS + ` ` + rNS + `>` + b.String() + `</w:hdr>`
}

// docxFooter is the subtitle on the left and "PAGE / NUMPAGES" on the right
// tab stop, as fields Word and LibreOffice fill in.
func docxFooter(subtitle string) string {
	var b docxBody
	b.WriteString(`<w:p><w:pPr><w:pStyle w:val="FooterLine"/></w:pPr>`)
	b.run(Run{Text: subtitle}, false)
	b.WriteString(`<w:r><w:tab/></w:r>`)
	field := func(name string) {
		b.WriteString(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ` + name + ` </w:instrText></w:r>` +
			`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`)
	}
	field("PAGE")
	b.WriteString(`<w:r><w:t xml:space="preserve"> / </w:t></w:r>`)
	field("NUMPAGES")
	b.WriteString(`</w:p>`)
	return xmlHead + `<w:ftr ` + wNS + ` ` + rNS + `>` + b.String() + `</w:ftr>`
}

func docxCore(d Doc) string {
	lang := ""
	if d.Lang != "" {
		lang = `<dc:language>` + esc(d.Lang) + `</dc:language>`
	}
	return xmlHead + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(d.Title) + `</dc:title><dc:subject>` + esc(d.Subtitle) + `</dc:subject><dc:creator>cbmex</dc:creator>` + lang +
		`</cp:coreProperties>`
}

// docxStyles defines the styles the body uses. Heading 1–3 carry outline
// levels (the navigation pane and tables of contents read them); the
// document's language is set on the default run properties.
func docxStyles(lang string) string {
	if lang == "" {
		lang = "en"
	}
	l := esc(lang)
	heading := func(n, size, before int) string {
		return fmt.Sprintf(`<w:style w:type="paragraph" w:styleId="Heading%d"><w:name w:val="heading %d"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>`+
			`<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="%d" w:after="80"/><w:outlineLvl w:val="%d"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3A5F"/><w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr></w:style>`,
			n, n, before, n-1, size, size)
	}
	return xmlHead + `<w:styles ` + wNS + `>` +
		`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="20"/><w:szCs w:val="20"/>` +
		`<w:lang w:val="` + l + `" w:eastAsia="` + l + `" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:after="100" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="DocTitle"><w:name w:val="Document Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="60"/></w:pPr><w:rPr><w:b/><w:sz w:val="40"/><w:szCs w:val="40"/></w:rPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="DocSubtitle"><w:name w:val="Document Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:color w:val="464646"/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style>` +
		heading(1, 32, 360) + heading(2, 26, 240) + heading(3, 22, 200) +
		`<w:style w:type="paragraph" w:styleId="Small"><w:name w:val="Small"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/><w:pPr><w:spacing w:after="40"/><w:ind w:left="397"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="HeaderLine"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:color w:val="5A5A5A"/><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr></w:style>` +
		fmt.Sprintf(`<w:style w:type="paragraph" w:styleId="FooterLine"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="right" w:pos="%d"/></w:tabs><w:spacing w:after="0"/></w:pPr><w:rPr><w:color w:val="5A5A5A"/><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr></w:style>`, a4Short-2*docxMargin) +
		`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
		`<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:tblPr><w:tblBorders>` +
		`<w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/>` +
		`</w:tblBorders></w:tblPr></w:style>` +
		`</w:styles>`
}

// docxSettings asks Word to refresh the page fields on opening and names the
// document's language for its proofing tools.
func docxSettings(lang string) string {
	if lang == "" {
		lang = "en"
	}
	return xmlHead + `<w:settings ` + wNS + `><w:defaultTabStop w:val="709"/><w:characterSpacingControl w:val="doNotCompress"/>` +
		`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="` + esc(lang) + `"/></w:settings>`
}

const (
	xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	wNS     = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	rNS     = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

	docxContentTypes = xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
		`<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
		`<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>` +
		`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
		`</Types>`

	docxRootRels = xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
		`</Relationships>`

	docxApp = xmlHead + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>cbmex</Application></Properties>`

	docxDocRels = xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
		`<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>` +
		`<Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>` +
		`<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>` +
		`</Relationships>`

	docxDocumentHead = xmlHead + `<w:document ` + wNS + ` ` + rNS + `><w:body>`
	docxDocumentTail = `</w:body></w:document>`
)
