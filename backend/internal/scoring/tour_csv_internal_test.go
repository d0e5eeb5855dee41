package scoring

import (
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
)

// A delegation given the floor twice spoke for the sum of its turns; one
// still speaking has no total yet; one never called has neither.
func TestFloorTotalAddsTurns(t *testing.T) {
	turn := func(team int64, s int) exercise.Turn {
		return exercise.Turn{TeamID: team, Moment: exercise.Moment{Offset: time.Duration(s) * time.Second}}
	}
	tour := exercise.Tour{Order: []int64{1, 2, 3}, Turns: []exercise.Turn{turn(1, 100), turn(2, 250), turn(1, 340)}}
	got := func(team int64) (string, string, int) {
		first, total, turns := floorTotal(tour, team)
		return wholeSecs(first), wholeSecs(total), turns
	}
	if f, tot, n := got(1); f != "100" || tot != "" || n != 2 {
		t.Errorf("open tour, speaking again: %s %s %d", f, tot, n)
	}
	closed := exercise.Moment{Offset: 400 * time.Second}
	tour.Closed = &closed
	if f, tot, n := got(1); f != "100" || tot != "210" || n != 2 {
		t.Errorf("two turns: %s %s %d", f, tot, n)
	}
	if f, tot, n := got(2); f != "250" || tot != "90" || n != 1 {
		t.Errorf("one turn: %s %s %d", f, tot, n)
	}
	if f, tot, n := got(3); f != "" || tot != "" || n != 0 {
		t.Errorf("never called: %s %s %d", f, tot, n)
	}
}
