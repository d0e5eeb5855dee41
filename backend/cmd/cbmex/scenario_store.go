package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cbmex/cbmex/backend/internal/app"
	"github.com/cbmex/cbmex/backend/internal/library"
	"github.com/cbmex/cbmex/backend/internal/scenario"
	"github.com/cbmex/cbmex/backend/internal/store"
)

func runScenarioImport(args []string, stdout, stderr io.Writer) int {
	ctx := context.Background()
	st, lib, code := libraryFromArgs(ctx, "scenario import", args, nil, stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	groups, ok := groupScenarioFiles(lib.files, stderr)
	failed := !ok
	for _, g := range groups {
		b, err := readBundle(g)
		if err != nil {
			fmt.Fprintln(stderr, err)
			failed = true
			continue
		}
		v, status, err := lib.Import(ctx, b, library.OriginCLI)
		if err != nil {
			fmt.Fprintln(stderr, describeErr(err))
			failed = true
			continue
		}
		langs := ""
		if len(v.Languages) > 1 {
			langs = " in " + strings.Join(v.Languages, ", ")
		}
		fmt.Fprintf(stdout, "%s: %s — %s version %d%s\n", g.file, status, v.Slug, v.Number, langs)
	}
	if failed {
		return 1
	}
	return 0
}

func runScenarioExport(args []string, stdout, stderr io.Writer) int {
	ctx := context.Background()
	var version int
	var out string
	extra := func(fs *flag.FlagSet) {
		fs.IntVar(&version, "version", 0, "version number (default: the latest)")
		fs.StringVar(&out, "out", "", "write to this file instead of standard output")
	}
	st, lib, code := libraryFromArgs(ctx, "scenario export", args, extra, stderr)
	if st == nil {
		return code
	}
	defer st.Close()
	if len(lib.files) != 1 {
		fmt.Fprintln(stderr, "usage: cbmex scenario export ID|SLUG [--version N] [--out FILE]")
		return 2
	}
	id, err := lib.Resolve(ctx, lib.files[0])
	var v *library.Version
	if err == nil {
		v, err = lib.Get(ctx, id, version)
	}
	if err != nil {
		fmt.Fprintln(stderr, "cbmex scenario export:", describeErr(err))
		return 1
	}
	if out == "" {
		_, err = stdout.Write(v.Source)
	} else {
		err = writeExport(out, v, stdout)
	}
	if err != nil {
		fmt.Fprintln(stderr, "cbmex scenario export:", err)
		return 1
	}
	return 0
}

// writeExport writes the scenario file and, beside it, its translation
// files (grid-cascade.ru.yaml next to grid-cascade.yaml).
func writeExport(out string, v *library.Version, stdout io.Writer) error {
	if err := os.WriteFile(out, v.Source, 0o644); err != nil {
		return err
	}
	dir := filepath.Dir(out)
	for _, lang := range scenario.Languages {
		f, ok := v.Translations[lang]
		if !ok {
			continue
		}
		name := filepath.Join(dir, library.TranslationFilename(v.Slug, lang))
		if err := os.WriteFile(name, f, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: the %s translation\n", name, lang)
	}
	return nil
}

// readBundle reads a scenario file and its translations.
func readBundle(g scenarioFiles) (library.Bundle, error) {
	b := library.Bundle{Filename: g.file}
	var err error
	if b.Source, err = os.ReadFile(g.file); err != nil {
		return b, fmt.Errorf("%s: %v", g.file, err)
	}
	for lang, file := range g.translations {
		data, err := os.ReadFile(file)
		if err != nil {
			return b, fmt.Errorf("%s: %v", file, err)
		}
		if b.Translations == nil {
			b.Translations = map[string][]byte{}
		}
		b.Translations[lang] = data
	}
	return b, nil
}

// cliLibrary is the library plus the positional arguments of the command.
type cliLibrary struct {
	*library.Library
	files []string
}

// libraryFromArgs parses flags (the database flags plus extra ones) and
// opens the library; it returns a nil store and an exit code on failure.
func libraryFromArgs(ctx context.Context, name string, args []string, extra func(*flag.FlagSet), stderr io.Writer) (*store.Store, *cliLibrary, int) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfgArgs []string
	fs.Func("database-url", "database URL (CBMEX_DATABASE_URL)", func(v string) error { cfgArgs = append(cfgArgs, "--database-url", v); return nil })
	fs.Func("data-dir", "data folder (CBMEX_DATA_DIR)", func(v string) error { cfgArgs = append(cfgArgs, "--data-dir", v); return nil })
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(interspersed(args)); err != nil {
		return nil, nil, 2
	}
	cfg, ok := loadConfig(name, cfgArgs, stderr)
	if !ok {
		return nil, nil, 2
	}
	log := newLogger(cfg, io.Discard)
	st, _, err := openMigrated(ctx, cfg, log)
	if err != nil {
		fmt.Fprintf(stderr, "cbmex %s: %v\n", name, err)
		return nil, nil, 1
	}
	lib, err := app.NewLibrary(ctx, st, app.Options{Log: log})
	if err != nil {
		st.Close()
		fmt.Fprintf(stderr, "cbmex %s: %v\n", name, err)
		return nil, nil, 1
	}
	return st, &cliLibrary{Library: lib, files: fs.Args()}, 0
}

// interspersed moves flags before positional arguments, so that
// "export grid-cascade --version 2" works as people type it.
func interspersed(args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			pos = append(pos, args[i+1:]...)
			i = len(args)
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			if !containsEq(a) && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
		default:
			pos = append(pos, a)
		}
	}
	return append(flags, pos...)
}

func containsEq(s string) bool {
	for _, c := range s {
		if c == '=' {
			return true
		}
	}
	return false
}
