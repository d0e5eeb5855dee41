package library

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// ImportBundled adds each bundled scenario whose id the library does not
// know yet, and returns how many it added. Scenarios already present are
// left alone, so a facilitator's edits are never overwritten by an upgrade.
func (l *Library) ImportBundled(ctx context.Context, fsys fs.FS) (int, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return 0, err
	}
	added := 0
	for _, name := range names {
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return added, err
		}
		s, err := l.Validate(path.Join("scenarios", name), src)
		if err != nil {
			return added, fmt.Errorf("bundled scenario %s: %w", name, err)
		}
		if _, err := l.store.ScenarioID(ctx, s.ID); !errors.Is(err, apperr.ErrNoRow) {
			if err != nil {
				return added, err
			}
			continue
		}
		if _, err := l.Create(ctx, name, src, OriginBundled, nil); err != nil && !isExists(err) {
			return added, err
		}
		added++
	}
	return added, nil
}

// isExists tells a lost race with another replica importing the same file.
func isExists(err error) bool {
	e, ok := apperr.As(err)
	return ok && e.Code == "scenario_exists"
}
