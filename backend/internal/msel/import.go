package msel

import (
	"fmt"
	"sort"

	"github.com/cbmex/cbmex/backend/internal/cbm"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// importedName labels the resulting scenario in problems that no row explains.
const importedName = "imported scenario"

// Import reads an MSEL (CSV or XLSX, told apart by content) and returns base,
// the scenario's current YAML source, with its injects replaced by one
// inject per row. Everything else in base is kept, comments included.
//
// Nothing is imported unless every row can be used and the result validates:
// otherwise the error is an *ImportError naming every refused row. filename
// is only used in messages.
func Import(filename string, data []byte, base []byte, cbms *cbm.Set) ([]byte, Report, error) {
	wb, err := readWorkbook(data)
	if err != nil {
		return nil, Report{}, &ImportError{Reason: fmt.Sprintf("%s: %v", filename, err)}
	}
	defer wb.close()
	doc, root, err := parseBase(base)
	if err != nil {
		return nil, Report{}, &ImportError{Reason: err.Error()}
	}
	c := newConverter(readBase(root), wb.msel.sheet)
	rows := c.convert(wb)
	rep := c.report(wb.msel, len(rows))
	if len(rep.Refused) > 0 {
		return nil, rep, &ImportError{Report: rep}
	}
	pos, _ := baseInjects(root)
	orderLikeBase(rows, pos)
	injects := make([]scenario.Inject, len(rows))
	for i, x := range rows {
		injects[i] = x.inject
	}
	src, err := writeScenario(base, doc, root, injectsNode(root, injects))
	if err != nil {
		return nil, rep, fmt.Errorf("writing the scenario: %w", err)
	}
	if _, probs := scenario.Parse(importedName, src, cbms); len(probs) > 0 {
		rep, rest := blameRows(rep, wb.msel, rows, injectLines(src), probs)
		return nil, rep, &ImportError{Report: rep, Problems: rest}
	}
	return src, rep, nil
}

// convert reads the MSEL sheet and the expected actions.
func (c *converter) convert(wb workbook) []row {
	t := wb.msel
	if t.header == nil {
		c.refuse(t, 1, -1, "the sheet is empty; the first row should hold the headers (Time, Key, Title, Body…)")
		return nil
	}
	m, probs := mapColumns(t, mselHeaders[:], mselNames[:])
	c.add(probs...)
	c.add(requireMSELColumns(t, m)...)
	if c.probs.Len() > 0 {
		return nil // without the columns, every row would be refused for the same reason
	}
	if len(t.rows) == 0 {
		c.refuse(t, headerRow(t)+1, -1, "there are no injects below the headers; a scenario needs at least one")
		return nil
	}
	rows := c.mselRows(t, m)
	var sheet []actionRow
	if wb.actions != nil {
		known := map[string]bool{}
		for _, x := range rows {
			known[x.inject.Key] = true
		}
		sheet = c.actionSheet(*wb.actions, known)
	}
	c.attachActions(t, m, rows, sheet, wb.actions)
	return rows
}

// report counts the rows and lists the problems, MSEL sheet first, by row.
func (c *converter) report(t table, converted int) Report {
	used := 0
	for _, r := range t.rows {
		if !c.bad[sheetRow{t.sheet, r.num}] {
			used++
		}
	}
	return Report{Rows: len(t.rows), Used: used, Refused: c.probs.List()}
}

// blameRows turns the problems Parse found inside an imported inject into
// problems of the row it came from; the rest (a trigger releasing an inject
// that is gone, say) are returned as they are.
func blameRows(rep Report, t table, rows []row, lines []int, probs scenario.Problems) (Report, scenario.Problems) {
	var rest scenario.Problems
	bad := map[int]bool{}
	for _, p := range probs {
		i := sort.Search(len(lines), func(i int) bool { return lines[i] > p.Line }) - 1
		if i < 0 || i >= len(rows) {
			rest = append(rest, p)
			continue
		}
		num := rows[i].num
		bad[num] = true
		rep.Refused = append(rep.Refused, RowProblem{Sheet: t.sheet, Row: num,
			Message: fmt.Sprintf("row %d: %s", num, p.Message)})
	}
	rep.Used -= len(bad)
	return rep, rest
}
