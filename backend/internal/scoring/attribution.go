package scoring

import (
	"context"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

// Evaluation in OSCE workshops is non-attributive: the report looks at how
// the measures were used between the roles of the scenario (fictional
// States), not at which real delegation did well. A team therefore appears
// under its role. Staff may record the real delegation playing it (a rename
// of the exercise team, for the console); that name reaches a report, a CSV
// or the dashboard only when the organisers turned on attributed results
// for the workshop, and then beside the role, with the recorded reason.

// TeamRole is a team of the exercise as the report names it.
type TeamRole struct {
	TeamID int64
	Key    string
	Name   string // the role in the scenario
	// Delegation is the real delegation playing the role; empty unless
	// the workshop turned on attributed results.
	Delegation string

	delegation string // as staff recorded it, kept back until Attribute
}

// Workshops is where the report learns whether an exercise's workshop
// turned on attributed results (the workshops' store).
type Workshops interface {
	Workshop(ctx context.Context, id int64) (*workshop.Workshop, error)
}

// role names a team by its role, keeping back the delegation staff may
// have recorded (see exercise.Team.Role).
func (b *builder) role(t exercise.Team) TeamRole {
	return TeamRole{TeamID: t.ID, Key: t.Key, Name: t.Role(b.sc), delegation: t.Delegation(b.sc)}
}

// roles lists every team of the exercise under its role, in the
// exercise's order: the names a reader needs for the timeline, the heat
// map and the answers, whose own scorecards they may not see.
func (b *builder) roles() []TeamRole {
	out := make([]TeamRole, 0, len(b.teams))
	for _, t := range b.teams {
		out = append(out, b.role(t))
	}
	return out
}

// Attribute names the real delegations beside the roles, as a workshop
// with attributed results asks, and records why (shown on the report). A
// nil attribution leaves the report non-attributive.
func (r *Report) Attribute(a *workshop.Attribution) {
	if a == nil {
		return
	}
	r.Attribution = a
	names := make(map[int64]string, len(r.Roles))
	for i := range r.Roles {
		r.Roles[i].Delegation = r.Roles[i].delegation
		names[r.Roles[i].TeamID] = r.Roles[i].delegation
	}
	for i := range r.Teams {
		r.Teams[i].Delegation = names[r.Teams[i].TeamID]
	}
}

// attribution is the exercise's workshop's choice: nil (non-attributive)
// unless its organisers turned attributed results on.
func (s *Service) attribution(ctx context.Context, workshopID int64) (*workshop.Attribution, error) {
	if s.workshops == nil {
		return nil, nil
	}
	w, err := s.workshops.Workshop(ctx, workshopID)
	if err != nil {
		return nil, err
	}
	return w.Attribution, nil
}
