package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/config"
	"github.com/cbmex/cbmex/backend/internal/exercise"
)

// With CBMEX_METRICS_ADDR the metrics are on their own small server, and
// the main address does not serve them.
func TestServeMetricsOnTheirOwnAddress(t *testing.T) {
	cfg, err := config.Load("serve", []string{"--addr", "127.0.0.1:0", "--metrics-addr", "127.0.0.1:0",
		"--data-dir", t.TempDir(), "--database-url", ""}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), out) }()
	base := waitForURL(t, out)
	m := regexp.MustCompile(`Prometheus metrics at (http://\S+/metrics)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no metrics address printed: %q", out.String())
	}
	res, err := http.Get(m[1])
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "go_goroutines") ||
		!strings.Contains(string(body), "cbmex_projection_cache_exercises") {
		t.Fatalf("metrics address: %d %.300s", res.StatusCode, body)
	}
	res, err = http.Get(base + "metrics")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Fatalf("main address /metrics: %d, want 404", res.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after its context ended")
	}
}

// The links printed at start use the public URL when there is one.
func TestPrintedLinksUseThePublicURL(t *testing.T) {
	for _, c := range []struct{ public, listen, want string }{
		{"https://cbmex.example.org", "127.0.0.1:8080", "https://cbmex.example.org"},
		{"https://cbmex.example.org/", "0.0.0.0:8080", "https://cbmex.example.org"},
		{"", "127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"", "0.0.0.0:8080", "http://localhost:8080"},
		{"", "[::]:8080", "http://localhost:8080"},
	} {
		if got := publicBase(c.public, c.listen); got != c.want {
			t.Errorf("publicBase(%q, %q) = %q, want %q", c.public, c.listen, got, c.want)
		}
	}
	var b bytes.Buffer
	base := publicBase("https://cbmex.example.org", "0.0.0.0:8080")
	printWelcome(&b, base, "", "sqlite", "admin@localhost", true, "pw", false)
	printDemo(&b, base, &demoInfo{Teams: []exercise.Team{{Name: "Republic of Valdoria", JoinCode: "K7PM-3QXD"}}})
	for _, want := range []string{
		"cbmex is running at https://cbmex.example.org/ ",
		"Participants join at https://cbmex.example.org/join ",
		"K7PM-3QXD  https://cbmex.example.org/join?code=K7PM-3QXD",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("printed text lacks %q:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "http://") {
		t.Errorf("a plain http:// link was printed despite the https public URL:\n%s", b.String())
	}
}
