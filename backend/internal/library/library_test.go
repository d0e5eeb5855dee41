package library_test

import (
	"bytes"
	"context"
	"errors"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/cbm"
	"github.com/cbmex/cbmex/backend/internal/library"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
	"github.com/cbmex/cbmex/scenarios"
)

func newLibrary(t *testing.T, st *store.Store) *library.Library {
	set, err := cbm.Load()
	if err != nil {
		t.Fatal(err)
	}
	return library.New(st.Scenarios(), set, nil)
}

func TestBundledScenariosImportOnceAndCoverEveryCBM(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		lib := newLibrary(t, st)
		n, err := lib.ImportBundled(ctx, scenarios.FS)
		if err != nil {
			t.Fatal(err)
		}
		if n < 7 {
			t.Fatalf("imported %d bundled scenarios, want at least 7", n)
		}
		if again, err := lib.ImportBundled(ctx, scenarios.FS); err != nil || again != 0 {
			t.Fatalf("second import added %d (%v), want 0", again, err)
		}
		all, err := lib.List(ctx, library.Filter{})
		if err != nil || len(all) != n {
			t.Fatalf("listed %d of %d (%v)", len(all), n, err)
		}
		covered := map[string]bool{}
		for _, v := range all {
			s, err := lib.Parsed(mustGet(t, lib, v.ScenarioID, 0))
			if err != nil {
				t.Fatal(err)
			}
			for _, in := range s.Injects {
				for _, a := range in.ExpectedActions {
					for _, c := range a.CBMs {
						covered[c] = true
					}
				}
			}
		}
		for i := 1; i <= 16; i++ {
			if !covered[strconv.Itoa(i)] {
				t.Errorf("no bundled scenario exercises CBM %d", i)
			}
		}
	})
}

func mustGet(t *testing.T, lib *library.Library, id int64, n int) *library.Version {
	t.Helper()
	v, err := lib.Get(context.Background(), id, n)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func bundled(t *testing.T, name string) []byte {
	t.Helper()
	b, err := scenarios.FS.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestVersionsAreImmutableAndNumbered(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		lib := newLibrary(t, st)
		src := bundled(t, "tutorial-first-contact.yaml")
		v1, err := lib.Create(ctx, "t.yaml", src, library.OriginUpload, nil)
		if err != nil || v1.Number != 1 {
			t.Fatalf("create: %+v %v", v1, err)
		}
		if _, err := lib.Create(ctx, "t.yaml", src, library.OriginUpload, nil); !isCode(err, "scenario_exists") {
			t.Fatalf("second create: %v, want scenario_exists", err)
		}
		same, created, err := lib.Update(ctx, v1.ScenarioID, "t.yaml", src, library.OriginUpload, nil)
		if err != nil || created || same.Number != 1 {
			t.Fatalf("identical update: %+v created=%v %v", same, created, err)
		}
		edited := bytes.Replace(src, []byte("\nversion: 1\n"), []byte("\nversion: 2\n"), 1)
		v2, created, err := lib.Update(ctx, v1.ScenarioID, "t.yaml", edited, library.OriginUpload, nil)
		if err != nil || !created || v2.Number != 2 {
			t.Fatalf("update: %+v created=%v %v", v2, created, err)
		}
		if old := mustGet(t, lib, v1.ScenarioID, 1); !bytes.Equal(old.Source, src) {
			t.Fatal("version 1 changed after saving version 2")
		}
		if latest := mustGet(t, lib, v1.ScenarioID, 0); latest.Number != 2 || !bytes.Equal(latest.Source, edited) {
			t.Fatalf("latest: %+v", latest)
		}
		other := bundled(t, "grid-cascade.yaml")
		if _, _, err := lib.Update(ctx, v1.ScenarioID, "g.yaml", other, library.OriginUpload, nil); !isCode(err, "validation_failed") {
			t.Fatalf("update with another scenario's id: %v", err)
		}
	})
}

func TestBrokenFilesStoreNothing(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		lib := newLibrary(t, st)
		src := bundled(t, "tutorial-first-contact.yaml")
		v1, err := lib.Create(ctx, "t.yaml", src, library.OriginUpload, nil)
		if err != nil {
			t.Fatal(err)
		}
		broken := bytes.Replace(src, []byte("duration: 15m"), []byte("duration: soon"), 1)
		_, _, err = lib.Update(ctx, v1.ScenarioID, "t.yaml", broken, library.OriginUpload, nil)
		var inv *library.InvalidError
		if !errors.As(err, &inv) || len(inv.Problems) == 0 || inv.Problems[0].Line == 0 {
			t.Fatalf("broken update: %v", err)
		}
		if vs, _ := lib.Versions(ctx, v1.ScenarioID); len(vs) != 1 {
			t.Fatalf("a broken file added a version: %d versions", len(vs))
		}
		if _, err := lib.Create(ctx, "x.yaml", []byte("id: [unclosed"), library.OriginUpload, nil); !errors.As(err, &inv) {
			t.Fatalf("broken create: %v", err)
		}
		if all, _ := lib.List(ctx, library.Filter{}); len(all) != 1 {
			t.Fatalf("a broken file was stored: %d scenarios", len(all))
		}
	})
}

// Saves racing on one scenario get consecutive numbers, none lost.
func TestConcurrentSavesGetConsecutiveNumbers(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		lib := newLibrary(t, st)
		src := bundled(t, "tutorial-first-contact.yaml")
		v1, err := lib.Create(ctx, "t.yaml", src, library.OriginUpload, nil)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 4)
		for i := 0; i < 4; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				edited := bytes.Replace(src, []byte("\nversion: 1\n"), []byte("\nversion: "+strconv.Itoa(i+2)+"\n"), 1)
				_, _, err := lib.Update(ctx, v1.ScenarioID, "t.yaml", edited, library.OriginUpload, nil)
				errs <- err
			}(i)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		vs, _ := lib.Versions(ctx, v1.ScenarioID)
		nums := make([]int, len(vs))
		for i, v := range vs {
			nums[i] = v.Number
		}
		sort.Ints(nums)
		if len(nums) != 5 || nums[0] != 1 || nums[4] != 5 {
			t.Fatalf("version numbers %v, want 1..5", nums)
		}
	})
}

func TestListFilters(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		lib := newLibrary(t, st)
		if _, err := lib.ImportBundled(ctx, scenarios.FS); err != nil {
			t.Fatal(err)
		}
		count := func(f library.Filter) int {
			vs, err := lib.List(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			return len(vs)
		}
		if n := count(library.Filter{MaxDuration: 20 * time.Minute}); n != 1 {
			t.Errorf("scenarios of at most 20 minutes: %d, want 1 (the tutorial)", n)
		}
		if n := count(library.Filter{Level: "introductory"}); n < 1 {
			t.Errorf("introductory: %d", n)
		}
		if n := count(library.Filter{CBM: "16"}); n < 1 {
			t.Errorf("scenarios focusing on CBM 16: %d", n)
		}
		if n := count(library.Filter{Text: "GRID"}); n < 1 {
			t.Errorf("text search for grid: %d", n)
		}
		if n := count(library.Filter{Text: "no such words anywhere"}); n != 0 {
			t.Errorf("nonsense search: %d", n)
		}
	})
}

func isCode(err error, code string) bool {
	e, ok := apperr.As(err)
	return ok && e.Code == code
}
