package handbook

import (
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/document/readertest"
)

func TestGuideHoldsTheMSELTriggersRubricAndQuestions(t *testing.T) {
	sc, o := bundled(t, "cable-cut", "")
	text := flat(readertest.PDFRawText(t, pdfOf(t, Guide(sc, o))))
	want := []string{"Facilitator guide", "Pacing", "Free time", "Master Scenario Events List (MSEL)", "Contingency", "T+0:02"}
	for _, in := range sc.Injects {
		want = append(want, flat(in.Title))
		for _, a := range in.ExpectedActions {
			want = append(want, lead(a.Text))
		}
	}
	for _, tr := range sc.Triggers {
		want = append(want, flat(tr.Title))
	}
	for _, a := range sc.Actors {
		want = append(want, flat(a.Name), flat(firstLine(a.Note)))
	}
	for _, c := range sc.Rubric.Criteria {
		want = append(want, lead(c.Title))
	}
	for _, ph := range sc.Phases {
		for _, q := range ph.Questions {
			want = append(want, flat(q.Text))
		}
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the guide lacks %q", w)
		}
	}
}

// An inject timed after another says so, with the time it comes to; a
// contingency inject names the triggers that release it.
func TestGuideSaysWhenEachInjectComes(t *testing.T) {
	sc, o := bundled(t, "cable-cut", "")
	x := textsIn(o.Lang)
	for i := range sc.Injects {
		in := &sc.Injects[i]
		got := when(sc, x, in)
		switch {
		case in.At != nil:
			if !strings.HasPrefix(got, "T+") {
				t.Errorf("%s: %q", in.Key, got)
			}
		case in.After != nil:
			if !strings.Contains(got, " after “") {
				t.Errorf("%s: %q", in.Key, got)
			}
		default:
			if !strings.HasPrefix(got, "Contingency: ") {
				t.Errorf("%s: %q names no trigger", in.Key, got)
			}
		}
	}
}

func TestGuideInRussian(t *testing.T) {
	sc, o := bundled(t, "grid-cascade", "ru")
	text := flat(readertest.PDFRawText(t, pdfOf(t, Guide(sc, o))))
	for _, w := range []string{"Руководство для ведущих", "Основной перечень событий сценария (MSEL)", "Ожидаемые действия", "Вопросы по этапам"} {
		if !strings.Contains(text, w) {
			t.Errorf("the Russian guide lacks %q", w)
		}
	}
}

// lead is the first words of a text in a table cell: pdftotext may read
// the cells of one row line by line, so only a cell's first line is sure
// to come whole.
func lead(s string) string {
	w := strings.Fields(s)
	return strings.Join(w[:min(3, len(w))], " ")
}

// Without the organiser's classification, each document carries its own
// handling line, in its language.
func TestDefaultClassification(t *testing.T) {
	sc, o := bundled(t, "grid-cascade", "ru")
	o.Classification = ""
	if got := Guide(sc, o).Classification; got != "Только для ведущих" {
		t.Errorf("guide: %q", got)
	}
	m, _ := Manual(sc, "halvena", o)
	if got := m.Classification; got != "Только для участников семинара" {
		t.Errorf("manual: %q", got)
	}
}

// An inject from a white-cell actor names the actor, with its own from
// when it has one.
func TestGuideNamesTheActorAnInjectComesFrom(t *testing.T) {
	sc, o := bundled(t, "cable-cut", "")
	x := textsIn(o.Lang)
	in, _ := sc.Inject("phone-repair-ship-held")
	a, _ := sc.Actor(in.FromActor)
	if got := source(sc, x, in); !strings.Contains(got, a.Name) {
		t.Errorf("source = %q, want the actor %q", got, a.Name)
	}
	withFrom := *in
	withFrom.From = "The consortium's duty manager"
	if got, want := source(sc, x, &withFrom), "The consortium's duty manager (white cell: "+a.Name+")"; got != want {
		t.Errorf("source = %q, want %q", got, want)
	}
}
