package msel

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// contingencyWord marks a held inject in the Time column.
const contingencyWord = "contingency"

// formatTime writes an inject's timing for the Time column.
func formatTime(in scenario.Inject) string {
	switch {
	case in.Contingency:
		return contingencyWord
	case in.After != nil:
		return fmt.Sprintf("after %s +%s", in.After.Inject, formatDuration(in.After.Delay))
	case in.At != nil:
		return formatClock(*in.At)
	}
	return ""
}

// formatClock writes an offset as h:mm, the way MSELs show scenario time;
// seconds are kept (h:mm:ss) so that nothing is rounded away, and anything
// finer falls back to a Go duration, which Import reads too.
func formatClock(d time.Duration) string {
	if d%time.Second != 0 {
		return formatDuration(d)
	}
	h, m, s := int(d/time.Hour), int(d%time.Hour/time.Minute), int(d%time.Minute/time.Second)
	if s != 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%d:%02d", h, m)
}

// formatDuration writes a duration the way scenario files do: 10m, 1h30m, 45s.
func formatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	if s == "0s" {
		return "0m"
	}
	return s
}

// timing is a parsed Time cell: exactly one of the three is set.
type timing struct {
	at          *time.Duration
	after       *scenario.After
	contingency bool
}

var (
	clockRe = regexp.MustCompile(`^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$`)
	afterRe = regexp.MustCompile(`^(?i:after)\s+(\S+?)\s*(?:\+\s*(\S+))?$`)
)

// parseTime reads a Time cell. It returns a sentence fragment explaining
// what is wrong, for the row report, when the cell cannot be read.
func parseTime(cell string) (timing, string) {
	s := strings.TrimSpace(cell)
	switch low := strings.ToLower(s); {
	case s == "":
		return timing{}, "the time is empty; write an offset such as 0:15, after <inject-key> +10m, or contingency"
	case low == contingencyWord || low == "contingent" || low == "held":
		return timing{contingency: true}, ""
	case strings.HasPrefix(low, "after"):
		return parseAfter(s)
	}
	d, ok := parseOffset(s)
	if !ok {
		return timing{}, fmt.Sprintf("the time %q is not an offset such as 0:15 or 1:05, after <inject-key> +10m, or contingency", s)
	}
	return timing{at: &d}, ""
}

func parseAfter(s string) (timing, string) {
	m := afterRe.FindStringSubmatch(s)
	if m == nil {
		return timing{}, fmt.Sprintf("the time %q should read after <inject-key> +10m", s)
	}
	var delay time.Duration
	if m[2] != "" {
		d, ok := parseOffset(m[2])
		if !ok {
			return timing{}, fmt.Sprintf("the delay %q in %q is not a duration such as 10m or 0:10", m[2], s)
		}
		delay = d
	}
	return timing{after: &scenario.After{Inject: m[1], Delay: delay}}, ""
}

// parseOffset accepts h:mm, h:mm:ss and Go durations (15m, 1h30m): the first
// is what MSELs use, the second what scenario files use.
func parseOffset(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if m := clockRe.FindStringSubmatch(s); m != nil {
		h, _ := strconv.Atoi(m[1])
		mi, _ := strconv.Atoi(m[2])
		sec, _ := strconv.Atoi(m[3]) // "" gives 0
		d := time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute + time.Duration(sec)*time.Second
		return d, d <= scenario.MaxDuration
	}
	if s == "0" {
		return 0, true
	}
	d, err := time.ParseDuration(strings.ReplaceAll(strings.ToLower(s), " ", ""))
	if err != nil || d < 0 || d > scenario.MaxDuration {
		return 0, false
	}
	return d, true
}

// dayFraction converts a raw spreadsheet time value (a fraction of a day,
// which is what Excel stores when someone types 0:15 into a cell) to an
// offset, rounded to the second.
func dayFraction(raw string) (time.Duration, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil || f < 0 || f > float64(scenario.MaxDuration/(24*time.Hour)) {
		return 0, false
	}
	return (time.Duration(f*24*float64(time.Hour)) + time.Second/2).Truncate(time.Second), true
}
