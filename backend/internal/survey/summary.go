package survey

import (
	"context"
	"encoding/csv"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Summary is what the answers of a workshop or an exercise say, question by
// question: how many answered and the median, never who.
type Summary struct {
	Responses int // how many participants answered (skips not counted)
	Questions []QuestionSummary
}

// QuestionSummary is one question's figures.
type QuestionSummary struct {
	Key  string
	Kind Kind
	Text string
	Lang string // the language Text is in
	// Scale: Count, Median and Counts (how many gave 1…5, index 0 for 1).
	Stat
	// CBMScale: one line per CBM, in the order of the exercise's CBMs.
	CBMs []CBMSummary
	// Text: Count only; the texts go to the staff's CSV.
}

// Stat is the count and median of a set of values from 1 to 5.
type Stat struct {
	Count  int
	Median float64 // 0 when Count is 0
	Counts [MaxValue]int
}

// CBMSummary is the understanding of one CBM before and after.
type CBMSummary struct {
	CBM           string
	Before, After Stat
}

// Median is the middle value, or the mean of the two middle values for an
// even count (so 3 and 4 give 3.5).
func Median(values []int) float64 {
	if len(values) == 0 {
		return 0
	}
	v := slices.Clone(values)
	slices.Sort(v)
	n := len(v)
	if n%2 == 1 {
		return float64(v[n/2])
	}
	return float64(v[n/2-1]+v[n/2]) / 2
}

func statOf(values []int) Stat {
	s := Stat{Count: len(values), Median: Median(values)}
	for _, v := range values {
		if v >= 1 && v <= MaxValue {
			s.Counts[v-1]++
		}
	}
	return s
}

// Summarise sums up the answers of a workshop (exerciseID 0) or of one of
// its exercises, with the question texts in lang. cbms are the CBMs in the
// order to list them; a CBM answered but not listed is added after them.
// The PDF and web reports call it for their annex.
func (s *Service) Summarise(ctx context.Context, workshopID, exerciseID int64, lang string, cbms []string) (*Summary, error) {
	qs, err := s.Questions(ctx, workshopID)
	if err != nil {
		return nil, err
	}
	rs, err := s.store.SurveyResponses(ctx, workshopID, exerciseID)
	if err != nil {
		return nil, err
	}
	return Summarise(qs, rs, lang, cbms), nil
}

// Responses are the answers of a workshop (exerciseID 0) or of one of its
// exercises, for the staff's CSV.
func (s *Service) Responses(ctx context.Context, workshopID, exerciseID int64) ([]Response, error) {
	return s.store.SurveyResponses(ctx, workshopID, exerciseID)
}

// Summarise is the summary of responses rs to questions qs.
func Summarise(qs []Question, rs []Response, lang string, cbms []string) *Summary {
	out := &Summary{Responses: len(rs), Questions: []QuestionSummary{}}
	for _, q := range qs {
		text, in := q.Text(lang)
		qsum := QuestionSummary{Key: q.Key, Kind: q.Kind, Text: text, Lang: in}
		switch q.Kind {
		case Scale:
			var vs []int
			for _, r := range rs {
				if v := r.Answers[q.Key].Value; v > 0 {
					vs = append(vs, v)
				}
			}
			qsum.Stat = statOf(vs)
		case CBMScale:
			qsum.CBMs = cbmSummaries(q.Key, rs, cbms)
		case Text:
			for _, r := range rs {
				if r.Answers[q.Key].Text != "" {
					qsum.Count++
				}
			}
		}
		out.Questions = append(out.Questions, qsum)
	}
	return out
}

func cbmSummaries(key string, rs []Response, cbms []string) []CBMSummary {
	before, after := map[string][]int{}, map[string][]int{}
	order := slices.Clone(cbms)
	var extra []string
	for _, r := range rs {
		for cbm, v := range r.Answers[key].CBMs {
			if !slices.Contains(order, cbm) && !slices.Contains(extra, cbm) {
				extra = append(extra, cbm)
			}
			if v.Before > 0 {
				before[cbm] = append(before[cbm], v.Before)
			}
			if v.After > 0 {
				after[cbm] = append(after[cbm], v.After)
			}
		}
	}
	sort.Strings(extra)
	out := []CBMSummary{}
	for _, cbm := range append(order, extra...) {
		out = append(out, CBMSummary{CBM: cbm, Before: statOf(before[cbm]), After: statOf(after[cbm])})
	}
	return out
}

// WriteCSV writes one row per response and one column per answer (a
// cbm_scale question gives a before and an after column per CBM). Rows carry
// no identity and come in a fixed order unrelated to when they were given.
func WriteCSV(w io.Writer, qs []Question, rs []Response, cbms []string, lang string) error {
	cw := csv.NewWriter(w)
	head := []string{"exercise"}
	type col struct {
		key, cbm string
		after    bool
	}
	var cols []col
	for _, q := range qs {
		text, _ := q.Text(lang)
		if q.Kind == CBMScale {
			for _, c := range cbmSummaries(q.Key, rs, cbms) {
				head = append(head, q.Key+" CBM "+c.CBM+" before", q.Key+" CBM "+c.CBM+" after")
				cols = append(cols, col{key: q.Key, cbm: c.CBM}, col{key: q.Key, cbm: c.CBM, after: true})
			}
			continue
		}
		head = append(head, safeCell(q.Key+": "+text))
		cols = append(cols, col{key: q.Key})
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	num := func(v int) string {
		if v == 0 {
			return ""
		}
		return strconv.Itoa(v)
	}
	for _, r := range rs {
		row := []string{strconv.FormatInt(r.ExerciseID, 10)}
		for _, c := range cols {
			a := r.Answers[c.key]
			switch {
			case c.cbm != "" && c.after:
				row = append(row, num(a.CBMs[c.cbm].After))
			case c.cbm != "":
				row = append(row, num(a.CBMs[c.cbm].Before))
			case a.Text != "":
				row = append(row, safeCell(a.Text))
			default:
				row = append(row, num(a.Value))
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// safeCell keeps a spreadsheet from reading a typed text as a formula (as
// scoring's CSVs do).
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
