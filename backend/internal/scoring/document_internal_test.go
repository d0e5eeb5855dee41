package scoring

import (
	"strings"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
)

// A jump to a phase reads in the printed timeline as on the web: who
// jumped, when, and from where; an inject it skipped, with its schedule.
func TestDocumentTimelineNamesJumps(t *testing.T) {
	from, due := 300.0, 900.0
	wall := time.Date(2027, 3, 12, 10, 15, 0, 0, time.UTC)
	r := &Report{Language: "en", Published: true, Timeline: []TimelineEntry{
		{Kind: "clock", At: 600, Title: "Escalation", Detail: "jump", By: "Ana", Wall: &wall, FromAt: &from},
		{Kind: "inject", At: 600, Title: "Grid operator calls", Detail: "jump_skipped", By: "Ana", Wall: &wall, DueAt: &due},
		{Kind: "inject", At: 60, Title: "Welcome", Detail: "schedule"},
	}}
	text := r.Document(exercise.Viewer{Staff: true}, DocumentInfo{}).PlainText()
	for _, want := range []string{"Escalation · jump to this phase from 5:00 (Ana, 10:15 UTC)",
		"Grid operator calls · skipped by the jump to a phase (Ana, 10:15 UTC); scheduled for 15:00", "Welcome · on schedule"} {
		if !strings.Contains(text, want) {
			t.Errorf("the timeline lacks %q:\n%s", want, text)
		}
	}
}
