package store

import (
	"context"
	"sync"
)

// AccessChannel is the PostgreSQL channel that carries an access-change key
// (stream.AccessSession(id), stream.AccessStaff) after a session is revoked,
// or an account or a workshop's facilitators change, so that every replica
// ends the event streams that lost their access. Another process (the
// `cbmex user` command) reaches the servers through it too.
const AccessChannel = "cbmex_access"

type accessHooks struct {
	mu  sync.Mutex
	fns []func(key string)
}

// OnAccessChange registers fn to hear, in this process, every access change
// this store writes.
func (s *Store) OnAccessChange(fn func(key string)) {
	s.access.mu.Lock()
	s.access.fns = append(s.access.fns, fn)
	s.access.mu.Unlock()
}

// accessChanged tells this process's listeners and, on PostgreSQL, every
// replica. It runs after the change is committed; a failed NOTIFY is not an
// error of the change (the streams' periodic check catches up).
func (s *Store) accessChanged(ctx context.Context, key string) {
	if s.Dialect == Postgres {
		_ = s.DB.WithContext(ctx).Exec("SELECT pg_notify(?, ?)", AccessChannel, key).Error
	}
	s.access.mu.Lock()
	fns := append([]func(string){}, s.access.fns...)
	s.access.mu.Unlock()
	for _, fn := range fns {
		fn(key)
	}
}
