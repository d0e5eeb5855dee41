package stream

import (
	"fmt"
	"net"
	"time"
)

// Heartbeat keeps proxies from closing an idle stream and lets the server
// notice a client that went away (its next write fails).
const Heartbeat = 15 * time.Second

// pingFrame is the heartbeat: a named event, not an SSE comment, because
// the browser's EventSource hides comments and the room must see that the
// link is alive — two missed beats and it reconnects and says it is offline.
var pingFrame = []byte("event: ping\ndata: {}\n\n")

// DefaultWriteTimeout bounds one write to a client, in the replay as after
// it; a client that cannot take a frame in this time is cut off and
// reconnects with Last-Event-ID.
const DefaultWriteTimeout = 10 * time.Second

// Pump passes a subscriber's deliveries to its connection until the client
// goes away or the hub drops the stream, then closes both. It runs on a
// fresh goroutine after the request handler has returned, so an idle stream
// keeps only this goroutine's small stack, the connection and the
// subscriber — not the request, its buffers and the handler's grown stack.
// cursor is the last sequence number already written; repeats are dropped.
func Pump(conn net.Conn, h *Hub, sub *Sub, cursor int64) {
	defer conn.Close()
	defer h.Unsubscribe(sub)
	beat := time.NewTicker(Heartbeat)
	defer beat.Stop()
	for {
		var out net.Buffers
		select {
		case <-sub.Closed():
			out = append(out, fmt.Appendf(nil, "event: close\ndata: {\"reason\":%q}\n\n", sub.Why()))
			_ = write(conn, out, h.WriteTimeout)
			return
		case <-beat.C:
			out = append(out, pingFrame)
		case d := <-sub.Events():
			out = drain(out, d, sub, &cursor)
		}
		if err := write(conn, out, h.WriteTimeout); err != nil {
			return
		}
	}
}

// drain collects d and every delivery already waiting, so a burst goes out
// in one write.
func drain(out net.Buffers, d *Delivery, sub *Sub, cursor *int64) net.Buffers {
	for {
		if d.Seq > *cursor {
			*cursor = d.Seq
			out = append(out, d.Frame)
		}
		select {
		case d = <-sub.Events():
		default:
			return out
		}
	}
}

func write(conn net.Conn, out net.Buffers, timeout time.Duration) error {
	if len(out) == 0 {
		return nil
	}
	if err := conn.SetWriteDeadline(time.Now().Add(timeout)); err != nil {
		return err
	}
	_, err := out.WriteTo(conn)
	return err
}
