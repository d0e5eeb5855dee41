package msel

import (
	"sort"

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
// source (such as "# --- Stage 2 ---" above it) onto its replacement.
func keepComments(seq *yaml.Node, items map[string]*yaml.Node) {
	for _, it := range seq.Content {
		k := mapValue(it, "key")
		if k == nil {
			continue
		}
		if old, ok := items[k.Value]; ok {
			it.HeadComment, it.LineComment, it.FootComment = old.HeadComment, old.LineComment, old.FootComment
		}
	}
}
