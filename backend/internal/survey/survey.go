// Package survey is the feedback questionnaire participants answer when an
// exercise ends: a workshop's questions (the organiser may edit them; the
// defaults come from an embedded catalogue in the six OSCE languages), the
// anonymous answers and their summary (counts and medians) for the report's
// annex and the staff's CSV.
//
// Anonymity is a property of the storage: an answer row holds the workshop,
// the exercise and the answers, nothing about who gave them; that a
// participant answered is recorded apart, as a keyed one-way hash
// (Responder), only so that nobody answers twice.
package survey

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// Kind is what a question asks for.
type Kind string

// The kinds of question.
const (
	Scale    Kind = "scale"     // one value from 1 to 5
	CBMScale Kind = "cbm_scale" // per CBM in focus, a value from 1 to 5 before and after the exercise
	Text     Kind = "text"      // free text
)

// Kinds lists every kind.
var Kinds = []Kind{Scale, CBMScale, Text}

// Languages are the languages of the default catalogue (the OSCE's six).
var Languages = []string{"en", "fr", "de", "it", "ru", "es"}

// Question is one question, with its text in one or more languages.
type Question struct {
	Key   string            `json:"key"`
	Kind  Kind              `json:"kind"`
	Texts map[string]string `json:"texts"`
}

// Text is the question in lang, or the closest there is (English, then the
// first language that has it) and the language it is in.
func (q Question) Text(lang string) (string, string) {
	for _, l := range append([]string{lang, "en"}, Languages...) {
		if t := q.Texts[l]; t != "" {
			return t, l
		}
	}
	return "", ""
}

//go:embed catalogue/*.json
var catalogueFS embed.FS

// Defaults are the default questions, each with its text in every language
// of the catalogue.
func Defaults() []Question {
	var out []Question
	for _, lang := range Languages {
		raw, err := catalogueFS.ReadFile("catalogue/" + lang + ".json")
		if err != nil {
			panic(err) // embedded; a test reads every file
		}
		var file struct {
			Questions []struct {
				Key  string `json:"key"`
				Kind Kind   `json:"kind"`
				Text string `json:"text"`
			} `json:"questions"`
		}
		if err := json.Unmarshal(raw, &file); err != nil {
			panic(fmt.Sprintf("survey catalogue %s: %v", lang, err))
		}
		for i, q := range file.Questions {
			if lang == Languages[0] {
				out = append(out, Question{Key: q.Key, Kind: q.Kind, Texts: map[string]string{}})
			}
			if i >= len(out) || out[i].Key != q.Key || out[i].Kind != q.Kind {
				panic(fmt.Sprintf("survey catalogue %s: question %d (%s) differs from the English one", lang, i+1, q.Key))
			}
			out[i].Texts[lang] = q.Text
		}
	}
	return out
}

// Answer is one participant's answer to one question; which field is set
// follows the question's kind.
type Answer struct {
	Value int               `json:"value,omitempty"` // scale
	CBMs  map[string]Before `json:"cbms,omitempty"`  // cbm_scale, by CBM item key
	Text  string            `json:"text,omitempty"`  // text
}

// Before is a CBM's understanding before and after the exercise (0: not given).
type Before struct {
	Before int `json:"before,omitempty"`
	After  int `json:"after,omitempty"`
}

// Response is one participant's answers, by question key, as stored.
type Response struct {
	ExerciseID int64
	Answers    map[string]Answer
}

// Store keeps questions, answers and the record of who answered.
type Store interface {
	// Questions returns a workshop's saved questions; nil when it has none.
	SurveyQuestions(ctx context.Context, workshopID int64) ([]Question, error)
	SaveSurveyQuestions(ctx context.Context, workshopID int64, qs []Question) error
	// AddSurveyResponse records responder and, when r is not nil, stores r
	// in the same transaction; apperr.ErrDuplicate when responder is known.
	AddSurveyResponse(ctx context.Context, workshopID, exerciseID int64, responder string, r *Response) error
	SurveyResponded(ctx context.Context, responder string) (bool, error)
	// SurveyResponses lists the answers given in a workshop (exerciseID 0)
	// or in one of its exercises.
	SurveyResponses(ctx context.Context, workshopID, exerciseID int64) ([]Response, error)
}

// Service runs surveys.
type Service struct {
	store Store
	key   []byte // keys the responders' hash
}

// New wires a Service; key keys the one-way record of who answered, so the
// record cannot be recomputed from participant ids without it.
func New(store Store, key []byte) *Service { return &Service{store: store, key: key} }

// Limits of a survey and its answers.
const (
	MaxQuestions    = 20
	MaxQuestionText = 500
	MaxAnswerText   = 2000
	MaxValue        = 5
)

// Questions are a workshop's questions: the organiser's, or the defaults.
func (s *Service) Questions(ctx context.Context, workshopID int64) ([]Question, error) {
	qs, err := s.store.SurveyQuestions(ctx, workshopID)
	if err != nil || len(qs) > 0 {
		return qs, err
	}
	return Defaults(), nil
}

var keyPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,39}$`)

// SetQuestions replaces a workshop's questions; none at all restores the
// defaults.
func (s *Service) SetQuestions(ctx context.Context, workshopID int64, qs []Question) ([]Question, error) {
	if len(qs) > MaxQuestions {
		return nil, apperr.Invalid(map[string]string{"questions": fmt.Sprintf("At most %d questions.", MaxQuestions)})
	}
	bad, seen := map[string]string{}, map[string]bool{}
	for i := range qs {
		q := &qs[i]
		field := fmt.Sprintf("questions[%d]", i)
		q.Key = strings.TrimSpace(q.Key)
		if q.Key == "" {
			q.Key = "q" + strconv.Itoa(i+1)
		}
		switch {
		case !keyPattern.MatchString(q.Key) || seen[q.Key]:
			bad[field+".key"] = "A key of lower-case letters, digits, - or _, different for each question."
		case !slices.Contains(Kinds, q.Kind):
			bad[field+".kind"] = "One of scale, cbm_scale, text."
		}
		seen[q.Key] = true
		texts := map[string]string{}
		for lang, t := range q.Texts {
			t = strings.TrimSpace(t)
			if !slices.Contains(Languages, lang) || utf8.RuneCountInString(t) > MaxQuestionText {
				bad[field+".texts"] = "Texts in en, fr, de, it, ru or es, at most 500 characters each."
			} else if t != "" {
				texts[lang] = t
			}
		}
		if len(texts) == 0 {
			bad[field+".texts"] = "Write the question in at least one language."
		}
		q.Texts = texts
	}
	if len(bad) > 0 {
		return nil, apperr.Invalid(bad)
	}
	if err := s.store.SaveSurveyQuestions(ctx, workshopID, qs); err != nil {
		return nil, err
	}
	return s.Questions(ctx, workshopID)
}

// Responder is the one-way record that a participant answered: an HMAC of
// the participant's id, so neither the id nor the name can be read back.
func (s *Service) Responder(participantID int64) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte("survey-responder:" + strconv.FormatInt(participantID, 10)))
	return hex.EncodeToString(m.Sum(nil))
}

// Pending tells whether a participant has still to answer (or skip).
func (s *Service) Pending(ctx context.Context, participantID int64) (bool, error) {
	done, err := s.store.SurveyResponded(ctx, s.Responder(participantID))
	return !done, err
}

// Submission is what a participant sends at the end of an exercise.
type Submission struct {
	WorkshopID, ExerciseID, ParticipantID int64
	// CBMs are the item keys the exercise focused on: the CBMs a cbm_scale
	// question may be answered for.
	CBMs    []string
	Answers map[string]Answer
	Skip    bool // the participant chose not to answer
}

// ErrAnswered is returned for a second answer from the same participant.
var ErrAnswered = apperr.New(409, "survey_answered", "You have already answered this survey (or chosen to skip it).")

// Answer stores a participant's answers without their identity, or records
// that they skipped; either only once.
func (s *Service) Answer(ctx context.Context, sub Submission) error {
	var r *Response
	if !sub.Skip {
		qs, err := s.Questions(ctx, sub.WorkshopID)
		if err != nil {
			return err
		}
		clean, err := check(qs, sub)
		if err != nil {
			return err
		}
		r = &Response{ExerciseID: sub.ExerciseID, Answers: clean}
	}
	err := s.store.AddSurveyResponse(ctx, sub.WorkshopID, sub.ExerciseID, s.Responder(sub.ParticipantID), r)
	if errors.Is(err, apperr.ErrDuplicate) {
		return ErrAnswered
	}
	return err
}

// check validates the answers against the questions and drops empty ones.
func check(qs []Question, sub Submission) (map[string]Answer, error) {
	bad, out := map[string]string{}, map[string]Answer{}
	kinds := map[string]Kind{}
	for _, q := range qs {
		kinds[q.Key] = q.Kind
	}
	inRange := func(v int) bool { return v >= 0 && v <= MaxValue }
	for key, a := range sub.Answers {
		field := "answers." + key
		switch kinds[key] {
		case Scale:
			if !inRange(a.Value) {
				bad[field] = "A value from 1 to 5."
			} else if a.Value > 0 {
				out[key] = Answer{Value: a.Value}
			}
		case CBMScale:
			cbms := map[string]Before{}
			for cbm, v := range a.CBMs {
				if !slices.Contains(sub.CBMs, cbm) {
					bad[field+"."+cbm] = "Not a CBM of this exercise."
				} else if !inRange(v.Before) || !inRange(v.After) {
					bad[field+"."+cbm] = "Values from 1 to 5."
				} else if v.Before > 0 || v.After > 0 {
					cbms[cbm] = v
				}
			}
			if len(cbms) > 0 {
				out[key] = Answer{CBMs: cbms}
			}
		case Text:
			t := strings.TrimSpace(a.Text)
			if utf8.RuneCountInString(t) > MaxAnswerText {
				bad[field] = "At most 2,000 characters."
			} else if t != "" {
				out[key] = Answer{Text: t}
			}
		default:
			bad[field] = "Not a question of this survey."
		}
	}
	if len(bad) > 0 {
		return nil, apperr.Invalid(bad)
	}
	return out, nil
}
