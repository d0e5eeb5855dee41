// Package readertest runs the real readers of the documents cbmex produces —
// pdftotext (poppler-utils) and pandoc — so tests check what a person's tools
// see, not what the writer meant to write.
package readertest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Need returns the path of a reader, or skips the test loudly when it is
// missing; under CI=true a missing reader fails the test, since CI installs
// them (.ci/run).
func Need(t testing.TB, tool, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err == nil {
		return path
	}
	msg := "SKIPPED: " + tool + " is not installed (apt-get install " + pkg + "); documents are not read back"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// PDFText is the text pdftotext reads from a PDF, in reading order.
func PDFText(t testing.TB, pdf []byte) string {
	t.Helper()
	return run(t, Need(t, "pdftotext", "poppler-utils"), pdf, "doc.pdf", "-layout", "-enc", "UTF-8", "IN", "-")
}

// DocxText is the plain text pandoc reads from a .docx file.
func DocxText(t testing.TB, docx []byte) string {
	t.Helper()
	return run(t, Need(t, "pandoc", "pandoc"), docx, "doc.docx", "--from", "docx", "--to", "plain", "--wrap=none", "IN")
}

// DocxMarkdown is the Markdown pandoc reads from a .docx file: headings come
// back as "#" lines only when they use Word's heading styles, so tests see the
// document's structure as the navigation pane does.
func DocxMarkdown(t testing.TB, docx []byte) string {
	t.Helper()
	return run(t, Need(t, "pandoc", "pandoc"), docx, "doc.docx", "--from", "docx", "--to", "markdown", "--wrap=none", "IN")
}

// run writes the input to a temporary file (both readers want a seekable
// file) and substitutes its path for the IN argument.
func run(t testing.TB, tool string, input []byte, name string, args ...string) string {
	t.Helper()
	in := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(in, input, 0o600); err != nil {
		t.Fatal(err)
	}
	for i, a := range args {
		if a == "IN" {
			args[i] = in
		}
	}
	var out, stderr bytes.Buffer
	cmd := exec.Command(tool, args...)
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v: %s", filepath.Base(tool), err, stderr.String())
	}
	return out.String()
}
