package document

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// markdown parses the Markdown of scenario texts (inject bodies, briefings)
// as the room renders it: CommonMark with GitHub tables.
var markdown = goldmark.New(goldmark.WithExtensions(extension.Table))

// Markdown turns Markdown into blocks. Raw HTML is dropped (the room does not
// render it either); headings inside a text become bold paragraphs so they do
// not compete with the document's own sections.
func Markdown(src string) []Block {
	source := []byte(src)
	doc := markdown.Parser().Parse(text.NewReader(source))
	var out []Block
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		out = append(out, blockOf(n, source)...)
	}
	return out
}

func blockOf(n ast.Node, src []byte) []Block {
	switch v := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return []Block{Paragraph{Runs: runsOf(n, src, false, false)}}
	case *ast.Heading:
		runs := runsOf(n, src, true, false)
		return []Block{Paragraph{Runs: runs}}
	case *ast.List:
		l := List{Ordered: v.IsOrdered()}
		for it := v.FirstChild(); it != nil; it = it.NextSibling() {
			l.Items = append(l.Items, Paragraph{Runs: itemRuns(it, src)})
		}
		return []Block{l}
	case *ast.Blockquote:
		var out []Block
		for c := v.FirstChild(); c != nil; c = c.NextSibling() {
			for _, b := range blockOf(c, src) {
				if p, ok := b.(Paragraph); ok {
					for i := range p.Runs {
						p.Runs[i].Italic = true
					}
					b = p
				}
				out = append(out, b)
			}
		}
		return out
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return []Block{Text(strings.TrimRight(linesOf(n, src), "\n"))}
	case *east.Table:
		return []Block{tableOf(v, src)}
	}
	return nil
}

// itemRuns flattens a list item (its paragraphs and nested lists) into one
// paragraph: nested lists are rare in scenario texts and a flat line reads
// well on paper.
func itemRuns(item ast.Node, src []byte) []Run {
	var runs []Run
	for c := item.FirstChild(); c != nil; c = c.NextSibling() {
		if len(runs) > 0 {
			runs = append(runs, Run{Text: " "})
		}
		if l, ok := c.(*ast.List); ok {
			for it := l.FirstChild(); it != nil; it = it.NextSibling() {
				runs = append(runs, Run{Text: "– "})
				runs = append(runs, itemRuns(it, src)...)
				runs = append(runs, Run{Text: " "})
			}
			continue
		}
		runs = append(runs, runsOf(c, src, false, false)...)
	}
	return runs
}

func tableOf(t *east.Table, src []byte) Table {
	var tb Table
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, Paragraph{Runs: runsOf(c, src, false, false)}.String())
		}
		if _, header := r.(*east.TableHeader); header {
			tb.Header = cells
		} else {
			tb.Rows = append(tb.Rows, cells)
		}
	}
	return tb
}

// runsOf collects the inline text under n, with bold and italic carried
// down from emphasis nodes.
func runsOf(n ast.Node, src []byte, bold, italic bool) []Run {
	var runs []Run
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch v := c.(type) {
		case *ast.Text:
			s := string(v.Value(src))
			if v.SoftLineBreak() || v.HardLineBreak() {
				s += " "
			}
			runs = appendRun(runs, Run{Text: s, Bold: bold, Italic: italic})
		case *ast.String:
			runs = appendRun(runs, Run{Text: string(v.Value), Bold: bold, Italic: italic})
		case *ast.CodeSpan:
			runs = appendRun(runs, Run{Text: Paragraph{Runs: runsOf(v, src, false, false)}.String(), Bold: bold, Italic: italic})
		case *ast.Emphasis:
			runs = append(runs, runsOf(v, src, bold || v.Level >= 2, italic || v.Level == 1)...)
		case *ast.RawHTML:
			// dropped, as in the room
		default:
			runs = append(runs, runsOf(c, src, bold, italic)...)
		}
	}
	return runs
}

// appendRun merges a run into the previous one when the style is the same,
// so a paragraph is a few runs and not one per word.
func appendRun(runs []Run, r Run) []Run {
	if k := len(runs) - 1; k >= 0 && runs[k].Bold == r.Bold && runs[k].Italic == r.Italic {
		runs[k].Text += r.Text
		return runs
	}
	return append(runs, r)
}

func linesOf(n ast.Node, src []byte) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	return b.String()
}
