package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/cbmex/cbmex/backend/internal/app"
	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/config"
	"github.com/cbmex/cbmex/backend/internal/library"
)

func runUser(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "create" && args[0] != "reset-password") {
		fmt.Fprint(stderr, "usage: cbmex user create --email E --role admin|facilitator [--name N]\n"+
			"       cbmex user reset-password --email E\n"+
			"The password is read from CBMEX_USER_PASSWORD, or a random one is printed.\n")
		return 2
	}
	fs := flag.NewFlagSet("user "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	email := fs.String("email", "", "e-mail of the account")
	role := fs.String("role", "facilitator", "admin or facilitator")
	name := fs.String("name", "", "display name")
	// The remaining flags are the server's, so --database-url etc. work here too.
	var cfgArgs []string
	fs.Func("database-url", "database URL (CBMEX_DATABASE_URL)", func(v string) error { cfgArgs = append(cfgArgs, "--database-url", v); return nil })
	fs.Func("data-dir", "data folder (CBMEX_DATA_DIR)", func(v string) error { cfgArgs = append(cfgArgs, "--data-dir", v); return nil })
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if *email == "" {
		fmt.Fprintln(stderr, "cbmex user: --email is required")
		return 2
	}
	cfg, ok := loadConfig("user", cfgArgs, stderr)
	if !ok {
		return 2
	}
	if err := userCommand(args[0], cfg, *email, *name, auth.Role(*role), stdout); err != nil {
		fmt.Fprintln(stderr, "cbmex user:", describeErr(err))
		return 1
	}
	return 0
}

func userCommand(cmd string, cfg *config.Config, email, name string, role auth.Role, stdout io.Writer) error {
	ctx := context.Background()
	log := newLogger(cfg, io.Discard)
	st, _, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	svc, err := app.NewAccounts(ctx, cfg, st, app.Options{Log: log})
	if err != nil {
		return err
	}
	password, generated := os.Getenv("CBMEX_USER_PASSWORD"), false
	if password == "" {
		password, generated = auth.RandomSecret(15), true
	}
	if cmd == "create" {
		u, err := svc.CreateUser(ctx, auth.NewUser{Email: email, Name: name, Role: role, Password: password})
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "created %s %s (id %d)\n", u.Role, u.Email, u.ID)
	} else if err := svc.ResetPassword(ctx, email, password); err != nil {
		return err
	} else {
		fmt.Fprintf(stdout, "new password set for %s\n", email)
	}
	if generated {
		fmt.Fprintf(stdout, "password: %s\n", password)
	}
	return nil
}

// describeErr prints a scenario's problems as file:line:col lines and
// validation errors field by field.
func describeErr(err error) string {
	var inv *library.InvalidError
	if errors.As(err, &inv) {
		return inv.Problems.Error()
	}
	if e, ok := apperr.As(err); ok {
		msg := e.Message
		for f, m := range e.Fields {
			msg += fmt.Sprintf("\n  %s: %s", f, m)
		}
		return msg
	}
	return err.Error()
}
