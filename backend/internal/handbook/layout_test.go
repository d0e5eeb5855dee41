package handbook

import (
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/document"
	"github.com/cbmex/cbmex/backend/internal/document/readertest"
	"github.com/cbmex/cbmex/scenarios"
)

// No page of a bundled scenario's guide or manuals is left almost empty:
// a table header at the foot of a page once spread one cell per page.
func TestNoPageIsAlmostEmpty(t *testing.T) {
	files, err := scenarios.FS.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		id, ok := strings.CutSuffix(f.Name(), ".yaml")
		if !ok || strings.Contains(id, ".") {
			continue
		}
		sc, o := bundled(t, id, "")
		docs := map[string]document.Doc{"guide": Guide(sc, o)}
		for _, tm := range sc.Teams {
			if docs["manual "+tm.Key], err = Manual(sc, tm.Key, o); err != nil {
				t.Fatal(err)
			}
		}
		for name, d := range docs {
			pages := strings.Split(readertest.PDFText(t, pdfOf(t, d)), "\f")
			for i, p := range pages[:len(pages)-1] { // the text ends with a form feed
				if n := len(strings.Fields(p)); n < 25 {
					t.Errorf("%s, %s: page %d has only %d words", id, name, i+1, n)
				}
			}
		}
	}
}
