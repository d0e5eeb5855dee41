package httpapi

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

// A participant's write sent twice with one Idempotency-Key — the reply to
// the first was lost — is stored once and answered the same both times, on
// either replica; the key cannot be reused for another request; each of a
// participant's writes (message, request step, stage answer, directory
// entry, communication-check acknowledgement) takes a key.
func TestIdempotentWritesHappenOnce(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		a := newEnv(t, st)
		b := newEnvNoAdmin(t, st) // a second replica on the same database
		fac, base, tok, ids := a.threeTeams()
		msg := map[string]any{"to": []int64{ids["esterra"]}, "channel": "poc_hotline", "subject": "Preserve the logs",
			"body": "Please preserve the logs.", "kind": "assistance"}
		send := func(e *env, key string, body map[string]any) resp {
			return e.do(req{method: "POST", path: base + "/messages", bearer: tok["valdoria"], body: body,
				headers: map[string]string{"Idempotency-Key": key}})
		}
		first := send(a, "send-1", msg)
		again := send(b, "send-1", msg)
		if first.status != http.StatusCreated || again.status != http.StatusCreated || string(first.raw) != string(again.raw) {
			t.Fatalf("first %d %s, retry %d %s", first.status, first.raw, again.status, again.raw)
		}
		if again.header.Get("Idempotent-Replayed") != "true" || first.header.Get("Idempotent-Replayed") != "" {
			t.Fatalf("replay header: first %q, retry %q", first.header.Get("Idempotent-Replayed"), again.header.Get("Idempotent-Replayed"))
		}
		if n := countMessages(a, base, tok["esterra"], "Preserve the logs"); n != 1 {
			t.Fatalf("Esterra has %d copies of the message", n)
		}
		expectError(t, send(a, "send-1", map[string]any{"to": []int64{ids["esterra"]}, "channel": "poc_hotline",
			"subject": "Something else", "body": "Other."}), http.StatusUnprocessableEntity, "idempotency_key_reused")
		expectError(t, send(a, "bad key with spaces", msg), http.StatusBadRequest, "idempotency_key_invalid")
		// The same key from another participant is another key.
		if r := a.do(req{method: "POST", path: base + "/messages", bearer: tok["norhaven"], body: msg,
			headers: map[string]string{"Idempotency-Key": "send-1"}}); r.status != http.StatusCreated || r.header.Get("Idempotent-Replayed") != "" {
			t.Fatalf("another caller's key: %d %v", r.status, r.header)
		}

		// Ten simultaneous retries on both replicas: one message.
		var wg sync.WaitGroup
		statuses := make([]int, 10)
		for i := range statuses {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = send([]*env{a, b}[i%2], "burst", map[string]any{"to": []int64{ids["esterra"]}, "channel": "poc_hotline",
					"subject": "Burst", "body": "Once."}).status
			}()
		}
		wg.Wait()
		for _, s := range statuses {
			if s != http.StatusCreated && s != http.StatusConflict {
				t.Fatalf("a simultaneous retry got %d", s)
			}
		}
		if n := countMessages(a, base, tok["esterra"], "Burst"); n != 1 {
			t.Fatalf("%d copies after simultaneous retries (%v)", n, statuses)
		}

		// Every participant write takes a key.
		seq := int64(first.json["message"].(map[string]any)["id"].(float64))
		check := int64(a.do(req{method: "POST", path: base + "/commchecks", bearer: fac, body: map[string]string{"text": "Check"}}).json["id"].(float64))
		for i, w := range []req{
			{method: "POST", path: fmt.Sprintf("%s/commchecks/%d/ack", base, check), bearer: tok["esterra"]},
			{method: "POST", path: fmt.Sprintf("%s/messages/%d/acknowledge", base, seq), bearer: tok["esterra"]},
			{method: "PUT", path: base + "/answers/getting-started/gs-q1", bearer: tok["esterra"], body: map[string]any{"text": "We read; Elena writes."}},
			{method: "PUT", path: base + "/poc", bearer: tok["esterra"], body: map[string]any{"entries": []map[string]any{{"role": "technical", "name": "CERT", "channel": "poc_hotline"}}}},
		} {
			w.headers = map[string]string{"Idempotency-Key": fmt.Sprintf("write-%d", i)}
			one, two := a.do(w), b.do(w)
			if one.status >= 300 || two.status != one.status || two.header.Get("Idempotent-Replayed") != "true" {
				t.Fatalf("%s %s: %d then %d (%v)", w.method, w.path, one.status, two.status, two.header)
			}
		}
	})
}

func countMessages(e *env, base, token, subject string) int {
	n := 0
	for _, m := range e.do(req{method: "GET", path: base + "/messages", bearer: token}).json["messages"].([]any) {
		if m.(map[string]any)["subject"] == subject {
			n++
		}
	}
	return n
}
