package auth

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

var (
	testKey   = []byte("0123456789abcdef0123456789abcdef")
	tokenTime = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
)

// fixedNow is a clock standing at t.
func fixedNow(t time.Time) func() time.Time { return func() time.Time { return t } }

// validClaims are the claims Sign writes for a user session opened at
// tokenTime for an hour.
func validClaims() Claims {
	return Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			ID: "jti-1", Issuer: tokenIssuer, Audience: jwt.ClaimStrings{tokenAudience}, Subject: "user:1",
			IssuedAt: jwt.NewNumericDate(tokenTime), NotBefore: jwt.NewNumericDate(tokenTime),
			ExpiresAt: jwt.NewNumericDate(tokenTime.Add(time.Hour)),
		},
		Kind: KindUser, Role: RoleAdmin,
	}
}

func signWith(t *testing.T, m jwt.SigningMethod, key any, c Claims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(m, c).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSignedTokensParseBack(t *testing.T) {
	tok := NewTokens(testKey, fixedNow(tokenTime.Add(time.Minute)))
	user, exercise, team := int64(7), int64(3), int64(11)
	for _, s := range []struct {
		sess *Session
		role Role
	}{
		{&Session{ID: "u", Kind: KindUser, UserID: &user, CreatedAt: tokenTime, ExpiresAt: tokenTime.Add(time.Hour)}, RoleFacilitator},
		{&Session{ID: "p", Kind: KindParticipant, ExerciseID: &exercise, TeamID: &team, CreatedAt: tokenTime, ExpiresAt: tokenTime.Add(time.Hour)}, RoleParticipant},
		{&Session{ID: "o", Kind: KindParticipant, ExerciseID: &exercise, CreatedAt: tokenTime, ExpiresAt: tokenTime.Add(time.Hour)}, RoleObserver},
	} {
		raw, err := tok.Sign(s.sess, s.role)
		if err != nil {
			t.Fatal(err)
		}
		c, err := tok.Parse(raw)
		if err != nil {
			t.Fatalf("%s: %v", s.sess.ID, err)
		}
		if c.ID != s.sess.ID || c.Kind != s.sess.Kind || c.Role != s.role || c.ExerciseID != deref(s.sess.ExerciseID) || c.TeamID != deref(s.sess.TeamID) {
			t.Errorf("%s: claims %+v", s.sess.ID, c)
		}
		if wantSub := map[string]string{"u": "user:7"}[s.sess.ID]; c.Subject != wantSub {
			t.Errorf("%s: subject %q, want %q", s.sess.ID, c.Subject, wantSub)
		}
	}
}

// Every way a token can be unacceptable is refused with ErrBadToken.
func TestUnacceptableTokensAreRefused(t *testing.T) {
	now := tokenTime.Add(time.Minute)
	with := func(change func(*Claims)) Claims { c := validClaims(); change(&c); return c }
	hs256 := func(c Claims) func(*testing.T) string {
		return func(t *testing.T) string { return signWith(t, jwt.SigningMethodHS256, testKey, c) }
	}
	cases := []struct {
		name string
		raw  func(*testing.T) string
		at   time.Time // the clock when it is checked (now when zero)
	}{
		{"empty", func(*testing.T) string { return "" }, time.Time{}},
		{"not a JWT", func(*testing.T) string { return "not.a.token" }, time.Time{}},
		{"alg none", func(t *testing.T) string {
			return signWith(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, validClaims())
		}, time.Time{}},
		{"HS512 with the right key", func(t *testing.T) string { return signWith(t, jwt.SigningMethodHS512, testKey, validClaims()) }, time.Time{}},
		{"HS384 with the right key", func(t *testing.T) string { return signWith(t, jwt.SigningMethodHS384, testKey, validClaims()) }, time.Time{}},
		{"another key", func(t *testing.T) string {
			return signWith(t, jwt.SigningMethodHS256, []byte("another key of at least 32 bytes!!"), validClaims())
		}, time.Time{}},
		{"signature removed", func(t *testing.T) string {
			raw := hs256(validClaims())(t)
			return raw[:strings.LastIndex(raw, ".")+1]
		}, time.Time{}},
		{"payload changed", func(t *testing.T) string {
			parts := strings.Split(hs256(validClaims())(t), ".")
			other := strings.Split(hs256(with(func(c *Claims) { c.Role = RoleAdmin; c.Subject = "user:2" }))(t), ".")
			return parts[0] + "." + other[1] + "." + parts[2]
		}, time.Time{}},
		{"header says none, signature kept", func(t *testing.T) string {
			parts := strings.Split(hs256(validClaims())(t), ".")
			none := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`))
			return none + "." + parts[1] + "." + parts[2]
		}, time.Time{}},
		{"expired beyond the leeway", hs256(validClaims()), tokenTime.Add(time.Hour + 6*time.Second)},
		{"not valid yet", hs256(validClaims()), tokenTime.Add(-time.Minute)},
		{"issued in the future", hs256(with(func(c *Claims) { c.IssuedAt = jwt.NewNumericDate(now.Add(time.Minute)) })), time.Time{}},
		{"no expiry", hs256(with(func(c *Claims) { c.ExpiresAt = nil })), time.Time{}},
		{"another issuer", hs256(with(func(c *Claims) { c.Issuer = "someone-else" })), time.Time{}},
		{"no issuer", hs256(with(func(c *Claims) { c.Issuer = "" })), time.Time{}},
		{"another audience", hs256(with(func(c *Claims) { c.Audience = jwt.ClaimStrings{"another-api"} })), time.Time{}},
		{"no audience", hs256(with(func(c *Claims) { c.Audience = nil })), time.Time{}},
		{"no jti", hs256(with(func(c *Claims) { c.ID = "" })), time.Time{}},
	}
	for _, c := range cases {
		at := c.at
		if at.IsZero() {
			at = now
		}
		raw := c.raw(t)
		if got, err := NewTokens(testKey, fixedNow(at)).Parse(raw); err != ErrBadToken || got != nil {
			t.Errorf("%s: got %+v, %v; want ErrBadToken", c.name, got, err)
		}
	}
}

// Clocks of replicas differ a little: five seconds either way are forgiven.
func TestTokenTimesHaveFiveSecondsOfLeeway(t *testing.T) {
	raw := signWith(t, jwt.SigningMethodHS256, testKey, validClaims())
	for _, at := range []time.Time{tokenTime.Add(-4 * time.Second), tokenTime.Add(time.Hour + 4*time.Second)} {
		if _, err := NewTokens(testKey, fixedNow(at)).Parse(raw); err != nil {
			t.Errorf("at %s: %v", at.Format(time.TimeOnly), err)
		}
	}
}
