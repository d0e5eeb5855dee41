package msel

import (
	"sort"
	"time"

	"gopkg.in/yaml.v3"
)

// baseInjects indexes the injects of the current source by key: their
// position in the file and their YAML item (for its comments).
func baseInjects(root *yaml.Node) (pos map[string]int, items map[string]*yaml.Node) {
	pos, items = map[string]int{}, map[string]*yaml.Node{}
	seq := mapValue(root, "injects")
	if seq == nil || seq.Kind != yaml.SequenceNode {
		return pos, items
	}
	for i, it := range seq.Content {
		if k := mapValue(it, "key"); k != nil && k.Kind == yaml.ScalarNode {
			if _, dup := pos[k.Value]; !dup {
				pos[k.Value], items[k.Value] = i, it
			}
		}
	}
	return pos, items
}

// mapValue returns the value of name in a mapping node, or nil.
func mapValue(m *yaml.Node, name string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == name {
			return m.Content[i+1]
		}
	}
	return nil
}

// orderLikeBase puts the rows in the order the scenario file already had:
// the sheet is in release order, but authors often keep a contingency inject
// next to the injects it belongs with, and an import should not shuffle the
// file. A row new to the scenario goes right after the inject of the row
// above it in the sheet (or first, if there is none).
func orderLikeBase(rows []row, pos map[string]int) {
	type sortKey struct{ pos, sub int }
	keys := make(map[int]sortKey, len(rows)) // by row number
	anchor, sub := -1, 0
	for _, x := range rows {
		if p, ok := pos[x.inject.Key]; ok {
			anchor, sub = p, 0
			keys[x.num] = sortKey{p, 0}
			continue
		}
		sub++
		keys[x.num] = sortKey{anchor, sub}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := keys[rows[i].num], keys[rows[j].num]
		if a.pos != b.pos {
			return a.pos < b.pos
		}
		return a.sub < b.sub
	})
}

// keepComments copies the comments around an inject's item in the current
// source (such as "# --- Stage 2 ---" above it) onto its replacement, and
// within it the comments and quoting of every value left unchanged, so an
// import rewrites only what the spreadsheet changed.
func keepComments(seq *yaml.Node, items map[string]*yaml.Node) {
	for _, it := range seq.Content {
		k := mapValue(it, "key")
		if k == nil {
			continue
		}
		if old, ok := items[k.Value]; ok {
			keepLook(it, old)
		}
	}
}

// keepLook copies comments and styles from old onto n where they describe
// the same thing: mapping values under the same key, list items at the same
// place, scalars with the same value.
func keepLook(n, old *yaml.Node) {
	if n.Kind == yaml.ScalarNode && old.Kind == yaml.ScalarNode && sameDuration(n.Value, old.Value) {
		n.Value = old.Value // the author's 60m rather than our 1h
	}
	if n.Kind != old.Kind || n.Kind == yaml.ScalarNode && n.Value != old.Value {
		return
	}
	n.HeadComment, n.LineComment, n.FootComment = old.HeadComment, old.LineComment, old.FootComment
	n.Style = old.Style
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			for j := 0; j+1 < len(old.Content); j += 2 {
				if n.Content[i].Value == old.Content[j].Value {
					keepLook(n.Content[i], old.Content[j])
					keepLook(n.Content[i+1], old.Content[j+1])
					break
				}
			}
		}
	case yaml.SequenceNode:
		if len(n.Content) == len(old.Content) {
			for i := range n.Content {
				keepLook(n.Content[i], old.Content[i])
			}
		}
	}
}

func sameDuration(a, b string) bool {
	da, errA := time.ParseDuration(a)
	db, errB := time.ParseDuration(b)
	return errA == nil && errB == nil && da == db
}
