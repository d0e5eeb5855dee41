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
)

func runCLI(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	for k, v := range env {
		t.Setenv(k, v)
	}
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestUserCreateAndMigrateStatus(t *testing.T) {
	env := map[string]string{"CBMEX_DATA_DIR": t.TempDir(), "CBMEX_DATABASE_URL": "", "CBMEX_USER_PASSWORD": ""}
	code, out, errOut := runCLI(t, env, "user", "create", "--email", "fac@example.org", "--role", "facilitator")
	if code != 0 || !strings.Contains(out, "created facilitator fac@example.org") || !regexp.MustCompile(`password: \S{12,}`).MatchString(out) {
		t.Fatalf("user create: %d %q %q", code, out, errOut)
	}
	code, _, errOut = runCLI(t, env, "user", "create", "--email", "fac@example.org", "--role", "facilitator")
	if code != 1 || !strings.Contains(errOut, "already exists") {
		t.Fatalf("duplicate user create: %d %q", code, errOut)
	}
	code, _, errOut = runCLI(t, env, "user", "create", "--email", "x@example.org", "--role", "king")
	if code != 1 || !strings.Contains(errOut, "role: The role must be admin or facilitator") {
		t.Fatalf("bad role: %d %q", code, errOut)
	}
	code, out, _ = runCLI(t, env, "migrate", "status")
	if code != 0 || !strings.Contains(out, "applied") || strings.Contains(out, "pending") {
		t.Fatalf("migrate status: %d %q", code, out)
	}
	if code, _, errOut := runCLI(t, env, "frobnicate"); code != 2 || !strings.Contains(errOut, "unknown command") {
		t.Fatalf("unknown command: %d %q", code, errOut)
	}
}

// serve starts, becomes ready, prints how to sign in, and shuts down cleanly
// when its context ends (as on SIGTERM).
func TestServeStartsAndStopsGracefully(t *testing.T) {
	cfg, err := config.Load("serve", []string{"--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--database-url", ""}, func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), out) }()
	url := waitForURL(t, out)
	res, err := http.Get(url + "readyz")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("readyz: %v %v", res, err)
	}
	res.Body.Close()
	if !strings.Contains(out.String(), "Sign in as admin@localhost with the password ") {
		t.Fatalf("no sign-in hint in %q", out.String())
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

func waitForURL(t *testing.T, out *syncBuffer) string {
	t.Helper()
	re := regexp.MustCompile(`running at (http://\S+/)`)
	for i := 0; i < 200; i++ {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
		time.Sleep(25 * time.Millisecond) // polling for the server's own output, not timing it
	}
	t.Fatalf("server never printed its address: %q", out.String())
	return ""
}

// Every start prints the banner: the address, who to sign in as and the
// demonstration exercise's join codes; the password only the first time.
// Requests are logged at debug by default, so an interactive terminal at
// the default level keeps the banner in view.
func TestBannerOnEveryStartAndQuietRequests(t *testing.T) {
	dir := t.TempDir()
	start := func() (banner, logs string) {
		cfg, err := config.Load("serve", []string{"--addr", "127.0.0.1:0", "--data-dir", dir, "--database-url", ""}, func(string) string { return "" })
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		out, logBuf := &syncBuffer{}, &syncBuffer{}
		done := make(chan error, 1)
		go func() { done <- serve(ctx, cfg, newLogger(cfg, logBuf), out) }()
		url := waitForURL(t, out)
		for _, path := range []string{"healthz", "api/auth/me", "no-such-page"} {
			if res, err := http.Get(url + path); err == nil {
				res.Body.Close()
			}
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatalf("serve: %v", err)
		}
		return out.String(), logBuf.String()
	}
	first, logs := start()
	second, _ := start()
	codes := regexp.MustCompile(`join\?code=(\S+)`).FindAllStringSubmatch(first, -1)
	if len(codes) != 3 {
		t.Fatalf("first start printed %d join links: %q", len(codes), first)
	}
	for _, want := range []string{"running at http://127.0.0.1:", "Sign in as admin@localhost (", "cbmex user reset-password --email admin@localhost", "tutorial exercise is ready"} {
		if !strings.Contains(second, want) {
			t.Errorf("second start lacks %q:\n%s", want, second)
		}
	}
	for _, c := range codes {
		if !strings.Contains(second, "join?code="+c[1]) {
			t.Errorf("second start lacks the join code %s", c[1])
		}
	}
	password := regexp.MustCompile(`with the password (\S+)`).FindStringSubmatch(first)
	if password == nil || strings.Contains(second, password[1]) || strings.Contains(second, "shown only once") {
		t.Errorf("the password is not printed exactly once: first %q, second %q", first, second)
	}
	if strings.Contains(logs, "msg=request") {
		t.Errorf("requests logged at the default level:\n%s", logs)
	}
}
