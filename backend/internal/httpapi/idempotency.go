package httpapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/store"
)

// IdempotencyStore keeps the answers of writes sent with an
// Idempotency-Key header (store.IdempotencyKeys).
type IdempotencyStore interface {
	Claim(ctx context.Context, scope, key, fingerprint string, now time.Time, ttl time.Duration) (*store.Answer, error)
	Complete(ctx context.Context, scope, key string, a store.Answer) error
	Release(ctx context.Context, scope, key string) error
}

// idempotencyTTL is how long a key's answer is kept: a day, longer than any
// workshop's connection trouble.
const idempotencyTTL = 24 * time.Hour

const headerIdempotencyKey = "Idempotency-Key"

var (
	errKeyInvalid = apperr.New(http.StatusBadRequest, "idempotency_key_invalid",
		"The Idempotency-Key header must be 1 to 255 visible ASCII characters.")
	errKeyInProgress = apperr.New(http.StatusConflict, "idempotency_in_progress",
		"This request is still being handled; try again in a moment.")
	errKeyReused = apperr.New(http.StatusUnprocessableEntity, "idempotency_key_reused",
		"This Idempotency-Key was used for another request; send a new key with a new request.")
)

// idempotent makes a write sent with an Idempotency-Key (the IETF draft's
// header) happen once: the first request runs and its answer is kept for a
// day under the caller and the key; a retry with the same key and request
// gets that answer again (with Idempotent-Replayed: true) and changes
// nothing, on any replica. A participant's room sends a key with every
// write, so a Send whose reply was lost on a weak link and is sent again
// stores one message. Writes without the header, reads, and callers not
// signed in pass through.
func (s *server) idempotent(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		key := req.Header.Get(headerIdempotencyKey)
		p := principal(c)
		if key == "" || s.Idempotency == nil || p == nil || req.Method == http.MethodGet || req.Method == http.MethodHead {
			return next(c)
		}
		if !validKey(key) {
			return errKeyInvalid
		}
		// A participant's keys are their session's; staff's their account's.
		scope := "session:" + p.SessionID
		if p.User != nil {
			scope = "user:" + strconv.FormatInt(p.User.ID, 10)
		}
		body, err := io.ReadAll(req.Body)
		if err != nil {
			return err
		}
		req.Body = io.NopCloser(bytes.NewReader(body))
		sum := sha256.Sum256(append([]byte(req.Method+" "+req.URL.RequestURI()+"\n"), body...))
		fingerprint := hex.EncodeToString(sum[:])
		ctx := req.Context()
		prev, err := s.Idempotency.Claim(ctx, scope, key, fingerprint, s.Exercises.Now(), idempotencyTTL)
		switch {
		case err != nil:
			return err
		case prev == nil:
			return s.runKeyed(c, next, scope, key, fingerprint)
		case prev.Fingerprint != fingerprint:
			return errKeyReused
		case prev.Status == 0:
			return errKeyInProgress
		}
		h := c.Response().Header()
		h.Set("Idempotent-Replayed", "true")
		if prev.ContentType != "" {
			h.Set(echo.HeaderContentType, prev.ContentType)
		}
		c.Response().WriteHeader(prev.Status)
		_, err = c.Response().Write(prev.Body)
		return err
	}
}

// runKeyed runs the first request of a key and keeps its answer; an answer
// that a retry could change (a server error, a rate limit) is not kept, so
// the retry runs again.
func (s *server) runKeyed(c echo.Context, next echo.HandlerFunc, scope, key, fingerprint string) error {
	res := c.Response()
	orig := res.Writer
	buf := &bufferedWriter{ResponseWriter: orig}
	res.Writer = buf
	if err := next(c); err != nil && !res.Committed {
		c.Error(err) // the error handler writes into buf, so the answer is kept too
	}
	res.Writer = orig
	ctx := context.WithoutCancel(c.Request().Context()) // keep the answer even if the client went away
	if buf.status == 0 || buf.status >= 500 || buf.status == http.StatusTooManyRequests {
		_ = s.Idempotency.Release(ctx, scope, key)
	} else if err := s.Idempotency.Complete(ctx, scope, key, store.Answer{Fingerprint: fingerprint, Status: buf.status,
		ContentType: orig.Header().Get(echo.HeaderContentType), Body: buf.body.Bytes()}); err != nil {
		s.Logger.Error("keep the answer of an idempotent write", "err", err)
	}
	if buf.status == 0 {
		return nil
	}
	orig.WriteHeader(buf.status)
	_, err := orig.Write(buf.body.Bytes())
	return err
}

func validKey(k string) bool {
	if len(k) > 255 {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 0x21 || k[i] > 0x7e {
			return false
		}
	}
	return true
}
