package store

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm"

	"github.com/cbmex/cbmex/backend/internal/survey"
)

type surveyQuestionsRow struct {
	WorkshopID int64 `gorm:"primaryKey;autoIncrement:false"`
	Questions  string
	UpdatedAt  time.Time
}

func (surveyQuestionsRow) TableName() string { return "survey_questions" }

// surveyAnswerRow has no participant column and no time on purpose: the
// answers are anonymous (see package survey).
type surveyAnswerRow struct {
	ID         int64 `gorm:"primaryKey"`
	WorkshopID int64
	ExerciseID int64
	Answers    string
}

func (surveyAnswerRow) TableName() string { return "survey_answers" }

type surveyResponderRow struct {
	Responder  string `gorm:"primaryKey"`
	ExerciseID int64
}

func (surveyResponderRow) TableName() string { return "survey_responders" }

// Surveys implements survey.Store.
type Surveys struct{ s *Store }

// Surveys returns the storage of the feedback survey.
func (s *Store) Surveys() *Surveys { return &Surveys{s: s} }

var _ survey.Store = (*Surveys)(nil)

// SurveyQuestions returns a workshop's saved questions (nil: none saved).
func (v *Surveys) SurveyQuestions(ctx context.Context, workshopID int64) ([]survey.Question, error) {
	var rows []surveyQuestionsRow
	if err := v.s.DB.WithContext(ctx).Where("workshop_id = ?", workshopID).Find(&rows).Error; err != nil {
		return nil, failed(err, "read the survey of workshop %d", workshopID)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	var qs []survey.Question
	return qs, failed(json.Unmarshal([]byte(rows[0].Questions), &qs), "decode the survey of workshop %d", workshopID)
}

// SaveSurveyQuestions replaces a workshop's questions; none removes them.
func (v *Surveys) SaveSurveyQuestions(ctx context.Context, workshopID int64, qs []survey.Question) error {
	return failed(v.s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Where("workshop_id = ?", workshopID).Delete(&surveyQuestionsRow{}).Error; err != nil || len(qs) == 0 {
			return err
		}
		raw, err := json.Marshal(qs)
		if err != nil {
			return err
		}
		return tx.Create(&surveyQuestionsRow{WorkshopID: workshopID, Questions: string(raw), UpdatedAt: time.Now().UTC()}).Error
	}), "save the survey of workshop %d", workshopID)
}

// AddSurveyResponse records the responder and the answers in one
// transaction, so a second answer from the same participant stores nothing.
func (v *Surveys) AddSurveyResponse(ctx context.Context, workshopID, exerciseID int64, responder string, r *survey.Response) error {
	err := v.s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Create(&surveyResponderRow{Responder: responder, ExerciseID: exerciseID}).Error; err != nil {
			return translate(err)
		}
		if r == nil {
			return nil
		}
		raw, err := json.Marshal(r.Answers)
		if err != nil {
			return err
		}
		return tx.Create(&surveyAnswerRow{WorkshopID: workshopID, ExerciseID: exerciseID, Answers: string(raw)}).Error
	})
	return failed(err, "store a survey answer in exercise %d", exerciseID)
}

// SurveyResponded tells whether a responder is recorded.
func (v *Surveys) SurveyResponded(ctx context.Context, responder string) (bool, error) {
	var n int64
	err := v.s.DB.WithContext(ctx).Model(&surveyResponderRow{}).Where("responder = ?", responder).Count(&n).Error
	return n > 0, failed(err, "look up a survey responder")
}

// SurveyResponses lists the answers of a workshop or of one exercise,
// ordered by their content, not by when they were given.
func (v *Surveys) SurveyResponses(ctx context.Context, workshopID, exerciseID int64) ([]survey.Response, error) {
	q := v.s.DB.WithContext(ctx).Where("workshop_id = ?", workshopID)
	if exerciseID != 0 {
		q = q.Where("exercise_id = ?", exerciseID)
	}
	var rows []surveyAnswerRow
	if err := q.Order("exercise_id, answers").Find(&rows).Error; err != nil {
		return nil, failed(err, "list the survey answers of workshop %d", workshopID)
	}
	out := make([]survey.Response, len(rows))
	for i, r := range rows {
		out[i].ExerciseID = r.ExerciseID
		if err := json.Unmarshal([]byte(r.Answers), &out[i].Answers); err != nil {
			return nil, failed(err, "decode a survey answer of workshop %d", workshopID)
		}
	}
	return out, nil
}
