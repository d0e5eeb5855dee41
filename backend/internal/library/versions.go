package library

import (
	"context"
	"errors"
	"sync"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// parsedCache keeps parsed scenarios by version id. Versions never change,
// so entries never go stale; a library holds few enough to keep them all.
type parsedCache struct {
	mu sync.Mutex
	m  map[int64]*scenario.Scenario
}

// VersionByID returns one version, with its source.
func (l *Library) VersionByID(ctx context.Context, versionID int64) (*Version, error) {
	v, err := l.store.VersionByID(ctx, versionID)
	if errors.Is(err, apperr.ErrNoRow) {
		return nil, apperr.NotFound("scenario version")
	}
	return v, err
}

// ScenarioOfVersion returns the parsed scenario of a version; the exercise
// engine calls it on every tick, so it is cached.
func (l *Library) ScenarioOfVersion(ctx context.Context, versionID int64) (*scenario.Scenario, error) {
	l.parsed.mu.Lock()
	s := l.parsed.m[versionID]
	l.parsed.mu.Unlock()
	if s != nil {
		return s, nil
	}
	v, err := l.VersionByID(ctx, versionID)
	if err != nil {
		return nil, err
	}
	if s, err = l.Parsed(v); err != nil {
		return nil, err
	}
	l.parsed.mu.Lock()
	l.parsed.m[versionID] = s
	l.parsed.mu.Unlock()
	return s, nil
}

// KnownCBM tells whether key is an item of the catalogue ("" = the default).
func (l *Library) KnownCBM(catalogue, key string) bool {
	c := l.cbms.Default()
	if catalogue != "" {
		var ok bool
		if c, ok = l.cbms.Catalogue(catalogue); !ok {
			return false
		}
	}
	_, ok := c.Item(key)
	return ok
}
