package exercise

import (
	"context"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// Retag records the facilitators' judgement of which CBMs a message used; the
// sender's own tags stay as they were, beside it.
func (s *Service) Retag(ctx context.Context, exerciseID, seq int64, cbms []string, by string) error {
	sc, err := s.scenarioOf(ctx, exerciseID)
	if err != nil {
		return err
	}
	p, err := s.Projection(ctx, exerciseID)
	if err != nil {
		return err
	}
	if p.Mail[seq] == nil {
		return apperr.NotFound("message")
	}
	if msg := s.checkTags(sc, cbms); msg != "" {
		return apperr.Invalid(map[string]string{"cbms": msg})
	}
	_, err = s.append(ctx, exerciseID, func(*Exercise) (Write, error) {
		return Write{Events: []NewEvent{{Type: EvRetagged, Audience: StaffOnly, Data: RetagData{Message: seq, CBMs: dedupeS(cbms), By: by}}}}, nil
	})
	return err
}
