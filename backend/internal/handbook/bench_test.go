package handbook

import (
	"bytes"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/document"
)

// The documents of grid-cascade, a 4-team, 120-minute scenario: how long
// building and rendering each takes and how large it is (bytes/doc).
//
//	go test -run '^$' -bench . ./backend/internal/handbook/
func BenchmarkDocuments(b *testing.B) {
	sc, o := bundled(b, "grid-cascade", "")
	cases := []struct {
		name  string
		doc   func() document.Doc
		write func(*bytes.Buffer, document.Doc) error
	}{
		{"guide.pdf", func() document.Doc { return Guide(sc, o) }, writePDF},
		{"guide.docx", func() document.Doc { return Guide(sc, o) }, writeDOCX},
		{"manual.pdf", func() document.Doc { d, _ := Manual(sc, "halvena", o); return d }, writePDF},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var size int
			for b.Loop() {
				var buf bytes.Buffer
				if err := c.write(&buf, c.doc()); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size), "bytes/doc")
		})
	}
}

func writePDF(b *bytes.Buffer, d document.Doc) error  { return document.WritePDF(b, d) }
func writeDOCX(b *bytes.Buffer, d document.Doc) error { return document.WriteDOCX(b, d) }
