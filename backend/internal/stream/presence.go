package stream

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"maps"
	"time"
)

// PresenceStore shares "who is connected" between replicas: each replica
// keeps its own rows (exercise, session, streams) fresh, and reads the
// others' that are fresh enough.
type PresenceStore interface {
	// SavePresence replaces the replica's rows with streams, stamped at.
	SavePresence(ctx context.Context, replica string, streams map[PresenceKey]int, at time.Time) error
	// TouchPresence marks the replica's rows fresh at at.
	TouchPresence(ctx context.Context, replica string, at time.Time) error
	// Presence sums the streams per session on an exercise over the other
	// replicas' rows stamped after since.
	Presence(ctx context.Context, exerciseID int64, since time.Time, exceptReplica string) (map[string]int, error)
	// ForgetPresence deletes the replica's rows and any row older than staleBefore.
	ForgetPresence(ctx context.Context, replica string, staleBefore time.Time) error
}

// PresenceKey is one session on one exercise.
type PresenceKey struct {
	ExerciseID int64
	SessionID  string
}

// PresenceInterval is how often a replica publishes its streams; another
// replica's count is at most this old, and a replica that stops publishing
// is forgotten after presenceStale.
const (
	PresenceInterval = 2 * time.Second
	presenceStale    = 5 * PresenceInterval
)

type presenceState struct {
	changed bool
}

func randomReplicaID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return hex.EncodeToString(b)
}

// snapshot returns this replica's streams per (exercise, session) if they
// changed since the last call.
func (h *Hub) snapshot() (map[PresenceKey]int, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.presence.changed {
		return nil, false
	}
	h.presence.changed = false
	out := map[PresenceKey]int{}
	for id, t := range h.topics {
		for s := range t.subs {
			out[PresenceKey{ExerciseID: id, SessionID: s.sessionID}]++
		}
	}
	return out, true
}

// publishPresence keeps this replica's rows current until ctx ends, then
// removes them.
func (h *Hub) publishPresence(ctx context.Context) {
	if h.Presence == nil {
		return
	}
	t := time.NewTicker(PresenceInterval)
	defer t.Stop()
	for {
		h.publishOnce(ctx)
		select {
		case <-ctx.Done():
			bg, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			_ = h.Presence.ForgetPresence(bg, h.replica, time.Now().Add(-presenceStale))
			return
		case <-t.C:
		}
	}
}

func (h *Hub) publishOnce(ctx context.Context) {
	now := time.Now()
	var err error
	if snap, changed := h.snapshot(); changed {
		err = h.Presence.SavePresence(ctx, h.replica, snap, now)
	} else {
		err = h.Presence.TouchPresence(ctx, h.replica, now)
	}
	if err != nil && ctx.Err() == nil {
		h.mu.Lock()
		h.presence.changed = true // try again next time
		h.mu.Unlock()
		h.log.Warn("publishing stream presence failed", "err", err)
	}
}

// Connected returns, per session, the open streams on an exercise on every
// replica: this one's exactly, the others' as they last published them.
func (h *Hub) Connected(ctx context.Context, exerciseID int64) (map[string]int, error) {
	out := h.local(exerciseID)
	if h.Presence == nil {
		return out, nil
	}
	remote, err := h.Presence.Presence(ctx, exerciseID, time.Now().Add(-presenceStale), h.replica)
	if err != nil {
		return nil, err
	}
	for k, n := range maps.All(remote) {
		out[k] += n
	}
	return out, nil
}
