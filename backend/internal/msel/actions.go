package msel

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// actionRow is an expected action read from the Expected actions sheet.
type actionRow struct {
	num    int
	inject string
	action scenario.ExpectedAction
}

// actionSheet reads every row of the Expected actions sheet.
func (c *converter) actionSheet(t table, injects map[string]bool) []actionRow {
	m, probs := mapColumns(t, actionHeaders[:], actionNames[:])
	c.add(probs...)
	missing := false
	for _, f := range []field{aInject, aText} {
		if !m.has(f) {
			c.refuse(t, headerRow(t), -1, "there is no %s column on this sheet; add it, or delete the sheet to take the expected actions from the MSEL sheet", actionNames[f])
			missing = true
		}
	}
	if missing {
		return nil
	}
	var out []actionRow
	for _, r := range t.rows {
		if !c.checkCells(t, r) {
			continue
		}
		if a, ok := c.actionRow(t, m, r, injects); ok {
			out = append(out, a)
		}
	}
	return out
}

func (c *converter) actionRow(t table, m columnMap, r record, injects map[string]bool) (actionRow, bool) {
	get := func(f field) string {
		if !m.has(f) {
			return ""
		}
		return r.cell(m[f])
	}
	before := c.probs.Len()
	a := actionRow{num: r.num, inject: strings.TrimSpace(get(aInject))}
	if !injects[a.inject] {
		c.refuse(t, r.num, m[aInject], "the inject %q is not a Key on the %s sheet", a.inject, SheetMSEL)
	}
	a.action.Key = strings.TrimSpace(get(aKey))
	if a.action.Key != "" && (len(a.action.Key) > scenario.MaxKeyLen || !keyRe.MatchString(a.action.Key)) {
		c.refuse(t, r.num, m[aKey], "the key %q may only hold lower-case letters, digits, - and _, e.g. %q", a.action.Key, slug(a.action.Key, scenario.MaxKeyLen))
	}
	for _, team := range splitList(get(aTeam)) {
		key, ok := find(c.base.teams, team)
		if !ok {
			c.refuse(t, r.num, m[aTeam], "the team %q is not a team of this scenario; use keys or names among: %s (or leave it empty for every team that receives the inject)",
				team, keys(c.base.teams))
		}
		a.action.Teams = append(a.action.Teams, key)
	}
	a.action.Text = get(aText)
	if strings.TrimSpace(a.action.Text) == "" {
		c.refuse(t, r.num, m[aText], "the text is empty; say what the team is expected to do")
	}
	a.action.CBMs = parseCBMs(get(aCBMs))
	if w := strings.TrimSpace(get(aWithin)); w != "" {
		d, ok := parseOffset(w)
		if !ok || d == 0 {
			c.refuse(t, r.num, m[aWithin], "within %q is not a time such as 20m or 0:20", w)
		} else {
			a.action.Within = &d
		}
	}
	c.actionMatcher(t, m, r, &a.action, get)
	return a, c.probs.Len() == before
}

// actionMatcher reads what shows the action. The values are checked when
// the imported scenario is parsed; only Observable is read here, since an
// unreadable yes or no would otherwise be lost.
func (c *converter) actionMatcher(t table, m columnMap, r record, a *scenario.ExpectedAction, get func(field) string) {
	a.ShownBy = scenario.ShownBy(strings.TrimSpace(get(aShownBy)))
	switch normalize(get(aObservable)) {
	case "", "yes", "true", "y":
	case "no", "false", "n":
		a.NotObservable = true
	default:
		c.refuse(t, r.num, m[aObservable], "observable %q is neither yes nor no; write no for an action only the evaluators can judge, or leave it empty", strings.TrimSpace(get(aObservable)))
	}
	a.To = splitList(get(aTo))
	a.Channels = splitList(get(aChannels))
	a.Kind = scenario.RequestKind(strings.TrimSpace(get(aKind)))
	a.From = scenario.WindowStart(strings.TrimSpace(get(aFrom)))
}

// splitList reads "a, b; c" as its trimmed, non-empty items.
func splitList(cell string) []string {
	var out []string
	for _, part := range listSep.Split(cell, -1) {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// attachActions gives each inject its expected actions: from the Expected
// actions sheet when it lists any for the inject, otherwise from the MSEL
// row's own columns. A row whose Expected action differs from the first one
// on the sheet is refused: the facilitator edited one place and not the
// other, and silently dropping either edit would lose work.
func (c *converter) attachActions(t table, m columnMap, rows []row, sheet []actionRow, actions *table) {
	byInject := map[string][]scenario.ExpectedAction{}
	for _, a := range sheet {
		byInject[a.inject] = append(byInject[a.inject], a.action)
	}
	for i := range rows {
		x := &rows[i]
		list := byInject[x.inject.Key]
		switch {
		case len(list) > 0 && x.action != "" && (list[0].Text != x.action || !slices.Equal(list[0].CBMs, x.cbms)):
			c.refuse(t, x.num, m[fAction], "the expected action differs from the first one for %q on the %q sheet; change it in one place only (that sheet wins when both are filled in)",
				x.inject.Key, actions.sheet)
			continue
		case len(list) == 0 && x.action != "":
			list = []scenario.ExpectedAction{{Text: x.action, CBMs: x.cbms}}
		}
		x.inject.ExpectedActions = numberActions(x.inject.Key, list)
	}
}

// numberActions gives keys to expected actions that have none: the inject
// key followed by -1, -2… (their position), skipping keys already taken.
func numberActions(inject string, list []scenario.ExpectedAction) []scenario.ExpectedAction {
	taken := map[string]bool{}
	for _, a := range list {
		taken[a.Key] = true
	}
	base := inject
	if len(base) > scenario.MaxKeyLen-4 {
		base = strings.TrimRight(base[:scenario.MaxKeyLen-4], "-_")
	}
	for i := range list {
		if list[i].Key != "" {
			continue
		}
		key := fmt.Sprintf("%s-%d", base, i+1)
		for n := i + 2; taken[key]; n++ {
			key = fmt.Sprintf("%s-%d", base, n)
		}
		list[i].Key, taken[key] = key, true
	}
	return list
}
