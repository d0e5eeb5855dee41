package handbook

import (
	"os"
	"testing"
)

// TestRenderFiles writes the PDFs of cable-cut for a look, when
// HANDBOOK_OUT names a folder.
func TestRenderFiles(t *testing.T) {
	dir := os.Getenv("HANDBOOK_OUT")
	if dir == "" {
		t.Skip("HANDBOOK_OUT not set")
	}
	sc, o := bundled(t, "cable-cut", "")
	m, err := Manual(sc, "kestria", o)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir+"/manual.pdf", pdfOf(t, m), 0o644); err != nil {
		t.Fatal(err)
	}
}
