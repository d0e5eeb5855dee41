// Package config reads cbmex's settings: built-in defaults, then CBMEX_*
// environment variables (with _FILE variants for secrets), then command-line
// flags. Every key is listed once, in Keys, which also feeds docs/config.md.
package config

import (
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is the resolved configuration of one cbmex process.
type Config struct {
	Addr          string
	DataDir       string
	DatabaseURL   string
	JWTSecret     string
	AdminEmail    string
	AdminPassword string
	LogLevel      string
	LogFormat     string
	RequestLog    string
	SessionTTL    time.Duration
	BodyLimit     string
	MessageRate   int // messages per minute per team member
	JoinsPerCode  int // joins per hour with one code
	// PublicURL is where people reach the server; https:// makes cookies
	// Secure and turns HSTS on.
	PublicURL string
	// TrustedProxies are the peers whose X-Forwarded-For / X-Real-IP are
	// believed; every other client is known by its TCP peer address.
	TrustedProxies    []*net.IPNet
	MetricsAddr       string
	MetricsToken      string
	StreamsPerSession int
	StreamsPerAddress int
}

// HTTPS tells whether the server is reached over HTTPS.
func (c *Config) HTTPS() bool { return strings.HasPrefix(strings.ToLower(c.PublicURL), "https://") }

// Key documents one setting: its variable, flag, default and meaning.
type Key struct {
	Env, Flag, Default, Help string
	Secret                   bool // also read from $ENV_FILE
	set                      func(*Config, string) error
}

// Keys lists every setting cbmex understands, in the order docs show them.
var Keys = []Key{
	{Env: "CBMEX_ADDR", Flag: "addr", Default: "127.0.0.1:8080", Help: "Address the HTTP server listens on.",
		set: func(c *Config, v string) error { c.Addr = v; return nil }},
	{Env: "CBMEX_DATA_DIR", Flag: "data-dir", Default: "./data", Help: "Folder for the SQLite database file.",
		set: func(c *Config, v string) error { c.DataDir = v; return nil }},
	{Env: "CBMEX_DATABASE_URL", Flag: "database-url", Default: "", Secret: true, Help: "postgres://… selects PostgreSQL; empty means SQLite in the data folder.",
		set: func(c *Config, v string) error { c.DatabaseURL = v; return nil }},
	{Env: "CBMEX_JWT_SECRET", Flag: "jwt-secret", Default: "", Secret: true, Help: "Key that signs session tokens (at least 32 bytes). Empty: generated once and kept in the database, so restarts and replicas agree.",
		set: func(c *Config, v string) error { c.JWTSecret = v; return nil }},
	{Env: "CBMEX_ADMIN_EMAIL", Flag: "admin-email", Default: "admin@localhost", Help: "E-mail of the first admin, created when there is no user yet.",
		set: func(c *Config, v string) error { c.AdminEmail = v; return nil }},
	{Env: "CBMEX_ADMIN_PASSWORD", Flag: "admin-password", Default: "", Secret: true, Help: "Password of the first admin. Empty: a random one is printed once at first start.",
		set: func(c *Config, v string) error { c.AdminPassword = v; return nil }},
	{Env: "CBMEX_SESSION_TTL", Flag: "session-ttl", Default: "12h", Help: "Lifetime of a sign-in session (Go duration).",
		set: func(c *Config, v string) (err error) { c.SessionTTL, err = time.ParseDuration(v); return err }},
	{Env: "CBMEX_MESSAGE_RATE", Flag: "message-rate", Default: "20", Help: "Messages one team member (or staff account) may send per minute; a team together may send three times as many. Counted across replicas; joining again does not reset it.",
		set: func(c *Config, v string) (err error) { c.MessageRate, err = strconv.Atoi(v); return err }},
	{Env: "CBMEX_JOINS_PER_CODE", Flag: "joins-per-code", Default: "30", Help: "Joins one team or observer code allows per hour (a code is for one delegation; a new code starts afresh).",
		set: func(c *Config, v string) (err error) { c.JoinsPerCode, err = strconv.Atoi(v); return err }},
	{Env: "CBMEX_BODY_LIMIT", Flag: "body-limit", Default: "2M", Help: "Largest request body accepted (e.g. 512K, 2M).",
		set: func(c *Config, v string) error { c.BodyLimit = v; return nil }},
	{Env: "CBMEX_PUBLIC_URL", Flag: "public-url", Default: "", Help: "Address people reach the server at (e.g. https://cbmex.example.org), used in the links the server prints. An https:// address makes cookies Secure and sends HSTS. Empty: http:// on CBMEX_ADDR.",
		set: func(c *Config, v string) error { c.PublicURL = strings.TrimRight(v, "/"); return nil }},
	{Env: "CBMEX_TRUSTED_PROXIES", Flag: "trusted-proxies", Default: "", Help: "Comma-separated addresses or CIDRs of reverse proxies whose X-Forwarded-For and X-Real-IP headers are believed. Empty: a client is known by its TCP peer address.",
		set: func(c *Config, v string) (err error) { c.TrustedProxies, err = parseCIDRs(v); return err }},
	{Env: "CBMEX_METRICS_ADDR", Flag: "metrics-addr", Default: "", Help: "Serve /metrics on this separate address (e.g. 127.0.0.1:9090) and not on CBMEX_ADDR.",
		set: func(c *Config, v string) error { c.MetricsAddr = v; return nil }},
	{Env: "CBMEX_METRICS_TOKEN", Flag: "metrics-token", Default: "", Secret: true, Help: "When set, /metrics answers only requests with 'Authorization: Bearer <token>'.",
		set: func(c *Config, v string) error { c.MetricsToken = v; return nil }},
	{Env: "CBMEX_STREAMS_PER_SESSION", Flag: "streams-per-session", Default: "5", Help: "Open event streams one session may hold at once (one per browser tab).",
		set: func(c *Config, v string) (err error) { c.StreamsPerSession, err = strconv.Atoi(v); return err }},
	{Env: "CBMEX_STREAMS_PER_ADDRESS", Flag: "streams-per-address", Default: "50", Help: "Open event streams one client address may hold at once (a workshop room behind one address counts once).",
		set: func(c *Config, v string) (err error) { c.StreamsPerAddress, err = strconv.Atoi(v); return err }},
	{Env: "CBMEX_LOG_LEVEL", Flag: "log-level", Default: "info", Help: "debug, info, warn or error.",
		set: func(c *Config, v string) error { c.LogLevel = v; return nil }},
	{Env: "CBMEX_LOG_FORMAT", Flag: "log-format", Default: "text", Help: "text or json.",
		set: func(c *Config, v string) error { c.LogFormat = v; return nil }},
	{Env: "CBMEX_REQUEST_LOG", Flag: "request-log", Default: "debug", Help: "Level of the one-line log of every HTTP request: debug keeps the terminal of an interactive run quiet; info gives a structured access log (with CBMEX_LOG_FORMAT=json). Server errors are logged as errors either way.",
		set: func(c *Config, v string) error {
			if v != "debug" && v != "info" {
				return fmt.Errorf("request-log must be debug or info")
			}
			c.RequestLog = v
			return nil
		}},
}

// Load resolves the configuration from defaults, the environment and args.
// getenv is os.Getenv in production and a map lookup in tests.
func Load(name string, args []string, getenv func(string) string) (*Config, error) {
	c := &Config{}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	values := make([]*string, len(Keys))
	for i, k := range Keys {
		v, err := fromEnv(k, getenv)
		if err != nil {
			return nil, err
		}
		values[i] = fs.String(k.Flag, v, k.Help+" ("+k.Env+")")
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	for i, k := range Keys {
		if err := k.set(c, *values[i]); err != nil {
			return nil, fmt.Errorf("%s / --%s: %w", k.Env, k.Flag, err)
		}
	}
	return c, c.validate()
}

// Defaults is the configuration with every key at its default, as a test
// server or rig starts from.
func Defaults() *Config {
	c, err := Load("defaults", nil, func(string) string { return "" })
	if err != nil {
		panic("config: the defaults do not validate: " + err.Error())
	}
	return c
}

// fromEnv returns the variable, or the contents of the file named by
// VAR_FILE for secrets (Docker and Kubernetes secrets arrive as files).
func fromEnv(k Key, getenv func(string) string) (string, error) {
	if v := getenv(k.Env); v != "" {
		return v, nil
	}
	if k.Secret {
		if path := getenv(k.Env + "_FILE"); path != "" {
			b, err := os.ReadFile(path)
			if err != nil {
				return "", fmt.Errorf("%s_FILE: %w", k.Env, err)
			}
			return strings.TrimSpace(string(b)), nil
		}
	}
	return k.Default, nil
}

func (c *Config) validate() error {
	if c.DatabaseURL != "" && !IsPostgres(c.DatabaseURL) {
		return fmt.Errorf("CBMEX_DATABASE_URL must start with postgres:// or postgresql://")
	}
	if c.JWTSecret != "" && len(c.JWTSecret) < 32 {
		return fmt.Errorf("CBMEX_JWT_SECRET must be at least 32 bytes long")
	}
	if c.MessageRate < 1 || c.MessageRate > 6000 {
		return fmt.Errorf("CBMEX_MESSAGE_RATE must be between 1 and 6000 messages per minute")
	}
	if c.JoinsPerCode < 1 || c.JoinsPerCode > 100000 {
		return fmt.Errorf("CBMEX_JOINS_PER_CODE must be between 1 and 100000 joins per hour")
	}
	if c.PublicURL != "" {
		u, err := url.Parse(c.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("CBMEX_PUBLIC_URL must be an absolute http:// or https:// address")
		}
	}
	if c.StreamsPerSession < 1 || c.StreamsPerAddress < 1 {
		return fmt.Errorf("CBMEX_STREAMS_PER_SESSION and CBMEX_STREAMS_PER_ADDRESS must be at least 1")
	}
	if c.SessionTTL < time.Minute {
		return fmt.Errorf("CBMEX_SESSION_TTL must be at least one minute")
	}
	return nil
}

// parseCIDRs reads "10.0.0.0/8, 192.0.2.7": a bare address is a /32 or /128.
func parseCIDRs(v string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			ip := net.ParseIP(f)
			if ip == nil {
				return nil, fmt.Errorf("%q is not an address or CIDR", f)
			}
			bits := 128
			if ip.To4() != nil {
				ip, bits = ip.To4(), 32
			}
			out = append(out, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			continue
		}
		_, n, err := net.ParseCIDR(f)
		if err != nil {
			return nil, fmt.Errorf("%q is not an address or CIDR", f)
		}
		out = append(out, n)
	}
	return out, nil
}

// IsPostgres tells whether a database URL selects PostgreSQL.
func IsPostgres(url string) bool {
	return strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://")
}

// Markdown renders the settings as the table shown in docs/config.md.
func Markdown() string {
	var b strings.Builder
	b.WriteString("| variable | flag | default | meaning |\n|---|---|---|---|\n")
	for _, k := range Keys {
		def := k.Default
		if def == "" {
			def = "(empty)"
		}
		help := k.Help
		if k.Secret {
			help += " Also read from the file named by `" + k.Env + "_FILE`."
		}
		fmt.Fprintf(&b, "| `%s` | `--%s` | `%s` | %s |\n", k.Env, k.Flag, def, help)
	}
	return b.String()
}
