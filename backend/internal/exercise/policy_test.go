package exercise_test

import (
	"testing"

	"github.com/cbmex/cbmex/backend/internal/exercise"
)

// The one visibility policy, for each kind of viewer and audience.
func TestCanSee(t *testing.T) {
	staff, observer := exercise.Viewer{Staff: true}, exercise.Viewer{Observer: true}
	team1, team2, nobody := exercise.Viewer{TeamID: 1}, exercise.Viewer{TeamID: 2}, exercise.Viewer{}
	audiences := map[string]exercise.Audience{
		"everyone":       exercise.Everyone,
		"staff only":     exercise.StaffOnly,
		"teams 1 and 3":  exercise.TeamsOnly(1, 3),
		"team 1 inside":  exercise.TeamInternal(1),
		"no team at all": exercise.TeamsOnly(),
	}
	want := map[string][5]bool{ // staff, observer, team 1, team 2, nobody
		"everyone":       {true, true, true, true, true},
		"staff only":     {true, false, false, false, false},
		"teams 1 and 3":  {true, true, true, false, false},
		"team 1 inside":  {true, false, true, false, false},
		"no team at all": {true, false, false, false, false},
	}
	for name, a := range audiences {
		for i, v := range []exercise.Viewer{staff, observer, team1, team2, nobody} {
			if got := exercise.CanSee(v, a); got != want[name][i] {
				t.Errorf("%+v on %s: %v, want %v", v, name, got, want[name][i])
			}
		}
	}
}
