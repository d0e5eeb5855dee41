package msel

import (
	"bytes"
	"io/fs"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/cbmex/cbmex/scenarios"
)

// TestExportQuotesFormulaLikeText: an inject titled =1+1 (and a body, a
// source that begin with -, @) reaches the workbook as a string cell with a
// quote prefix, so no spreadsheet evaluates it, even after an edit; the
// text itself is unchanged, so the import reads it back as it was.
func TestExportQuotesFormulaLikeText(t *testing.T) {
	src, err := fs.ReadFile(scenarios.FS, "grid-cascade.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sc := mustParse(t, "grid-cascade.yaml", src)
	for i := range sc.Injects {
		if sc.Injects[i].At != nil && *sc.Injects[i].At == 0 {
			sc.Injects[i].Title, sc.Injects[i].Body, sc.Injects[i].From = "=1+1", "-2 degrees", "@SUM(1)"
		}
	}
	var buf bytes.Buffer
	if err := ExportXLSX(sc, &buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// Row 2 is the first inject in release order: the one at 0:00.
	for cell, want := range map[string]string{"E2": "=1+1", "F2": "@SUM(1)", "I2": "-2 degrees"} {
		if got, _ := f.GetCellValue(SheetMSEL, cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
		if formula, _ := f.GetCellFormula(SheetMSEL, cell); formula != "" {
			t.Errorf("%s is a formula: %q", cell, formula)
		}
		if typ, _ := f.GetCellType(SheetMSEL, cell); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("%s has type %v, want a string", cell, typ)
		}
		if !quotePrefix(t, f, cell) {
			t.Errorf("%s has no quote prefix", cell)
		}
	}
	// Ordinary text keeps the ordinary style.
	if quotePrefix(t, f, "E3") {
		t.Error("E3 (an ordinary title) has a quote prefix")
	}
	out, _, err := Import("grid-cascade.xlsx", buf.Bytes(), src, nil)
	if err != nil {
		t.Fatal(err)
	}
	back := mustParse(t, "grid-cascade.yaml", out)
	found := false
	for _, in := range back.Injects {
		found = found || (in.Title == "=1+1" && in.From == "@SUM(1)" && in.Body == "-2 degrees")
	}
	if !found {
		t.Error("the import did not read the quoted cells back as they were")
	}
}

// quotePrefix reads a cell's format record as the file stores it.
func quotePrefix(t *testing.T, f *excelize.File, cell string) bool {
	t.Helper()
	id, err := f.GetCellStyle(SheetMSEL, cell)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.GetStyle(id); err != nil { // loads the style sheet
		t.Fatal(err)
	}
	xf := f.Styles.CellXfs.Xf[id]
	return xf.QuotePrefix != nil && *xf.QuotePrefix
}
