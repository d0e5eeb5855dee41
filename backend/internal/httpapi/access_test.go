package httpapi

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
	"github.com/cbmex/cbmex/backend/internal/stream"
)

// userID returns the id of the account behind a token.
func (e *env) userID(tok string) any {
	e.t.Helper()
	return e.do(req{method: "GET", path: "/api/v1/auth/me", bearer: tok}).json["user"].(map[string]any)["id"]
}

// endsWith reads a stream until it closes and checks the close reason, and
// that the event written after the loss of access never arrived.
func (c *sseClient) endsWith(t *testing.T, reason string, after func()) {
	t.Helper()
	ev := c.until(t, "close")
	if got := ev[len(ev)-1].data["reason"]; got != reason {
		t.Fatalf("close reason %v, want %s", got, reason)
	}
	after()
	select {
	case extra, ok := <-c.events:
		if ok {
			t.Fatalf("event after close: %s %v", extra.typ, extra.data)
		}
	case <-time.After(5 * time.Second): // a hang guard: the stream must end
		t.Fatal("the stream stayed open after its close event")
	}
}

// Every way of losing access ends an open stream with its reason, and the
// next event written is not delivered on it.
func TestStreamsEndWhenAccessEnds(t *testing.T) {
	type lose func(e *env, fac string, facID any, wid any) string
	cases := map[string]lose{
		"logout": func(e *env, fac string, _, _ any) string {
			e.do(req{method: "POST", path: "/api/v1/auth/logout", bearer: fac})
			return stream.ReasonSignedOut
		},
		"password change": func(e *env, _ string, id, _ any) string {
			e.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/users/%v", id), bearer: e.adminToken(), body: map[string]any{"password": "a brand new password"}})
			return stream.ReasonSignedOut
		},
		"account disabled": func(e *env, _ string, id, _ any) string {
			e.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/users/%v", id), bearer: e.adminToken(), body: map[string]any{"disabled": true}})
			return stream.ReasonSignedOut
		},
		"account deleted": func(e *env, _ string, id, _ any) string {
			e.do(req{method: "DELETE", path: fmt.Sprintf("/api/v1/users/%v", id), bearer: e.adminToken()})
			return stream.ReasonSignedOut
		},
		"removed from the workshop": func(e *env, _ string, _, wid any) string {
			e.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/workshops/%v", wid), bearer: e.adminToken(), body: map[string]any{"facilitator_ids": []any{}}})
			return stream.ReasonAccessRemoved
		},
		"session expired": func(e *env, _ string, _, _ any) string {
			e.clock.Advance(12*time.Hour + time.Second)
			return stream.ReasonExpired
		},
	}
	for name, loseAccess := range cases {
		t.Run(name, func(t *testing.T) {
			onBoth(t, func(t *testing.T, e *env) {
				fac, id, _, _ := e.liveExercise()
				base := fmt.Sprintf("/api/v1/exercises/%d", id)
				wid := e.do(req{method: "GET", path: base, bearer: fac}).json["exercise"].(map[string]any)["workshop_id"]
				s := e.openStream(base+"/events", fac, 0)
				e.do(req{method: "POST", path: base + "/notes", bearer: fac, body: map[string]string{"text": "before"}})
				s.until(t, "note.added")
				reason := loseAccess(e, fac, e.userID(fac), wid)
				s.endsWith(t, reason, func() {
					e.do(req{method: "POST", path: base + "/notes", bearer: e.adminToken(), body: map[string]string{"text": "after: staff only"}})
				})
			})
		})
	}
}

// An admin demoted to facilitator runs only the workshops assigned to them:
// their stream on another workshop's exercise ends.
func TestStreamEndsWhenRoleChanges(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		_, id, _, _ := e.liveExercise()
		base := fmt.Sprintf("/api/v1/exercises/%d", id)
		admin := e.adminToken()
		r := e.do(req{method: "POST", path: "/api/v1/users", bearer: admin,
			body: map[string]string{"email": "second@example.org", "role": "admin", "password": facilitatorPwd}})
		if r.status != http.StatusCreated {
			t.Fatalf("create admin: %d %s", r.status, r.raw)
		}
		second, _ := e.login("second@example.org", facilitatorPwd)
		s := e.openStream(base+"/events", second, 0)
		s.until(t, "exercise.created")
		e.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/users/%v", e.userID(second)), bearer: admin, body: map[string]any{"role": "facilitator"}})
		s.endsWith(t, stream.ReasonAccessRemoved, func() {
			e.do(req{method: "POST", path: base + "/notes", bearer: admin, body: map[string]string{"text": "after"}})
		})
	})
}

// A participant's own logout and the end of their session end their stream.
func TestParticipantStreamEndsAtLogoutAndExpiry(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, id, codes, _ := e.liveExercise()
		base := fmt.Sprintf("/api/v1/exercises/%d", id)
		e.do(req{method: "POST", path: base + "/start", bearer: fac})
		ana, ben := e.join(codes["valdoria"], "Ana"), e.join(codes["esterra"], "Ben")
		sa, sb := e.openStream(base+"/events", ana, 0), e.openStream(base+"/events", ben, 0)
		e.do(req{method: "POST", path: "/api/v1/auth/logout", bearer: ana})
		after := func() {
			if r := e.do(req{method: "POST", path: base + "/injects", bearer: e.adminToken(), body: map[string]any{"title": "To all", "body": "x"}}); r.status != http.StatusCreated {
				t.Fatalf("ad-hoc inject: %d %s", r.status, r.raw)
			}
		}
		sa.endsWith(t, stream.ReasonSignedOut, after)
		e.clock.Advance(12*time.Hour + time.Second)
		sb.endsWith(t, stream.ReasonExpired, after)
	})
}

// One session may hold a few streams (tabs), one address a few dozen; more
// are refused with 429, and a closed stream frees its place.
func TestStreamCaps(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, id, codes, _ := e.liveExercise()
		path := fmt.Sprintf("/api/v1/exercises/%d/events", id)
		var open []*sseClient
		for i := 0; i < 5; i++ {
			open = append(open, e.openStream(path, fac, 0))
		}
		if c := e.openStream(path, fac, 0); c.status != http.StatusTooManyRequests {
			t.Fatalf("sixth stream of one session: %d, want 429", c.status)
		}
		// A client that went away is noticed at the next write to it (an
		// event or the heartbeat), which frees its place.
		open[0].cancel()
		waitFor(t, "a freed place", func() bool {
			e.do(req{method: "POST", path: fmt.Sprintf("/api/v1/exercises/%d/notes", id), bearer: fac, body: map[string]string{"text": "ping"}})
			return e.openStream(path, fac, 0).status == http.StatusOK
		})

		// Per address: 50 by default; fill it with participants of one room.
		e.hub.PerAddress = 8
		for i := 0; i < 8; i++ {
			tok := e.join(codes["valdoria"], fmt.Sprintf("P%d", i))
			e.openStream(path, tok, 0) // some may be refused once the facilitator's count the address
		}
		tok := e.join(codes["esterra"], "Late")
		if c := e.openStream(path, tok, 0); c.status != http.StatusTooManyRequests {
			t.Fatalf("stream beyond the address cap: %d, want 429", c.status)
		}
	})
}

// waitFor polls cond (a hang guard of 10 s, not a timing assertion).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("still waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A client that opens a stream with a long backlog and never reads is cut
// off during the replay, and its place is freed.
func TestReplayHasAWriteDeadline(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, id, _, _ := e.liveExercise()
		base := fmt.Sprintf("/api/v1/exercises/%d", id)
		big := strings.Repeat("A long facilitator note. ", 380) // 9,500 characters, near the longest note
		for i := 0; i < 800; i++ {                              // ~7.6 MB of backlog: more than the socket buffers hold
			if r := e.do(req{method: "POST", path: base + "/notes", bearer: fac, body: map[string]string{"text": big}}); r.status != http.StatusCreated {
				t.Fatalf("note: %d %s", r.status, r.raw)
			}
		}
		e.hub.WriteTimeout = 300 * time.Millisecond
		// A small receive window, fixed before connecting, so the server's
		// writes block once its send buffer is full.
		d := net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
			return c.Control(func(fd uintptr) { _ = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096) })
		}}
		conn, err := d.Dial("tcp", strings.TrimPrefix(e.srv.URL, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprintf(conn, "GET %s/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n\r\n", base, fac)
		waitFor(t, "the stream to be subscribed", func() bool { return e.hub.Count() == 1 })
		// Not reading: the server's write blocks, then its deadline ends it.
		waitFor(t, "the unread stream to be cut off", func() bool { return e.hub.Count() == 0 })
		_, _ = io.Copy(io.Discard, conn) // the server closed its side
	})
}

// Two replicas on one PostgreSQL database: a logout on A ends B's stream,
// and A counts B's streams as connected.
func TestTwoReplicasShareAccessAndPresence(t *testing.T) {
	st := storetest.Postgres(t)
	// B has a store of its own (its own connections and in-process hooks):
	// only PostgreSQL's NOTIFY connects the two.
	stB, err := store.Open(store.Options{DatabaseURL: st.URL})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stB.Close() })
	a := newEnv(t, st)
	b := newEnvNoAdmin(t, stB)
	b.clock.Set(a.clock.Now())
	for _, e := range []*env{a, b} {
		ctx, cancel := context.WithCancel(context.Background())
		t.Cleanup(cancel)
		go stream.ListenPostgres(ctx, st.URL, stream.Channels{Events: store.NotifyChannel, Access: store.AccessChannel}, e.hub,
			slog.New(slog.NewTextHandler(io.Discard, nil)))
		<-e.hub.Listening()
	}
	fac, id, codes, _ := a.liveExercise()
	base := fmt.Sprintf("/api/v1/exercises/%d", id)
	ana := a.join(codes["valdoria"], "Ana")
	onB := b.openStream(base+"/events", ana, 0)
	waitFor(t, "A to count B's stream", func() bool {
		ps := a.do(req{method: "GET", path: base + "/participants", bearer: fac}).json["participants"].([]any)
		return len(ps) == 1 && ps[0].(map[string]any)["connected"] == true
	})
	facOnB := b.openStream(base+"/events", fac, 0)
	facOnB.until(t, "exercise.created")
	a.do(req{method: "POST", path: "/api/v1/auth/logout", bearer: fac})
	facOnB.endsWith(t, stream.ReasonSignedOut, func() {
		a.do(req{method: "POST", path: base + "/notes", bearer: a.adminToken(), body: map[string]string{"text": "after"}})
	})
	onB.cancel()
	admin := a.adminToken()
	a.do(req{method: "POST", path: base + "/start", bearer: admin})
	waitFor(t, "A to see B's stream gone", func() bool {
		// B notices the client left at its next write to it.
		if r := a.do(req{method: "POST", path: base + "/injects", bearer: admin, body: map[string]any{"title": "To all", "body": "x"}}); r.status != http.StatusCreated {
			t.Fatalf("ad-hoc inject: %d %s", r.status, r.raw)
		}
		ps := a.do(req{method: "GET", path: base + "/participants", bearer: admin}).json["participants"].([]any)
		return ps[0].(map[string]any)["connected"] == false
	})
}
