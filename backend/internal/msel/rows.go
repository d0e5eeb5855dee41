package msel

import (
	"cmp"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// row is an inject made from one MSEL row, with what the row said about its
// first expected action (used only when the Expected actions sheet does not
// list any for it).
type row struct {
	num     int
	inject  scenario.Inject
	action  string
	cbms    []string
	explain string // the phase was left empty: why it could not be inferred
	badTime bool   // the Time cell was refused, so no phase can be inferred
}

// converter turns sheet rows into injects, collecting every problem rather
// than stopping at the first, so the facilitator can fix them all at once.
type converter struct {
	base  baseInfo
	probs *scenario.Collector[RowProblem]
	bad   map[sheetRow]bool // every refused row, counted even past the cap on problems
}

type sheetRow struct {
	sheet string
	row   int
}

// newConverter converts the rows of a workbook whose MSEL sheet is named
// mselSheet; its problems come first.
func newConverter(base baseInfo, mselSheet string) *converter {
	order := func(a, b RowProblem) int {
		if a.Sheet != b.Sheet {
			if a.Sheet == mselSheet {
				return -1
			}
			if b.Sheet == mselSheet {
				return 1
			}
			return 0 // in the order found
		}
		return cmp.Compare(a.Row, b.Row)
	}
	more := func(first RowProblem, n int) RowProblem {
		return RowProblem{Sheet: first.Sheet, Row: first.Row,
			Message: fmt.Sprintf("row %d: … and %d more problems from this row on; fix the ones above first", first.Row, n)}
	}
	return &converter{base: base, bad: map[sheetRow]bool{},
		probs: &scenario.Collector[RowProblem]{Compare: order, More: more}}
}

// add records problems.
func (c *converter) add(probs ...RowProblem) {
	for _, p := range probs {
		c.probs.Add(p)
		c.bad[sheetRow{p.Sheet, p.Row}] = true
	}
}

func (c *converter) refuse(t table, num, col int, format string, args ...any) {
	header := ""
	if col >= 0 && col < len(t.header) {
		header = strings.TrimSpace(t.header[col])
	}
	c.add(RowProblem{Sheet: t.sheet, Row: num, Column: header,
		Message: fmt.Sprintf("row %d: ", num) + fmt.Sprintf(format, args...)})
}

// checkCells refuses cells longer than any scenario text may be.
func (c *converter) checkCells(t table, r record) bool {
	ok := true
	for i, s := range r.cells {
		if n := utf8.RuneCountInString(s); n > MaxCellChars {
			c.refuse(t, r.num, i, "the %s cell has %d characters; at most %d are allowed", cellName(t, i), n, MaxCellChars)
			ok = false
		}
	}
	return ok
}

func cellName(t table, col int) string {
	if col < len(t.header) && strings.TrimSpace(t.header[col]) != "" {
		return strings.TrimSpace(t.header[col])
	}
	return fmt.Sprintf("column %d", col+1)
}

// mselRows converts every data row of the MSEL sheet.
func (c *converter) mselRows(t table, m columnMap) []row {
	keys := c.explicitKeys(t, m)
	used := map[string]int{} // key → row that has it
	storedTimes(t, m)
	var out []row
	for _, r := range t.rows {
		if !c.checkCells(t, r) {
			continue
		}
		// Bad rows are kept too: nothing is imported if any row is refused,
		// and later checks (the phase of an after chain) may still need them.
		out = append(out, c.mselRow(t, m, r, keys, used))
	}
	c.inferPhases(t, m, out)
	c.checkAfterRefs(t, m, out, used)
	return out
}

// storedTimes looks up the stored value of each Time cell whose text does
// not read as a time, all in one more pass over the sheet.
func storedTimes(t table, m columnMap) {
	if t.stored == nil || !m.has(fTime) {
		return
	}
	want := map[int]bool{}
	for _, r := range t.rows {
		if cell := r.cell(m[fTime]); strings.TrimSpace(cell) != "" {
			if _, msg := parseTime(cell); msg != "" {
				want[r.num] = true
			}
		}
	}
	if len(want) == 0 {
		return
	}
	stored := t.stored(m[fTime], want)
	for i := range t.rows {
		t.rows[i].storedTime = stored[t.rows[i].num]
	}
}

// explicitKeys collects the keys written in the Key column, so that keys
// made from titles can avoid them.
func (c *converter) explicitKeys(t table, m columnMap) map[string]bool {
	out := map[string]bool{}
	if !m.has(fKey) {
		return out
	}
	for _, r := range t.rows {
		if k := strings.TrimSpace(r.cell(m[fKey])); k != "" {
			out[k] = true
		}
	}
	return out
}

func (c *converter) mselRow(t table, m columnMap, r record, explicit map[string]bool, used map[string]int) row {
	get := func(f field) string {
		if !m.has(f) {
			return ""
		}
		return r.cell(m[f])
	}
	x := row{num: r.num}
	in := &x.inject
	in.Title, in.Body = get(fTitle), get(fBody)
	if strings.TrimSpace(in.Title) == "" {
		c.refuse(t, r.num, m[fTitle], "the title is empty; every inject needs one")
	}
	if strings.TrimSpace(in.Body) == "" {
		c.refuse(t, r.num, m[fBody], "the body is empty; write what the players read or hear")
	}
	in.Key = c.injectKey(t, m, r, get(fKey), in.Title, explicit, used)
	x.badTime = !c.timing(t, m, r, in)
	c.phase(t, m, r, get(fPhase), &x)
	var msg string
	if in.Channel, msg = parseChannel(get(fChannel)); msg != "" {
		c.refuse(t, r.num, m[fChannel], "%s", msg)
	}
	if in.Audience, msg = parseAudience(get(fTo), c.base.teams); msg != "" {
		c.refuse(t, r.num, m[fTo], "%s", msg)
	}
	if strings.TrimSpace(get(fFrom)) != "" {
		in.From = get(fFrom)
	}
	in.FromActor = strings.TrimSpace(get(fFromActor))
	if strings.TrimSpace(get(fNotes)) != "" {
		in.FacilitatorNotes = get(fNotes)
	}
	if strings.TrimSpace(get(fAction)) != "" {
		x.action = get(fAction)
	}
	if in.CommCheck, msg = parseYes(get(fCommCheck)); msg != "" {
		c.refuse(t, r.num, m[fCommCheck], "%s", msg)
	}
	x.cbms = parseCBMs(get(fCBMs))
	if len(x.cbms) > 0 && x.action == "" {
		c.refuse(t, r.num, m[fCBMs], "CBMs are given without an expected action; write the action in the %s column, or clear the CBMs", colExpectedAction)
	}
	return x
}

// injectKey takes the Key cell, or makes one from the title; made keys get
// -2, -3… when two titles give the same slug.
func (c *converter) injectKey(t table, m columnMap, r record, cell, title string, explicit map[string]bool, used map[string]int) string {
	key := strings.TrimSpace(cell)
	if key == "" {
		base := slug(title, scenario.MaxKeyLen-4)
		key = base
		for n := 2; explicit[key] || used[key] != 0; n++ {
			key = fmt.Sprintf("%s-%d", base, n)
		}
	} else if len(key) > scenario.MaxKeyLen || !keyRe.MatchString(key) {
		c.refuse(t, r.num, m[fKey], "the key %q may only hold lower-case letters, digits, - and _ (at most %d characters), e.g. %q",
			key, scenario.MaxKeyLen, slug(key, scenario.MaxKeyLen))
		return key
	}
	if prev := used[key]; prev != 0 {
		c.refuse(t, r.num, m[fKey], "the key %q is already used by row %d; every inject needs its own key", key, prev)
		return key
	}
	used[key] = r.num
	return key
}

// timing reads the Time cell; false if it was refused.
func (c *converter) timing(t table, m columnMap, r record, in *scenario.Inject) bool {
	cell := r.cell(m[fTime])
	tm, msg := parseTime(cell)
	if msg != "" && r.storedTime != "" {
		// A spreadsheet may have turned 0:15 into a time of day and shows it
		// in its own format ("12:15 AM"); the stored fraction of a day is exact.
		if d, ok := dayFraction(r.storedTime); ok {
			tm, msg = timing{at: &d}, ""
		}
	}
	if msg != "" {
		c.refuse(t, r.num, m[fTime], "%s", msg)
		return false
	}
	in.At, in.After, in.Contingency = tm.at, tm.after, tm.contingency
	return true
}

// phase matches the Phase cell by key or title. An empty cell is filled in
// later from the time, when the time says when the inject comes out.
func (c *converter) phase(t table, m columnMap, r record, cell string, x *row) {
	if strings.TrimSpace(cell) == "" {
		x.explain = "the phase is empty"
		return
	}
	key, ok := find(c.base.phaseNames(), cell)
	if !ok {
		c.refuse(t, r.num, m[fPhase], "the phase %q is not a phase of this scenario; use a key or title among: %s",
			strings.TrimSpace(cell), keys(c.base.phaseNames()))
		return
	}
	x.inject.Phase = key
}

// inferPhases gives injects without a phase the one running when they are
// released, following after chains; contingency injects have no such time.
func (c *converter) inferPhases(t table, m columnMap, rows []row) {
	byKey := map[string]*scenario.Inject{}
	for i := range rows {
		byKey[rows[i].inject.Key] = &rows[i].inject
	}
	for i := range rows {
		x := &rows[i]
		if x.inject.Phase != "" || x.explain == "" || x.badTime {
			continue
		}
		at, ok := releaseAt(&x.inject, byKey)
		if ok {
			x.inject.Phase, ok = c.base.phaseAt(at)
		}
		if !ok {
			c.refuse(t, x.num, m[fPhase], "%s and the time does not fix when the inject comes out; write the phase's key or title, among: %s",
				x.explain, keys(c.base.phaseNames()))
		}
	}
}

// releaseAt follows an after chain to a fixed offset, giving up on a
// contingency inject, an unknown key or a circle.
func releaseAt(in *scenario.Inject, byKey map[string]*scenario.Inject) (at time.Duration, ok bool) {
	var total time.Duration
	for steps := 0; steps <= len(byKey); steps++ {
		switch {
		case in.At != nil:
			return total + *in.At, true
		case in.After == nil:
			return 0, false
		}
		total += in.After.Delay
		if in, ok = byKey[in.After.Inject]; !ok {
			return 0, false
		}
	}
	return 0, false
}

// checkAfterRefs refuses a time that follows an inject not in the sheet.
func (c *converter) checkAfterRefs(t table, m columnMap, rows []row, used map[string]int) {
	for _, x := range rows {
		if a := x.inject.After; a != nil && used[a.Inject] == 0 {
			c.refuse(t, x.num, m[fTime], "the time follows inject %q, which is not in the sheet; use the Key of another row", a.Inject)
		}
	}
}

// parseYes reads a yes/no cell; empty means no.
func parseYes(v string) (bool, string) {
	switch normalize(v) {
	case "", "no", "n", "false", "0", "-":
		return false, ""
	case "yes", "y", "true", "1", "x":
		return true, ""
	}
	return false, "write yes or leave the cell empty (found \"" + v + "\")"
}
