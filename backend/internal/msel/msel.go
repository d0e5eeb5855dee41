// Package msel converts a scenario's injects to and from a Master Scenario
// Events List (MSEL) spreadsheet, because many facilitators plan their
// exercises in Excel or LibreOffice rather than in YAML.
//
// ExportXLSX writes a workbook that Import reads back without loss; Import
// also accepts the looser CSV and XLSX lists facilitators already keep, and
// either imports every row or nothing, with a report naming each row that
// could not be used.
package msel

import (
	"fmt"
	"strings"

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// Limits on an uploaded spreadsheet. They are far above a real MSEL (a few
// dozen rows; an exported 1 MiB scenario unpacks to about 2 MiB) and keep
// the memory one import takes small whatever the file holds.
const (
	MaxRows         = 2000                     // data rows of the Expected actions sheet
	MaxFileSize     = 5 << 20                  // bytes, as uploaded
	MaxCellChars    = 20000                    // characters in one cell, the longest scenario text
	maxUnzipped     = 8 << 20                  // bytes once the XLSX is unzipped (zip bombs)
	maxColumns      = 100                      // columns read per row; a value further right is refused
	maxSheetColumns = 16384                    // columns a spreadsheet can have (A to XFD)
	maxCells        = 50_000                   // cells kept from one file; 200 injects and 2000 actions take 15,000
	maxText         = 2 * scenario.MaxFileSize // bytes of cell text kept from one file
	xlsxMagic       = "PK\x03\x04"             // every XLSX is a zip archive
	oleMagic        = "\xd0\xcf\x11\xe0"       // legacy .xls and encrypted workbooks
)

// Sheet names of the exported workbook; Import looks for the same names.
const (
	SheetMSEL    = "MSEL"
	SheetActions = "Expected actions"
	SheetReadMe  = "Read me"
)

// Report says how many rows an import read and which it could not use.
type Report struct {
	Rows    int          // non-empty data rows on the MSEL sheet
	Used    int          // rows that became injects
	Refused []RowProblem // every row that could not be used, in sheet order
}

// RowProblem is one reason a row could not be used.
type RowProblem struct {
	Sheet   string // "" for a CSV file
	Row     int    // 1-based, as the spreadsheet shows it; the header is row 1
	Column  string // the header of the offending column, "" if it is the whole row
	Message string // a plain sentence starting with "row N:"
}

func (p RowProblem) String() string {
	if p.Sheet == "" {
		return p.Message
	}
	return fmt.Sprintf("sheet %q, %s", p.Sheet, p.Message)
}

// ImportError is returned when nothing was imported: some rows were refused,
// or the resulting scenario does not validate.
type ImportError struct {
	Report   Report
	Problems scenario.Problems // problems in the resulting scenario that no row explains
	Reason   string            // set when the file as a whole could not be read
}

func (e *ImportError) Error() string {
	var lines []string
	if e.Reason != "" {
		lines = append(lines, e.Reason)
	}
	if n := len(e.Report.Refused); n > 0 {
		lines = append(lines, fmt.Sprintf("nothing was imported: %d problem(s) in the spreadsheet", n))
		for _, p := range e.Report.Refused {
			lines = append(lines, p.String())
		}
	}
	if len(e.Problems) > 0 {
		lines = append(lines, "nothing was imported: the scenario would not be valid")
		for _, p := range e.Problems {
			lines = append(lines, p.Message)
		}
	}
	return strings.Join(lines, "\n")
}
