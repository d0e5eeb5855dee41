package msel

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// table is one sheet as read: its header and its non-empty data rows.
type table struct {
	sheet     string // "" for CSV
	header    []string
	headerNum int // the header's row number
	rows      []record
	// raw returns a cell's stored value (not its displayed text), for the
	// rare times a spreadsheet turned "0:15" into a time of day; nil for CSV,
	// and valid until the workbook is closed.
	raw func(row, col int) string
}

// record is one data row, with its number as the spreadsheet shows it.
type record struct {
	num   int
	cells []string
}

// cell returns column i of the record, or "" when the row is shorter.
func (r record) cell(i int) string {
	if i < 0 || i >= len(r.cells) {
		return ""
	}
	return r.cells[i]
}

func (r record) empty() bool {
	for _, c := range r.cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// workbook is what Import reads: the MSEL sheet and, from an XLSX that has
// it, the Expected actions sheet.
type workbook struct {
	msel    table
	actions *table
	close   func()
}

// errTooManyRows stops reading a sheet that is past MaxRows.
var errTooManyRows = fmt.Errorf("the sheet has more than %d rows; split it or remove empty rows", MaxRows)

// readWorkbook detects the format by content: file names and extensions are
// often wrong once a file has been mailed around.
func readWorkbook(data []byte) (workbook, error) {
	if len(data) > MaxFileSize {
		return workbook{}, fmt.Errorf("the file is %d bytes long; spreadsheets may be at most %d bytes (5 MiB)", len(data), MaxFileSize)
	}
	switch {
	case bytes.HasPrefix(data, []byte(xlsxMagic)):
		return readXLSX(data)
	case bytes.HasPrefix(data, []byte(oleMagic)):
		return workbook{}, errors.New("this is an old Excel (.xls) or a password-protected workbook; save it as .xlsx without a password, or as CSV UTF-8")
	}
	t, err := readCSV(data)
	return workbook{msel: t, close: func() {}}, err
}

// readCSV reads a comma- or semicolon-separated file in UTF-8, with or
// without a byte order mark (Excel writes one and uses semicolons in many
// European locales).
func readCSV(data []byte) (table, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		return table{}, errors.New("the file is neither an XLSX workbook nor UTF-8 text; in Excel use Save as › CSV UTF-8 (comma delimited), or save as .xlsx")
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sniffDelimiter(data)
	r.FieldsPerRecord = -1 // spreadsheets drop trailing empty cells
	var recs []record
	for num := 1; ; num++ {
		cells, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return table{}, csvError(err)
		}
		if recs, err = appendRecord(recs, record{num: num, cells: cells}); err != nil {
			return table{}, err
		}
	}
	return splitHeader("", recs), nil
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("the CSV file cannot be read at line %d: %v; check the quotes around that cell", pe.Line, pe.Err)
	}
	return err
}

// sniffDelimiter picks ; or , by counting them outside quotes on the first
// line, the header, where neither is likely to be part of a cell.
func sniffDelimiter(data []byte) rune {
	commas, semis, quoted := 0, 0, false
	for _, b := range data {
		switch {
		case b == '"':
			quoted = !quoted
		case quoted:
		case b == '\n':
			if semis > commas {
				return ';'
			}
			return ','
		case b == ',':
			commas++
		case b == ';':
			semis++
		}
	}
	if semis > commas {
		return ';'
	}
	return ','
}

// splitHeader takes the first row as the header and the others as data.
func splitHeader(sheet string, recs []record) table {
	t := table{sheet: sheet}
	for _, r := range recs {
		if t.header == nil {
			t.header, t.headerNum = r.cells, r.num
			continue
		}
		t.rows = append(t.rows, r)
	}
	return t
}

// appendRecord keeps non-empty rows, and stops reading once there are more
// than the header and MaxRows data rows.
func appendRecord(recs []record, r record) ([]record, error) {
	if r.empty() {
		return recs, nil
	}
	if len(recs) > MaxRows {
		return nil, errTooManyRows
	}
	r.cells = truncateRow(r.cells)
	return append(recs, r), nil
}

// truncateRow caps the number of columns kept: a crafted file could give a
// row thousands of cells.
func truncateRow(cells []string) []string {
	if len(cells) > maxColumns {
		return cells[:maxColumns]
	}
	return cells
}

// readXLSX opens the workbook with unzip limits, so that a small file that
// inflates to gigabytes (a zip bomb) is refused before it is expanded.
func readXLSX(data []byte) (workbook, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    maxUnzipped,
		UnzipXMLSizeLimit: maxUnzipped, // keep every part in memory: no temporary files
	})
	if err != nil {
		// excelize has no sentinel for this one, only a formatted message.
		if strings.Contains(err.Error(), "unzip size exceeds") {
			return workbook{}, fmt.Errorf("the workbook unpacks to more than %d MiB; it cannot be an MSEL", maxUnzipped>>20)
		}
		return workbook{}, fmt.Errorf("the file looks like an XLSX workbook but cannot be opened (%v); save it again from your spreadsheet program", err)
	}
	wb, err := readSheets(f)
	if err != nil {
		f.Close()
		return workbook{}, err
	}
	wb.close = func() { f.Close() }
	return wb, nil
}

// readSheets reads the MSEL sheet (by name, or else the first sheet: a
// facilitator's own MSEL) and the Expected actions sheet if there is one.
func readSheets(f *excelize.File) (workbook, error) {
	sheets := f.GetSheetList()
	name := findSheet(sheets, SheetMSEL)
	if name == "" {
		name = sheets[0]
	}
	var (
		wb  workbook
		err error
	)
	if wb.msel, err = readSheet(f, name); err != nil {
		return workbook{}, err
	}
	if act := findSheet(sheets, SheetActions); act != "" {
		t, err := readSheet(f, act)
		if err != nil {
			return workbook{}, err
		}
		wb.actions = &t
	}
	return wb, nil
}

func findSheet(sheets []string, want string) string {
	for _, s := range sheets {
		if strings.EqualFold(strings.TrimSpace(s), want) {
			return s
		}
	}
	return ""
}

// readSheet streams the rows, stopping as soon as there are too many.
func readSheet(f *excelize.File, sheet string) (table, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return table{}, fmt.Errorf("the sheet %q cannot be read: %v", sheet, err)
	}
	defer rows.Close()
	var recs []record
	for num := 1; rows.Next(); num++ {
		cells, err := rows.Columns()
		if err != nil {
			return table{}, fmt.Errorf("the sheet %q cannot be read at row %d: %v", sheet, num, err)
		}
		if recs, err = appendRecord(recs, record{num: num, cells: cells}); err != nil {
			return table{}, fmt.Errorf("the sheet %q %s", sheet, strings.TrimPrefix(err.Error(), "the sheet "))
		}
	}
	if err := rows.Error(); err != nil {
		return table{}, fmt.Errorf("the sheet %q cannot be read: %v", sheet, err)
	}
	t := splitHeader(sheet, recs)
	t.raw = func(row, col int) string {
		cell, err := excelize.CoordinatesToCellName(col+1, row)
		if err != nil {
			return ""
		}
		v, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		return v
	}
	return t, nil
}
