package msel

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// The MSEL sheet's columns, in order; Import finds them by these headers
// (and their synonyms).
const (
	colSeq            = "Seq"
	colTime           = "Time"
	colKey            = "Key"
	colPhase          = "Phase"
	colTitle          = "Title"
	colFrom           = "From"
	colTo             = "To"
	colChannel        = "Channel"
	colBody           = "Body"
	colNotes          = "Facilitator notes"
	colExpectedAction = "Expected action"
	colCBMs           = "CBMs"
	colCommCheck      = "Comm check"
	colFromActor      = "From actor"
)

// The Expected actions sheet's columns.
const (
	colActInject = "Inject"
	colActKey    = "Key"
	colActTeam   = "Team"
	colActText   = "Text"
	colActCBMs   = "CBMs"
	colActWithin = "Within"
	// What shows the action (see scenarios/README.md, Expected actions).
	colActShownBy    = "Shown by"
	colActObservable = "Observable"
	colActTo         = "To"
	colActChannels   = "Channels"
	colActKind       = "Kind"
	colActFrom       = "From"
)

// column is a header with its width (in characters) and whether long text
// in it should wrap.
type column struct {
	header string
	width  float64
	wrap   bool
}

var mselColumns = []column{
	{colSeq, 6, false}, {colTime, 22, false}, {colKey, 24, false}, {colPhase, 16, false},
	{colTitle, 36, true}, {colFrom, 22, true}, {colTo, 18, true}, {colChannel, 18, false},
	{colBody, 70, true}, {colNotes, 50, true}, {colExpectedAction, 50, true}, {colCBMs, 10, false},
	{colCommCheck, 12, false}, {colFromActor, 16, false},
}

var actionColumns = []column{
	{colActInject, 24, false}, {colActKey, 24, false}, {colActTeam, 16, false},
	{colActText, 70, true}, {colActCBMs, 10, false}, {colActWithin, 10, false},
	{colActShownBy, 14, false}, {colActObservable, 11, false}, {colActTo, 18, false}, {colActChannels, 22, false},
	{colActKind, 14, false}, {colActFrom, 14, false},
}

const readMe = `The sheet "MSEL" lists the injects in release order, one per row. Time is an offset from the start of play such as 0:15 or 1:05 (hours:minutes), or "after <inject key> +10m" to follow another inject, or "contingency" for an inject held until a trigger or a facilitator releases it. To is "all", "facilitators", or team keys separated by commas. Channel is one of news, intelligence_report, official_note, social_media, email, phone_call, situation_report. Expected action and CBMs repeat the inject's first expected action. Comm check "yes" makes the release also a communication check of every team's points of contact. From actor is the key of the scenario's actor (played by the exercise control) the inject comes from, or empty.

The sheet "Expected actions" lists every expected action, one per row (Within is the time the team has, such as 20m; an empty Team means every team that receives the inject). Shown by, Observable, To, Channels, Kind and From say what would show the action, as in the scenario file: Shown by is message (or empty), poc_entry, commcheck_ack or answers; Observable "no" means the evaluators judge it; To lists team keys, any_team or control; Channels lists message channel keys; Kind is information, consultation or assistance; From is exercise_start, phase_start (or empty) or release. When the sheet is present, cbmex takes the expected actions from it. Edit either sheet and import the workbook back into cbmex: every row is checked, and if any row cannot be used nothing is imported and each problem is reported with its row number.`

// ExportXLSX writes the scenario's injects as an MSEL workbook that Import
// reads back without loss.
func ExportXLSX(s *scenario.Scenario, w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	injects := releaseOrder(s)
	if err := f.SetSheetName(f.GetSheetName(0), SheetMSEL); err != nil {
		return err
	}
	if err := writeSheet(f, SheetMSEL, mselColumns, mselRows(injects)); err != nil {
		return err
	}
	if _, err := f.NewSheet(SheetActions); err != nil {
		return err
	}
	if err := writeSheet(f, SheetActions, actionColumns, actionRows(injects)); err != nil {
		return err
	}
	if err := writeReadMe(f); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// releaseOrder lists the injects as play will release them: timed ones by
// their computed offset (ties in file order), then contingency injects and
// those that follow them, in file order.
func releaseOrder(s *scenario.Scenario) []scenario.Inject {
	out := make([]scenario.Inject, 0, len(s.Injects))
	timed := map[string]bool{}
	for _, si := range s.Schedule() {
		if in, ok := s.Inject(si.Key); ok {
			out = append(out, *in)
			timed[si.Key] = true
		}
	}
	for _, in := range s.Injects {
		if !timed[in.Key] {
			out = append(out, in)
		}
	}
	return out
}

// yesIf is how a spreadsheet says true.
func yesIf(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

func mselRows(injects []scenario.Inject) [][]any {
	rows := make([][]any, 0, len(injects))
	for i, in := range injects {
		var action, cbms string
		if len(in.ExpectedActions) > 0 {
			action, cbms = in.ExpectedActions[0].Text, joinCBMs(in.ExpectedActions[0].CBMs)
		}
		rows = append(rows, []any{i + 1, formatTime(in), in.Key, in.Phase, in.Title, in.From,
			formatAudience(in.Audience), string(in.Channel), in.Body, in.FacilitatorNotes, action, cbms, yesIf(in.CommCheck), in.FromActor})
	}
	return rows
}

func actionRows(injects []scenario.Inject) [][]any {
	var rows [][]any
	for _, in := range injects {
		for _, a := range in.ExpectedActions {
			within := ""
			if a.Within != nil {
				within = formatDuration(*a.Within)
			}
			observable := ""
			if a.NotObservable {
				observable = "no"
			}
			rows = append(rows, []any{in.Key, a.Key, strings.Join(a.Teams, ", "), a.Text, joinCBMs(a.CBMs), within,
				string(a.ShownBy), observable, strings.Join(a.To, ", "), strings.Join(a.Channels, ", "), string(a.Kind), string(a.From)})
		}
	}
	return rows
}

func formatAudience(a scenario.Audience) string {
	switch {
	case a.Facilitators:
		return "facilitators"
	case a.All:
		return "all"
	}
	return strings.Join(a.Teams, ", ")
}

func joinCBMs(cbms []string) string { return strings.Join(cbms, ", ") }

// writeSheet writes a header and rows, with a bold frozen header, column
// widths and wrapped text where cells hold paragraphs.
func writeSheet(f *excelize.File, sheet string, cols []column, rows [][]any) error {
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Alignment: &excelize.Alignment{Vertical: "top"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE5F0"}}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	plain, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return err
	}
	quoted := make([]int, len(cols)) // per column: its style with the quote prefix
	for i, c := range cols {
		name, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, name, name, c.width); err != nil {
			return err
		}
		style := plain
		if c.wrap {
			style = wrap
		}
		if err := f.SetColStyle(sheet, name, style); err != nil {
			return err
		}
		if quoted[i], err = quotePrefixed(f, style); err != nil {
			return err
		}
	}
	if err := writeRow(f, sheet, 1, headers(cols), nil); err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(len(cols))
	if err := f.SetCellStyle(sheet, "A1", last+"1", header); err != nil {
		return err
	}
	for i, r := range rows {
		if err := writeRow(f, sheet, i+2, r, quoted); err != nil {
			return err
		}
	}
	return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// quotePrefixed adds a copy of a cell style that marks its cells' text with
// a quote prefix, as a spreadsheet does when one types '=1+1: the cell
// stays text even when someone edits it and presses Enter. excelize has no
// option for it, so the attribute is set on the copied format record
// itself. The copy comes after the original, so excelize, which reuses the
// first matching record, never hands it out for another style.
func quotePrefixed(f *excelize.File, style int) (int, error) {
	if f.Styles == nil || f.Styles.CellXfs == nil || style < 0 || style >= len(f.Styles.CellXfs.Xf) {
		return 0, fmt.Errorf("cell style %d not found", style)
	}
	xf := f.Styles.CellXfs.Xf[style]
	yes := true
	xf.QuotePrefix = &yes
	f.Styles.CellXfs.Xf = append(f.Styles.CellXfs.Xf, xf)
	f.Styles.CellXfs.Count = len(f.Styles.CellXfs.Xf)
	return len(f.Styles.CellXfs.Xf) - 1, nil
}

// formulaLike tells whether a spreadsheet would take text for a formula
// (OWASP's list for CSV injection: =, +, -, @, a tab or a carriage return
// first).
func formulaLike(s string) bool {
	return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0]))
}

func headers(cols []column) []any {
	out := make([]any, len(cols))
	for i, c := range cols {
		out[i] = c.header
	}
	return out
}

// writeRow sets every cell explicitly: strings as strings, so that a time
// such as 0:15 or a title such as "=1" is never turned into a number or a
// formula; a string that looks like a formula also gets its column's
// quote-prefixed style (quoted, by column; nil for the header).
func writeRow(f *excelize.File, sheet string, row int, values []any, quoted []int) error {
	for i, v := range values {
		cell, err := excelize.CoordinatesToCellName(i+1, row)
		if err != nil {
			return err
		}
		switch v := v.(type) {
		case string:
			if v == "" {
				continue
			}
			err = f.SetCellStr(sheet, cell, v)
			if err == nil && formulaLike(v) && i < len(quoted) {
				err = f.SetCellStyle(sheet, cell, cell, quoted[i])
			}
		default:
			err = f.SetCellValue(sheet, cell, v)
		}
		if err != nil {
			return fmt.Errorf("writing %s!%s: %w", sheet, cell, err)
		}
	}
	return nil
}

func writeReadMe(f *excelize.File) error {
	if _, err := f.NewSheet(SheetReadMe); err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	if err := f.SetColWidth(SheetReadMe, "A", "A", 110); err != nil {
		return err
	}
	for i, para := range strings.Split(readMe, "\n\n") {
		cell := fmt.Sprintf("A%d", i+1)
		if err := f.SetCellStr(SheetReadMe, cell, para); err != nil {
			return err
		}
		if err := f.SetCellStyle(SheetReadMe, cell, cell, wrap); err != nil {
			return err
		}
		if err := f.SetRowHeight(SheetReadMe, i+1, 110); err != nil {
			return err
		}
	}
	return nil
}
