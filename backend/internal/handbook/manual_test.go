package handbook

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/document/readertest"
)

// flat is pdftotext's text with runs of white space as one space, so a
// sentence wrapped over lines or columns is found as written.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestManualHoldsTheTeamsBriefingAndNoOtherTeams(t *testing.T) {
	sc, o := bundled(t, "cable-cut", "")
	d, err := Manual(sc, "kestria", o)
	if err != nil {
		t.Fatal(err)
	}
	text := flat(readertest.PDFText(t, pdfOf(t, d)))
	for _, want := range []string{
		"Situation manual: Republic of Kestria",
		"Kestria is a small coastal State", // its own briefing
		"Schedule", "Points of contact at the start", "How the platform works",
		"Reference card: the CBMs", "Points of contact", // CBM 8 on the card
		"For workshop participants only",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the manual lacks %q", want)
		}
	}
	for _, other := range []string{"Veskland is an inland State", "Solvara is a maritime State", "TRIX is a non-profit internet exchange point in Trenmark"} {
		if strings.Contains(text, other) {
			t.Errorf("Kestria's manual holds another team's briefing: %q", other)
		}
	}
	if !regexp.MustCompile(`1 ?/ ?\d`).MatchString(text) {
		t.Error("the manual has no page numbers")
	}
	for _, ph := range sc.Phases {
		if !strings.Contains(text, flat(ph.Title)) {
			t.Errorf("the schedule lacks the phase %q", ph.Title)
		}
	}
}

// The manual never prints what only the control cell reads: facilitator
// notes, the actors' notes, expected actions, inject texts.
func TestManualLeavesOutTheControlCellsTexts(t *testing.T) {
	sc, o := bundled(t, "cable-cut", "")
	d, err := Manual(sc, "veskland", o)
	if err != nil {
		t.Fatal(err)
	}
	text := d.PlainText()
	for _, a := range sc.Actors {
		if a.Note != "" && strings.Contains(text, firstLine(a.Note)) {
			t.Errorf("the manual holds the note of actor %s", a.Key)
		}
	}
	for _, in := range sc.Injects {
		if in.FacilitatorNotes != "" && strings.Contains(text, firstLine(in.FacilitatorNotes)) {
			t.Errorf("the manual holds the facilitator notes of %s", in.Key)
		}
		for _, a := range in.ExpectedActions {
			if strings.Contains(text, a.Text) {
				t.Errorf("the manual holds the expected action %s of %s", a.Key, in.Key)
			}
		}
	}
}

func firstLine(md string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(md), "\n")
	return regexp.MustCompile(`[*_]`).ReplaceAllString(line, "")
}

func TestRussianManualHasCyrillicBriefing(t *testing.T) {
	sc, o := bundled(t, "grid-cascade", "ru")
	d, err := Manual(sc, "halvena", o)
	if err != nil {
		t.Fatal(err)
	}
	text := flat(readertest.PDFText(t, pdfOf(t, d)))
	for _, want := range []string{"Вы выступаете в роли Республики Халвена", "Ситуационный справочник", "Памятка: меры укрепления доверия (МД)", "Коммуникационная сеть ОБСЕ"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Russian manual lacks %q", want)
		}
	}
}

func TestManualOfAnUnknownTeam(t *testing.T) {
	sc, o := bundled(t, "cable-cut", "")
	if _, err := Manual(sc, "atlantis", o); !errors.Is(err, ErrUnknownTeam) {
		t.Fatalf("err = %v, want ErrUnknownTeam", err)
	}
}

// Every language file has every key of the English one and no other, so
// no document falls back to English half-way.
func TestFixedTextsAreCompleteInEveryLanguage(t *testing.T) {
	for _, lang := range Languages[1:] {
		for k := range catalogue["en"] {
			if strings.TrimSpace(catalogue[lang][k]) == "" {
				t.Errorf("%s lacks %s", lang, k)
			}
		}
		for k := range catalogue[lang] {
			if _, ok := catalogue["en"][k]; !ok {
				t.Errorf("%s has %s, which English does not", lang, k)
			}
		}
	}
}
