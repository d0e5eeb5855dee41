package stream

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// ListenPostgres relays the NOTIFY messages of every replica's appends to
// the hub until ctx ends, reconnecting after failures. The payload is
// "exercise:seq"; the rows themselves are read from the table.
func ListenPostgres(ctx context.Context, url, channel string, h *Hub, log *slog.Logger) {
	backoff := time.Second
	for ctx.Err() == nil {
		err := listenOnce(ctx, url, channel, h)
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

func listenOnce(ctx context.Context, url, channel string, h *Hub) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{channel}.Sanitize()); err != nil {
		return err
	}
	h.NotifyAll() // catch up on anything missed while disconnected
	h.markListening()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		ex, _, ok := strings.Cut(n.Payload, ":")
		if id, err := strconv.ParseInt(ex, 10, 64); ok && err == nil {
			h.Notify(id)
		}
	}
}
