package exercise

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// CommCheck sends a communication check to every team's points of contact.
func (s *Service) CommCheck(ctx context.Context, exerciseID int64, text, by string) (int64, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		text = "Communication check: please acknowledge receipt and confirm your contact details."
	}
	if utf8.RuneCountInString(text) > 2000 {
		return 0, apperr.Invalid(map[string]string{"text": "At most 2,000 characters."})
	}
	evs, err := s.append(ctx, exerciseID, func(ex *Exercise) (Write, error) {
		if ex.Clock.Status != Running && ex.Clock.Status != Paused {
			return Write{}, conflict("invalid_state", "Communication checks can be sent only while the exercise runs or is paused.")
		}
		return Write{Events: []NewEvent{{Type: EvCommCheck, Audience: Everyone, Data: CommCheckData{Text: text, By: by}}}}, nil
	})
	if err != nil {
		return 0, err
	}
	return evs[0].Seq, nil
}

// AckCommCheck acknowledges a check for a team; the first acknowledgement counts.
func (s *Service) AckCommCheck(ctx context.Context, exerciseID, check, teamID int64, by string) error {
	if err := s.checkInPlay(ctx, exerciseID); err != nil {
		return err
	}
	p, err := s.Projection(ctx, exerciseID)
	if err != nil {
		return err
	}
	if p.CommChecks[check] == nil {
		return apperr.NotFound("communication check")
	}
	_, err = s.playAppend(ctx, exerciseID, func(*Exercise) (Write, error) {
		return Write{Once: []string{"commack:" + itoa(check) + ":" + itoa(teamID)},
			Events: []NewEvent{{Type: EvCommAck, Audience: TeamsOnly(teamID), Data: CommAckData{Check: check, TeamID: teamID, By: by}}}}, nil
	})
	return mapOnce(err, "Your team has already acknowledged this check.")
}
