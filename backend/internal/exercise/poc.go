package exercise

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// SetPoC replaces a team's points-of-contact entries; every team sees the
// directory, as in the real CBM 8 network.
func (s *Service) SetPoC(ctx context.Context, exerciseID, teamID int64, entries []PoCEntry, by string) error {
	if err := s.checkInPlay(ctx, exerciseID); err != nil {
		return err
	}
	sc, err := s.scenarioOf(ctx, exerciseID)
	if err != nil {
		return err
	}
	if err := checkPoC(sc.AllChannels(), entries); err != nil {
		return err
	}
	_, err = s.playAppend(ctx, exerciseID, func(*Exercise) (Write, error) {
		return Write{Events: []NewEvent{{Type: EvPoCUpdated, Audience: Everyone, Data: PoCData{TeamID: teamID, Entries: entries, By: by}}}}, nil
	})
	return err
}

func checkPoC(channels []scenario.Channel, entries []PoCEntry) error {
	if len(entries) > 6 {
		return apperr.Invalid(map[string]string{"entries": "List at most six points of contact."})
	}
	for i := range entries {
		e := &entries[i]
		e.Name, e.Hours = strings.TrimSpace(e.Name), strings.TrimSpace(e.Hours)
		switch {
		case e.Role != "policy" && e.Role != "technical":
			return apperr.Invalid(map[string]string{"entries": "Each point of contact is policy or technical."})
		case e.Name == "" || utf8.RuneCountInString(e.Name) > 200 || utf8.RuneCountInString(e.Hours) > 100:
			return apperr.Invalid(map[string]string{"entries": "Give each point of contact a name (at most 200 characters)."})
		case e.Channel != "" && !slices.ContainsFunc(channels, func(c scenario.Channel) bool { return c.Key == e.Channel }):
			return apperr.Invalid(map[string]string{"entries": "Choose one of the exercise's channels for each point of contact."})
		}
		if e.Languages == nil {
			e.Languages = []string{}
		}
	}
	return nil
}
