package library

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Filter narrows a library listing; zero fields match everything.
type Filter struct {
	Text        string        // in title, summary or id, case-insensitive
	CBM         string        // the scenario exercises this CBM
	Theme       string        // one of its themes
	Level       string        // introductory, intermediate, advanced
	Language    string        // one of its languages
	MaxDuration time.Duration // at most this long
}

// List returns the latest version of every scenario matching f, by title.
func (l *Library) List(ctx context.Context, f Filter) ([]Version, error) {
	all, err := l.store.Latest(ctx)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, v := range all {
		if f.matches(&v) {
			out = append(out, v)
		}
	}
	slices.SortFunc(out, func(a, b Version) int { return strings.Compare(a.Title, b.Title) })
	return out, nil
}

// The library holds dozens to hundreds of scenarios, so filtering the latest
// versions in memory is simpler than and as fast as list columns in SQL.
func (f Filter) matches(v *Version) bool {
	text := strings.ToLower(strings.TrimSpace(f.Text))
	switch {
	case text != "" && !strings.Contains(strings.ToLower(v.Title+"\n"+v.Summary+"\n"+v.Slug), text):
		return false
	case f.CBM != "" && !slices.Contains(v.CBMs, f.CBM):
		return false
	case f.Theme != "" && !slices.Contains(v.Themes, f.Theme):
		return false
	case f.Level != "" && v.Level != f.Level:
		return false
	case f.Language != "" && !slices.Contains(v.Languages, f.Language):
		return false
	case f.MaxDuration > 0 && v.Duration > f.MaxDuration:
		return false
	}
	return true
}
