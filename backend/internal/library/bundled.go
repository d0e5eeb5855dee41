package library

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// ReadBundles reads every scenario file of a folder with the translation
// files beside it (grid-cascade.yaml, grid-cascade.ru.yaml, …), in file
// name order. A translation file whose scenario file is not there is an
// error: it would otherwise be silently left out.
func ReadBundles(fsys fs.FS, dir string) ([]Bundle, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	bySlug := map[string]*Bundle{}
	var out []*Bundle
	translations := map[string]map[string][]byte{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		if slug, lang, ok := scenario.TranslationFileName(name); ok {
			if translations[slug] == nil {
				translations[slug] = map[string][]byte{}
			}
			translations[slug][lang] = data
			continue
		}
		b := &Bundle{Filename: name, Source: data}
		bySlug[stem(name)] = b
		out = append(out, b)
	}
	for _, slug := range slices.Sorted(maps.Keys(translations)) {
		b, ok := bySlug[slug]
		if !ok {
			return nil, fmt.Errorf("%s: there is no scenario file %s.yaml beside these translations",
				path.Join(dir, slug+".*.yaml"), slug)
		}
		b.Translations = translations[slug]
	}
	bundles := make([]Bundle, len(out))
	for i, b := range out {
		bundles[i] = *b
	}
	return bundles, nil
}

func stem(name string) string {
	base := path.Base(name)
	return base[:len(base)-len(path.Ext(base))]
}

// ImportBundled adds each bundled scenario whose id the library does not
// know yet, and returns how many it added. Scenarios already present are
// left alone, so a facilitator's edits are never overwritten by an
// upgrade — except that a scenario still exactly as bundled gets the
// translations a newer release bundles with it.
func (l *Library) ImportBundled(ctx context.Context, fsys fs.FS) (int, error) {
	bundles, err := ReadBundles(fsys, ".")
	if err != nil {
		return 0, err
	}
	added := 0
	for _, b := range bundles {
		b.Filename = path.Join("scenarios", b.Filename)
		s, err := l.ValidateBundle(b)
		if err != nil {
			return added, fmt.Errorf("bundled scenario %s: %w", b.Filename, err)
		}
		id, err := l.store.ScenarioID(ctx, s.ID)
		if errors.Is(err, apperr.ErrNoRow) {
			if _, err := l.CreateBundle(ctx, b, OriginBundled, nil); err != nil && !isExists(err) {
				return added, err
			}
			added++
			continue
		}
		if err != nil {
			return added, err
		}
		if err := l.refreshBundledTranslations(ctx, id, b); err != nil {
			return added, err
		}
	}
	return added, nil
}

// refreshBundledTranslations adds the bundle's translations to a scenario
// whose latest version is the bundled file untouched.
func (l *Library) refreshBundledTranslations(ctx context.Context, id int64, b Bundle) error {
	latest, err := l.Get(ctx, id, 0)
	if err != nil {
		return err
	}
	if latest.Origin != OriginBundled || !bytes.Equal(latest.Source, b.Source) {
		return nil
	}
	_, _, err = l.update(ctx, latest, b, OriginBundled, nil)
	return err
}

// isExists tells a lost race with another replica importing the same file.
func isExists(err error) bool {
	e, ok := apperr.As(err)
	return ok && e.Code == "scenario_exists"
}
