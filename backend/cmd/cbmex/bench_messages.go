package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// runBenchMessages drives team-to-team messages at a steady rate through a
// real server while participants hold their streams, and reports post →
// delivered latency to every recipient stream and the count of lost
// deliveries.
func runBenchMessages(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench messages", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("participants", 300, "participants, each with an open stream")
	rate := fs.Int("rate", 200, "messages per second")
	secs := fs.Int("seconds", 10, "how long to send")
	dbURL := fs.String("database-url", "", "PostgreSQL URL (empty: SQLite in a temporary folder)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *n < 4 || *n > 5000 || *rate < 1 || *rate > 2000 || *secs < 1 || *secs > 300 {
		fmt.Fprintln(stderr, "cbmex bench messages: --participants 4..5000, --rate 1..2000, --seconds 1..300")
		return 2
	}
	res, err := benchMessages(*n, *rate, *secs, *dbURL, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "cbmex bench:", err)
		return 1
	}
	fmt.Fprintf(stdout, "cbmex bench messages — %d participants, %d messages/s for %d s, %s\n", *n, *rate, *secs, res.Dialect)
	fmt.Fprintf(stdout, "  messages sent: %d (%d refused)  deliveries expected: %d\n", res.Sent, res.Refused, res.Expected)
	fmt.Fprintf(stdout, "  post → delivered:  p50 %v  p99 %v  max %v\n", pct(res.Lat, 50), pct(res.Lat, 99), pct(res.Lat, 100))
	fmt.Fprintf(stdout, "  lost deliveries:   %d\n", res.Lost)
	return 0
}

type msgBenchResult struct {
	Dialect                       string
	Sent, Refused, Expected, Lost int
	Lat                           []time.Duration
}

type msgParticipant struct {
	token string
	team  int
	mu    sync.Mutex
	seen  map[int]time.Time // message number → received
}

func benchMessages(n, rate, secs int, dbURL string, stderr io.Writer) (*msgBenchResult, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(secs)*time.Second+5*time.Minute)
	defer cancel()
	// The bench sends faster than a person would: lift the per-participant
	// message limit for this server only.
	srv, err := startChild(ctx, dbURL, stderr, "CBMEX_MESSAGE_RATE=6000")
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	res := &msgBenchResult{Dialect: "sqlite"}
	if dbURL != "" {
		res.Dialect = "postgres"
	}
	c := &benchClient{base: srv.base, http: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}}}
	exID, codes, err := c.setup()
	if err != nil {
		return nil, err
	}
	teamIDs, err := c.teamIDs(exID)
	if err != nil {
		return nil, err
	}
	ps, err := c.joinAndListen(ctx, exID, codes, n)
	if err != nil {
		return nil, err
	}
	sent := c.sendAtRate(exID, ps, teamIDs, rate, secs, res)
	c.collect(ps, sent, res)
	return res, nil
}

func (c *benchClient) teamIDs(exID int64) ([]int64, error) {
	var ex struct {
		Exercise struct{ Teams []struct{ ID int64 } }
	}
	if err := c.call("GET", fmt.Sprintf("/api/v1/exercises/%d", exID), c.token, nil, &ex); err != nil {
		return nil, err
	}
	ids := make([]int64, len(ex.Exercise.Teams))
	for i, t := range ex.Exercise.Teams {
		ids[i] = t.ID
	}
	return ids, nil
}

func (c *benchClient) joinAndListen(ctx context.Context, exID int64, codes []string, n int) ([]*msgParticipant, error) {
	ps := make([]*msgParticipant, n)
	var wg sync.WaitGroup
	var firstErr atomic.Value
	sem := make(chan struct{}, 32)
	for i := range ps {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			p := &msgParticipant{team: i % len(codes), seen: map[int]time.Time{}}
			var j struct{ Token string }
			if err := c.call("POST", "/api/v1/join", "", map[string]string{"code": codes[p.team], "name": fmt.Sprintf("P%d", i)}, &j); err != nil {
				firstErr.Store(err)
				return
			}
			p.token = j.Token
			if err := c.listen(ctx, exID, p); err != nil {
				firstErr.Store(err)
			}
			ps[i] = p
		}(i)
	}
	wg.Wait()
	if err, ok := firstErr.Load().(error); ok {
		return nil, err
	}
	return ps, nil
}

// listen records when each bench message ("subject":"m-N") arrives.
func (c *benchClient) listen(ctx context.Context, exID int64, p *msgParticipant) error {
	req, _ := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("%s/api/v1/exercises/%d/events", c.base, exID), nil)
	req.Header.Set("Authorization", "Bearer "+p.token)
	res, err := (&http.Client{}).Do(req)
	if err != nil {
		return err
	}
	if res.StatusCode != 200 {
		res.Body.Close()
		return fmt.Errorf("stream: %s", res.Status)
	}
	go func() {
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			i := strings.Index(line, `"subject":"m-`)
			if i < 0 || !strings.HasPrefix(line, "data: ") {
				continue
			}
			now := time.Now()
			rest := line[i+13:]
			num, err := strconv.Atoi(rest[:strings.IndexByte(rest, '"')])
			if err == nil {
				p.mu.Lock()
				p.seen[num] = now
				p.mu.Unlock()
			}
		}
	}()
	return nil
}

type sentMsg struct {
	at       time.Time
	from, to int // team indexes
	ok       bool
}

// sendAtRate posts rate messages a second for secs seconds, each from a
// participant of one team to another team on the PoC hotline.
func (c *benchClient) sendAtRate(exID int64, ps []*msgParticipant, teams []int64, rate, secs int, res *msgBenchResult) []sentMsg {
	total := rate * secs
	sent := make([]sentMsg, total)
	var wg sync.WaitGroup
	start := time.Now()
	interval := time.Second / time.Duration(rate)
	for k := 0; k < total; k++ {
		time.Sleep(time.Until(start.Add(time.Duration(k) * interval)))
		p := ps[k%len(ps)]
		to := (p.team + 1 + k%(len(teams)-1)) % len(teams)
		wg.Add(1)
		go func(k int, p *msgParticipant, to int) {
			defer wg.Done()
			sent[k] = sentMsg{at: time.Now(), from: p.team, to: to}
			err := c.call("POST", fmt.Sprintf("/api/v1/exercises/%d/messages", exID), p.token, map[string]any{
				"to": []int64{teams[to]}, "channel": "poc_hotline", "subject": fmt.Sprintf("m-%d", k),
				"body": "Load test message on the PoC hotline.", "cbms": []string{"8"}}, nil)
			sent[k].ok = err == nil
		}(k, p, to)
	}
	wg.Wait()
	return sent
}

// collect waits up to 10 s for deliveries, then counts latency and losses:
// a message is due on every stream of its sender's and recipient's teams.
func (c *benchClient) collect(ps []*msgParticipant, sent []sentMsg, res *msgBenchResult) {
	due := func() (expected, got int) {
		for k, m := range sent {
			if !m.ok {
				continue
			}
			for _, p := range ps {
				if p.team == m.from || p.team == m.to {
					expected++
					p.mu.Lock()
					_, ok := p.seen[k]
					p.mu.Unlock()
					if ok {
						got++
					}
				}
			}
		}
		return
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		exp, got := due()
		if got == exp || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	for k, m := range sent {
		if !m.ok {
			res.Refused++
			continue
		}
		res.Sent++
		for _, p := range ps {
			if p.team != m.from && p.team != m.to {
				continue
			}
			res.Expected++
			p.mu.Lock()
			at, ok := p.seen[k]
			p.mu.Unlock()
			if ok {
				res.Lat = append(res.Lat, at.Sub(m.at))
			} else {
				res.Lost++
			}
		}
	}
}
