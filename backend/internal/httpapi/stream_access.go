package httpapi

import (
	"context"
	"errors"

	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/stream"
)

// streamAccess is the hub's check of an open stream: its session still
// stands and, for staff, its user still runs the exercise. It answers the
// reason the stream must end, or "".
func (s *server) streamAccess(ctx context.Context, exerciseID int64, a stream.Access) (string, error) {
	p, err := s.Auth.Recheck(ctx, a.SessionID)
	switch {
	case errors.Is(err, auth.ErrSessionExpired):
		return stream.ReasonExpired, nil
	case errors.Is(err, auth.ErrSessionEnded):
		return s.endedReason(ctx, exerciseID, a), nil
	case err != nil:
		return "", err
	}
	if !a.Staff {
		return "", nil // a participant's access ends with the session (removal revokes it)
	}
	ex, _, err := s.Exercises.Get(ctx, exerciseID)
	if isNotFound(err) {
		return stream.ReasonAccessRemoved, nil
	}
	if err != nil {
		return "", err
	}
	if _, runs, err := s.staffDuty(ctx, p, ex); err != nil || !runs {
		return stream.ReasonAccessRemoved, err
	}
	return "", nil
}

// endedReason tells a participant's removal from a logout: both revoke the
// session, and the removal marks the participant first.
func (s *server) endedReason(ctx context.Context, exerciseID int64, a stream.Access) string {
	if !a.Staff {
		if pt, err := s.Exercises.ParticipantOf(ctx, exerciseID, a.SessionID); err == nil && pt.RemovedAt != nil {
			return stream.ReasonRemoved
		}
	}
	return stream.ReasonSignedOut
}
