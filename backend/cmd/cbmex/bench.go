package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// runBench is the load command: it starts a real `cbmex serve` as a child
// process on a loopback port, connects N participant streams to one running
// exercise, releases injects and reports delivery latency and the server's
// memory per connection. It sends traffic to 127.0.0.1 only and stops by itself.
func runBench(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "messages" {
		return runBenchMessages(args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "stream" {
		fmt.Fprintln(stderr, "usage: cbmex bench stream [--n 1000] [--injects 20] [--database-url postgres://…]\n"+
			"       cbmex bench messages [--participants 300] [--rate 200] [--seconds 10] [--database-url …]")
		return 2
	}
	fs := flag.NewFlagSet("bench stream", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "participant streams to connect")
	injects := fs.Int("injects", 20, "ad-hoc injects to release, one at a time")
	dbURL := fs.String("database-url", "", "PostgreSQL URL (empty: SQLite in a temporary folder)")
	settle := fs.Duration("settle", time.Second, "idle time before reading memory; over 2m includes the runtime's periodic forced GC")
	langs := fs.String("languages", "", "comma-separated languages the participants join in, in turn (e.g. en,ru,fr); empty: the workshop's")
	scripted := fs.Bool("scripted", false, "release the scenario's own injects to every team (translated) instead of ad-hoc ones; at most 8")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	benchLanguages = nil
	if *langs != "" {
		benchLanguages = strings.Split(*langs, ",")
	}
	benchScripted = *scripted
	if *scripted {
		*injects = min(*injects, len(scriptedInjects))
	}
	if *n < 1 || *n > 10000 || *injects < 1 || *injects > 1000 {
		fmt.Fprintln(stderr, "cbmex bench: --n must be 1..10000 and --injects 1..1000")
		return 2
	}
	res, err := benchStream(*n, *injects, *dbURL, *settle, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "cbmex bench:", err)
		return 1
	}
	res.print(stdout)
	return 0
}

// benchLanguages are the languages participants join in, in turn.
var benchLanguages []string

// benchScripted releases scriptedInjects: injects of grid-cascade that every
// team receives, which streams get in their reader's language.
var benchScripted bool

var scriptedInjects = []string{"news-blackout", "marrovia-minister-tv", "osce-offer", "hacktivist-claim",
	"leak-ferrovane", "diplomatic-protest", "restoration-sitrep", "osce-follow-up"}

type benchResult struct {
	N, Injects            int
	Dialect               string
	Lat                   []time.Duration // every delivery: release → received
	LastLat               []time.Duration // per inject: release → last stream received
	Lost                  int
	RSSBefore, RSSAfter   int64
	MetBefore, MetAfter   map[string]float64
	ConnectTime, ReadyDur time.Duration
}

func (r *benchResult) print(w io.Writer) {
	fmt.Fprintf(w, "cbmex bench stream — %d streams, %d injects, %s\n", r.N, r.Injects, r.Dialect)
	fmt.Fprintf(w, "  server start to ready:            %v\n", r.ReadyDur.Round(time.Millisecond))
	fmt.Fprintf(w, "  connecting %d streams took:       %v\n", r.N, r.ConnectTime.Round(time.Millisecond))
	fmt.Fprintf(w, "  release → receive (all %d):  p50 %v  p99 %v  max %v\n", len(r.Lat), pct(r.Lat, 50), pct(r.Lat, 99), pct(r.Lat, 100))
	fmt.Fprintf(w, "  release → last stream (per inject): p50 %v  p99 %v  max %v\n", pct(r.LastLat, 50), pct(r.LastLat, 99), pct(r.LastLat, 100))
	fmt.Fprintf(w, "  lost deliveries:                  %d\n", r.Lost)
	fmt.Fprintf(w, "  server RSS: %.1f MiB idle with the exercise loaded, %.1f MiB with %d streams → %.1f KiB per stream\n",
		float64(r.RSSBefore)/(1<<20), float64(r.RSSAfter)/(1<<20), r.N, float64(r.RSSAfter-r.RSSBefore)/1024/float64(r.N))
	per := func(k string) float64 { return (r.MetAfter[k] - r.MetBefore[k]) / float64(r.N) }
	fmt.Fprintf(w, "  per stream: %.1f KiB heap in use, %.1f KiB goroutine stacks, %.1f goroutines\n",
		per("go_memstats_heap_inuse_bytes")/1024, per("go_memstats_stack_inuse_bytes")/1024, per("go_goroutines"))
}

// scrape reads a few gauges from the server's /metrics.
func scrape(base string) map[string]float64 {
	out := map[string]float64{}
	res, err := http.Get(base + "/metrics")
	if err != nil {
		return out
	}
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 2 && !strings.HasPrefix(f[0], "#") {
			v, _ := strconv.ParseFloat(f[1], 64)
			out[f[0]] = v
		}
	}
	return out
}

func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := (len(s)*p + 99) / 100
	return s[max(0, min(len(s)-1, i-1))].Round(10 * time.Microsecond)
}

func benchStream(n, injects int, dbURL string, settle time.Duration, stderr io.Writer) (*benchResult, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute+2*settle)
	defer cancel()
	srv, err := startChild(ctx, dbURL, stderr)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	res := &benchResult{N: n, Injects: injects, Dialect: "sqlite", ReadyDur: srv.ready}
	if dbURL != "" {
		res.Dialect = "postgres"
	}
	c := &benchClient{base: srv.base, http: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}}
	exID, codes, err := c.setup()
	if err != nil {
		return nil, err
	}
	time.Sleep(settle) // let the server settle before the idle reading
	res.RSSBefore, res.MetBefore = rss(srv.cmd.Process.Pid), scrape(srv.base)
	start := time.Now()
	streams, err := c.connect(ctx, exID, codes, n)
	if err != nil {
		return nil, err
	}
	res.ConnectTime = time.Since(start)
	time.Sleep(settle)
	res.RSSAfter, res.MetAfter = rss(srv.cmd.Process.Pid), scrape(srv.base)
	return res, c.release(exID, injects, streams, res)
}

type child struct {
	cmd   *exec.Cmd
	base  string
	dir   string
	ready time.Duration
}

const benchAdmin, benchPassword = "bench@example.org", "bench-password-long-enough"

// startChild runs this same binary as `serve` on a free loopback port.
func startChild(ctx context.Context, dbURL string, stderr io.Writer, extraEnv ...string) (*child, error) {
	dir, err := os.MkdirTemp("", "cbmex-bench-")
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, self, "serve")
	cmd.Env = append(os.Environ(), "CBMEX_ADDR="+addr, "CBMEX_DATA_DIR="+filepath.Join(dir, "data"),
		"CBMEX_DATABASE_URL="+dbURL, "CBMEX_ADMIN_EMAIL="+benchAdmin, "CBMEX_ADMIN_PASSWORD="+benchPassword,
		"CBMEX_LOG_LEVEL=warn",
		// The load client is one address holding every participant's stream,
		// and hundreds of simulated participants join with each team's code.
		"CBMEX_STREAMS_PER_ADDRESS=1000000", "CBMEX_JOINS_PER_CODE=100000")
	cmd.Env = append(cmd.Env, extraEnv...)
	cmd.Stdout, cmd.Stderr = io.Discard, stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &child{cmd: cmd, base: "http://" + addr, dir: dir}
	for time.Since(start) < 30*time.Second {
		if res, err := http.Get(c.base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				c.ready = time.Since(start)
				return c, nil
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	c.stop()
	return nil, errors.New("the server did not become ready within 30 s")
}

func (c *child) stop() {
	_ = c.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = c.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = c.cmd.Process.Kill()
	}
	os.RemoveAll(c.dir)
}

// rss reads a process's resident memory from /proc (Linux).
func rss(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			f := strings.Fields(line)
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb * 1024
		}
	}
	return 0
}

type benchClient struct {
	base  string
	http  *http.Client
	token string
}

func (c *benchClient) call(method, path, token string, body any, out any) error {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, c.base+path, rd)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode >= 300 {
		b, _ := io.ReadAll(res.Body)
		return fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, b)
	}
	if out != nil {
		return json.NewDecoder(res.Body).Decode(out)
	}
	return nil
}

// setup signs in and starts an exercise of the grid scenario (4 teams).
func (c *benchClient) setup() (int64, []string, error) {
	var login struct{ Token string }
	if err := c.call("POST", "/api/v1/auth/login", "", map[string]string{"email": benchAdmin, "password": benchPassword}, &login); err != nil {
		return 0, nil, err
	}
	c.token = login.Token
	var me struct{ User struct{ ID int64 } }
	if err := c.call("GET", "/api/v1/auth/me", c.token, nil, &me); err != nil {
		return 0, nil, err
	}
	var w struct{ Workshop struct{ ID int64 } }
	if err := c.call("POST", "/api/v1/workshops", c.token, map[string]any{"title": "Bench", "facilitator_ids": []int64{me.User.ID}}, &w); err != nil {
		return 0, nil, err
	}
	var ex struct {
		Exercise struct {
			ID    int64
			Teams []struct {
				JoinCode string `json:"join_code"`
			}
		}
	}
	if err := c.call("POST", "/api/v1/exercises", c.token, map[string]any{"workshop_id": w.Workshop.ID, "scenario_id": "grid-cascade"}, &ex); err != nil {
		return 0, nil, err
	}
	var codes []string
	for _, t := range ex.Exercise.Teams {
		codes = append(codes, t.JoinCode)
	}
	return ex.Exercise.ID, codes, c.call("POST", fmt.Sprintf("/api/v1/exercises/%d/start", ex.Exercise.ID), c.token, nil, nil)
}

// benchStreamConn is one participant's open stream.
type benchStreamConn struct {
	mu   sync.Mutex
	seen map[string]time.Time // ad-hoc inject title → received
}

func (c *benchClient) connect(ctx context.Context, exID int64, codes []string, n int) ([]*benchStreamConn, error) {
	streams := make([]*benchStreamConn, n)
	errs := make(chan error, n)
	sem := make(chan struct{}, 32)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			var j struct{ Token string }
			in := map[string]string{"code": codes[i%len(codes)], "name": fmt.Sprintf("P%d", i)}
			if len(benchLanguages) > 0 {
				in["language"] = benchLanguages[i%len(benchLanguages)]
			}
			if err := c.call("POST", "/api/v1/join", "", in, &j); err != nil {
				errs <- err
				return
			}
			s, err := c.open(ctx, exID, j.Token)
			streams[i] = s
			errs <- err
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return streams, nil
}

// open connects a stream (replaying the short log so far) and records when
// each bench inject arrives.
func (c *benchClient) open(ctx context.Context, exID int64, token string) (*benchStreamConn, error) {
	req, _ := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("%s/api/v1/exercises/%d/events", c.base, exID), nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := (&http.Client{}).Do(req)
	if err != nil {
		return nil, err
	}
	if res.StatusCode != 200 {
		res.Body.Close()
		return nil, fmt.Errorf("stream: %s", res.Status)
	}
	s := &benchStreamConn{seen: map[string]time.Time{}}
	go func() {
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if !strings.HasPrefix(line, "data: ") || !strings.Contains(line, `"type":"inject.released"`) {
				continue
			}
			field := `"title":"bench-`
			if benchScripted {
				field = `"key":"`
			}
			if i := strings.Index(line, field); i >= 0 {
				now := time.Now()
				mark := line[i+len(field)-len("bench-")*boolInt(!benchScripted):]
				mark = mark[:strings.IndexByte(mark, '"')]
				s.mu.Lock()
				s.seen[mark] = now
				s.mu.Unlock()
			}
		}
	}()
	return s, nil
}

// release sends the injects one at a time and waits until every stream has
// each one (or 10 s passed: that delivery counts as lost).
func (c *benchClient) release(exID int64, injects int, streams []*benchStreamConn, res *benchResult) error {
	for k := 0; k < injects; k++ {
		title := fmt.Sprintf("bench-%d", k)
		sent := time.Now()
		var err error
		if benchScripted {
			title = scriptedInjects[k]
			err = c.call("POST", fmt.Sprintf("/api/v1/exercises/%d/injects/%s/release", exID, title), c.token, nil, nil)
		} else {
			err = c.call("POST", fmt.Sprintf("/api/v1/exercises/%d/injects", exID), c.token,
				map[string]any{"title": title, "body": "Load test inject."}, nil)
		}
		if err != nil {
			return err
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			got := 0
			var last time.Duration
			var lats []time.Duration
			for _, s := range streams {
				s.mu.Lock()
				at, ok := s.seen[title]
				s.mu.Unlock()
				if ok {
					got++
					lats = append(lats, at.Sub(sent))
					last = max(last, at.Sub(sent))
				}
			}
			if got == len(streams) || time.Now().After(deadline) {
				res.Lat = append(res.Lat, lats...)
				res.LastLat = append(res.LastLat, last)
				res.Lost += len(streams) - got
				break
			}
			time.Sleep(2 * time.Millisecond)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
