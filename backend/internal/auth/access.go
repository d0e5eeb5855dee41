package auth

import (
	"context"
	"errors"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// Why a session no longer stands for anyone.
var (
	ErrSessionExpired = errors.New("session expired")
	// ErrSessionEnded covers a revoked session (logout, password change,
	// removal) and an account that was disabled or deleted.
	ErrSessionEnded = errors.New("session ended")
)

// Recheck returns the caller a session stands for now, for something that
// outlives the request that opened it (an event stream). It fails with
// ErrSessionExpired or ErrSessionEnded when the session no longer stands.
func (s *Service) Recheck(ctx context.Context, sessionID string) (*Principal, error) {
	return s.standing(ctx, sessionID, "")
}

// standing loads a session and its account; kind, when given, must match
// the session's (a token cannot change what it was issued for).
func (s *Service) standing(ctx context.Context, id, kind string) (*Principal, error) {
	sess, err := s.store.SessionByID(ctx, id)
	if err != nil {
		return nil, ended(err)
	}
	switch {
	case sess.RevokedAt != nil || (kind != "" && sess.Kind != kind):
		return nil, ErrSessionEnded
	case !s.now().Before(sess.ExpiresAt):
		return nil, ErrSessionExpired
	}
	p := &Principal{SessionID: sess.ID, ExpiresAt: sess.ExpiresAt}
	if sess.Kind == KindParticipant {
		p.Role, p.ExerciseID, p.TeamID = RoleParticipant, deref(sess.ExerciseID), deref(sess.TeamID)
		if sess.TeamID == nil {
			p.Role = RoleObserver
		}
		return p, nil
	}
	u, err := s.store.UserByID(ctx, deref(sess.UserID))
	if err != nil {
		return nil, ended(err)
	}
	if u.Disabled {
		return nil, ErrSessionEnded
	}
	// The role is read from the account, not the token, so a demotion takes
	// effect at once.
	p.User, p.Role = u, u.Role
	return p, nil
}

// ended maps a missing row (a deleted session or account) to
// ErrSessionEnded and leaves other errors as they are.
func ended(err error) error {
	if errors.Is(err, apperr.ErrNoRow) {
		return ErrSessionEnded
	}
	return err
}
