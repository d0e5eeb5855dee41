package httpapi

import (
	"context"

	"github.com/cbmex/cbmex/backend/internal/exercise"
)

// asRoles names teams by their roles in the exercise's scenario, for a
// caller who is not staff: play, like evaluation, is non-attributive, and
// the real delegation staff may record on a team (a rename) stays in the
// console.
//
// lang is the language the roles are read in ("" as written).
func (s *server) asRoles(ctx context.Context, ex *exercise.Exercise, teams []exercise.Team, lang string) ([]exercise.Team, error) {
	sc, _, err := s.Exercises.ScenarioIn(ctx, ex, lang)
	if err != nil {
		return nil, err
	}
	return exercise.AsRoles(sc, teams), nil
}
