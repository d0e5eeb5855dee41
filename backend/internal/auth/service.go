package auth

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"net/http"
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// Service is the account and session logic. Handlers call it; it calls Store.
type Service struct {
	store        Store
	tokens       *Tokens
	limiter      *Limiter
	now          func() time.Time
	ttl          time.Duration
	hashCost     int
	joinsPerCode int
}

// Options tune a Service; zero values take sensible defaults.
type Options struct {
	SessionTTL time.Duration    // default 12h
	Now        func() time.Time // default time.Now
	HashCost   int              // bcrypt cost, default 10; tests use the minimum (4)
	// Counters hold the rate limits' counts; the database's, so that every
	// replica counts together. Default: in this process only.
	Counters Counters
	// JoinsPerCode bounds the joins with one code per hour; default 30.
	JoinsPerCode int
}

// NewService wires a Service.
func NewService(store Store, key []byte, o Options) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.SessionTTL == 0 {
		o.SessionTTL = 12 * time.Hour
	}
	if o.HashCost == 0 {
		o.HashCost = 10
	}
	if o.JoinsPerCode == 0 {
		o.JoinsPerCode = 30
	}
	return &Service{
		store: store, tokens: NewTokens(key, o.Now), limiter: NewLimiter(o.Counters, o.Now),
		now: o.Now, ttl: o.SessionTTL, hashCost: o.HashCost, joinsPerCode: o.JoinsPerCode,
	}
}

var errInvalidCredentials = apperr.New(http.StatusUnauthorized, "invalid_credentials",
	"The e-mail or password is not correct.")

// Login checks a password and opens a session. ip is the client address used
// for rate limiting (see limiter.go): a failure counts, a right password
// does not.
func (s *Service) Login(ctx context.Context, email, password, ip string) (string, *User, error) {
	email = normaliseEmail(email)
	attempt, err := s.startSignIn(ctx, email, ip)
	if err != nil {
		return "", nil, err
	}
	u, err := s.checkPassword(ctx, email, password)
	if !errors.Is(err, errInvalidCredentials) {
		// Only a wrong password counts: a right one, or a storage failure,
		// takes the attempt back.
		if uerr := attempt.Undo(ctx); err == nil {
			err = uerr
		}
	}
	if err != nil {
		return "", nil, err
	}
	token, err := s.openSession(ctx, &Session{Kind: KindUser, UserID: &u.ID}, u.Role)
	return token, u, err
}

// checkPassword finds the enabled account whose password this is. An unknown
// e-mail costs a hash check too, so timing does not tell which accounts exist.
func (s *Service) checkPassword(ctx context.Context, email, password string) (*User, error) {
	u, err := s.store.UserByEmail(ctx, email)
	if errors.Is(err, apperr.ErrNoRow) {
		passwordMatches(string(dummyHash), password)
		return nil, errInvalidCredentials
	}
	if err != nil {
		return nil, err
	}
	if !passwordMatches(u.PasswordHash, password) || u.Disabled {
		return nil, errInvalidCredentials
	}
	return u, nil
}

// IssueParticipant opens a session scoped to one exercise and one team, or
// to the whole exercise read-only when teamID is 0 (an observer). It returns
// the token and the session id, which revokes it.
func (s *Service) IssueParticipant(ctx context.Context, exerciseID, teamID int64) (token, sessionID string, err error) {
	sess := &Session{Kind: KindParticipant, ExerciseID: &exerciseID}
	role := RoleObserver
	if teamID != 0 {
		sess.TeamID, role = &teamID, RoleParticipant
	}
	token, err = s.openSession(ctx, sess, role)
	return token, sess.ID, err
}

func (s *Service) openSession(ctx context.Context, sess *Session, role Role) (string, error) {
	now := s.now().UTC().Truncate(time.Second)
	sess.ID = randomID()
	sess.CreatedAt, sess.ExpiresAt = now, now.Add(s.ttl)
	if err := s.store.CreateSession(ctx, sess); err != nil {
		return "", err
	}
	return s.tokens.Sign(sess, role)
}

// Authenticate turns a token into the caller, or fails with 401 when the
// token is malformed, tampered with, expired, revoked, or its user disabled.
func (s *Service) Authenticate(ctx context.Context, raw string) (*Principal, error) {
	c, err := s.tokens.Parse(raw)
	if err != nil {
		return nil, apperr.Unauthenticated()
	}
	p, err := s.standing(ctx, c.ID, c.Kind)
	if errors.Is(err, ErrSessionExpired) || errors.Is(err, ErrSessionEnded) {
		return nil, apperr.Unauthenticated()
	}
	return p, err
}

// Logout revokes the caller's session.
func (s *Service) Logout(ctx context.Context, p *Principal) error {
	return s.store.RevokeSession(ctx, p.SessionID, s.now())
}

// RevokeSession ends one session, e.g. a removed participant's.
func (s *Service) RevokeSession(ctx context.Context, id string) error {
	return s.store.RevokeSession(ctx, id, s.now())
}

func randomID() string {
	b := make([]byte, 18)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}

// RandomSecret returns n random bytes, base64url-encoded.
func RandomSecret(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func normaliseEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

func validEmail(e string) bool {
	a, err := mail.ParseAddress(e)
	return err == nil && a.Address == e && !strings.ContainsAny(e, " <>")
}

func validRole(r Role) bool { return slices.Contains(AccountRoles, r) }

func deref(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}
