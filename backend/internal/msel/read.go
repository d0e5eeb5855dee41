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

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// table is one sheet as read: its header and its non-empty data rows.
type table struct {
	sheet     string // "" for CSV
	header    []string
	headerNum int // the header's row number
	rows      []record
	// stored reads the stored values (not the displayed text) of column
	// col in the given rows; nil for CSV, and valid until the workbook is
	// closed.
	stored func(col int, rows map[int]bool) map[int]string
}

// record is one data row, with its number as the spreadsheet shows it.
type record struct {
	num   int
	cells []string
	// storedTime is the stored value of a Time cell whose text does not
	// read as a time (XLSX only): a spreadsheet may have turned "0:15" into
	// a time of day, shown in its own format.
	storedTime string
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
	comma := sniffDelimiter(data)
	// encoding/csv holds a whole record in memory before handing it over:
	// refuse a line of millions of separators before it is read.
	if num, ok := widestRecord(data, comma); !ok {
		return table{}, fmt.Errorf("row %d has more than %d columns, more than a spreadsheet can hold; it cannot be an MSEL", num, maxSheetColumns)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = comma
	r.FieldsPerRecord = -1 // spreadsheets drop trailing empty cells
	var (
		recs []record
		k    kept
	)
	for num := 1; ; num++ {
		cells, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return table{}, csvError(err)
		}
		if recs, err = k.add(recs, record{num: num, cells: cells}, mselRowLimit); err != nil {
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

// widestRecord checks that no record has more fields than a spreadsheet has
// columns; if one has, it returns false and the record's number.
func widestRecord(data []byte, comma rune) (int, bool) {
	num, fields, quoted := 1, 1, false
	for _, b := range data {
		switch {
		case b == '"':
			quoted = !quoted
		case quoted:
		case b == '\n':
			num, fields = num+1, 1
		case rune(b) == comma:
			if fields++; fields > maxSheetColumns {
				return num, false
			}
		}
	}
	return 0, true
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

// rowLimit is the most data rows a sheet may have, and the sentence that
// refuses one more.
type rowLimit struct {
	rows    int
	refusal string
}

var (
	// Every row of the MSEL sheet is an inject.
	mselRowLimit = rowLimit{scenario.MaxInjects, fmt.Sprintf(
		"there are more than %d injects (rows below the headers), the most a scenario may have", scenario.MaxInjects)}
	actionRowLimit = rowLimit{MaxRows, fmt.Sprintf(
		"there are more than %d rows; split the sheet or remove empty rows", MaxRows)}
)

// kept counts what is kept from a file, all sheets together.
type kept struct {
	cells int // up to the last non-empty one of each row
	text  int // bytes
}

// add keeps a non-empty row, and refuses the file as soon as a limit is
// passed: more data rows than the sheet may have, a value right of the last
// column read, more cells than any MSEL has or more text than a scenario
// file can hold. Whatever a file holds, what is kept of it stays small.
func (k *kept) add(recs []record, r record, limit rowLimit) ([]record, error) {
	if r.empty() {
		return recs, nil
	}
	if len(recs) > limit.rows {
		return nil, errors.New(limit.refusal)
	}
	cells, err := trimRow(r.num, r.cells)
	if err != nil {
		return nil, err
	}
	if k.cells += len(cells); k.cells > maxCells {
		return nil, fmt.Errorf("the rows up to row %d hold more than %d cells; an MSEL has a few thousand", r.num, maxCells)
	}
	for _, c := range cells {
		k.text += len(c)
	}
	if k.text > maxText {
		return nil, fmt.Errorf("the rows up to row %d hold more than %d MiB of text, more than a scenario file may (%d MiB)",
			r.num, maxText>>20, scenario.MaxFileSize>>20)
	}
	r.cells = cells
	return append(recs, r), nil
}

// trimRow drops the empty cells at the end of a row and refuses a value
// right of column maxColumns. A row reaching column XFD arrives as 16,384
// cells: what is kept is then a copy, not a slice of it.
func trimRow(num int, cells []string) ([]string, error) {
	last := len(cells) - 1
	for last >= 0 && strings.TrimSpace(cells[last]) == "" {
		last--
	}
	if last >= maxColumns {
		return nil, fmt.Errorf("row %d has a value in column %s; an MSEL may use at most %d columns (A to %s): delete the columns right of %s",
			num, columnName(last), maxColumns, columnName(maxColumns-1), columnName(maxColumns-1))
	}
	if len(cells) > maxColumns {
		return append([]string(nil), cells[:last+1]...), nil
	}
	return cells[:last+1], nil
}

// columnName is the spreadsheet's name of the 0-based column i ("A", "CV").
func columnName(i int) string {
	name, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return fmt.Sprintf("%d", i+1)
	}
	return name
}

// readXLSX checks what the workbook holds before excelize opens it (see
// checkPackage), then opens it with unzip limits and every part in memory:
// no temporary files.
func readXLSX(data []byte) (workbook, error) {
	if err := checkPackage(data); err != nil {
		return workbook{}, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    maxUnzipped,
		UnzipXMLSizeLimit: maxUnzipped,
	})
	if err != nil {
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
	if len(sheets) == 0 {
		return workbook{}, errors.New("the workbook has no sheets; save it again from your spreadsheet program, with the MSEL on its first sheet")
	}
	name := findSheet(sheets, SheetMSEL)
	if name == "" {
		name = sheets[0]
	}
	var (
		wb  workbook
		k   kept
		err error
	)
	if wb.msel, err = readSheet(f, name, &k, mselRowLimit); err != nil {
		return workbook{}, err
	}
	if act := findSheet(sheets, SheetActions); act != "" {
		t, err := readSheet(f, act, &k, actionRowLimit)
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

// readSheet streams the rows, stopping at the first past a limit. Asking
// excelize for single cells instead would decode the whole sheet.
func readSheet(f *excelize.File, sheet string, k *kept, limit rowLimit) (table, error) {
	var recs []record
	err := eachRow(f, sheet, false, func(num int, cells []string) (err error) {
		recs, err = k.add(recs, record{num: num, cells: cells}, limit)
		return err
	})
	if err != nil {
		return table{}, err
	}
	t := splitHeader(sheet, recs)
	t.stored = func(col int, rows map[int]bool) map[int]string {
		out := map[int]string{}
		_ = eachRow(f, sheet, true, func(num int, cells []string) error {
			if rows[num] && col < len(cells) {
				out[num] = cells[col]
			}
			return nil
		})
		return out
	}
	return t, nil
}

// eachRow streams the rows of a sheet, their displayed text or their
// stored values, to fn.
func eachRow(f *excelize.File, sheet string, stored bool, fn func(num int, cells []string) error) error {
	rows, err := f.Rows(sheet)
	if err != nil {
		return fmt.Errorf("the sheet %q cannot be read: %v", sheet, err)
	}
	defer rows.Close()
	for num := 1; rows.Next(); num++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: stored})
		if err != nil {
			return fmt.Errorf("the sheet %q cannot be read at row %d: %v", sheet, num, err)
		}
		if err := fn(num, cells); err != nil {
			return fmt.Errorf("on the sheet %q, %v", sheet, err)
		}
	}
	if err := rows.Error(); err != nil {
		return fmt.Errorf("the sheet %q cannot be read: %v", sheet, err)
	}
	return nil
}
