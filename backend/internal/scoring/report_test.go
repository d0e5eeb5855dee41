package scoring_test

import (
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
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
	r.Published = true
	mine, err := r.For(exercise.Viewer{TeamID: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(mine.Teams) != 1 || mine.Teams[0].TeamID != 2 || len(mine.HeatMap.Teams) != 1 || mine.Notes != nil {
		t.Fatalf("team view: %d teams, heat map %v", len(mine.Teams), mine.HeatMap.Teams)
	}
	for _, e := range mine.Timeline {
		if (e.Kind == "message" || e.Kind == "request") && e.TeamID != 2 && !contains(e.Teams, 2) {
			t.Fatalf("team 2 sees traffic between others: %+v", e)
		}
	}
	// An observer reads the traffic but no team's scorecard or evidence.
	obs, err := r.For(exercise.Viewer{Observer: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(obs.Teams) != 0 || len(obs.HeatMap.Teams) != 0 || len(obs.Timeline) != len(r.Timeline) {
		t.Fatalf("observer view: %d teams, heat map %v, %d of %d timeline entries", len(obs.Teams), obs.HeatMap.Teams, len(obs.Timeline), len(r.Timeline))
	}
	// Nobody but staff reads an unpublished report.
	r.Published = false
	if _, err := r.For(exercise.Viewer{Observer: true}); err == nil {
		t.Fatal("an observer reads the unpublished report")
	}
	if all, err := r.For(exercise.Viewer{Staff: true}); err != nil || len(all.Teams) != 5 {
		t.Fatalf("staff view: %v", err)
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
