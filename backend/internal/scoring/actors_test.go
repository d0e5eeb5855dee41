package scoring_test

import (
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/scenario"
	"github.com/cbmex/cbmex/backend/internal/scoring"
)

// An expected action sent to actor:<key> is shown by a message to that
// simulated actor, and not by one to another actor or to a team.
func TestMatcherToActor(t *testing.T) {
	src := strings.Replace(matcherScenario, "phases:\n",
		"actors:\n  - {key: secretariat, name: OSCE Secretariat, kind: international_organisation, channels: [osce_network]}\n"+
			"  - {key: chair, name: Chairmanship, kind: international_organisation, channels: [diplomatic_note]}\nphases:\n", 1)
	src = strings.Replace(src, "      - {key: entry,",
		"      - {key: secretariat, team: aurelia, text: Aurelia informs the Secretariat., to: actor:secretariat}\n      - {key: entry,", 1)
	sc, probs := scenario.Parse("evidence.yaml", []byte(src), nil)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	l := &testLog{t: t}
	l.add(exercise.EvPhaseStarted, exercise.Everyone, exercise.PhaseData{Key: "two"}, mins(18))
	l.add(exercise.EvInjectReleased, exercise.Everyone, exercise.InjectData{Key: "alarm", Title: "Alarm"}, mins(25))
	l.msg(mins(26), exercise.MessageData{ToActors: []string{"chair"}, Channel: "diplomatic_note"})
	l.msg(mins(27), exercise.MessageData{To: []int64{bor}, Channel: "osce_network"})
	want := l.msg(mins(28), exercise.MessageData{ToActors: []string{"secretariat"}, Channel: "osce_network"})
	if e := results(t, sc, l.evs)["aurelia"]["secretariat"]; e.Status != scoring.StatusObserved || e.Evidence != want {
		t.Errorf("to actor:secretariat: %s, evidence %d (want %d)", e.Status, e.Evidence, want)
	}
}
