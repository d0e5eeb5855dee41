package handbook

import (
	"bytes"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/cbm"
	"github.com/cbmex/cbmex/backend/internal/document"
	"github.com/cbmex/cbmex/backend/internal/scenario"
	"github.com/cbmex/cbmex/scenarios"
)

// bundled reads a bundled scenario in lang ("" for its source language),
// with its catalogue in that language.
func bundled(t testing.TB, id, lang string) (*scenario.Scenario, Options) {
	t.Helper()
	set, err := cbm.Load()
	if err != nil {
		t.Fatal(err)
	}
	src, err := scenarios.FS.ReadFile(id + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	sc, probs := scenario.Parse(id+".yaml", src, set)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if lang != "" && lang != sc.SourceLanguage() {
		data, err := scenarios.FS.ReadFile(id + "." + lang + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		tr, probs := scenario.ParseTranslation(id+"."+lang+".yaml", data)
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		sc, _ = scenario.Localize(sc, tr)
	}
	if lang == "" {
		lang = sc.SourceLanguage()
	}
	cat, _ := set.Catalogue(sc.Catalogue)
	return sc, Options{Lang: lang, Classification: "For workshop participants only",
		Subtitle: "Vienna workshop, 27 November 2026", CBMs: cat.In(lang)}
}

func pdfOf(t testing.TB, d document.Doc) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := document.WritePDF(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
