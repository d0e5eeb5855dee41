package main

import (
	"context"
	"fmt"
	"io"

	"github.com/cbmex/cbmex/backend/internal/store"
)

func runMigrate(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "status" && args[0] != "up" && args[0] != "down") {
		fmt.Fprint(stderr, "usage: cbmex migrate status|up|down [flags]\n")
		return 2
	}
	cfg, ok := loadConfig("migrate", args[1:], stderr)
	if !ok {
		return 2
	}
	st, err := store.Open(store.Options{DatabaseURL: cfg.DatabaseURL, DataDir: cfg.DataDir})
	if err != nil {
		fmt.Fprintln(stderr, "cbmex migrate:", err)
		return 1
	}
	defer st.Close()
	m, err := st.Migrator()
	if err == nil {
		err = migrate(context.Background(), m, args[0], stdout)
	}
	if err != nil {
		fmt.Fprintln(stderr, "cbmex migrate:", err)
		return 1
	}
	return 0
}

func migrate(ctx context.Context, m *store.Migrator, cmd string, out io.Writer) error {
	switch cmd {
	case "up":
		applied, err := m.Up(ctx)
		fmt.Fprintf(out, "applied %d migration(s) %v\n", len(applied), applied)
		return err
	case "down":
		v, err := m.Down(ctx)
		if err == nil {
			fmt.Fprintf(out, "rolled back migration %d\n", v)
		}
		return err
	}
	states, err := m.Status(ctx)
	for _, s := range states {
		mark := "pending"
		if s.Applied {
			mark = "applied"
		}
		fmt.Fprintf(out, "%5d  %-8s %s\n", s.Version, mark, s.Name)
	}
	return err
}
