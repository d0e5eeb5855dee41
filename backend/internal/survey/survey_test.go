package survey

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

func TestMedianOfOddAndEvenCounts(t *testing.T) {
	for _, c := range []struct {
		in   []int
		want float64
	}{{nil, 0}, {[]int{4}, 4}, {[]int{5, 1, 3}, 3}, {[]int{4, 3}, 3.5}, {[]int{1, 5, 2, 4}, 3}, {[]int{2, 2, 5, 5, 5, 1}, 3.5}} {
		if got := Median(c.in); got != c.want {
			t.Errorf("Median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

// Every language of the catalogue has the same questions, with text.
func TestDefaultsInSixLanguages(t *testing.T) {
	qs := Defaults()
	if len(qs) != 4 || qs[0].Kind != Scale || qs[1].Kind != CBMScale || qs[2].Kind != Text || qs[3].Kind != Text {
		t.Fatalf("defaults %+v", qs)
	}
	for _, q := range qs {
		for _, l := range Languages {
			if text, in := q.Text(l); text == "" || in != l {
				t.Errorf("%s has no %s text", q.Key, l)
			}
		}
	}
	if text, _ := qs[1].Text("ru"); !strings.Contains(text, "меру укрепления доверия (МД)") {
		t.Errorf("Russian CBM question: %q", text)
	}
}

type memStore struct {
	qs        []Question
	responded map[string]bool
	rs        []Response
}

func (m *memStore) SurveyQuestions(context.Context, int64) ([]Question, error) { return m.qs, nil }
func (m *memStore) SaveSurveyQuestions(_ context.Context, _ int64, qs []Question) error {
	m.qs = qs
	return nil
}
func (m *memStore) AddSurveyResponse(_ context.Context, _, _ int64, who string, r *Response) error {
	if m.responded[who] {
		return apperr.ErrDuplicate
	}
	m.responded[who] = true
	if r != nil {
		m.rs = append(m.rs, *r)
	}
	return nil
}
func (m *memStore) SurveyResponded(_ context.Context, who string) (bool, error) {
	return m.responded[who], nil
}
func (m *memStore) SurveyResponses(context.Context, int64, int64) ([]Response, error) {
	return m.rs, nil
}

func TestAnswersAreCheckedStoredOnceAndSummarised(t *testing.T) {
	ctx := context.Background()
	st := &memStore{responded: map[string]bool{}}
	s := New(st, []byte("key"))
	sub := func(pid int64, a map[string]Answer) Submission {
		return Submission{WorkshopID: 1, ExerciseID: 2, ParticipantID: pid, CBMs: []string{"3", "8"}, Answers: a}
	}
	for _, bad := range []map[string]Answer{
		{"usefulness": {Value: 6}},
		{"usefulness": {Value: -1}},
		{"cbm_understanding": {CBMs: map[string]Before{"8": {Before: 0, After: 9}}}},
		{"cbm_understanding": {CBMs: map[string]Before{"16": {Before: 2, After: 3}}}},
		{"no-such-question": {Value: 3}},
		{"improve": {Text: strings.Repeat("x", MaxAnswerText+1)}},
	} {
		err := s.Answer(ctx, sub(1, bad))
		var ae *apperr.Error
		if !errors.As(err, &ae) || ae.Status != http.StatusUnprocessableEntity {
			t.Errorf("%v: %v", bad, err)
		}
	}
	if len(st.responded) != 0 {
		t.Fatal("a refused answer recorded the participant")
	}
	answers := []map[string]Answer{
		{"usefulness": {Value: 4}, "cbm_understanding": {CBMs: map[string]Before{"8": {Before: 2, After: 4}, "3": {Before: 1, After: 3}}}, "improve": {Text: "More time"}},
		{"usefulness": {Value: 5}, "cbm_understanding": {CBMs: map[string]Before{"8": {Before: 3, After: 5}}}},
		{"usefulness": {Value: 2}, "cbm_understanding": {CBMs: map[string]Before{"8": {Before: 1, After: 4}}}, "comments": {Text: "  "}},
	}
	for i, a := range answers {
		if err := s.Answer(ctx, sub(int64(10+i), a)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Answer(ctx, sub(10, answers[0])); !errors.Is(err, ErrAnswered) {
		t.Errorf("a second answer: %v", err)
	}
	if err := s.Answer(ctx, Submission{WorkshopID: 1, ExerciseID: 2, ParticipantID: 20, Skip: true}); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.Pending(ctx, 20); p {
		t.Error("a participant who skipped is asked again")
	}
	if p, _ := s.Pending(ctx, 21); !p {
		t.Error("a participant who did not answer is not asked")
	}
	sum, err := s.Summarise(ctx, 1, 2, "fr", []string{"3", "8"})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Responses != 3 {
		t.Errorf("responses %d", sum.Responses)
	}
	use, cbm, improve, comments := sum.Questions[0], sum.Questions[1], sum.Questions[2], sum.Questions[3]
	if use.Count != 3 || use.Median != 4 || use.Counts != [5]int{0, 1, 0, 1, 1} || use.Lang != "fr" {
		t.Errorf("usefulness %+v", use)
	}
	if len(cbm.CBMs) != 2 || cbm.CBMs[0].CBM != "3" || cbm.CBMs[0].Before.Count != 1 {
		t.Fatalf("cbms %+v", cbm.CBMs)
	}
	if c8 := cbm.CBMs[1]; c8.Before.Median != 2 || c8.After.Median != 4 || c8.After.Count != 3 {
		t.Errorf("CBM 8 %+v", c8)
	}
	if improve.Count != 1 || comments.Count != 0 {
		t.Errorf("text counts %d %d", improve.Count, comments.Count)
	}
	var csv bytes.Buffer
	if err := WriteCSV(&csv, Defaults(), st.rs, []string{"3", "8"}, "en"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(csv.String()), "\n")
	if len(lines) != 4 || !strings.Contains(lines[0], "cbm_understanding CBM 8 after") || !strings.Contains(lines[1], "More time") {
		t.Errorf("csv:\n%s", csv.String())
	}
}

func TestEditedQuestionsAreChecked(t *testing.T) {
	s := New(&memStore{responded: map[string]bool{}}, nil)
	ctx := context.Background()
	qs, err := s.SetQuestions(ctx, 1, []Question{{Kind: Scale, Texts: map[string]string{"en": " Was the pace right? "}}, {Key: "open", Kind: Text, Texts: map[string]string{"ru": "Ваши замечания"}}})
	if err != nil || len(qs) != 2 || qs[0].Key != "q1" || qs[0].Texts["en"] != "Was the pace right?" {
		t.Fatalf("%+v %v", qs, err)
	}
	if text, lang := qs[1].Text("fr"); lang != "ru" || text != "Ваши замечания" {
		t.Errorf("fallback %q %q", text, lang)
	}
	for _, bad := range [][]Question{
		{{Key: "a", Kind: "stars", Texts: map[string]string{"en": "?"}}},
		{{Key: "a", Kind: Scale, Texts: map[string]string{"en": " "}}},
		{{Key: "a", Kind: Scale, Texts: map[string]string{"xx": "?"}}},
		{{Key: "a", Kind: Scale, Texts: map[string]string{"en": "?"}}, {Key: "a", Kind: Text, Texts: map[string]string{"en": "?"}}},
	} {
		if _, err := s.SetQuestions(ctx, 1, bad); err == nil {
			t.Errorf("accepted %+v", bad)
		}
	}
	if qs, _ := s.SetQuestions(ctx, 1, nil); len(qs) != 4 {
		t.Errorf("no questions should restore the defaults: %d", len(qs))
	}
}
