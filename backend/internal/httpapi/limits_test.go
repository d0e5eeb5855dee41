package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

// post sends a JSON body with extra headers (X-Forwarded-For, X-Real-IP).
func (e *env) post(path string, body any, headers map[string]string) resp {
	e.t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		e.t.Fatal(err)
	}
	hr, err := http.NewRequest(http.MethodPost, e.srv.URL+path, bytes.NewReader(b))
	if err != nil {
		e.t.Fatal(err)
	}
	hr.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		hr.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	out := resp{status: res.StatusCode, header: res.Header}
	out.raw, _ = io.ReadAll(res.Body)
	_ = json.Unmarshal(out.raw, &out.json) // a body that is not JSON (CSV, a spreadsheet) leaves json nil; raw has it
	e.checkContract(hr, res, out.raw)
	return out
}

func signIn(password string) map[string]string {
	return map[string]string{"email": adminEmail, "password": password}
}

func wrongCode() map[string]string {
	return map[string]string{"code": exercise.NewJoinCode(), "name": "Eve"}
}

func withTrustedProxies(cidrs ...string) envOption {
	return func(d *Deps) {
		for _, c := range cidrs {
			_, n, err := net.ParseCIDR(c)
			if err != nil {
				panic(err)
			}
			d.TrustedProxies = append(d.TrustedProxies, n)
		}
	}
}

// Without trusted proxies a client is its TCP peer: forwarding headers it
// makes up do not make it a new address for the sign-in or join limits.
func TestForwardedHeadersFromAnUntrustedPeerAreIgnored(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		spoof := func(i int) map[string]string {
			a := fmt.Sprintf("203.0.113.%d", i+1)
			return map[string]string{"X-Forwarded-For": a, "X-Real-IP": a}
		}
		for i := range 5 {
			if r := e.post("/api/v1/auth/login", signIn("guess"), spoof(i)); r.status != http.StatusUnauthorized {
				t.Fatalf("guess %d: %d %s", i, r.status, r.raw)
			}
		}
		expectError(t, e.post("/api/v1/auth/login", signIn("guess"), spoof(5)), http.StatusTooManyRequests, "too_many_attempts")
		for i := range 20 {
			if r := e.post("/api/v1/join", wrongCode(), spoof(i)); r.status != http.StatusNotFound {
				t.Fatalf("wrong code %d: %d %s", i, r.status, r.raw)
			}
		}
		expectError(t, e.post("/api/v1/join", wrongCode(), spoof(20)), http.StatusTooManyRequests, "too_many_attempts")
	})
}

// Behind a trusted proxy the forwarded address is the client: guesses from
// one client are limited, the owner elsewhere signs in, and a client cannot
// prepend addresses of its own to the proxy's header.
func TestForwardedHeadersFromATrustedProxyAreUsed(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st, withTrustedProxies("127.0.0.0/8", "::1/128"))
		const attacker, owner = "203.0.113.66", "198.51.100.20"
		for i := range 5 {
			// What the client wrote, then what the proxy appended.
			xff := fmt.Sprintf("192.0.2.%d, %s", i+1, attacker)
			if r := e.post("/api/v1/auth/login", signIn("guess"), map[string]string{"X-Forwarded-For": xff}); r.status != http.StatusUnauthorized {
				t.Fatalf("guess %d: %d %s", i, r.status, r.raw)
			}
		}
		expectError(t, e.post("/api/v1/auth/login", signIn(adminPassword), map[string]string{"X-Forwarded-For": attacker}),
			http.StatusTooManyRequests, "too_many_attempts")
		expectError(t, e.post("/api/v1/auth/login", signIn(adminPassword), map[string]string{"X-Real-IP": attacker}),
			http.StatusTooManyRequests, "too_many_attempts")
		if r := e.post("/api/v1/auth/login", signIn(adminPassword), map[string]string{"X-Forwarded-For": owner}); r.status != http.StatusOK {
			t.Fatalf("the owner from another address: %d %s", r.status, r.raw)
		}
		// Wrong codes from many forwarded addresses are each their own.
		for i := range 25 {
			xff := map[string]string{"X-Forwarded-For": fmt.Sprintf("198.51.100.%d", 100+i)}
			if r := e.post("/api/v1/join", wrongCode(), xff); r.status != http.StatusNotFound {
				t.Fatalf("wrong code %d: %d %s", i, r.status, r.raw)
			}
		}
	})
}

// Two servers on one database count together: a guesser, a code tryer or a
// talkative participant gets no more by alternating between replicas.
func TestLimitsHoldAcrossServers(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		a := newEnv(t, st)
		b := newEnvNoAdmin(t, st)
		servers := []*env{a, b}
		for i := range 5 {
			if r := servers[i%2].post("/api/v1/auth/login", signIn("guess"), nil); r.status != http.StatusUnauthorized {
				t.Fatalf("guess %d: %d %s", i, r.status, r.raw)
			}
		}
		for _, s := range servers {
			expectError(t, s.post("/api/v1/auth/login", signIn("guess"), nil), http.StatusTooManyRequests, "too_many_attempts")
		}
		for i := range 20 {
			if r := servers[i%2].post("/api/v1/join", wrongCode(), nil); r.status != http.StatusNotFound {
				t.Fatalf("wrong code %d: %d %s", i, r.status, r.raw)
			}
		}
		for _, s := range servers {
			expectError(t, s.post("/api/v1/join", wrongCode(), nil), http.StatusTooManyRequests, "too_many_attempts")
		}

		a.clock.Advance(time.Hour) // the sign-in failures age out; b's clock stays
		b.clock.Advance(time.Hour)
		_, base, tok, ids := a.threeTeams()
		msg := map[string]any{"to": []int64{ids["esterra"]}, "channel": "poc_hotline", "subject": "s", "body": "b"}
		for i := range 20 { // CBMEX_MESSAGE_RATE is 20 a minute in tests
			if r := servers[i%2].send(base, tok["valdoria"], msg); r.status != http.StatusCreated {
				t.Fatalf("message %d: %d %s", i, r.status, r.raw)
			}
		}
		for _, s := range servers {
			expectError(t, s.send(base, tok["valdoria"], msg), http.StatusTooManyRequests, "too_many_messages")
		}
	})
}

// The message rate belongs to the team member and the team, not to the
// session: joining again, under the same name or new ones, gives no fresh
// allowance.
func TestJoiningAgainDoesNotResetTheMessageLimit(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		_, base, _, ids := e.threeTeams()
		code := e.teamCode(base, "valdoria")
		msg := map[string]any{"to": []int64{ids["esterra"]}, "channel": "poc_hotline", "subject": "s", "body": "b"}
		sendAll := func(tok string, n int) {
			t.Helper()
			for i := range n {
				if r := e.send(base, tok, msg); r.status != http.StatusCreated {
					t.Fatalf("message %d: %d %s", i, r.status, r.raw)
				}
			}
		}
		sendAll(e.join(code, "Ana Petrova"), 20)
		expectError(t, e.send(base, e.join(code, "  ana   PETROVA "), msg), http.StatusTooManyRequests, "too_many_messages")
		// Other members of the team have their own rate, up to the team's
		// (three members' worth).
		sendAll(e.join(code, "Ben"), 20)
		sendAll(e.join(code, "Carla"), 20)
		expectError(t, e.send(base, e.join(code, "Dora"), msg), http.StatusTooManyRequests, "too_many_messages")
		// Another team is not slowed.
		if r := e.send(base, e.join(e.teamCode(base, "esterra"), "Eli"), map[string]any{"to": []int64{ids["valdoria"]},
			"channel": "poc_hotline", "subject": "s", "body": "b"}); r.status != http.StatusCreated {
			t.Fatalf("another team: %d %s", r.status, r.raw)
		}
		e.clock.Advance(2 * time.Minute)
		sendAll(e.join(code, "Ana Petrova"), 1)
	})
}

// teamCode reads a team's join code as staff see it.
func (e *env) teamCode(base, key string) string {
	e.t.Helper()
	r := e.do(req{method: "GET", path: base, bearer: e.adminToken()})
	for _, t := range r.json["exercise"].(map[string]any)["teams"].([]any) {
		tm := t.(map[string]any)
		if tm["key"] == key {
			return tm["join_code"].(string)
		}
	}
	e.t.Fatalf("no team %s in %s", key, r.raw)
	return ""
}

// A workshop room behind one address joins all at once: right codes are
// never counted as guesses, however many are in flight together. Wrong codes
// from the same room are still limited.
func TestARoomJoiningAtOnceIsNotMistakenForGuessing(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		_, _, codes, _ := e.liveExercise()
		e.do(req{method: "POST", path: "/api/v1/join", body: wrongCode()}) // the room mistypes once
		const room = 25                                                    // more than the 20 wrong codes an address may try
		statuses := make(chan int, room)
		for i := 0; i < room; i++ {
			go func() {
				r := e.post("/api/v1/join", map[string]string{"code": codes["valdoria"], "name": fmt.Sprintf("Delegate %d", i)}, nil)
				statuses <- r.status
			}()
		}
		for i := 0; i < room; i++ {
			if st := <-statuses; st != http.StatusOK {
				t.Fatalf("a delegate's join: %d", st)
			}
		}
		for i := 0; i < 19; i++ {
			if r := e.post("/api/v1/join", wrongCode(), nil); r.status != http.StatusNotFound {
				t.Fatalf("wrong code %d: %d %s", i+2, r.status, r.raw)
			}
		}
		expectError(t, e.post("/api/v1/join", map[string]string{"code": codes["valdoria"], "name": "Late"}, nil), http.StatusTooManyRequests, "too_many_attempts")
	})
}
