package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// runReady asks the local server's /readyz; container health checks use it
// because the runtime image has no shell or curl.
func runReady(args []string, stderr io.Writer) int {
	cfg, ok := loadConfig("ready", args, stderr)
	if !ok {
		return 2
	}
	host, port, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		fmt.Fprintln(stderr, "cbmex ready:", err)
		return 2
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	client := http.Client{Timeout: 3 * time.Second}
	res, err := client.Get("http://" + net.JoinHostPort(host, port) + "/readyz")
	if err != nil {
		fmt.Fprintln(stderr, "cbmex ready:", err)
		return 1
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		fmt.Fprintln(stderr, "cbmex ready: server answered", res.Status)
		return 1
	}
	return 0
}
