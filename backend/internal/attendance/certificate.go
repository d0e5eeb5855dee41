package attendance

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"

	"github.com/go-pdf/fpdf"

	"github.com/cbmex/cbmex/backend/internal/document"
)

// Certificate is one certificate of participation.
type Certificate struct {
	Name      string // as the participant wrote it when joining
	Workshop  string
	Dates     string // e.g. "27–28 November 2026"; empty when the workshop has none
	Place     string
	Organiser string
	Lang      string // the language it is written in (the participant's)
}

//go:embed certificate.json
var certificateJSON []byte

// certificateTexts are the fixed words of a certificate per language.
var certificateTexts = func() map[string]map[string]string {
	var m map[string]map[string]string
	if err := json.Unmarshal(certificateJSON, &m); err != nil {
		panic(err)
	}
	return m
}()

func wordsIn(lang string) (map[string]string, string) {
	if w, ok := certificateTexts[lang]; ok {
		return w, lang
	}
	return certificateTexts["en"], "en"
}

// font is the family document.NewPDF registers (DejaVu Sans, with Cyrillic).
const font = "DejaVu"

// WriteCertificates writes one landscape A4 page per certificate, in one PDF.
func WriteCertificates(w io.Writer, certs []Certificate, classification string) error {
	title, lang := "Certificate of participation", "en"
	if len(certs) > 0 {
		var words map[string]string
		words, lang = wordsIn(certs[0].Lang)
		title = words["title"]
	}
	pdf := document.NewPDF(document.Doc{Title: title, Lang: lang, Landscape: true, Classification: classification})
	pdf.SetFooterFunc(func() {}) // a certificate is a page of its own, not page n of a document
	pdf.SetAutoPageBreak(false, 0)
	for _, c := range certs {
		certificatePage(pdf, c)
	}
	if len(certs) == 0 {
		pdf.AddPage()
	}
	return pdf.Output(w)
}

// certificatePage lays out one certificate: a frame, the title, the name
// large in the middle, then the workshop, place, dates and organiser.
func certificatePage(pdf *fpdf.Fpdf, c Certificate) {
	words, _ := wordsIn(c.Lang)
	// Names and titles are typed by people: what the font cannot draw
	// (an emoji) prints as a replacement character instead of failing.
	c.Name, c.Workshop, c.Place, c.Organiser, c.Dates = document.Printable(c.Name), document.Printable(c.Workshop),
		document.Printable(c.Place), document.Printable(c.Organiser), document.Printable(c.Dates)
	pdf.AddPage()
	pageW, pageH := pdf.GetPageSize()
	pdf.SetDrawColor(0, 84, 147)
	pdf.SetLineWidth(1.2)
	pdf.Rect(12, 12, pageW-24, pageH-24, "D")
	pdf.SetLineWidth(0.3)
	pdf.Rect(15, 15, pageW-30, pageH-30, "D")

	width := pageW - 60
	line := func(y float64, style string, size, h float64, text string, r, g, b int) float64 {
		pdf.SetFont(font, style, size)
		pdf.SetTextColor(r, g, b)
		pdf.SetXY(30, y)
		pdf.MultiCell(width, h, text, "", "C", false)
		return pdf.GetY()
	}
	y := line(38, "B", 30, 13, words["title"], 0, 84, 147)
	y = line(y+14, "", 14, 7, words["certify"], 60, 60, 60)
	y = line(y+6, "B", 28, 12, c.Name, 0, 0, 0)
	pdf.SetDrawColor(150, 150, 150)
	pdf.Line(pageW/2-70, y+3, pageW/2+70, y+3)
	y = line(y+10, "", 14, 7, words["took_part"], 60, 60, 60)
	y = line(y+4, "B", 18, 8, c.Workshop, 0, 0, 0)
	y = line(y+2, "I", 11, 6, words["exercise"], 60, 60, 60)
	var where string
	if c.Place != "" {
		where = fmt.Sprintf(words["place"], c.Place)
	}
	if c.Dates != "" {
		if where != "" {
			where += ", "
		}
		where += fmt.Sprintf(words["dates"], c.Dates)
	}
	if where != "" {
		y = line(y+6, "", 13, 7, where, 0, 0, 0)
	}
	if c.Organiser != "" {
		line(max(y+14, pageH-50), "", 13, 7, fmt.Sprintf(words["organiser"], c.Organiser), 0, 0, 0)
	}
	pdf.SetTextColor(0, 0, 0)
}

// Dates is how a certificate gives a workshop's dates (YYYY-MM-DD each,
// either may be empty): one date, or the first and the last.
func Dates(starts, ends string) string {
	switch {
	case starts == "" || starts == ends:
		return ends
	case ends == "":
		return starts
	}
	return starts + " – " + ends
}
