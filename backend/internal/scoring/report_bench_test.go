package scoring_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/scenario"
	"github.com/cbmex/cbmex/backend/internal/scoring"
	"github.com/cbmex/cbmex/scenarios"
)

// syntheticLog is a played exercise: 5 teams, every inject released, 2,000
// messages (a quarter of them requests, acknowledged and answered).
func syntheticLog(b testing.TB) (*scenario.Scenario, *exercise.Exercise, []exercise.Team, []exercise.Event) {
	src, err := scenarios.FS.ReadFile("grid-cascade.yaml")
	if err != nil {
		b.Fatal(err)
	}
	sc, probs := scenario.Parse("grid-cascade.yaml", src, nil)
	if len(probs) > 0 {
		b.Fatal(probs)
	}
	var teams []exercise.Team
	for i := 0; i < 5; i++ {
		key := fmt.Sprintf("extra-%d", i)
		if i < len(sc.Teams) {
			key = sc.Teams[i].Key
		}
		teams = append(teams, exercise.Team{ID: int64(i + 1), Key: key, Name: key})
	}
	var evs []exercise.Event
	add := func(typ string, aud exercise.Audience, data any, at time.Duration) int64 {
		raw, _ := json.Marshal(data)
		seq := int64(len(evs) + 1)
		evs = append(evs, exercise.Event{Seq: seq, Type: typ, Audience: aud, Data: raw, Offset: at, CreatedAt: time.Unix(0, 0).Add(at)})
		return seq
	}
	for i, in := range sc.Injects {
		add(exercise.EvInjectReleased, exercise.Everyone, exercise.InjectData{Key: in.Key, Title: in.Title}, time.Duration(i)*time.Minute)
	}
	for i := 0; i < 2000; i++ {
		from, to := int64(i%5+1), int64((i+1)%5+1)
		at := time.Duration(i) * 3 * time.Second
		kind := ""
		if i%4 == 0 {
			kind = "consultation"
		}
		seq := add(exercise.EvMessageSent, exercise.TeamsOnly(from, to), exercise.MessageData{From: from, To: []int64{to},
			Channel: "poc_hotline", Subject: "s", Body: "b", CBMs: []string{"8", "15"}, Kind: kind}, at)
		if kind != "" {
			add(exercise.EvRequestUpdated, exercise.TeamsOnly(from, to), exercise.RequestUpdate{Message: seq, Status: "acknowledged", TeamID: to}, at+time.Second)
			add(exercise.EvRequestUpdated, exercise.TeamsOnly(from, to), exercise.RequestUpdate{Message: seq, Status: "answered", TeamID: to}, at+2*time.Second)
		}
	}
	ex := &exercise.Exercise{ID: 1, Title: "bench", Clock: exercise.Clock{Status: exercise.Ended, Speed: 1, Base: 2 * time.Hour}}
	return sc, ex, teams, evs
}

// BenchmarkReport builds the after-action report of an exercise with 5 teams
// and 2,000 messages.
func BenchmarkReport(b *testing.B) {
	sc, ex, teams, evs := syntheticLog(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := scoring.Build(sc, ex, teams, evs, time.Unix(0, 0))
		if len(r.Teams) != 5 {
			b.Fatal("wrong report")
		}
	}
}

// BenchmarkReportForTeam cuts one team's copy of that report.
func BenchmarkReportForTeam(b *testing.B) {
	sc, ex, teams, evs := syntheticLog(b)
	r := scoring.Build(sc, ex, teams, evs, time.Unix(0, 0))
	r.Published = true
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		mine, err := r.For(exercise.Viewer{TeamID: 2})
		if err != nil || len(mine.Teams) != 1 {
			b.Fatal("wrong copy")
		}
	}
}
