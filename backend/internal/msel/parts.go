package msel

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
)

// Limits on the parts of an XLSX workbook (a zip of XML files), checked
// before excelize opens it. excelize holds every part in memory and decodes
// most of them whole into structures about 200 bytes per XML element: a few
// kilobytes of zip can hold millions of elements.
const (
	maxParts = 1000 // files in the zip; a workbook has a dozen, a few hundred with pictures
	// maxDecoded caps the XML elements of every part but the worksheets:
	// the shared strings, styles, workbook, relationships and theme are
	// decoded whole. An exported 1 MiB scenario has about 20,000.
	maxDecoded = 50_000
	// maxCellElements caps the elements of one worksheet cell (rich text
	// runs). The worksheets themselves are read row by row, and each cell
	// is decoded whole.
	maxCellElements = 1000
	maxDepth        = 64 // nesting; a spreadsheet nests about 10 deep
	// maxTextRun caps the bytes between two tags: a cell's text, at most
	// MaxCellChars characters of up to 4 bytes, and room to spare.
	maxTextRun = 256 << 10
)

// checkPackage refuses a workbook whose parts would take more memory to open
// than any MSEL needs. It reads each part once, as a stream of XML tokens,
// without keeping any.
func checkPackage(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("the file looks like an XLSX workbook but cannot be opened (%v); save it again from your spreadsheet program", err)
	}
	if len(zr.File) > maxParts {
		return fmt.Errorf("the workbook is made of %d files, more than %d; it cannot be an MSEL", len(zr.File), maxParts)
	}
	var size uint64
	for _, f := range zr.File {
		// archive/zip refuses to inflate a part past its declared size, so
		// the declared sizes bound what excelize will unzip.
		if size += f.UncompressedSize64; size > maxUnzipped {
			return fmt.Errorf("the workbook unpacks to more than %d MiB; it cannot be an MSEL", maxUnzipped>>20)
		}
	}
	budget := maxDecoded
	for _, f := range zr.File {
		if err := checkPart(f, &budget); err != nil {
			return err
		}
	}
	return nil
}

// checkPart counts one part's elements against budget, except for the rows
// and cells of a worksheet, which excelize reads one by one: those count per
// cell. A part that is not XML, or stops being XML, ends the count where
// excelize's decoding stops too.
func checkPart(f *zip.File, budget *int) error {
	rc, err := f.Open()
	if err != nil {
		return nil // excelize says why it cannot be opened
	}
	defer rc.Close()
	d := xml.NewDecoder(&runLimit{r: rc})
	d.CharsetReader = charset.NewReaderLabel // as excelize decodes it
	sheet := isWorksheet(f.Name)
	depth, cellDepth, cell := 0, 0, 0
	for {
		tok, err := d.RawToken()
		if errors.Is(err, errLongRun) {
			return fmt.Errorf("the workbook part %s holds a text of more than %d KiB; it cannot be an MSEL", f.Name, maxTextRun>>10)
		}
		if err != nil {
			return nil // io.EOF, or not XML
		}
		switch t := tok.(type) {
		case xml.CharData:
			if len(t) > maxTextRun { // CDATA may hold '<'
				return fmt.Errorf("the workbook part %s holds a text of more than %d KiB; it cannot be an MSEL", f.Name, maxTextRun>>10)
			}
		case xml.StartElement:
			if depth++; depth > maxDepth {
				return fmt.Errorf("the workbook part %s nests XML elements more than %d deep; it cannot be an MSEL", f.Name, maxDepth)
			}
			switch {
			case sheet && cellDepth > 0:
				if cell++; cell > maxCellElements {
					return fmt.Errorf("a cell in the workbook part %s holds more than %d XML elements; it cannot be an MSEL", f.Name, maxCellElements)
				}
			case sheet && t.Name.Local == "c":
				cellDepth, cell = depth, 0
			case sheet && t.Name.Local == "row":
			default:
				if *budget--; *budget < 0 {
					return fmt.Errorf("the workbook's shared texts, styles and other parts hold more than %d XML elements; "+
						"copy the MSEL into a new workbook, or save it as CSV UTF-8", maxDecoded)
				}
			}
		case xml.EndElement:
			if depth == cellDepth {
				cellDepth = 0
			}
			depth--
		}
	}
}

var errLongRun = errors.New("text too long")

// runLimit fails a read once more than maxTextRun bytes come without a '<':
// the XML decoder would hold such a text whole before handing it over.
type runLimit struct {
	r   io.Reader
	run int
}

func (l *runLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for rest := p[:n]; ; {
		i := bytes.IndexByte(rest, '<')
		if i < 0 {
			l.run += len(rest)
			break
		}
		if l.run+i > maxTextRun {
			return 0, errLongRun
		}
		l.run, rest = 0, rest[i+1:]
	}
	if l.run > maxTextRun {
		return 0, errLongRun
	}
	return n, err
}

// isWorksheet tells the worksheets, which excelize reads as a stream, from
// the parts it decodes whole.
func isWorksheet(name string) bool {
	name = strings.ToLower(strings.ReplaceAll(name, "\\", "/"))
	return strings.HasPrefix(name, "xl/worksheets/") && strings.HasSuffix(name, ".xml") && !strings.Contains(name, "/_rels/")
}
