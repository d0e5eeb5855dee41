package survey

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/cbmex/cbmex/backend/internal/document"
)

// annexLabels are the printed annex's words, kept with the default questions
// in the catalogue (the same texts as the web report's annex).
type annexLabels struct {
	AnnexTitle string `json:"annexTitle"`
	AnnexIntro string `json:"annexIntro"`
	Answers    string `json:"answers"`
	Median     string `json:"median"`
	Before     string `json:"before"`
	After      string `json:"after"`
	Responses  string `json:"responses"` // with %d
	Written    string `json:"written"`   // with %d
	CBM        string `json:"cbm"`       // with %s
}

func labelsIn(lang string) annexLabels {
	raw, err := catalogueFS.ReadFile("catalogue/" + lang + ".json")
	if err != nil {
		raw, _ = catalogueFS.ReadFile("catalogue/en.json")
	}
	var file struct {
		Labels annexLabels `json:"labels"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		panic(fmt.Sprintf("survey catalogue %s: %v", lang, err)) // embedded; a test reads every file
	}
	return file.Labels
}

// Annex is the survey's summary as the printed report's annex, in lang:
// per question the number of answers and the median, per CBM before and
// after; written answers only counted (their texts go to the staff's CSV).
func (s Summary) Annex(lang string) []document.Block {
	l := labelsIn(lang)
	out := []document.Block{
		document.Heading{Level: 1, Text: l.AnnexTitle},
		document.Text(l.AnnexIntro),
		document.Bold(fmt.Sprintf(l.Responses, s.Responses)),
	}
	for _, q := range s.Questions {
		out = append(out, document.Heading{Level: 3, Text: q.Text})
		switch q.Kind {
		case Scale:
			out = append(out, document.Table{Header: []string{l.Answers, l.Median},
				Rows: [][]string{{strconv.Itoa(q.Count), median(q.Stat)}}})
		case CBMScale:
			t := document.Table{Header: []string{"", l.Before + " · " + l.Answers, l.Before + " · " + l.Median,
				l.After + " · " + l.Answers, l.After + " · " + l.Median}, Widths: []float64{2, 1, 1, 1, 1}}
			for _, c := range q.CBMs {
				t.Rows = append(t.Rows, []string{fmt.Sprintf(l.CBM, c.CBM), strconv.Itoa(c.Before.Count), median(c.Before),
					strconv.Itoa(c.After.Count), median(c.After)})
			}
			out = append(out, t)
		default:
			out = append(out, document.Text(fmt.Sprintf(l.Written, q.Count)))
		}
	}
	return out
}

// median prints 4 or 4.5, and a dash when nobody answered.
func median(s Stat) string {
	if s.Count == 0 {
		return "—"
	}
	return strings.TrimSuffix(strconv.FormatFloat(s.Median, 'f', 1, 64), ".0")
}
