package store

import (
	"context"
	"errors"
	"sync"
	"time"
)

// Answer is what a write keyed with an Idempotency-Key answered (Status 0:
// the write is still in progress), and what the request looked like.
type Answer struct {
	Fingerprint string
	Status      int
	ContentType string
	Body        []byte
}

type idempotencyRow struct {
	Scope       string `gorm:"primaryKey"`
	Key         string `gorm:"primaryKey"`
	Fingerprint string
	Status      int
	ContentType string
	Body        []byte
	ExpiresAt   int64 // Unix ms
}

func (idempotencyRow) TableName() string { return "idempotency_keys" }

// IdempotencyKeys keeps the answers of keyed writes, shared by every replica
// on the database, so a retry that reaches another replica is answered the
// same.
type IdempotencyKeys struct {
	s     *Store
	mu    sync.Mutex
	swept time.Time
}

// IdempotencyKeys returns the store of keyed writes.
func (s *Store) IdempotencyKeys() *IdempotencyKeys { return &IdempotencyKeys{s: s} }

// Claim starts a keyed write: it records scope's key as in progress, unless
// the key is already there, in which case it returns what is stored (an
// answer, or Status 0 while the first write runs). One of two simultaneous
// claims wins: the insert ignores conflicts and the loser reads the row.
func (k *IdempotencyKeys) Claim(ctx context.Context, scope, key, fingerprint string, now time.Time, ttl time.Duration) (*Answer, error) {
	if err := k.sweep(ctx, now); err != nil {
		return nil, err
	}
	for range 2 {
		row := idempotencyRow{Scope: scope, Key: key, Fingerprint: fingerprint, ExpiresAt: now.Add(ttl).UnixMilli()}
		res := k.s.conn(ctx).Exec(`INSERT INTO idempotency_keys (scope, key, fingerprint, status, content_type, expires_at)
VALUES (?, ?, ?, 0, '', ?) ON CONFLICT (scope, key) DO NOTHING`, row.Scope, row.Key, row.Fingerprint, row.ExpiresAt)
		if res.Error != nil {
			return nil, failed(res.Error, "claim an idempotency key")
		}
		if res.RowsAffected == 1 {
			return nil, nil
		}
		var got idempotencyRow
		if err := k.s.conn(ctx).Where("scope = ? AND key = ?", scope, key).First(&got).Error; err != nil {
			return nil, failed(err, "read an idempotency key")
		}
		if got.ExpiresAt > now.UnixMilli() {
			return &Answer{Fingerprint: got.Fingerprint, Status: got.Status, ContentType: got.ContentType, Body: got.Body}, nil
		}
		// Expired but not swept yet: it counts for nothing; claim afresh.
		if err := k.s.conn(ctx).Where("scope = ? AND key = ? AND expires_at <= ?", scope, key, now.UnixMilli()).
			Delete(&idempotencyRow{}).Error; err != nil {
			return nil, failed(err, "drop an expired idempotency key")
		}
	}
	return nil, errors.New("claim an idempotency key: it expired and was claimed again meanwhile")
}

// Complete stores the answer of a claimed write.
func (k *IdempotencyKeys) Complete(ctx context.Context, scope, key string, a Answer) error {
	err := k.s.conn(ctx).Model(&idempotencyRow{}).Where("scope = ? AND key = ?", scope, key).
		Updates(map[string]any{"status": a.Status, "content_type": a.ContentType, "body": a.Body}).Error
	return failed(err, "store the answer of an idempotent write")
}

// Release forgets a claim whose write failed on the server's side, so that
// a retry does the write again.
func (k *IdempotencyKeys) Release(ctx context.Context, scope, key string) error {
	err := k.s.conn(ctx).Where("scope = ? AND key = ? AND status = 0", scope, key).Delete(&idempotencyRow{}).Error
	return failed(err, "release an idempotency key")
}

// sweep deletes expired keys, at most once a minute per process.
func (k *IdempotencyKeys) sweep(ctx context.Context, now time.Time) error {
	k.mu.Lock()
	due := now.Sub(k.swept) >= sweepEvery
	if due {
		k.swept = now
	}
	k.mu.Unlock()
	if !due {
		return nil
	}
	err := k.s.conn(ctx).Exec("DELETE FROM idempotency_keys WHERE expires_at <= ?", now.UnixMilli()).Error
	return failed(err, "sweep expired idempotency keys")
}
