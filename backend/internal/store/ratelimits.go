package store

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/cbmex/cbmex/backend/internal/auth"
)

// RateLimits implements auth.Counters in the database, so that every replica
// adds to the same counts.
type RateLimits struct {
	s *Store

	mu    sync.Mutex
	swept time.Time
}

// RateLimits returns the shared rate-limit counters.
func (s *Store) RateLimits() *RateLimits { return &RateLimits{s: s} }

var _ auth.Counters = (*RateLimits)(nil)

// sweepEvery is how often expired counts are deleted.
const sweepEvery = time.Minute

// addSQL adds one to each key in a single statement, atomic per row on both
// dialects: the row's window rolls forward when the hit falls in a later
// window (the current count becoming the previous one, or both zero after a
// gap), and a hit that falls in an earlier window (a replica whose clock
// lags) counts in the row's window. SET expressions see the row as it was.
const addSQL = `INSERT INTO rate_limits (key, window_start, window_ms, hits, prev_hits, expires_at) VALUES %s
ON CONFLICT (key) DO UPDATE SET
  prev_hits = CASE WHEN rate_limits.window_start >= excluded.window_start THEN rate_limits.prev_hits
                   WHEN rate_limits.window_start = excluded.window_start - excluded.window_ms THEN rate_limits.hits
                   ELSE 0 END,
  hits = CASE WHEN rate_limits.window_start >= excluded.window_start THEN rate_limits.hits + 1 ELSE 1 END,
  window_ms = excluded.window_ms,
  expires_at = CASE WHEN rate_limits.window_start >= excluded.window_start THEN rate_limits.expires_at ELSE excluded.expires_at END,
  window_start = CASE WHEN rate_limits.window_start >= excluded.window_start THEN rate_limits.window_start ELSE excluded.window_start END
RETURNING key, window_start, hits, prev_hits`

// Add implements auth.Counters. The keys of one call must differ.
func (r *RateLimits) Add(ctx context.Context, now time.Time, hits ...auth.Hit) ([]auth.Count, error) {
	if err := r.sweep(ctx, now); err != nil {
		return nil, err
	}
	rows := make([]string, len(hits))
	args := make([]any, 0, 4*len(hits))
	for i, h := range hits {
		start := auth.WindowStart(now, h.Window)
		rows[i] = "(?, ?, ?, 1, 0, ?)"
		args = append(args, h.Key, start.UnixMilli(), h.Window.Milliseconds(), start.Add(2*h.Window).UnixMilli())
	}
	var got []rateLimitRow
	q := fmt.Sprintf(addSQL, strings.Join(rows, ", "))
	if err := r.s.conn(ctx).Raw(q, args...).Scan(&got).Error; err != nil {
		return nil, fmt.Errorf("count rate limits: %w", err)
	}
	byKey := make(map[string]rateLimitRow, len(got))
	for _, g := range got {
		byKey[g.Key] = g
	}
	out := make([]auth.Count, len(hits))
	for i, h := range hits {
		g, ok := byKey[h.Key]
		if !ok {
			return nil, fmt.Errorf("count rate limits: no row returned for %s", h.Key)
		}
		out[i] = auth.Count{Key: h.Key, Window: h.Window, Start: time.UnixMilli(g.WindowStart).UTC(), Hits: g.Hits, Prev: g.PrevHits}
	}
	return out, nil
}

// Undo implements auth.Counters.
func (r *RateLimits) Undo(ctx context.Context, counts ...auth.Count) error {
	if len(counts) == 0 {
		return nil
	}
	conds := make([]string, len(counts))
	args := make([]any, 0, 2*len(counts))
	for i, c := range counts {
		conds[i] = "(key = ? AND window_start = ?)"
		args = append(args, c.Key, c.Start.UnixMilli())
	}
	q := "UPDATE rate_limits SET hits = hits - 1 WHERE hits > 0 AND (" + strings.Join(conds, " OR ") + ")"
	return failed(r.s.conn(ctx).Exec(q, args...).Error, "take rate-limit counts back")
}

// Peek implements auth.Counters: one read, nothing written.
func (r *RateLimits) Peek(ctx context.Context, _ time.Time, hits ...auth.Hit) ([]auth.Count, error) {
	keys := make([]string, len(hits))
	for i, h := range hits {
		keys[i] = h.Key
	}
	var got []rateLimitRow
	if err := r.s.conn(ctx).Where("key IN ?", keys).Find(&got).Error; err != nil {
		return nil, fmt.Errorf("read rate limits: %w", err)
	}
	byKey := make(map[string]rateLimitRow, len(got))
	for _, g := range got {
		byKey[g.Key] = g
	}
	out := make([]auth.Count, len(hits))
	for i, h := range hits {
		out[i] = auth.Count{Key: h.Key, Window: h.Window}
		if g, ok := byKey[h.Key]; ok {
			out[i].Start, out[i].Hits, out[i].Prev = time.UnixMilli(g.WindowStart).UTC(), g.Hits, g.PrevHits
		}
	}
	return out, nil
}

// sweep deletes the counts that no longer count, at most once a minute per
// process (every replica sweeps; a sweep is one indexed delete).
func (r *RateLimits) sweep(ctx context.Context, now time.Time) error {
	r.mu.Lock()
	due := now.Sub(r.swept) >= sweepEvery
	if due {
		r.swept = now
	}
	r.mu.Unlock()
	if !due {
		return nil
	}
	return r.Sweep(ctx, now)
}

// Sweep deletes every count whose windows are over at now.
func (r *RateLimits) Sweep(ctx context.Context, now time.Time) error {
	err := r.s.conn(ctx).Exec("DELETE FROM rate_limits WHERE expires_at <= ?", now.UnixMilli()).Error
	return failed(err, "sweep expired rate-limit counts")
}
