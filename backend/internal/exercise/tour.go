package exercise

import (
	"context"
	"errors"
	"slices"
	"sort"
	"time"
	"unicode/utf8"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// The tour de table: the plenary round that closes a stage, in which each
// delegation in turn states its position and what it would do next. A
// facilitator opens it with the order of speakers and the time each has,
// moves from speaker to speaker, and closes it (or the last "next" does).
// The time is a guide for the moderator: the room shows how far a speaker
// ran over, and nothing cuts anyone off.

// Tour time per delegation, in seconds: a few minutes each.
const (
	DefaultTourSeconds = 180
	MinTourSeconds     = 30
	MaxTourSeconds     = 900
)

// MaxStatementLen caps a team's statement for a tour, in characters: a few
// sentences to read out, not a paper.
const MaxStatementLen = 2000

// TourData is the payload of tour.opened.
type TourData struct {
	Key     string  `json:"key"` // the phase
	Order   []int64 `json:"order"`
	Seconds int     `json:"seconds"` // per delegation
	By      string  `json:"by"`
}

// TourSpeakerData is the payload of tour.speaker: the delegation at index
// of the order has the floor.
type TourSpeakerData struct {
	Key    string `json:"key"`
	TeamID int64  `json:"team_id"`
	Index  int    `json:"index"`
	By     string `json:"by"`
}

// TourClosedData is the payload of tour.closed, with the statements the
// teams wrote for the tour: they were the teams' own until now.
type TourClosedData struct {
	Key        string          `json:"key"`
	By         string          `json:"by"`
	Statements []StatementData `json:"statements"`
}

// StatementData is the payload of statement.updated: a team's statement
// for the tour of a phase.
type StatementData struct {
	TeamID int64  `json:"team_id"`
	Phase  string `json:"phase"`
	Text   string `json:"text"`
	By     string `json:"by"`
}

// Tour is a tour de table as the log tells it.
type Tour struct {
	Phase    string
	Order    []int64
	Seconds  int
	OpenedBy string
	Opened   Moment
	Turns    []Turn // one per speaker change, in order
	Closed   *Moment
	ClosedBy string
}

// Moment is when something happened: exercise time and wall time.
type Moment struct {
	Offset time.Duration
	At     time.Time
}

// Turn is one delegation taking the floor.
type Turn struct {
	TeamID int64
	Index  int
	By     string
	Moment
}

// Current is the turn under way; ok is false once the tour is closed.
func (t Tour) Current() (Turn, bool) {
	if t.Closed != nil || len(t.Turns) == 0 {
		return Turn{}, false
	}
	return t.Turns[len(t.Turns)-1], true
}

// StatementKey identifies one team's statement for one phase's tour.
type StatementKey struct {
	TeamID int64
	Phase  string
}

// Statement is the latest text of a team's statement.
type Statement struct {
	StatementData
	Seq       int64
	UpdatedAt time.Time
}

// applyTour folds the tour events into the projection.
func (p *Projection) applyTour(e Event) {
	at := Moment{Offset: e.Offset, At: e.CreatedAt}
	switch e.Type {
	case EvTourOpened:
		d := DataOf[TourData](e)
		p.Tours[d.Key] = Tour{Phase: d.Key, Order: d.Order, Seconds: d.Seconds, OpenedBy: d.By, Opened: at}
	case EvTourSpeaker:
		d := DataOf[TourSpeakerData](e)
		t := p.Tours[d.Key]
		// A fresh slice: an older projection shares the old one.
		t.Turns = append(slices.Clone(t.Turns), Turn{TeamID: d.TeamID, Index: d.Index, By: d.By, Moment: at})
		p.Tours[d.Key] = t
	case EvTourClosed:
		d := DataOf[TourClosedData](e)
		t := p.Tours[d.Key]
		t.Closed, t.ClosedBy = &at, d.By
		p.Tours[d.Key] = t
	case EvStatementUpdated:
		d := DataOf[StatementData](e)
		p.Statements[StatementKey{d.TeamID, d.Phase}] = Statement{StatementData: d, Seq: e.Seq, UpdatedAt: e.CreatedAt}
	}
}

// ToursInOrder lists the tours, first opened first.
func (p *Projection) ToursInOrder() []Tour {
	out := make([]Tour, 0, len(p.Tours))
	for _, t := range p.Tours {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Opened.At.Before(out[j].Opened.At) })
	return out
}

// VisibleStatements returns the statements v may read: their own team's,
// every team's for a phase whose tour is closed (they were read out), all
// of them for staff. Ordered by phase, then by team.
func (p *Projection) VisibleStatements(v Viewer) []Statement {
	out := []Statement{}
	for k, st := range p.Statements {
		aud := TeamInternal(k.TeamID)
		if t, ok := p.Tours[k.Phase]; ok && t.Closed != nil {
			aud = Everyone
		}
		if CanSee(v, aud) {
			out = append(out, st)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Phase != out[j].Phase {
			return out[i].Phase < out[j].Phase
		}
		return out[i].TeamID < out[j].TeamID
	})
	return out
}

// OpenTour opens the tour de table of a phase. order lists the speaking
// teams (empty: every team, in the teams' order); seconds is the time per
// delegation (0: DefaultTourSeconds). The first delegation has the floor at
// once.
func (s *Service) OpenTour(ctx context.Context, exerciseID int64, phase string, order []int64, seconds int, by string) error {
	if err := s.checkInPlay(ctx, exerciseID); err != nil {
		return err
	}
	sc, teams, err := s.scenarioAndTeams(ctx, exerciseID)
	if err != nil {
		return err
	}
	if _, ok := sc.Phase(phase); !ok {
		return apperr.NotFound("phase")
	}
	if seconds == 0 {
		seconds = DefaultTourSeconds
	}
	if seconds < MinTourSeconds || seconds > MaxTourSeconds {
		return apperr.Invalid(map[string]string{"seconds": "Give each delegation between 30 seconds and 15 minutes."})
	}
	order, err = speakingOrder(order, teams)
	if err != nil {
		return err
	}
	return s.tourAppend(ctx, exerciseID, func(p *Projection) ([]NewEvent, error) {
		if !p.PhasesStarted[phase] {
			return nil, conflict("phase_not_started", "This phase has not started yet.")
		}
		if _, ok := p.Tours[phase]; ok {
			return nil, conflict("tour_exists", "This phase has had its tour de table.")
		}
		for _, t := range p.Tours {
			if t.Closed == nil {
				return nil, conflict("tour_open", "Another phase's tour de table is still open; close it first.")
			}
		}
		return []NewEvent{
			{Type: EvTourOpened, Audience: Everyone, Data: TourData{Key: phase, Order: order, Seconds: seconds, By: by}},
			{Type: EvTourSpeaker, Audience: Everyone, Data: TourSpeakerData{Key: phase, TeamID: order[0], By: by}},
		}, nil
	})
}

// speakingOrder checks the order of speakers against the exercise's teams:
// each at most once; empty means every team in the teams' order.
func speakingOrder(order []int64, teams []Team) ([]int64, error) {
	if len(order) == 0 {
		for _, t := range teams {
			order = append(order, t.ID)
		}
		return order, nil
	}
	seen := map[int64]bool{}
	for _, id := range order {
		known := slices.ContainsFunc(teams, func(t Team) bool { return t.ID == id })
		if !known || seen[id] {
			return nil, apperr.Invalid(map[string]string{"order": "List each delegation of this exercise at most once."})
		}
		seen[id] = true
	}
	return order, nil
}

// NextSpeaker gives the floor to the next delegation; after the last one
// it closes the tour.
func (s *Service) NextSpeaker(ctx context.Context, exerciseID int64, phase, by string) error {
	return s.tourAppend(ctx, exerciseID, func(p *Projection) ([]NewEvent, error) {
		t, err := openTour(p, phase)
		if err != nil {
			return nil, err
		}
		cur, _ := t.Current()
		if cur.Index+1 >= len(t.Order) {
			return []NewEvent{closeTour(p, phase, by)}, nil
		}
		next := cur.Index + 1
		return []NewEvent{{Type: EvTourSpeaker, Audience: Everyone,
			Data: TourSpeakerData{Key: phase, TeamID: t.Order[next], Index: next, By: by}}}, nil
	})
}

// CloseTour ends the tour of a phase, whoever has the floor.
func (s *Service) CloseTour(ctx context.Context, exerciseID int64, phase, by string) error {
	return s.tourAppend(ctx, exerciseID, func(p *Projection) ([]NewEvent, error) {
		if _, err := openTour(p, phase); err != nil {
			return nil, err
		}
		return []NewEvent{closeTour(p, phase, by)}, nil
	})
}

func openTour(p *Projection, phase string) (Tour, error) {
	t, ok := p.Tours[phase]
	switch {
	case !ok:
		return Tour{}, apperr.NotFound("tour")
	case t.Closed != nil:
		return Tour{}, conflict("tour_closed", "This tour de table is closed.")
	}
	return t, nil
}

// closeTour is the tour.closed event, carrying the teams' statements so
// that every team and observer can read them from now on.
func closeTour(p *Projection, phase, by string) NewEvent {
	d := TourClosedData{Key: phase, By: by, Statements: []StatementData{}}
	for _, st := range p.VisibleStatements(Viewer{Staff: true}) {
		if st.Phase == phase && st.Text != "" {
			d.Statements = append(d.Statements, st.StatementData)
		}
	}
	return NewEvent{Type: EvTourClosed, Audience: Everyone, Data: d}
}

// SaveStatement stores a team's statement for the tour of a phase; any
// member may edit it until the tour closes. An empty text withdraws it.
func (s *Service) SaveStatement(ctx context.Context, exerciseID, teamID int64, phase, text, by string) error {
	if err := s.checkInPlay(ctx, exerciseID); err != nil {
		return err
	}
	sc, err := s.scenarioOf(ctx, exerciseID)
	if err != nil {
		return err
	}
	if _, ok := sc.Phase(phase); !ok {
		return apperr.NotFound("phase")
	}
	if utf8.RuneCountInString(text) > MaxStatementLen {
		return apperr.Invalid(map[string]string{"text": "A statement may have at most 2,000 characters."})
	}
	return s.tourAppend(ctx, exerciseID, func(p *Projection) ([]NewEvent, error) {
		if !p.PhasesStarted[phase] {
			return nil, conflict("phase_not_started", "This phase has not started yet.")
		}
		if t, ok := p.Tours[phase]; ok && t.Closed != nil {
			return nil, conflict("tour_closed", "The tour de table of this phase is closed; its statements can no longer be changed.")
		}
		return []NewEvent{{Type: EvStatementUpdated, Audience: TeamInternal(teamID),
			Data: StatementData{TeamID: teamID, Phase: phase, Text: text, By: by}}}, nil
	})
}

// errStale says the log moved on between reading the projection and
// writing: the step is decided again on the newer state.
var errStale = errors.New("stale projection")

// tourAppend decides a step of a tour on the exercise's state and writes it
// only if no other event landed in between, so that two facilitators
// pressing "next" at once move the tour by one speaker, not two.
func (s *Service) tourAppend(ctx context.Context, exerciseID int64, decide func(*Projection) ([]NewEvent, error)) error {
	for range 5 {
		p, err := s.Projection(ctx, exerciseID)
		if err != nil {
			return err
		}
		evs, err := decide(p)
		if err != nil {
			return err
		}
		_, err = s.playAppend(ctx, exerciseID, func(ex *Exercise) (Write, error) {
			if ex.LastSeq != p.Seq {
				return Write{}, errStale
			}
			return Write{Events: evs}, nil
		})
		if !errors.Is(err, errStale) {
			return err
		}
	}
	return conflict("busy", "The exercise changed while this was being saved; try again.")
}
