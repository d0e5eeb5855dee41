package httpapi

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/stream"
)

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
// subscribes first, then replays what the client missed, then hands the
// connection to a small pump that passes live events on, dropping repeats by
// sequence number: every visible event after Last-Event-ID arrives exactly
// once, in order. The connection is taken over from net/http (hijacked) so
// that an idle stream does not keep the request and its buffers alive.
func (s *server) streamEvents(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	cursor, err := lastEventID(c)
	if err != nil {
		return err
	}
	sub, err := s.Hub.Subscribe(c.Request().Context(), x.ex.ID, x.viewer, x.p.SessionID)
	if err != nil {
		return err
	}
	conn, rw, err := c.Response().Hijack()
	if err != nil {
		s.Hub.Unsubscribe(sub)
		return err
	}
	if cursor, err = s.openStream(c, x, rw.Writer, cursor); err != nil {
		s.Hub.Unsubscribe(sub)
		conn.Close()
		return nil // the client reconnects
	}
	go stream.Pump(conn, s.Hub, sub, cursor)
	return nil
}

// openStream writes the response head and the replay straight to the
// hijacked connection. The body is delimited by closing the connection.
func (s *server) openStream(c echo.Context, x *exCtx, w *bufio.Writer, cursor int64) (int64, error) {
	h := c.Response().Header().Clone() // security headers and request id set by the middleware
	h.Set(echo.HeaderContentType, "text/event-stream")
	h.Set(echo.HeaderCacheControl, "no-cache")
	h.Set("X-Accel-Buffering", "no")
	h.Set(echo.HeaderConnection, "close")
	fmt.Fprint(w, "HTTP/1.1 200 OK\r\n")
	if err := h.Write(w); err != nil {
		return cursor, err
	}
	fmt.Fprint(w, "\r\nretry: 2000\n\n")
	cursor, err := s.replay(c, x, w, cursor)
	if err != nil {
		return cursor, err
	}
	return cursor, w.Flush()
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
