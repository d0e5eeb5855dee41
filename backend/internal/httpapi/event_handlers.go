package httpapi

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/stream"
)

var errTooManyStreams = apperr.New(http.StatusTooManyRequests, "too_many_streams",
	"Too many live connections are open from this session or address. Close other tabs of this exercise and try again.")

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
	return c.JSON(http.StatusOK, eventLogJSON{Events: out, NextAfter: last, More: last > after && len(evs) > 0 && last-after >= 500})
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
	sub, err := s.Hub.Subscribe(c.Request().Context(), x.ex.ID, x.viewer, stream.Access{
		SessionID: x.p.SessionID, Staff: x.staff(), Address: c.RealIP(), Expires: x.p.ExpiresAt})
	if errors.Is(err, stream.ErrTooManyStreams) {
		return errTooManyStreams
	}
	if err != nil {
		return err
	}
	conn, rw, err := c.Response().Hijack()
	if err != nil {
		s.Hub.Unsubscribe(sub)
		return err
	}
	// The replay may be long: a client that does not read is cut off in it
	// too, not only once live events flow.
	if err := conn.SetWriteDeadline(time.Now().Add(s.Hub.WriteTimeout)); err != nil {
		s.Hub.Unsubscribe(sub)
		conn.Close()
		return nil
	}
	if cursor, err = s.openStream(c, x, rw.Writer, conn, cursor); err != nil {
		s.Hub.Unsubscribe(sub)
		conn.Close()
		return nil // the client reconnects
	}
	go stream.Pump(conn, s.Hub, sub, cursor)
	return nil
}

// openStream writes the response head and the replay straight to the
// hijacked connection. The body is delimited by closing the connection.
func (s *server) openStream(c echo.Context, x *exCtx, w *bufio.Writer, conn net.Conn, cursor int64) (int64, error) {
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
	cursor, err := s.replay(c, x, w, conn, cursor)
	if err != nil {
		return cursor, err
	}
	return cursor, w.Flush()
}

func (s *server) replay(c echo.Context, x *exCtx, w io.Writer, conn net.Conn, cursor int64) (int64, error) {
	for {
		evs, last, err := s.Exercises.Events(c.Request().Context(), x.viewer, x.ex.ID, cursor, 500)
		if err != nil {
			return cursor, err
		}
		if err := conn.SetWriteDeadline(time.Now().Add(s.Hub.WriteTimeout)); err != nil {
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
