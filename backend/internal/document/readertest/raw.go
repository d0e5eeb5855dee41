package readertest

import "testing"

// PDFRawText is the text pdftotext reads in content order, without the
// layout: a table cell's wrapped lines come one after the other, so a
// sentence in a narrow column reads as written.
func PDFRawText(t testing.TB, pdf []byte) string {
	t.Helper()
	return run(t, Need(t, "pdftotext", "poppler-utils"), pdf, "doc.pdf", "-enc", "UTF-8", "IN", "-")
}
