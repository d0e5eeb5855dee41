package auth

import (
	"errors"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Token settings. One algorithm only: a token that names any other, "none"
// included, is refused before its signature is even looked at.
const (
	tokenAlgorithm = "HS256"
	tokenIssuer    = "cbmex"
	tokenAudience  = "cbmex-api"
)

// Claims are what a cbmex token says. Participant tokens also carry the one
// exercise and team they are scoped to.
type Claims struct {
	jwt.RegisteredClaims
	Kind       string `json:"knd"`
	Role       Role   `json:"role"`
	ExerciseID int64  `json:"exr,omitempty"`
	TeamID     int64  `json:"team,omitempty"`
}

// Tokens signs and checks JWTs with one HMAC key.
type Tokens struct {
	key []byte
	now func() time.Time
}

// NewTokens returns a signer/verifier; now is the clock used for expiry.
func NewTokens(key []byte, now func() time.Time) *Tokens {
	return &Tokens{key: key, now: now}
}

// Sign returns the signed token for a session.
func (t *Tokens) Sign(s *Session, role Role) (string, error) {
	c := Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			ID:        s.ID,
			Issuer:    tokenIssuer,
			Audience:  jwt.ClaimStrings{tokenAudience},
			IssuedAt:  jwt.NewNumericDate(s.CreatedAt),
			NotBefore: jwt.NewNumericDate(s.CreatedAt),
			ExpiresAt: jwt.NewNumericDate(s.ExpiresAt),
		},
		Kind: s.Kind,
		Role: role,
	}
	if s.UserID != nil {
		c.Subject = "user:" + strconv.FormatInt(*s.UserID, 10)
	}
	if s.ExerciseID != nil {
		c.ExerciseID = *s.ExerciseID
	}
	if s.TeamID != nil {
		c.TeamID = *s.TeamID
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(t.key)
}

// ErrBadToken covers every way a token can be unacceptable.
var ErrBadToken = errors.New("bad token")

// Parse checks signature, algorithm, issuer, audience and times.
func (t *Tokens) Parse(raw string) (*Claims, error) {
	c := &Claims{}
	_, err := jwt.ParseWithClaims(raw, c,
		func(*jwt.Token) (any, error) { return t.key, nil },
		jwt.WithValidMethods([]string{tokenAlgorithm}),
		jwt.WithIssuer(tokenIssuer),
		jwt.WithAudience(tokenAudience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(5*time.Second),
		jwt.WithTimeFunc(t.now),
	)
	if err != nil || c.ID == "" {
		return nil, ErrBadToken
	}
	return c, nil
}
