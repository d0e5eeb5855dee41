package stream

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Channels are the PostgreSQL NOTIFY channels a replica listens on.
type Channels struct {
	Events string // "exercise:seq" after each append; rows not yet delivered are read from the table
	Access string // an AccessChanged key after a session, account or assignment changed
}

// ListenPostgres relays every replica's NOTIFY messages to the hub until ctx
// ends, reconnecting after failures.
func ListenPostgres(ctx context.Context, url string, ch Channels, h *Hub, log *slog.Logger) {
	backoff := time.Second
	for ctx.Err() == nil {
		err := listenOnce(ctx, url, ch, h)
		if ctx.Err() != nil {
			return
		}
		log.Warn("PostgreSQL listener lost; reconnecting", "err", err, "in", backoff)
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 30*time.Second)
	}
}

func listenOnce(ctx context.Context, url string, ch Channels, h *Hub) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	for _, c := range []string{ch.Events, ch.Access} {
		if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{c}.Sanitize()); err != nil {
			return err
		}
	}
	// Catch up on anything missed while disconnected.
	h.NotifyAll()
	h.AccessChanged(AccessAll)
	h.markListening()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		switch n.Channel {
		case ch.Events:
			ex, last, ok := strings.Cut(n.Payload, ":")
			id, err := strconv.ParseInt(ex, 10, 64)
			if !ok || err != nil {
				continue
			}
			if seq, err := strconv.ParseInt(last, 10, 64); err == nil {
				h.Committed(id, seq)
			} else {
				h.Notify(id)
			}
		case ch.Access:
			if key, ok := accessKey(n.Payload); ok {
				h.AccessChanged(key)
			}
		}
	}
}
