package msel

import (
	"bytes"
	"strings"

	"gopkg.in/yaml.v3"
)

// spliceInjects writes base with the lines of its injects: section replaced
// by the new list, so that every other line of the file stays byte for byte
// as the author wrote it (yaml.v3 would otherwise drop blank lines and
// change quotes). It returns false when the layout is not the usual one (the
// section not at the left margin, or absent), and the caller re-encodes the
// whole document instead.
func spliceInjects(base []byte, root *yaml.Node, seq *yaml.Node) ([]byte, bool) {
	start, end, keyNode := injectsSpan(root)
	if keyNode == nil || keyNode.Column != 1 {
		return nil, false
	}
	lines := strings.SplitAfter(string(base), "\n")
	if end < 0 {
		end = len(lines) + 1
	}
	end = backOverComments(lines, start, end)
	key := str("injects")
	key.HeadComment, key.LineComment = "", keyNode.LineComment // the head comment is kept as text above
	section := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{key, seq}}
	text, err := encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{section}})
	if err != nil {
		return nil, false
	}
	var out bytes.Buffer
	out.WriteString(strings.Join(lines[:start-1], ""))
	if start > 1 && !strings.HasSuffix(lines[start-2], "\n") {
		out.WriteByte('\n')
	}
	out.Write(spaceItems(text))
	if end-1 < len(lines) {
		out.WriteString(strings.Join(lines[end-1:], ""))
	}
	return out.Bytes(), true
}

// injectsSpan returns the 1-based line of the injects: key and of the next
// top-level key (-1 if injects: is the last one).
func injectsSpan(root *yaml.Node) (start, end int, key *yaml.Node) {
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "injects" {
			continue
		}
		key, start, end = root.Content[i], root.Content[i].Line, -1
		if i+2 < len(root.Content) {
			end = root.Content[i+2].Line
		}
		return start, end, key
	}
	return 0, 0, nil
}

// backOverComments moves end up over blank lines and left-margin comments,
// which belong to the next field (or close the file), not to the injects.
func backOverComments(lines []string, start, end int) int {
	for end-1 > start {
		l := strings.TrimRight(lines[end-2], "\r\n")
		if strings.TrimSpace(l) != "" && !strings.HasPrefix(l, "#") {
			break
		}
		end--
	}
	return end
}

// spaceItems puts a blank line between injects, as the bundled files do.
// Lines indented by exactly two spaces are items ("  - key:") or comments
// above them: everything inside an inject is indented further.
func spaceItems(text []byte) []byte {
	lines := strings.SplitAfter(string(text), "\n")
	var b strings.Builder
	prevItemLine := true // no blank line right after "injects:"
	for _, l := range lines {
		item := strings.HasPrefix(l, "  - ") || strings.HasPrefix(l, "  #")
		if item && !prevItemLine {
			b.WriteByte('\n')
		}
		prevItemLine = item || strings.HasPrefix(l, "injects:")
		b.WriteString(l)
	}
	return []byte(b.String())
}
