package stream

import (
	"context"
	"strings"
	"sync"
	"time"
)

// Why a stream ended, sent to the client as `event: close` with
// {"reason": …}. A client reconnects after slow and shutdown; after the
// others it must sign in or join again.
const (
	ReasonSignedOut     = "signed_out"     // logout, password change, account disabled or deleted
	ReasonExpired       = "expired"        // the session reached its end
	ReasonAccessRemoved = "access_removed" // no longer a facilitator of the exercise's workshop
	ReasonRemoved       = "removed"        // a facilitator removed the participant
)

// Keys of AccessChanged: one session, or every staff stream (accounts and
// workshop assignments changed), or every stream.
const (
	AccessStaff = "staff"
	AccessAll   = "all"
)

// AccessSession is the AccessChanged key of one session.
func AccessSession(id string) string { return "session:" + id }

// AccessCheck says whether the holder of a stream may still watch the
// exercise: "" when it may, otherwise one of the reasons above.
type AccessCheck func(ctx context.Context, exerciseID int64, a Access) (reason string, err error)

// RevalidateInterval is how often every stream's access is checked again
// even without a signal (a signal lost with a dropped PostgreSQL listener,
// or a password reset from the command line against SQLite).
const RevalidateInterval = 30 * time.Second

// expirySweep is how often streams are checked against their session's end.
const expirySweep = 250 * time.Millisecond

type accessState struct {
	mu      sync.Mutex
	check   AccessCheck
	pending map[string]bool
	wake    chan struct{}
}

func newAccessState() accessState {
	return accessState{pending: map[string]bool{}, wake: make(chan struct{}, 1)}
}

// SetAccessCheck installs the check that revalidation runs. Call it before
// Run.
func (h *Hub) SetAccessCheck(c AccessCheck) {
	h.access.mu.Lock()
	h.access.check = c
	h.access.mu.Unlock()
}

// AccessChanged says that some access may have ended: the streams the key
// names are checked again (on this replica; the PostgreSQL listener calls it
// for the other replicas' signals). It never blocks.
func (h *Hub) AccessChanged(key string) {
	h.access.mu.Lock()
	h.access.pending[key] = true
	h.access.mu.Unlock()
	select {
	case h.access.wake <- struct{}{}:
	default:
	}
}

// guard ends streams whose access ended, until ctx ends: at once on a
// signal, at the session's end, and every RevalidateInterval regardless.
func (h *Hub) guard(ctx context.Context) {
	sweep := time.NewTicker(expirySweep)
	defer sweep.Stop()
	safety := time.NewTicker(RevalidateInterval)
	defer safety.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-sweep.C:
			h.dropExpired()
		case <-safety.C:
			h.AccessChanged(AccessAll)
		case <-h.access.wake:
			h.revalidate(ctx, h.takePending())
		}
	}
}

func (h *Hub) takePending() map[string]bool {
	h.access.mu.Lock()
	defer h.access.mu.Unlock()
	keys := h.access.pending
	h.access.pending = map[string]bool{}
	return keys
}

// dropExpired ends every stream whose session has ended.
func (h *Hub) dropExpired() {
	now := h.Now()
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, t := range h.topics {
		for s := range t.subs {
			if !s.access.Expires.IsZero() && !now.Before(s.access.Expires) {
				h.drop(t, s, ReasonExpired)
			}
		}
	}
}

// holder is one session watching one exercise, checked once however many
// streams (tabs) it has open.
type holder struct {
	exerciseID int64
	access     Access
}

// revalidate checks the holders the keys name and ends the streams of those
// that lost access.
func (h *Hub) revalidate(ctx context.Context, keys map[string]bool) {
	h.access.mu.Lock()
	check := h.access.check
	h.access.mu.Unlock()
	if check == nil || len(keys) == 0 {
		return
	}
	for _, hd := range h.holders(keys) {
		reason, err := check(ctx, hd.exerciseID, hd.access)
		if err != nil {
			if ctx.Err() == nil {
				h.log.Warn("stream access check failed", "exercise", hd.exerciseID, "err", err)
			}
			continue
		}
		if reason != "" {
			h.end(hd, reason)
		}
	}
}

// holders lists the distinct (exercise, session) pairs the keys name.
func (h *Hub) holders(keys map[string]bool) []holder {
	h.mu.Lock()
	defer h.mu.Unlock()
	seen := map[holder]bool{}
	var out []holder
	for id, t := range h.topics {
		for s := range t.subs {
			if !matches(keys, s.access) {
				continue
			}
			hd := holder{exerciseID: id, access: Access{SessionID: s.access.SessionID, Staff: s.access.Staff, Expires: s.access.Expires}}
			if !seen[hd] {
				seen[hd] = true
				out = append(out, hd)
			}
		}
	}
	return out
}

func matches(keys map[string]bool, a Access) bool {
	return keys[AccessAll] || (a.Staff && keys[AccessStaff]) || keys[AccessSession(a.SessionID)]
}

// end drops every stream of the holder's session on the exercise.
func (h *Hub) end(hd holder, reason string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	t := h.topics[hd.exerciseID]
	if t == nil {
		return
	}
	for s := range t.subs {
		if s.access.SessionID == hd.access.SessionID {
			h.drop(t, s, reason)
		}
	}
}

// accessKey reads an AccessChanged key from a notification payload; it
// refuses anything else, so a stray NOTIFY cannot make the hub do work.
func accessKey(payload string) (string, bool) {
	if payload == AccessStaff || payload == AccessAll {
		return payload, true
	}
	if id, ok := strings.CutPrefix(payload, "session:"); ok && id != "" {
		return payload, true
	}
	return "", false
}
