package main

import (
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/httpapi"
)

// runEvents prints the catalogue of event types: as a table, or (--ts) as
// the browser's generated module.
func runEvents(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("events", flag.ContinueOnError)
	fs.SetOutput(stderr)
	ts := fs.Bool("ts", false, "print the TypeScript module "+httpapi.EventCatalogueFile)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *ts {
		_, _ = stdout.Write(httpapi.EventCatalogueTS())
		return 0
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "TYPE\tWHO SEES IT\tLABEL KEY")
	for _, k := range exercise.Catalogue() {
		fmt.Fprintf(w, "%s\t%s\t%s\n", k.Type, k.Reach, k.Label)
	}
	_ = w.Flush()
	return 0
}
