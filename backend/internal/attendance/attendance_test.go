package attendance

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/document/readertest"
)

func TestCountsByGenderAndOrganisation(t *testing.T) {
	people := dedupe([]Person{
		{Name: "Ana Ivanova", Details: Details{Organisation: "MFA", Gender: Woman}},
		{Name: "Jean Dupont", Details: Details{Organisation: "National CERT", Gender: Man}},
		{Name: "  ana   ivanova", Details: Details{Function: "Desk officer"}}, // joined again
		{Name: "Sam Lee", Details: Details{Organisation: "MFA", Gender: Undisclosed}},
		{Name: "Kim Park"},
	})
	if len(people) != 4 || people[0].Function != "Desk officer" {
		t.Fatalf("people %+v", people)
	}
	c := CountOf(people)
	if c.Total != 4 || c.ByGender[Woman] != 1 || c.ByGender[Man] != 1 || c.ByGender[Undisclosed] != 1 || c.ByGender[Another] != 0 || c.ByGender[""] != 1 {
		t.Errorf("by gender %v", c.ByGender)
	}
	if len(c.ByOrganisation) != 3 || c.ByOrganisation[0] != (Count{Value: "MFA", N: 2}) {
		t.Errorf("by organisation %v", c.ByOrganisation)
	}
	var buf bytes.Buffer
	if err := WriteCountsCSV(&buf, c); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "Ivanova") || !strings.Contains(buf.String(), "gender,woman,1") {
		t.Errorf("counts CSV:\n%s", buf.String())
	}
}

func TestDetailsAreChecked(t *testing.T) {
	if _, err := (Details{Gender: "female"}).Clean(); err == nil {
		t.Error("an unknown gender was accepted")
	}
	if _, err := (Details{Organisation: strings.Repeat("o", MaxField+1)}).Clean(); err == nil {
		t.Error("a long organisation was accepted")
	}
	d, err := Details{Organisation: " MFA ", Gender: Another}.Clean()
	if err != nil || d.Organisation != "MFA" {
		t.Errorf("%+v %v", d, err)
	}
}

// A certificate read back with pdftotext has the name as written, Latin or
// Cyrillic, one page each.
func TestCertificatesReadBack(t *testing.T) {
	var buf bytes.Buffer
	certs := []Certificate{
		{Name: "Ana María Núñez", Workshop: "Vienna workshop", Dates: Dates("2026-11-27", "2026-11-28"), Place: "Vienna", Organiser: "OSCE Secretariat", Lang: "es"},
		{Name: "Анна Иванова 🙂", Workshop: "Семинар в Вене", Dates: Dates("2026-11-27", ""), Place: "Вена", Organiser: "Секретариат ОБСЕ", Lang: "ru"},
	}
	if err := WriteCertificates(&buf, certs, ""); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF")) {
		t.Fatal("not a PDF")
	}
	text := readertest.PDFText(t, buf.Bytes())
	for _, want := range []string{"Ana María Núñez", "Certificado de participación", "Vienna workshop", "2026-11-27 – 2026-11-28",
		"Анна Иванова", "Сертификат участника", "Секретариат ОБСЕ", "Вена"} {
		if !strings.Contains(text, want) {
			t.Errorf("the certificates lack %q:\n%s", want, text)
		}
	}
	if pages := strings.Count(text, "\f"); pages != 2 {
		t.Errorf("%d pages", pages)
	}
}
