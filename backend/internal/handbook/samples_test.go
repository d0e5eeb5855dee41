package handbook

import (
	"os"
	"path/filepath"
	"testing"
)

// TestSamples renders the tutorial's guide and Valdoria's manual (the scenario of the report picture); with
// CBMEX_DOC_DIR set it keeps them there, to be turned into the
// docs/screenshots pictures with pdftoppm (see docs/documents.md).
func TestSamples(t *testing.T) {
	dir := os.Getenv("CBMEX_DOC_DIR")
	if dir == "" {
		dir = t.TempDir()
	}
	sc, o := bundled(t, "tutorial-first-contact", "")
	o.Classification = "" // each document prints its own handling line
	manual, err := Manual(sc, "valdoria", o)
	if err != nil {
		t.Fatal(err)
	}
	for name, pdf := range map[string][]byte{"guide.pdf": pdfOf(t, Guide(sc, o)), "manual-valdoria.pdf": pdfOf(t, manual)} {
		if len(pdf) < 1000 || string(pdf[:5]) != "%PDF-" {
			t.Fatalf("%s is not a PDF (%d bytes)", name, len(pdf))
		}
		if err := os.WriteFile(filepath.Join(dir, name), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
