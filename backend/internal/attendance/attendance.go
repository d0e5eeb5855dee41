// Package attendance is who took part in a workshop: what participants say
// of themselves when they join (organisation, function and, if they wish,
// gender — project reporting asks for participation figures by gender), the
// organiser's attendance list, the counts that every other export carries
// instead of people, and the certificates of participation.
package attendance

import (
	"context"
	"encoding/csv"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// Gender is what a participant chose to say; empty when they said nothing.
type Gender string

// The answers offered.
const (
	Woman       Gender = "woman"
	Man         Gender = "man"
	Another     Gender = "another"
	Undisclosed Gender = "undisclosed" // "prefer not to say"
)

// Genders lists the answers, in the order the join form offers them.
var Genders = []Gender{Woman, Man, Another, Undisclosed}

// Details are what a participant says of themselves; every field is optional.
type Details struct {
	Organisation string
	Function     string
	Gender       Gender
}

// MaxField is the length of the organisation and the function.
const MaxField = 160

// Clean trims the details and checks them: a 422 with the fields at fault.
func (d Details) Clean() (Details, error) {
	d.Organisation, d.Function = strings.TrimSpace(d.Organisation), strings.TrimSpace(d.Function)
	bad := map[string]string{}
	if utf8.RuneCountInString(d.Organisation) > MaxField {
		bad["organisation"] = "At most 160 characters."
	}
	if utf8.RuneCountInString(d.Function) > MaxField {
		bad["function"] = "At most 160 characters."
	}
	if d.Gender != "" && !slices.Contains(Genders, d.Gender) {
		bad["gender"] = "One of woman, man, another, undisclosed, or nothing."
	}
	if len(bad) > 0 {
		return d, apperr.Invalid(bad)
	}
	return d, nil
}

// Empty tells whether nothing was given.
func (d Details) Empty() bool { return d == Details{} }

// Person is one participant of a workshop's exercises.
type Person struct {
	ParticipantID int64
	ExerciseID    int64
	Exercise      string // the exercise's title
	Team          string
	Name          string // as they wrote it when joining
	Language      string
	JoinedAt      time.Time
	Details
}

// Store keeps the details and lists a workshop's participants.
type Store interface {
	SaveAttendance(ctx context.Context, participantID int64, d Details) error
	// Attendance lists the team members who joined the workshop's exercises
	// (observers are not participants), in the order they joined.
	Attendance(ctx context.Context, workshopID int64) ([]Person, error)
	// AttendanceOf is one participant's entry; apperr.ErrNoRow if unknown.
	AttendanceOf(ctx context.Context, participantID int64) (*Person, error)
}

// Service records and lists attendance.
type Service struct{ store Store }

// New wires a Service.
func New(store Store) *Service { return &Service{store: store} }

// Record stores what a participant said at join (nothing when empty).
func (s *Service) Record(ctx context.Context, participantID int64, d Details) error {
	d, err := d.Clean()
	if err != nil || d.Empty() {
		return err
	}
	return s.store.SaveAttendance(ctx, participantID, d)
}

// List is the workshop's attendance list: one entry per person. Someone
// who joined again (a new device, another exercise of the workshop) under
// the same name is one person, with the first details they gave.
func (s *Service) List(ctx context.Context, workshopID int64) ([]Person, error) {
	all, err := s.store.Attendance(ctx, workshopID)
	if err != nil {
		return nil, err
	}
	return dedupe(all), nil
}

// Person is one participant's entry (for their own certificate).
func (s *Service) Person(ctx context.Context, participantID int64) (*Person, error) {
	return s.store.AttendanceOf(ctx, participantID)
}

func dedupe(all []Person) []Person {
	at := map[string]int{}
	out := []Person{}
	for _, p := range all {
		key := strings.ToLower(strings.Join(strings.Fields(p.Name), " "))
		i, seen := at[key]
		if !seen {
			at[key] = len(out)
			out = append(out, p)
			continue
		}
		d := &out[i].Details
		if d.Organisation == "" {
			d.Organisation = p.Organisation
		}
		if d.Function == "" {
			d.Function = p.Function
		}
		if d.Gender == "" {
			d.Gender = p.Gender
		}
	}
	return out
}

// Counts are the aggregated figures: the only form in which attendance
// leaves the organiser's own list.
type Counts struct {
	Total          int
	ByGender       map[Gender]int // every answer, plus "" for those who gave none
	ByOrganisation []Count        // most first; "" for those who gave none
}

// Count is a number of people with one value.
type Count struct {
	Value string
	N     int
}

// CountOf sums up a list of people.
func CountOf(people []Person) Counts {
	c := Counts{Total: len(people), ByGender: map[Gender]int{}}
	for _, g := range Genders {
		c.ByGender[g] = 0
	}
	c.ByGender[""] = 0
	orgs := map[string]int{}
	for _, p := range people {
		c.ByGender[p.Gender]++
		orgs[p.Organisation]++
	}
	for org, n := range orgs {
		c.ByOrganisation = append(c.ByOrganisation, Count{Value: org, N: n})
	}
	sort.Slice(c.ByOrganisation, func(i, j int) bool {
		a, b := c.ByOrganisation[i], c.ByOrganisation[j]
		if a.N != b.N {
			return a.N > b.N
		}
		return a.Value < b.Value
	})
	return c
}

// WriteCSV writes the organiser's attendance list, one row per person.
func WriteCSV(w io.Writer, people []Person) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"name", "organisation", "function", "gender", "team", "exercise", "joined_at"}); err != nil {
		return err
	}
	for _, p := range people {
		if err := cw.Write([]string{safeCell(p.Name), safeCell(p.Organisation), safeCell(p.Function), string(p.Gender),
			safeCell(p.Team), safeCell(p.Exercise), p.JoinedAt.UTC().Format(time.RFC3339)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteCountsCSV writes the counts only: what may leave the workshop.
func WriteCountsCSV(w io.Writer, c Counts) error {
	cw := csv.NewWriter(w)
	rows := [][]string{{"figure", "value", "count"}, {"total", "", itoa(c.Total)}}
	for _, g := range append(slices.Clone(Genders), "") {
		name := string(g)
		if g == "" {
			name = "not given"
		}
		rows = append(rows, []string{"gender", name, itoa(c.ByGender[g])})
	}
	for _, o := range c.ByOrganisation {
		name := o.Value
		if name == "" {
			name = "not given"
		}
		rows = append(rows, []string{"organisation", safeCell(name), itoa(o.N)})
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

func itoa(n int) string { return strconv.Itoa(n) }

// safeCell keeps a spreadsheet from reading a typed text as a formula.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
