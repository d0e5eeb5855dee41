package exercise

import (
	"time"

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// CurrentPhase is the key of the phase the exercise is in at wall time now:
// none before it starts, then the last phase whose start the clock has
// passed.
func CurrentPhase(ex *Exercise, sc *scenario.Scenario, now time.Time) string {
	if ex.Clock.Status == Draft {
		return ""
	}
	if ph := sc.PhaseAt(ex.Clock.Now(now)); ph != nil {
		return ph.Key
	}
	return ""
}
