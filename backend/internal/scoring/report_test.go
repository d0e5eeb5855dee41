package scoring_test

import (
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/scoring"
)

// The synthetic log's answers are known: each team sends 400 messages tagged
// 8 and 15, a quarter of them requests answered 2 s after they were sent.
func TestBuildCountsAndMedians(t *testing.T) {
	sc, ex, teams, evs := syntheticLog(t)
	r := scoring.Build(sc, ex, teams, evs, time.Unix(0, 0))
	if len(r.Teams) != 5 {
		t.Fatalf("%d teams", len(r.Teams))
	}
	for _, tm := range r.Teams {
		m := tm.Metrics
		if m.MessagesSent != 400 || m.CBMUse["8"] != 400 || m.CBMUse["15"] != 400 {
			t.Fatalf("team %d: sent %d, CBM use %v", tm.TeamID, m.MessagesSent, m.CBMUse)
		}
		if m.MedianAckSeconds == nil || *m.MedianAckSeconds != 1 || m.MedianAnswerSeconds == nil || *m.MedianAnswerSeconds != 2 {
			t.Fatalf("team %d: ack %v answer %v, want 1 and 2", tm.TeamID, m.MedianAckSeconds, m.MedianAnswerSeconds)
		}
		if len(m.RequestsReceived) != 100 || m.RequestsSent != 100 || m.RequestsAnswered != 100 {
			t.Fatalf("team %d: requests received %d, sent %d, answered %d", tm.TeamID, len(m.RequestsReceived), m.RequestsSent, m.RequestsAnswered)
		}
	}
	if got := r.HeatMap.Counts["8"][1]; got != 400 {
		t.Fatalf("heat map CBM 8, team 1: %d", got)
	}
	// One team's view keeps only its own scorecard, heat-map column and traffic.
	mine := r.ForTeam(2)
	if len(mine.Teams) != 1 || mine.Teams[0].TeamID != 2 || len(mine.HeatMap.Teams) != 1 || mine.Notes != nil {
		t.Fatalf("team view: %d teams, heat map %v", len(mine.Teams), mine.HeatMap.Teams)
	}
	for _, e := range mine.Timeline {
		if (e.Kind == "message" || e.Kind == "request") && e.TeamID != 2 && !contains(e.Teams, 2) {
			t.Fatalf("team 2 sees traffic between others: %+v", e)
		}
	}
}

func contains(xs []int64, x int64) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
