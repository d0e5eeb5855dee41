package httpapi

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/scoring"
)

// serverEventTypes reads every event type the server can write into a log:
// the string constants named Ev… in the backend's non-test Go files (the
// exercise engine's and scoring's). Reading the source rather than a list in
// this test means a new type is caught without anyone remembering to add it
// here.
func serverEventTypes(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{} // value → constant
	name := regexp.MustCompile(`^Ev[A-Z]`)
	root := filepath.Join("..", "..", "internal")
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, id := range vs.Names {
					if !name.MatchString(id.Name) || i >= len(vs.Values) {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					v, _ := strconv.Unquote(lit.Value)
					out[v] = f.Name.Name + "." + id.Name
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Guard against a walk that finds nothing and so proves nothing.
	for _, known := range []string{exercise.EvInjectReleased, exercise.EvCommAck, scoring.EvPublished, scoring.EvScore} {
		if out[known] == "" {
			t.Fatalf("the source walk did not find %q; it is broken", known)
		}
	}
	return out
}

// browserEventTypes reads EVENT_TYPES from the browser's stream client: the
// named events its EventSource listens for (it drops every other name).
func browserEventTypes(t *testing.T) map[string]bool {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "..", "frontend", "src", "exercise", "stream.ts"))
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile(`(?s)export const EVENT_TYPES = \[(.*?)\] as const`).FindSubmatch(src)
	if block == nil {
		t.Fatal("EVENT_TYPES not found in frontend/src/exercise/stream.ts")
	}
	out := map[string]bool{}
	for _, m := range regexp.MustCompile(`'([^']+)'`).FindAllSubmatch(block[1], -1) {
		out[string(m[1])] = true
	}
	return out
}

// The browser listens for every event type the server sends, and for
// nothing the server never sends. report.published was missing, so rooms
// were never told the report was out.
func TestBrowserListensForEveryServerEventType(t *testing.T) {
	server, browser := serverEventTypes(t), browserEventTypes(t)
	var missing, stale []string
	for v, c := range server {
		if !browser[v] {
			missing = append(missing, v+" ("+c+")")
		}
	}
	for v := range browser {
		if server[v] == "" {
			stale = append(stale, v)
		}
	}
	sort.Strings(missing)
	sort.Strings(stale)
	if len(missing) > 0 {
		t.Errorf("the server sends event types that frontend/src/exercise/stream.ts EVENT_TYPES lacks (the browser drops them): %v", missing)
	}
	if len(stale) > 0 {
		t.Errorf("EVENT_TYPES lists types no server constant defines: %v", stale)
	}
}
