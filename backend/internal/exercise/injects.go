package exercise

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// lateAfter is how far past its time an inject may go out and still count
// as on time; beyond it (the server was down, say) it is marked late.
const lateAfter = 2 * time.Second

// Tick releases everything that has fallen due in every running exercise:
// phases, timed injects and triggers. It is called a few times a second on
// every replica; the once keys make sure each thing happens exactly once.
// An inject that fell due while no server ran is released on the first tick
// and marked late.
func (s *Service) Tick(ctx context.Context) error {
	s.cache.sweep() // idle projections go even when nothing runs
	exs, err := s.store.ActiveExercises(ctx)
	if err != nil {
		return err
	}
	var errs []error
	for i := range exs {
		if err := s.advance(ctx, &exs[i]); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// advance records what is due in one exercise, repeating while recording
// makes more things due (an inject timed after one just released).
func (s *Service) advance(ctx context.Context, ex *Exercise) error {
	sc, err := s.scenarios.ScenarioOfVersion(ctx, ex.ScenarioVersionID)
	if err != nil {
		return err
	}
	for round := 0; round < 10; round++ {
		p, err := s.Projection(ctx, ex.ID)
		if err != nil {
			return err
		}
		dues := Plan(sc, p.State(ex.Clock.Now(s.now())))
		if len(dues) == 0 {
			return nil
		}
		teams, err := s.store.Teams(ctx, ex.ID)
		if err != nil {
			return err
		}
		for _, d := range dues {
			if err := s.record(ctx, ex.ID, sc, teams, d); err != nil && !errors.Is(err, apperr.ErrDuplicate) && !errors.Is(err, errNotRunning) {
				return err
			}
		}
	}
	return nil
}

var errNotRunning = errors.New("exercise not running")

// record writes one due item, deciding on the locked exercise: if it was
// paused or ended meanwhile, nothing is written.
func (s *Service) record(ctx context.Context, exerciseID int64, sc *scenario.Scenario, teams []Team, d Due) error {
	_, err := s.append(ctx, exerciseID, func(ex *Exercise) (Write, error) {
		now := s.now()
		// Re-check on the locked row: the clock may have been paused or
		// re-based since the plan was made.
		if ex.Clock.Status != Running || d.DueAt > ex.Clock.Now(now) {
			return Write{}, errNotRunning
		}
		switch d.Kind {
		case DuePhase:
			ph, _ := sc.Phase(d.Key)
			return Write{Once: []string{"phase:" + d.Key}, Events: []NewEvent{{Type: EvPhaseStarted, Audience: Everyone, Data: phaseData(ph)}}}, nil
		case DueTrigger:
			return Write{Once: []string{"trigger:" + d.Key}, Events: []NewEvent{{Type: EvTriggerFired, Audience: StaffOnly,
				Data: KeyData{Key: d.Key, Releases: d.Releases}}}}, nil
		}
		in, _ := sc.Inject(d.Key)
		data := injectData(sc, in, teams, ex.Clock.Now(now))
		data.Source, data.Trigger, data.DueSeconds = "schedule", d.Trigger, d.DueAt.Seconds()
		if d.Trigger != "" {
			data.Source = "trigger"
		}
		data.Late = now.Sub(ex.Clock.WallAt(d.DueAt)) > lateAfter
		return Write{Once: []string{"inject:" + d.Key}, Events: releaseEvents(in, teams, data)}, nil
	})
	return err
}

// Release sends an inject now, by a facilitator's decision. A second
// release of the same inject is refused with 409.
func (s *Service) Release(ctx context.Context, exerciseID int64, key, by string) error {
	sc, teams, err := s.scenarioAndTeams(ctx, exerciseID)
	if err != nil {
		return err
	}
	in, ok := sc.Inject(key)
	if !ok {
		return apperr.NotFound("inject")
	}
	_, err = s.append(ctx, exerciseID, func(ex *Exercise) (Write, error) {
		if ex.Clock.Status != Running && ex.Clock.Status != Paused {
			return Write{}, conflict("invalid_state", "Injects can be released only while the exercise runs or is paused.")
		}
		data := injectData(sc, in, teams, ex.Clock.Now(s.now()))
		data.Source, data.By = "manual", by
		return Write{Once: []string{"inject:" + key}, Events: releaseEvents(in, teams, data)}, nil
	})
	if errors.Is(err, apperr.ErrDuplicate) {
		return conflict("already_released", "This inject has already been released.")
	}
	return err
}

// Control holds, un-holds or skips an inject that is not released yet.
func (s *Service) Control(ctx context.Context, exerciseID int64, key, action, by string) error {
	types := map[string]string{"hold": EvInjectHeld, "unhold": EvInjectUnheld, "skip": EvInjectSkipped}
	typ, ok := types[action]
	if !ok {
		return apperr.Invalid(map[string]string{"action": "Use hold, unhold or skip."})
	}
	sc, err := s.scenarioOf(ctx, exerciseID)
	if err != nil {
		return err
	}
	if _, ok := sc.Inject(key); !ok {
		return apperr.NotFound("inject")
	}
	p, err := s.Projection(ctx, exerciseID)
	if err != nil {
		return err
	}
	if _, done := p.Released[key]; done {
		return conflict("already_released", "This inject has already been released.")
	}
	_, err = s.append(ctx, exerciseID, func(ex *Exercise) (Write, error) {
		w := Write{Events: []NewEvent{{Type: typ, Audience: StaffOnly, Data: KeyData{Key: key, By: by}}}}
		if action == "skip" {
			w.Once = []string{"skip:" + key}
		}
		return w, nil
	})
	if errors.Is(err, apperr.ErrDuplicate) {
		return nil // skipping twice changes nothing
	}
	return err
}

// AdHoc is an inject a facilitator writes during play.
type AdHoc struct {
	Title, Body, Channel, From string
	Teams                      []int64 // empty: all teams
}

// ReleaseAdHoc sends an ad-hoc inject to the chosen teams.
func (s *Service) ReleaseAdHoc(ctx context.Context, exerciseID int64, a AdHoc) error {
	fields := map[string]string{}
	a.Title, a.Body = strings.TrimSpace(a.Title), strings.TrimSpace(a.Body)
	if a.Title == "" || len([]rune(a.Title)) > 200 {
		fields["title"] = "Give the inject a title of at most 200 characters."
	}
	if a.Body == "" || utf8.RuneCountInString(a.Body) > 20000 {
		fields["body"] = "Write the inject's text (at most 20,000 characters)."
	}
	if a.Channel == "" {
		a.Channel = string(scenario.InjectOfficialNote)
	}
	if !validInjectChannel(a.Channel) {
		fields["channel"] = "Unknown channel; use news, intelligence_report, official_note, social_media, email, phone_call or situation_report."
	}
	teams, err := s.store.Teams(ctx, exerciseID)
	if err != nil {
		return err
	}
	if !allKnown(a.Teams, teams) {
		fields["teams"] = "Every recipient must be a team of this exercise."
	}
	if len(fields) > 0 {
		return apperr.Invalid(fields)
	}
	aud := Audience{All: len(a.Teams) == 0, Teams: a.Teams}
	_, err = s.append(ctx, exerciseID, func(ex *Exercise) (Write, error) {
		if ex.Clock.Status != Running && ex.Clock.Status != Paused {
			return Write{}, conflict("invalid_state", "Injects can be released only while the exercise runs or is paused.")
		}
		off := ex.Clock.Now(s.now())
		data := InjectData{Key: "adhoc-" + strings.ToLower(NormaliseCode(NewJoinCode())), Title: a.Title, Channel: a.Channel, From: a.From,
			Body: a.Body, Teams: a.Teams, All: aud.All, Source: "adhoc", OffsetSeconds: off.Seconds(), DueSeconds: off.Seconds()}
		return Write{Events: []NewEvent{{Type: EvInjectReleased, Audience: aud, Data: data}}}, nil
	})
	return err
}

// Decide records a facilitator's answer to a facilitator_decision trigger.
func (s *Service) Decide(ctx context.Context, exerciseID int64, triggerKey string, yes bool, by string) error {
	sc, err := s.scenarioOf(ctx, exerciseID)
	if err != nil {
		return err
	}
	found := false
	for _, t := range sc.Triggers {
		found = found || (t.Key == triggerKey && t.Condition.Type == scenario.CondFacilitatorDecision)
	}
	if !found {
		return apperr.NotFound("facilitator decision")
	}
	_, err = s.append(ctx, exerciseID, func(*Exercise) (Write, error) {
		return Write{Events: []NewEvent{{Type: EvTriggerDecided, Audience: StaffOnly, Data: KeyData{Key: triggerKey, Yes: &yes, By: by}}}}, nil
	})
	return err
}

// releaseEvents is an inject's release and, for a comm_check inject, the
// communication check it runs, written together so neither comes alone.
func releaseEvents(in *scenario.Inject, teams []Team, data InjectData) []NewEvent {
	evs := []NewEvent{{Type: EvInjectReleased, Audience: AudienceOf(in.Audience, teams), Data: data}}
	if in.CommCheck {
		evs = append(evs, NewEvent{Type: EvCommCheck, Audience: Everyone, Data: CommCheckData{Text: in.Title, By: in.From}})
	}
	return evs
}

func phaseData(ph *scenario.Phase) PhaseData {
	d := PhaseData{Key: ph.Key, Title: ph.Title, Clock: ph.Clock, Situation: ph.Situation, Questions: []QuestionData{}}
	for _, q := range ph.Questions {
		d.Questions = append(d.Questions, QuestionData(q))
	}
	return d
}

func injectData(sc *scenario.Scenario, in *scenario.Inject, teams []Team, offset time.Duration) InjectData {
	d := InjectData{Key: in.Key, Title: in.Title, Phase: in.Phase, Channel: string(in.Channel), From: sc.InjectSource(in),
		Body: in.Body, All: in.Audience.All, Teams: teamIDs(in.Audience.Teams, teams), OffsetSeconds: offset.Seconds(), FromActor: in.FromActor}
	return d
}

func validInjectChannel(c string) bool {
	for _, k := range scenario.InjectChannels {
		if string(k) == c {
			return true
		}
	}
	return false
}
