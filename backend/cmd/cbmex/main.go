// Command cbmex is the whole platform in one binary: the server, migrations,
// account management and scenario tools.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `cbmex — tabletop exercises on the OSCE cyber/ICT confidence-building measures

Usage:
  cbmex serve [flags]                     start the server (default when no command is given)
  cbmex migrate status|up|down [flags]    inspect or change the database schema
  cbmex user create --email E --role R    create an account (admin or facilitator)
  cbmex user reset-password --email E     give an account a new random password
  cbmex scenario validate FILE...         check scenario files; errors as file:line:col
  cbmex scenario import FILE...           store files in the library (new scenario or new version)
  cbmex scenario export ID [--version N] [--out FILE]   write a stored scenario's YAML
  cbmex bench stream [--n N]              load test: N participant streams, inject delivery latency, memory
  cbmex ready                             exit 0 when the server at CBMEX_ADDR is ready (for health checks)
  cbmex config                            print every setting as a Markdown table
  cbmex events [--ts]                     print the catalogue of event types (--ts: the browser's module)
  cbmex version                           print the version

Every command reads the CBMEX_* environment variables; 'cbmex serve -h' lists the flags.
`

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	cmd, rest := "serve", args
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, rest = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return runServe(rest, stdout, stderr)
	case "migrate":
		return runMigrate(rest, stdout, stderr)
	case "user":
		return runUser(rest, stdout, stderr)
	case "scenario":
		return runScenario(rest, stdout, stderr)
	case "config":
		return runConfig(stdout)
	case "events":
		return runEvents(rest, stdout, stderr)
	case "ready":
		return runReady(rest, stderr)
	case "bench":
		return runBench(rest, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "cbmex", version)
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "cbmex: unknown command %q\n\n%s", cmd, usage)
	return 2
}

func runScenario(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, "usage: cbmex scenario validate|import FILE... | export ID [--version N] [--out FILE]\n")
		return 2
	}
	switch args[0] {
	case "validate":
		return runScenarioValidate(args[1:], stdout, stderr)
	case "import":
		return runScenarioImport(args[1:], stdout, stderr)
	case "export":
		return runScenarioExport(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "cbmex scenario: unknown command %q\n", args[0])
	return 2
}
