package httpapi

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

func (e *env) raw(method, path, bearer, ctype string, body []byte) resp {
	e.t.Helper()
	hr, _ := http.NewRequest(method, e.srv.URL+path, bytes.NewReader(body))
	hr.Header.Set("Authorization", "Bearer "+bearer)
	hr.Header.Set("Content-Type", ctype)
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(res.Body)
	r := resp{status: res.StatusCode, header: res.Header, raw: buf.Bytes()}
	_ = json.Unmarshal(r.raw, &r.json) // a body that is not JSON (CSV, a spreadsheet) leaves json nil; raw has it
	e.checkContract(hr, res, r.raw)
	return r
}

// Exporting a scenario's MSEL and importing it back adds no version; a
// spreadsheet with bad rows is refused whole, naming the rows.
func TestMSELRoundTripAndRefusal(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t))
	fac := e.facilitatorToken()
	r := e.do(req{method: "GET", path: "/api/v1/scenarios/grid-cascade/msel.xlsx", bearer: fac})
	if r.status != http.StatusOK || !strings.HasPrefix(string(r.raw), "PK") {
		t.Fatalf("export: %d %q", r.status, r.raw[:min(20, len(r.raw))])
	}
	back := e.raw("POST", "/api/v1/scenarios/grid-cascade/msel?filename=grid.xlsx", fac, xlsxType, r.raw)
	if back.status != http.StatusOK || back.json["created"] != false {
		t.Fatalf("round trip: %d %s", back.status, back.raw)
	}
	csv := "Time,Title,Body,To\n0:05,Fine,A body,all\ntomorrow,Broken,Another,all\n0:10,,No title,nobody\n"
	bad := e.raw("POST", "/api/v1/scenarios/grid-cascade/msel?filename=msel.csv", fac, "text/csv", []byte(csv))
	expectError(t, bad, http.StatusUnprocessableEntity, "invalid_msel")
	probs := bad.json["error"].(map[string]any)["problems"].([]any)
	rows := map[float64]bool{}
	for _, p := range probs {
		rows[p.(map[string]any)["row"].(float64)] = true
	}
	if !rows[3] || !rows[4] || rows[2] {
		t.Fatalf("refused rows %v, want 3 and 4 only: %s", rows, bad.raw)
	}
	vs := e.do(req{method: "GET", path: "/api/v1/scenarios/grid-cascade", bearer: fac}).json["versions"].([]any)
	if len(vs) != 1 {
		t.Fatalf("%d versions after a round trip and a refused import, want 1", len(vs))
	}
}

// handmadeXLSX zips a workbook part by part: sheets is workbook.xml's
// <sheets> element, rows the first worksheet's <sheetData> content.
func handmadeXLSX(t *testing.T, sheets, rows string) []byte {
	t.Helper()
	const rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
	parts := [][2]string{
		{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`},
		{"_rels/.rels", rels + `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` + sheets + `</workbook>`},
		{"xl/_rels/workbook.xml.rels", rels + `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + rows + `</sheetData></worksheet>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p[0])
		if err == nil {
			_, err = w.Write([]byte(p[1]))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A workbook without sheets, and one whose rows reach column XFD (which
// used to take 0.85 GB to read), are refused with a 422 saying why.
func TestMSELHostileWorkbooks(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t))
	fac := e.facilitatorToken()
	var wide strings.Builder
	wide.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>Title</t></is></c><c r="B1" t="inlineStr"><is><t>Body</t></is></c></row>`)
	for r := 2; r <= 2000; r++ {
		fmt.Fprintf(&wide, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>T</t></is></c><c r="XFD%d"><v>1</v></c></row>`, r, r, r)
	}
	sheet := `<sheets><sheet name="MSEL" sheetId="1" r:id="rId1"/></sheets>`
	for _, tt := range []struct {
		name, says string
		data       []byte
	}{
		{"no sheets", "the workbook has no sheets", handmadeXLSX(t, `<sheets/>`, "")},
		{"rows to XFD", "row 2 has a value in column XFD", handmadeXLSX(t, sheet, wide.String())},
		{"a million styles", "more than 50000 XML elements", handmadeXLSX(t, sheet+`<x>`+strings.Repeat(`<y/>`, 1<<20)+`</x>`, "")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := e.raw("POST", "/api/v1/scenarios/grid-cascade/msel?filename=msel.xlsx", fac, xlsxType, tt.data)
			expectError(t, r, http.StatusUnprocessableEntity, "invalid_msel")
			if !strings.Contains(string(r.raw), tt.says) {
				t.Errorf("the refusal does not say %q: %s", tt.says, r.raw)
			}
		})
	}
}
