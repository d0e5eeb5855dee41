package exercise

import (
	"context"

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

func (s *Service) scenarioOf(ctx context.Context, exerciseID int64) (*scenario.Scenario, error) {
	ex, _, err := s.Get(ctx, exerciseID)
	if err != nil {
		return nil, err
	}
	return s.scenarios.ScenarioOfVersion(ctx, ex.ScenarioVersionID)
}

func (s *Service) scenarioAndTeams(ctx context.Context, exerciseID int64) (*scenario.Scenario, []Team, error) {
	ex, teams, err := s.Get(ctx, exerciseID)
	if err != nil {
		return nil, nil, err
	}
	sc, err := s.scenarios.ScenarioOfVersion(ctx, ex.ScenarioVersionID)
	return sc, teams, err
}
