package httpapi

import (
	"bytes"
	"context"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/cbm"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/survey"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

// surveyRoutes are the feedback survey, attendance and certificates: the
// workshop's staff read the survey, its results and the attendance counts;
// the organiser (a lead) edits the questions and has the list of people and
// their certificates; a participant answers and takes their own certificate
// once the exercise has ended.
func (s *server) surveyRoutes(staff *echo.Group, api *echo.Group) {
	staff.GET("/workshops/:id/survey", s.getSurvey)
	staff.PUT("/workshops/:id/survey", s.putSurvey)
	staff.GET("/workshops/:id/survey/results", s.surveyResults)
	staff.GET("/workshops/:id/survey.csv", s.surveyCSV)
	staff.GET("/workshops/:id/attendance", s.attendanceList)
	staff.GET("/workshops/:id/attendance.csv", s.attendanceCSV)
	staff.GET("/workshops/:id/attendance/counts", s.attendanceCounts)
	staff.GET("/workshops/:id/attendance/counts.csv", s.attendanceCountsCSV)
	staff.GET("/workshops/:id/certificates.pdf", s.workshopCertificates)
	ex := api.Group("/exercises/:id", requireRole(anyone...))
	ex.GET("/survey", s.exerciseSurvey)
	ex.POST("/survey", s.answerSurvey)
	ex.GET("/certificate.pdf", s.ownCertificate)
}

type surveyQuestionJSON struct {
	Key   string            `json:"key"`
	Kind  survey.Kind       `json:"kind"`
	Texts map[string]string `json:"texts"`
}

type surveyJSON struct {
	Questions []surveyQuestionJSON `json:"questions"`
}

func toSurveyJSON(qs []survey.Question) surveyJSON {
	out := surveyJSON{Questions: []surveyQuestionJSON{}}
	for _, q := range qs {
		out.Questions = append(out.Questions, surveyQuestionJSON(q))
	}
	return out
}

// organised is the workshop of :id when the caller organises it (a lead
// or an admin): the acts on people's names and on the questions asked.
func (s *server) organised(c echo.Context) (*workshop.Workshop, error) {
	w, err := s.runWorkshop(c)
	if err != nil {
		return nil, err
	}
	// Not an act of the room (workshop.Allow's table): it is about people,
	// not play, and only the organiser's.
	if duty, _ := w.StaffDuty(principal(c)); duty != workshop.DutyLead {
		return nil, errOrganiserOnly
	}
	return w, nil
}

var errOrganiserOnly = apperr.New(http.StatusForbidden, "organiser_only",
	"Only the workshop's organiser (a lead facilitator or an admin) can do this: it concerns the participants themselves.")

func (s *server) getSurvey(c echo.Context) error {
	w, err := s.runWorkshop(c)
	if err != nil {
		return err
	}
	qs, err := s.Survey.Questions(c.Request().Context(), w.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toSurveyJSON(qs))
}

func (s *server) putSurvey(c echo.Context) error {
	w, err := s.organised(c)
	if err != nil {
		return err
	}
	var in surveyJSON
	if err := c.Bind(&in); err != nil {
		return badJSON(err)
	}
	qs := make([]survey.Question, len(in.Questions))
	for i, q := range in.Questions {
		qs[i] = survey.Question(q)
	}
	saved, err := s.Survey.SetQuestions(c.Request().Context(), w.ID, qs)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toSurveyJSON(saved))
}

// surveyScope is the exercise the results are for (?exercise=, in the
// workshop) or the whole workshop (0), and the CBMs to list.
func (s *server) surveyScope(c echo.Context, w *workshop.Workshop) (int64, []string, error) {
	ctx := c.Request().Context()
	raw := c.QueryParam("exercise")
	if raw == "" {
		return 0, nil, nil
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id <= 0 {
		return 0, nil, apperr.Invalid(map[string]string{"exercise": "An exercise id."})
	}
	ex, _, err := s.Exercises.Get(ctx, id)
	if isNotFound(err) || (err == nil && ex.WorkshopID != w.ID) {
		return 0, nil, apperr.NotFound("exercise")
	}
	if err != nil {
		return 0, nil, err
	}
	cbms, err := s.exerciseCBMs(ctx, ex)
	return id, cbms, err
}

// exerciseCBMs are the CBMs a participant rates before and after: those
// the scenario focuses on, else every CBM of its catalogue.
func (s *server) exerciseCBMs(ctx context.Context, ex *exercise.Exercise) ([]string, error) {
	sc, err := s.Exercises.Scenario(ctx, ex)
	if err != nil {
		return nil, err
	}
	if len(sc.CBMs) > 0 {
		return sc.CBMs, nil
	}
	if cat := s.catalogueOf(sc.Catalogue); cat != nil {
		return cat.Keys(), nil
	}
	return nil, nil
}

func (s *server) catalogueOf(id string) *cbm.Catalogue {
	if cat, ok := s.Library.CBMs().Catalogue(id); ok {
		return cat
	}
	return s.Library.CBMs().Default()
}

func (s *server) surveyResults(c echo.Context) error {
	w, err := s.runWorkshop(c)
	if err != nil {
		return err
	}
	lang, err := queryLang(c)
	if err != nil {
		return err
	}
	exID, cbms, err := s.surveyScope(c, w)
	if err != nil {
		return err
	}
	sum, err := s.Survey.Summarise(c.Request().Context(), w.ID, exID, langOr(lang, w.Language), cbms)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"summary": toSurveySummaryJSON(sum)})
}

func langOr(lang, fallback string) string {
	if lang != "" {
		return lang
	}
	return fallback
}

// surveyCSV is every answer, one row each, without any identity.
func (s *server) surveyCSV(c echo.Context) error {
	w, err := s.runWorkshop(c)
	if err != nil {
		return err
	}
	exID, cbms, err := s.surveyScope(c, w)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	qs, err := s.Survey.Questions(ctx, w.ID)
	if err != nil {
		return err
	}
	rs, err := s.Survey.Responses(ctx, w.ID, exID)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := survey.WriteCSV(&buf, qs, rs, cbms, langOr(w.Language, "en")); err != nil {
		return err
	}
	return attachment(c, "feedback-survey.csv", "text/csv; charset=utf-8", buf.Bytes())
}

// surveyForParticipantJSON is the survey as a participant reads it.
type surveyForParticipantJSON struct {
	// Open: the exercise has ended, so the survey may be answered.
	Open bool `json:"open"`
	// Pending: the caller is a participant who has neither answered nor skipped.
	Pending   bool              `json:"pending"`
	Questions []surveyAskedJSON `json:"questions"`
	CBMs      []surveyCBMJSON   `json:"cbms"`
}

type surveyAskedJSON struct {
	Key  string      `json:"key"`
	Kind survey.Kind `json:"kind"`
	Text string      `json:"text"`
	Lang string      `json:"lang"` // the language Text is in
}

type surveyCBMJSON struct {
	Key   string `json:"key"`
	Title string `json:"title"`
}

func (s *server) exerciseSurvey(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	qs, err := s.Survey.Questions(ctx, x.ex.WorkshopID)
	if err != nil {
		return err
	}
	cbms, err := s.exerciseCBMs(ctx, x.ex)
	if err != nil {
		return err
	}
	lang := x.viewer.Language
	out := surveyForParticipantJSON{Open: x.ex.Clock.Status == exercise.Ended, Questions: []surveyAskedJSON{}, CBMs: []surveyCBMJSON{}}
	for _, q := range qs {
		text, in := q.Text(langOr(lang, "en"))
		out.Questions = append(out.Questions, surveyAskedJSON{Key: q.Key, Kind: q.Kind, Text: text, Lang: in})
	}
	sc, err := s.Exercises.Scenario(ctx, x.ex)
	if err != nil {
		return err
	}
	cat := s.catalogueOf(sc.Catalogue).In(langOr(lang, "en"))
	for _, k := range cbms {
		title := k
		if it, ok := cat.Item(k); ok {
			title = it.Title
		}
		out.CBMs = append(out.CBMs, surveyCBMJSON{Key: k, Title: title})
	}
	if x.viewer.TeamID != 0 {
		pt, err := s.participant(c, x)
		if err != nil {
			return err
		}
		if out.Pending, err = s.Survey.Pending(ctx, pt.ID); err != nil {
			return err
		}
	}
	return c.JSON(http.StatusOK, out)
}

var errNotEnded = apperr.New(http.StatusConflict, "exercise_not_ended", "This is open once the exercise has ended.")

// answerSurvey stores a participant's answers (or their choice to skip)
// without their identity.
func (s *server) answerSurvey(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	if x.viewer.TeamID == 0 {
		return errParticipantsOnly
	}
	var in struct {
		Answers map[string]survey.Answer `json:"answers"`
		Skip    bool                     `json:"skip"`
	}
	if err := c.Bind(&in); err != nil {
		return badJSON(err)
	}
	if x.ex.Clock.Status != exercise.Ended {
		return errNotEnded
	}
	ctx := c.Request().Context()
	pt, err := s.participant(c, x)
	if err != nil {
		return err
	}
	cbms, err := s.exerciseCBMs(ctx, x.ex)
	if err != nil {
		return err
	}
	err = s.Survey.Answer(ctx, survey.Submission{WorkshopID: x.ex.WorkshopID, ExerciseID: x.ex.ID, ParticipantID: pt.ID,
		CBMs: cbms, Answers: in.Answers, Skip: in.Skip})
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// Survey summary as JSON: the report's annex and the workshop's results.

type surveyStatJSON struct {
	Count  int      `json:"count"`
	Median *float64 `json:"median"` // null when nobody answered
	Counts []int    `json:"counts"` // how many gave 1, 2, 3, 4, 5
}

func toSurveyStatJSON(st survey.Stat) surveyStatJSON {
	out := surveyStatJSON{Count: st.Count, Counts: st.Counts[:]}
	if st.Count > 0 {
		m := st.Median
		out.Median = &m
	}
	return out
}

type surveyCBMSummaryJSON struct {
	CBM    string         `json:"cbm"`
	Before surveyStatJSON `json:"before"`
	After  surveyStatJSON `json:"after"`
}

type surveyQuestionSummaryJSON struct {
	Key   string                 `json:"key"`
	Kind  survey.Kind            `json:"kind"`
	Text  string                 `json:"text"`
	Lang  string                 `json:"lang"`
	Count int                    `json:"count"`
	Scale *surveyStatJSON        `json:"scale,omitempty"`
	CBMs  []surveyCBMSummaryJSON `json:"cbms,omitempty"`
}

type surveySummaryJSON struct {
	Responses int                         `json:"responses"`
	Questions []surveyQuestionSummaryJSON `json:"questions"`
}

func toSurveySummaryJSON(sum *survey.Summary) *surveySummaryJSON {
	out := &surveySummaryJSON{Responses: sum.Responses, Questions: []surveyQuestionSummaryJSON{}}
	for _, q := range sum.Questions {
		j := surveyQuestionSummaryJSON{Key: q.Key, Kind: q.Kind, Text: q.Text, Lang: q.Lang, Count: q.Count}
		switch q.Kind {
		case survey.Scale:
			st := toSurveyStatJSON(q.Stat)
			j.Scale = &st
		case survey.CBMScale:
			j.CBMs = []surveyCBMSummaryJSON{}
			for _, cs := range q.CBMs {
				j.CBMs = append(j.CBMs, surveyCBMSummaryJSON{CBM: cs.CBM, Before: toSurveyStatJSON(cs.Before), After: toSurveyStatJSON(cs.After)})
				j.Count = max(j.Count, cs.Before.Count, cs.After.Count)
			}
		}
		out.Questions = append(out.Questions, j)
	}
	return out
}

// reportSurvey is the survey's summary for the report's annex: staff only
// (nil for anyone else), in the language the report is read in.
func (s *server) reportSurvey(c echo.Context) (*surveySummaryJSON, error) {
	x, err := s.loadExercise(c)
	if err != nil || !x.staff() {
		return nil, err
	}
	ctx := c.Request().Context()
	cbms, err := s.exerciseCBMs(ctx, x.ex)
	if err != nil {
		return nil, err
	}
	lang := x.viewer.Language
	if lang == "" {
		w, err := s.Workshops.Get(ctx, x.p, x.ex.WorkshopID)
		if err != nil {
			return nil, err
		}
		lang = w.Language
	}
	sum, err := s.Survey.Summarise(ctx, x.ex.WorkshopID, x.ex.ID, lang, cbms)
	if err != nil {
		return nil, err
	}
	return toSurveySummaryJSON(sum), nil
}
