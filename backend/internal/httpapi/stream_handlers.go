package httpapi

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/stream"
)

// heartbeat keeps proxies from closing an idle stream and lets the browser
// notice a dead connection.
const heartbeat = 15 * time.Second

// lastEventID reads where a client resumes: the Last-Event-ID header (sent
// by EventSource on reconnect) or ?last_event_id= (for the first connect).
func lastEventID(c echo.Context) (int64, error) {
	v := c.Request().Header.Get("Last-Event-ID")
	if v == "" {
		v = c.QueryParam("last_event_id")
	}
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, apperr.Invalid(map[string]string{"last_event_id": "The last event id must be a whole number."})
	}
	return n, nil
}

// eventLog returns the visible events after ?after=N as JSON, for clients
// that page rather than stream.
func (s *server) eventLog(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	after, err := strconv.ParseInt(c.QueryParam("after"), 10, 64)
	if c.QueryParam("after") != "" && (err != nil || after < 0) {
		return apperr.Invalid(map[string]string{"after": "Give a sequence number to read after."})
	}
	evs, last, err := s.Exercises.Events(c.Request().Context(), x.viewer, x.ex.ID, after, 500)
	if err != nil {
		return err
	}
	out := make([]stream.EventJSON, len(evs))
	for i := range evs {
		out[i] = stream.ToJSON(&evs[i])
	}
	return c.JSON(http.StatusOK, map[string]any{"events": out, "next_after": last, "more": last > after && len(evs) > 0 && last-after >= 500})
}

// streamEvents is the Server-Sent Events stream of one exercise. It
// subscribes first, then replays what the client missed, then passes live
// events on, dropping repeats by sequence number: every visible event after
// Last-Event-ID arrives exactly once, in order.
func (s *server) streamEvents(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	cursor, err := lastEventID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	sub, err := s.Hub.Subscribe(ctx, x.ex.ID, x.viewer, x.p.SessionID)
	if err != nil {
		return err
	}
	defer s.Hub.Unsubscribe(sub)
	w := c.Response()
	h := w.Header()
	h.Set(echo.HeaderContentType, "text/event-stream")
	h.Set(echo.HeaderCacheControl, "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 2000\n\n")
	if cursor, err = s.replay(c, x, w, cursor); err != nil {
		return nil // the status line is out; the client reconnects
	}
	w.Flush()
	return s.live(c, sub, w, cursor)
}

func (s *server) replay(c echo.Context, x *exCtx, w io.Writer, cursor int64) (int64, error) {
	for {
		evs, last, err := s.Exercises.Events(c.Request().Context(), x.viewer, x.ex.ID, cursor, 500)
		if err != nil {
			return cursor, err
		}
		for i := range evs {
			if _, err := w.Write(stream.Frame(&evs[i])); err != nil {
				return cursor, err
			}
		}
		if last == cursor {
			return cursor, nil
		}
		cursor = last
	}
}

// live passes deliveries on until the client leaves or the hub drops the
// stream. Deliveries that are already waiting go out in one write.
func (s *server) live(c echo.Context, sub *stream.Sub, w *echo.Response, cursor int64) error {
	beat := time.NewTicker(heartbeat)
	defer beat.Stop()
	for {
		select {
		case <-c.Request().Context().Done():
			return nil
		case <-sub.Closed():
			fmt.Fprintf(w, "event: close\ndata: {\"reason\":%q}\n\n", sub.Why())
			w.Flush()
			return nil
		case <-beat.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
				return nil
			}
			w.Flush()
		case d := <-sub.Events():
			if err := writeDeliveries(w, d, sub, &cursor); err != nil {
				return nil
			}
			w.Flush()
		}
	}
}

func writeDeliveries(w io.Writer, d *stream.Delivery, sub *stream.Sub, cursor *int64) error {
	for {
		if d.Seq > *cursor {
			*cursor = d.Seq
			if _, err := w.Write(d.Frame); err != nil {
				return err
			}
		}
		select {
		case d = <-sub.Events():
		default:
			return nil
		}
	}
}
