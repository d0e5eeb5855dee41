package exercise

import "time"

// CommCheckAcks is a communication check and, per team, its acknowledgement.
type CommCheckAcks struct {
	*CommCheck
	Teams []TeamAck
}

// TeamAck is one team's acknowledgement of a communication check.
type TeamAck struct {
	Team Team
	Ack  *RequestStep // the first acknowledgement; nil while there is none
	// After is the exercise time from the check to the acknowledgement,
	// AfterWall the wall time (they differ when the clock was paused or
	// ran faster).
	After, AfterWall time.Duration
}

// AckOf returns a team's acknowledgement of the check, if it has one.
func (cc *CommCheck) AckOf(t Team) (TeamAck, bool) {
	a, ok := cc.Acks[t.ID]
	if !ok {
		return TeamAck{Team: t}, false
	}
	return TeamAck{Team: t, Ack: &a, After: a.Offset - cc.Offset, AfterWall: a.CreatedAt.Sub(cc.CreatedAt)}, true
}

// CommCheckAcks lists the communication checks, oldest first, each with the
// acknowledgements of the teams v may see: every team's for staff and
// observers, a participant's own team's.
func (p *Projection) CommCheckAcks(teams []Team, v Viewer) []CommCheckAcks {
	checks := p.CommChecksInOrder()
	out := make([]CommCheckAcks, 0, len(checks))
	for _, cc := range checks {
		row := CommCheckAcks{CommCheck: cc, Teams: []TeamAck{}}
		for _, t := range teams {
			if CanSee(v, TeamsOnly(t.ID)) {
				ack, _ := cc.AckOf(t)
				row.Teams = append(row.Teams, ack)
			}
		}
		out = append(out, row)
	}
	return out
}
