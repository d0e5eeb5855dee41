// Package handbook builds the documents handed out before and during a
// workshop from a scenario: the situation manual a team reads before play
// and the facilitator guide the control cell runs the exercise with. They
// are built as neutral documents (package document), so each is written
// once and printed as PDF or Word.
//
// The builders take a scenario already read in the document's language
// (library.Localized) and add the fixed texts of that language from the
// catalogue in texts/.
package handbook

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/cbmex/cbmex/backend/internal/cbm"
	"github.com/cbmex/cbmex/backend/internal/document"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// ErrUnknownTeam is returned for a team the scenario does not have.
var ErrUnknownTeam = errors.New("handbook: the scenario has no such team")

// Options are what a document says besides the scenario.
type Options struct {
	// Lang is the language the scenario was read in and the fixed texts
	// are written in.
	Lang string
	// Classification is the handling line printed on every page; ""
	// prints the document's own ("For the facilitators only").
	Classification string
	// Subtitle names the workshop and its date, or the scenario's version
	// when the document is printed from the library.
	Subtitle string
	// CBMs is the scenario's catalogue; nil leaves the reference card out.
	CBMs *cbm.Catalogue
}

// newDoc starts a document with the options' page furniture; without a
// classification of the organiser's, the handling line is the document's
// own (classKey).
func newDoc(title string, o Options, x texts, classKey string) document.Doc {
	class := o.Classification
	if class == "" {
		class = x.T(classKey)
	}
	return document.Doc{Title: title, Subtitle: o.Subtitle, Classification: class, Lang: o.Lang}
}

// clock writes an offset from the start of the exercise as h:mm.
func clock(d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	return fmt.Sprintf("%d:%02d", m/60, m%60)
}

func minutes(x texts, d time.Duration) string {
	return x.T("minutes", "n", fmt.Sprint(int(d.Round(time.Minute)/time.Minute)))
}

// phaseEnds gives each phase its length: to the next phase's start, the
// last one to the end of the exercise.
func phaseEnds(sc *scenario.Scenario) []time.Duration {
	out := make([]time.Duration, len(sc.Phases))
	for i, ph := range sc.Phases {
		end := sc.Duration
		if i+1 < len(sc.Phases) {
			end = sc.Phases[i+1].StartsAt
		}
		out[i] = max(end-ph.StartsAt, 0)
	}
	return out
}

// scheduleTable is the phases with their start and length.
func scheduleTable(sc *scenario.Scenario, x texts) document.Table {
	t := document.Table{Header: []string{x.T("col_phase"), x.T("col_clock"), x.T("col_starts"), x.T("col_duration")},
		Widths: []float64{3.6, 2.6, 1.2, 2}}
	lengths := phaseEnds(sc)
	for i, ph := range sc.Phases {
		t.Rows = append(t.Rows, []string{ph.Title, ph.Clock, "T+" + clock(ph.StartsAt), minutes(x, lengths[i])})
	}
	return t
}

// channelTitle names a channel in the document's language: the default
// channels from the fixed texts, the scenario's own from its translation.
func channelTitle(sc *scenario.Scenario, x texts, key string) string {
	if slices.ContainsFunc(scenario.DefaultChannels, func(c scenario.Channel) bool { return c.Key == key }) {
		return x.T("channel_" + key)
	}
	if c, ok := sc.Channel(key); ok {
		return c.Title
	}
	return key
}

func kindName(x texts, k scenario.TeamKind) string {
	if k == scenario.KindOrganisation {
		return x.T("kind_organisation")
	}
	return x.T("kind_state")
}

func teamName(sc *scenario.Scenario, key string) string {
	if t, ok := sc.Team(key); ok {
		return t.Name
	}
	return key
}

// cbmList writes CBM keys as "8, 10".
func cbmList(keys []string) string { return strings.Join(keys, ", ") }

// objectives lists the learning objectives with their CBMs.
func objectives(sc *scenario.Scenario, x texts) []document.Block {
	if len(sc.Objectives) == 0 {
		return nil
	}
	l := document.List{Ordered: true}
	for _, o := range sc.Objectives {
		p := document.Text(o.Text)
		if len(o.CBMs) > 0 {
			// no-break spaces keep "(CBMs: 8, 15)" on one line
			note := strings.ReplaceAll(x.T("objective_cbms", "cbms", cbmList(o.CBMs)), " ", "\u00a0")
			p.Runs = append(p.Runs, document.Run{Text: " (" + note + ")", Italic: true})
		}
		l.Items = append(l.Items, p)
	}
	return []document.Block{document.Heading{Level: 2, Text: x.T("objectives")}, l}
}

// small turns the paragraphs of blocks into small print.
func small(blocks []document.Block) []document.Block {
	for i, b := range blocks {
		if p, ok := b.(document.Paragraph); ok {
			p.Small = true
			blocks[i] = p
		}
	}
	return blocks
}

// capital writes s with a capital first letter ("participating State"
// opening a sentence).
func capital(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// LibrarySubtitle is the subtitle of a document printed from the library,
// outside any workshop: the scenario and its version.
func LibrarySubtitle(lang, title string, version int) string {
	return textsIn(lang).T("scenario_version", "title", title, "version", fmt.Sprint(version))
}

// WorkshopSubtitle names the workshop, its dates and its place, as the
// documents of a workshop print them.
func WorkshopSubtitle(title, startsOn, endsOn, place string) string {
	parts := []string{title}
	dates := startsOn
	if endsOn != "" && endsOn != startsOn {
		if dates != "" {
			dates += " – "
		}
		dates += endsOn
	}
	for _, p := range []string{dates, place} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}
