package msel

import (
	"fmt"
	"strings"
	"unicode"
)

// field is an inject attribute a column can supply.
type field int

const (
	fSeq field = iota
	fTime
	fKey
	fPhase
	fTitle
	fFrom
	fTo
	fChannel
	fBody
	fNotes
	fAction
	fCBMs
	fCommCheck
	fFromActor
	numFields
)

// mselHeaders are the headers accepted for each field, after normalize: the
// exported names first (used in messages), then what facilitators commonly
// write in their own MSELs.
var mselHeaders = [numFields][]string{
	fSeq:       {"seq", "#", "no", "number", "sequence", "serial", "inject no", "inject number"},
	fTime:      {"time", "offset", "at", "scenario time", "exercise time", "release time", "timing"},
	fKey:       {"key", "id", "inject", "inject id", "inject key"},
	fPhase:     {"phase", "move", "stage", "module"},
	fTitle:     {"title", "subject", "headline", "inject title", "name"},
	fFrom:      {"from", "source", "sender", "originator"},
	fTo:        {"to", "audience", "recipients", "recipient", "addressee", "addressees", "player", "players"},
	fChannel:   {"channel", "type", "delivery", "inject type", "method", "delivery method", "medium", "mode"},
	fBody:      {"body", "description", "content", "text", "inject text", "details", "message"},
	fNotes:     {"facilitator notes", "notes", "controller notes", "facilitator note", "note", "remarks", "comments"},
	fAction:    {"expected action", "expected outcome", "expected actions", "expected player action", "expected response"},
	fCBMs:      {"cbms", "cbm", "cbm s", "measures", "confidence building measures"},
	fCommCheck: {"comm check", "communication check", "commcheck", "poc check"},
	fFromActor: {"from actor", "actor"},
}

var mselNames = [numFields]string{colSeq, colTime, colKey, colPhase, colTitle, colFrom, colTo,
	colChannel, colBody, colNotes, colExpectedAction, colCBMs, colCommCheck, colFromActor}

// Expected actions sheet fields.
const (
	aInject field = iota
	aKey
	aTeam
	aText
	aCBMs
	aWithin
	aShownBy
	aObservable
	aTo
	aChannels
	aKind
	aFrom
	numActionFields
)

var actionHeaders = [numActionFields][]string{
	aInject:     {"inject", "inject key", "inject id"},
	aKey:        {"key", "id", "action key"},
	aTeam:       {"team", "player", "who"},
	aText:       {"text", "expected action", "action", "description"},
	aCBMs:       {"cbms", "cbm", "cbm s"},
	aWithin:     {"within", "time allowed", "deadline"},
	aShownBy:    {"shown by", "evidence"},
	aObservable: {"observable"},
	aTo:         {"to", "recipient", "recipients"},
	aChannels:   {"channels", "channel"},
	aKind:       {"kind", "request kind"},
	aFrom:       {"from", "window from", "window"},
}

var actionNames = [numActionFields]string{colActInject, colActKey, colActTeam, colActText, colActCBMs, colActWithin,
	colActShownBy, colActObservable, colActTo, colActChannels, colActKind, colActFrom}

// normalize folds a header or a loose value ("E-mail", "Phone_Call ",
// "CBMs:") to lower-case words separated by single spaces.
func normalize(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '#' {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		} else {
			space = true
		}
	}
	return b.String()
}

// columnMap says which column (0-based) holds each field; -1 if none.
type columnMap []int

func (m columnMap) has(f field) bool { return m[f] >= 0 }

// mapColumns finds the columns by header. Unknown headers are ignored (an
// MSEL often has columns cbmex has no use for, such as the objective tested);
// two columns for the same field are refused, since we could not tell which
// one the facilitator meant.
func mapColumns(t table, synonyms [][]string, names []string) (columnMap, []RowProblem) {
	m := make(columnMap, len(synonyms))
	for i := range m {
		m[i] = -1
	}
	var probs []RowProblem
	for col, h := range t.header {
		f, ok := lookupHeader(normalize(h), synonyms)
		if !ok {
			continue
		}
		if m[f] >= 0 {
			probs = append(probs, RowProblem{Sheet: t.sheet, Row: headerRow(t), Column: h,
				Message: fmt.Sprintf("row %d: the columns %q and %q both look like the %s column; rename or delete one of them",
					headerRow(t), t.header[m[f]], h, names[f])})
			continue
		}
		m[f] = col
	}
	return m, probs
}

func lookupHeader(h string, synonyms [][]string) (field, bool) {
	if h == "" {
		return 0, false
	}
	for f, names := range synonyms {
		for _, n := range names {
			if h == n {
				return field(f), true
			}
		}
	}
	return 0, false
}

// headerRow is the spreadsheet row of the header; 1 unless rows above it
// were empty.
func headerRow(t table) int { return max(t.headerNum, 1) }

// requireMSELColumns reports the columns without which no row can be used.
func requireMSELColumns(t table, m columnMap) []RowProblem {
	var probs []RowProblem
	need := func(f field, hint string) {
		if !m.has(f) {
			probs = append(probs, RowProblem{Sheet: t.sheet, Row: headerRow(t), Column: mselNames[f],
				Message: fmt.Sprintf("row %d: there is no %s column; %s", headerRow(t), mselNames[f], hint)})
		}
	}
	need(fTime, `add one headed "Time" with offsets such as 0:15, "after <inject-key> +10m" or "contingency"`)
	need(fTitle, `add one headed "Title" (or Subject, Headline)`)
	need(fBody, `add one headed "Body" (or Description, Content, Text) with what the players read`)
	return probs
}
