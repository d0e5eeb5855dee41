package msel

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// Workbooks no spreadsheet program would write, built part by part: each
// would take hundreds of megabytes to open if nothing looked inside first.

const (
	nsMain  = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	xmlDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`
	// oneSheet and twoSheets are workbook.xml <sheets> elements.
	oneSheet  = `<sheets><sheet name="MSEL" sheetId="1" r:id="rId1"/></sheets>`
	twoSheets = `<sheets><sheet name="MSEL" sheetId="1" r:id="rId1"/><sheet name="Expected actions" sheetId="2" r:id="rId2"/></sheets>`
)

// xlsxOf zips a minimal workbook whose <sheets> element is sheets, with the
// worksheets given (sheet1.xml, sheet2.xml…) and any other parts.
func xlsxOf(t testing.TB, sheets string, worksheets []string, more map[string]string) []byte {
	t.Helper()
	var rels strings.Builder
	parts := map[string]string{
		"[Content_Types].xml": xmlDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
		"_rels/.rels":         xmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":     xmlDecl + `<workbook ` + nsMain + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` + sheets + `</workbook>`,
	}
	for i, ws := range worksheets {
		parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)] = xmlDecl + `<worksheet ` + nsMain + `><sheetData>` + ws + `</sheetData></worksheet>`
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	parts["xl/_rels/workbook.xml.rels"] = xmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels.String() + `</Relationships>`
	for k, v := range more {
		parts[k] = v
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rows is a header row and n data rows made by data(r) for row number r,
// each followed by extra (with %d standing for the row number).
func rows(n int, header []string, data func(r int) []string, extra string) string {
	var b strings.Builder
	row := func(r int, cells []string) {
		fmt.Fprintf(&b, `<row r="%d">`, r)
		for i, v := range cells {
			fmt.Fprintf(&b, `<c r="%c%d" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+i, r, v)
		}
		if r > 1 {
			b.WriteString(strings.ReplaceAll(extra, "%d", strconv.Itoa(r)))
		}
		b.WriteString(`</row>`)
	}
	row(1, header)
	for r := 2; r <= n+1; r++ {
		row(r, data(r))
	}
	return b.String()
}

// mselRowsWith is an MSEL sheet of n injects with the given body.
func mselRowsWith(n int, body, extra string) string {
	return rows(n, []string{"Key", "Time", "Phase", "Title", "Body"}, func(r int) []string {
		return []string{fmt.Sprintf("k%d", r), fmt.Sprintf("0:%02d", 5+r%50), "detection", fmt.Sprintf("Title %d", r), body}
	}, extra)
}

// sheetRows is an MSEL sheet of n injects, each row followed by extra.
func sheetRows(n int, extra string) string { return mselRowsWith(n, "B", extra) }

// actionSheetRows is an Expected actions sheet of n rows, each followed by extra.
func actionSheetRows(n int, extra string) string {
	return rows(n, []string{"Inject", "Key", "Team", "Text", "CBMs", "Within"}, func(r int) []string {
		return []string{"k2", fmt.Sprintf("k2-%d", r), "", "Call", "", ""}
	}, extra)
}

// hostileFile is one crafted upload and what its refusal says.
type hostileFile struct {
	name  string
	build func(t testing.TB) []byte
	says  string
}

func many(n int, s string) string { return strings.Repeat(s, n) }

// hostileFiles are refused before they take memory.
var hostileFiles = []hostileFile{
	// The file: every row reaches column XFD, the last one.
	{"rows to column XFD", func(t testing.TB) []byte {
		return xlsxOf(t, oneSheet, []string{sheetRows(MaxRows, `<c r="XFD%d"><v>1</v></c>`)}, nil)
	}, "row 2 has a value in column XFD; an MSEL may use at most 100 columns"},
	{"no sheets", func(t testing.TB) []byte {
		return xlsxOf(t, `<sheets/>`, []string{sheetRows(3, "")}, nil)
	}, "the workbook has no sheets"},
	{"a million shared strings", func(t testing.TB) []byte {
		return xlsxOf(t, oneSheet, []string{sheetRows(3, `<c r="F%d" t="s"><v>0</v></c>`)}, map[string]string{
			"xl/sharedStrings.xml": xmlDecl + `<sst ` + nsMain + `>` + many(1<<20, `<si/>`) + `</sst>`})
	}, "hold more than 50000 XML elements"},
	{"a million styles", func(t testing.TB) []byte {
		return xlsxOf(t, oneSheet, []string{sheetRows(3, "")}, map[string]string{
			"xl/styles.xml": xmlDecl + `<styleSheet ` + nsMain + `><cellXfs>` + many(1<<20, `<xf/>`) + `</cellXfs></styleSheet>`})
	}, "hold more than 50000 XML elements"},
	{"130,000 sheets", func(t testing.TB) []byte {
		return xlsxOf(t, `<sheets>`+many(1<<17, `<sheet name="x" sheetId="1" r:id="rId1"/>`)+`</sheets>`, []string{sheetRows(3, "")}, nil)
	}, "hold more than 50000 XML elements"},
	{"a cell of 130,000 runs", func(t testing.TB) []byte {
		return xlsxOf(t, oneSheet, []string{sheetRows(3, `<c r="F%d" t="inlineStr"><is>`+many(1<<17, `<r><t>a</t></r>`)+`</is></c>`)}, nil)
	}, "holds more than 1000 XML elements"},
	{"a 7 MiB cell", func(t testing.TB) []byte {
		return xlsxOf(t, oneSheet, []string{sheetRows(1, `<c r="F%d" t="inlineStr"><is><t>`+many(7<<20, "a")+`</t></is></c>`)}, nil)
	}, "holds a text of more than 256 KiB"},
	{"a 7 MiB cell in CDATA", func(t testing.TB) []byte {
		return xlsxOf(t, oneSheet, []string{sheetRows(1, `<c r="F%d" t="inlineStr"><is><t><![CDATA[`+many(1<<20, "<aaaaaa")+`]]></t></is></c>`)}, nil)
	}, "holds a text of more than 256 KiB"},
	{"deep nesting", func(t testing.TB) []byte {
		return xlsxOf(t, oneSheet, []string{sheetRows(3, many(1<<18, `<x>`))}, nil)
	}, "nests XML elements more than 64 deep"},
	{"2001 expected actions", func(t testing.TB) []byte {
		return xlsxOf(t, twoSheets, []string{sheetRows(3, ""), actionSheetRows(MaxRows+1, "")}, nil)
	}, `on the sheet "Expected actions", there are more than 2000 rows`},
	{"2000 rows of 100 cells", func(t testing.TB) []byte {
		return xlsxOf(t, twoSheets, []string{sheetRows(scenario.MaxInjects, ""), actionSheetRows(MaxRows, many(maxColumns-6, `<c t="inlineStr"><is><t>x</t></is></c>`))}, nil)
	}, "hold more than 50000 cells"},
	{"a line of five million commas", func(testing.TB) []byte {
		return []byte("Key,Time,Title,Body" + many(MaxFileSize-100, ",") + "\n")
	}, "row 1 has more than 16384 columns"},
	{"rows of 16384 columns", func(testing.TB) []byte {
		return []byte(many(300, "k,0:05,detection,T,B"+many(maxSheetColumns-6, ",")+"x\n"))
	}, "row 1 has a value in column XF"},
}

// heavyFiles pass the checks on the package and are as large as they allow:
// what they take to read bounds what any upload takes. Each has a full MSEL
// sheet (200 injects) and fills an Expected actions sheet, read up to 2000
// rows, with what its name says.
var heavyFiles = []hostileFile{
	{name: "shared strings at the cap", build: func(t testing.TB) []byte {
		var sst strings.Builder
		for i := 0; i < maxDecoded/2-200; i++ {
			fmt.Fprintf(&sst, `<si><t>%d</t></si>`, i)
		}
		return xlsxOf(t, twoSheets, []string{sheetRows(scenario.MaxInjects, ""), actionSheetRows(MaxRows, many(20, `<c t="s"><v>7</v></c>`))}, map[string]string{
			"xl/sharedStrings.xml": xmlDecl + `<sst ` + nsMain + `>` + sst.String() + `</sst>`})
	}},
	{name: "styles at the cap", build: func(t testing.TB) []byte {
		return xlsxOf(t, twoSheets, []string{sheetRows(scenario.MaxInjects, ""), actionSheetRows(MaxRows, many(20, `<c s="7"><v>0.5</v></c>`))}, map[string]string{
			"xl/styles.xml": xmlDecl + `<styleSheet ` + nsMain + `><numFmts><numFmt numFmtId="164" formatCode="h:mm"/></numFmts><cellXfs>` +
				many(maxDecoded-200, `<xf numFmtId="164" applyNumberFormat="1"/>`) + `</cellXfs></styleSheet>`})
	}},
	{name: "rich cells at the cap", build: func(t testing.TB) []byte {
		cell := `<c t="inlineStr"><is>` + many(maxCellElements/2-1, `<r><t>a</t></r>`) + `</is></c>`
		return xlsxOf(t, twoSheets, []string{sheetRows(scenario.MaxInjects, ""), actionSheetRows(maxUnzipped/(len(cell)+300)-50, cell)}, nil)
	}},
	{name: "long cells at the cap", build: func(t testing.TB) []byte {
		cell := `<c t="inlineStr"><is><t>` + many(maxTextRun-100, "a") + `</t></is></c>`
		return xlsxOf(t, twoSheets, []string{sheetRows(scenario.MaxInjects, ""), actionSheetRows(maxUnzipped/(len(cell)+300)-2, cell)}, nil)
	}},
	{name: "cells at the cap", build: func(t testing.TB) []byte {
		return xlsxOf(t, twoSheets, []string{sheetRows(scenario.MaxInjects, ""), actionSheetRows(MaxRows, many(18, `<c t="inlineStr"><is><t>x</t></is></c>`))}, nil)
	}},
	{name: "200 injects of 5000 characters", build: func(t testing.TB) []byte {
		return xlsxOf(t, oneSheet, []string{mselRowsWith(scenario.MaxInjects, many(5000, "a"), "")}, nil)
	}},
	{name: "CSV of one 5 MiB cell", build: func(testing.TB) []byte {
		return []byte("Key,Time,Title,Body\nk,0:05,T,\"" + many(MaxFileSize-100, "a") + "\"\n")
	}},
}

// Each crafted file is refused with a sentence saying why.
func TestImportRefusesHostileWorkbooks(t *testing.T) {
	base := testBase(t)
	for _, f := range hostileFiles {
		t.Run(f.name, func(t *testing.T) {
			out, _, err := Import("hostile.xlsx", f.build(t), base, nil)
			var ie *ImportError
			if out != nil || !errors.As(err, &ie) || !strings.Contains(ie.Reason, f.says) {
				t.Errorf("err = %.300v, want an *ImportError saying %q", err, f.says)
			}
		})
	}
}

// TestImportMemory logs the memory that importing each crafted file takes,
// for the record; it asserts nothing (the figure depends on the machine and
// the runtime). Each import runs in a child process that holds only that
// file, like a server at rest: the peak of its resident set size, reset
// after warming up, minus the resident size at rest. Linux only.
func TestImportMemory(t *testing.T) {
	if name := os.Getenv("MSEL_MEMORY_CASE"); name != "" {
		memoryChild(t, name)
		return
	}
	if os.Getenv("MSEL_MEMORY") == "" {
		t.Skip("a measurement, not a check: run with MSEL_MEMORY=1 go test -run TestImportMemory -v")
	}
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Skipf("cannot reset the peak resident size: %v", err)
	}
	for _, f := range append(append([]hostileFile(nil), hostileFiles...), heavyFiles...) {
		t.Logf("%-34s %s", f.name, memoryOf(t, f.name, 1))
	}
	for _, name := range []string{hostileFiles[0].name, "rich cells at the cap"} {
		t.Logf("%-34s %s", name+", four at once", memoryOf(t, name, 4))
	}
}

func memoryOf(t *testing.T, name string, n int) string {
	cmd := exec.Command(os.Args[0], "-test.run=^TestImportMemory$", "-test.v")
	cmd.Env = append(os.Environ(), "MSEL_MEMORY_CASE="+name, fmt.Sprintf("MSEL_MEMORY_N=%d", n))
	out, err := cmd.CombinedOutput()
	if _, panicked, ok := strings.Cut(string(out), "panic: "); ok {
		panicked, _, _ = strings.Cut(panicked, "\n")
		return "the import panicked: " + panicked
	}
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
	_, res, ok := strings.Cut(string(out), "MEMORY ")
	if !ok {
		t.Fatalf("%s: no figure in\n%s", name, out)
	}
	res, _, _ = strings.Cut(res, "\n")
	return res
}

// memoryChild builds one file, imports it n times at once and prints the
// figures.
func memoryChild(t *testing.T, name string) {
	n, _ := strconv.Atoi(os.Getenv("MSEL_MEMORY_N"))
	var data []byte
	for _, f := range append(append([]hostileFile(nil), hostileFiles...), heavyFiles...) {
		if f.name == name {
			data = f.build(t)
		}
	}
	base := testBase(t)
	if _, _, err := Import("warm-up.csv", []byte(facilitatorCSV), base, nil); err != nil {
		t.Fatal(err) // loads the CBM catalogues, as a running server has
	}
	runtime.GC()
	debug.FreeOSMemory()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Fatal(err)
	}
	idle := procStatus(t, "VmRSS")
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var wg sync.WaitGroup
	for range max(n, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, _ = Import("hostile", data, base, nil)
		}()
	}
	wg.Wait()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	fmt.Printf("MEMORY %5d KiB upload, peak RSS %4d MiB above %d MiB at rest, %5d MiB allocated\n", len(data)>>10,
		(procStatus(t, "VmHWM")-idle)>>10, idle>>10, (after.TotalAlloc-before.TotalAlloc)>>20)
}

// procStatus reads a size in KiB from /proc/self/status.
func procStatus(t *testing.T, field string) int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatalf("no %s in /proc/self/status", field)
	return 0
}
