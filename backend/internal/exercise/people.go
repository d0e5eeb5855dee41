package exercise

import (
	"context"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// Joined is the outcome of joining with a code.
type Joined struct {
	Token       string
	Participant Participant
	Exercise    *Exercise
	Team        *Team // nil for an observer
}

// MaxParticipantName is long enough for a name with a title and a
// ministry ("Ambassador …, Head of the Cyber Policy Unit, Ministry of …").
const MaxParticipantName = 160

var errBadCode = apperr.New(404, "unknown_code", "This code is not valid. Check it with your facilitator; codes look like K7PMA-3QXDW.")

// Join lets a person in with a team's code (a participant) or the
// exercise's observer code (an observer), without an account. The same
// person may join again from another device: each join is its own session.
// from is the client address: wrong codes are limited per address and per
// server, joins per code.
func (s *Service) Join(ctx context.Context, code, name, from, lang string) (*Joined, error) {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > MaxParticipantName {
		return nil, apperr.Invalid(map[string]string{"name": "Enter your name (at most 160 characters) so your team knows who writes."})
	}
	if lang != "" && !slices.Contains(scenario.Languages, lang) {
		return nil, apperr.Invalid(map[string]string{"language": "Choose one of the OSCE languages: en, fr, de, it, ru, es."})
	}
	name = closeBidi(name)
	code = NormaliseCode(code)
	if err := checkCode(code); err != nil {
		return nil, err
	}
	j, err := s.lookUpCode(ctx, code, from)
	if err != nil {
		return nil, err
	}
	if j.Exercise.Clock.Status == Ended {
		return nil, conflict("exercise_ended", "This exercise has ended; it can no longer be joined.")
	}
	if err := s.sessions.AdmitJoin(ctx, code); err != nil {
		return nil, err
	}
	if lang == "" {
		if lang, err = s.store.WorkshopLanguage(ctx, j.Exercise.WorkshopID); err != nil {
			return nil, err
		}
	}
	j.Participant.Language = lang
	return j, s.admit(ctx, j, name)
}

// SetLanguage changes the language the participant holding a session reads
// the exercise in.
func (s *Service) SetLanguage(ctx context.Context, exerciseID int64, sessionID, lang string) error {
	if !slices.Contains(scenario.Languages, lang) {
		return apperr.Invalid(map[string]string{"language": "Choose one of the OSCE languages: en, fr, de, it, ru, es."})
	}
	p, err := s.ParticipantOf(ctx, exerciseID, sessionID)
	if err != nil {
		return err
	}
	return s.store.SetParticipantLanguage(ctx, p.ID, lang)
}

// lookUpCode finds what a code opens, within the limits on wrong codes:
// only a wrong code is counted.
func (s *Service) lookUpCode(ctx context.Context, code, from string) (*Joined, error) {
	if err := s.sessions.CheckCode(ctx, from); err != nil {
		return nil, err
	}
	j := &Joined{}
	team, err := s.store.TeamByCode(ctx, code)
	switch {
	case err == nil:
		j.Team = team
		j.Exercise, err = s.store.Exercise(ctx, team.ExerciseID)
	case errors.Is(err, apperr.ErrNoRow):
		j.Exercise, err = s.store.ExerciseByObserverCode(ctx, code)
	}
	if errors.Is(err, apperr.ErrNoRow) {
		if err := s.sessions.WrongCode(ctx, from); err != nil {
			return nil, err
		}
		return nil, errBadCode
	}
	if err != nil {
		return nil, err
	}
	return j, nil
}

// admit opens the participant's session, records the participant and the
// joined event in one transaction: a failure leaves no session behind.
func (s *Service) admit(ctx context.Context, j *Joined, name string) error {
	var teamID int64
	if j.Team != nil {
		teamID = j.Team.ID
	}
	var evs []Event
	err := s.store.InExercise(ctx, j.Exercise.ID, func(ctx context.Context) error {
		token, sid, err := s.sessions.IssueParticipant(ctx, j.Exercise.ID, teamID)
		if err != nil {
			return err
		}
		j.Token = token
		j.Participant = Participant{ExerciseID: j.Exercise.ID, Name: name, SessionID: sid, JoinedAt: s.now().UTC(),
			Language: j.Participant.Language}
		if j.Team != nil {
			j.Participant.TeamID = &j.Team.ID
		}
		if err := s.store.AddParticipant(ctx, &j.Participant); err != nil {
			return err
		}
		evs, err = s.store.Append(ctx, j.Exercise.ID, s.now(), checked(func(*Exercise) (Write, error) {
			return Write{Events: []NewEvent{{Type: EvJoined, Audience: StaffOnly,
				Data: ParticipantData{ParticipantID: j.Participant.ID, TeamID: teamID, Name: name}}}}, nil
		}))
		return err
	})
	if err != nil {
		j.Token = ""
		return err
	}
	// Streams learn of the event only once it is committed.
	s.appended(j.Exercise.ID, evs)
	return nil
}

// Participants lists who joined (removed ones included, marked).
func (s *Service) Participants(ctx context.Context, exerciseID int64) ([]Participant, error) {
	return s.store.Participants(ctx, exerciseID)
}

// RemoveParticipant ends a participant's session at once: their token is
// refused from now on and every replica closes their open stream when it
// sees the participant.removed event.
func (s *Service) RemoveParticipant(ctx context.Context, exerciseID, participantID int64) error {
	ps, err := s.store.Participants(ctx, exerciseID)
	if err != nil {
		return err
	}
	var p *Participant
	for i := range ps {
		if ps[i].ID == participantID {
			p = &ps[i]
		}
	}
	if p == nil {
		return apperr.NotFound("participant")
	}
	// Marked removed before the session is revoked, so that whoever sees the
	// revocation (an open stream's check) can tell a removal from a logout.
	if err := s.store.RemoveParticipant(ctx, p.ID, s.now().UTC()); err != nil {
		return err
	}
	if err := s.sessions.RevokeSession(ctx, p.SessionID); err != nil {
		return err
	}
	var teamID int64
	if p.TeamID != nil {
		teamID = *p.TeamID
	}
	_, err = s.append(ctx, exerciseID, func(*Exercise) (Write, error) {
		return Write{Events: []NewEvent{{Type: EvRemoved, Audience: StaffOnly,
			Data: ParticipantData{ParticipantID: p.ID, TeamID: teamID, Name: p.Name, SessionID: p.SessionID}}}}, nil
	})
	return err
}

// RenameTeam gives a team the name of the real delegation playing it. The
// name is for staff: participants, observers and the reports keep reading
// the team's role (Team.Role), so the event is staff-only.
func (s *Service) RenameTeam(ctx context.Context, exerciseID, teamID int64, name string) (*Team, error) {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 120 {
		return nil, apperr.Invalid(map[string]string{"name": "A team name must have 1 to 120 characters."})
	}
	t, err := s.team(ctx, exerciseID, teamID)
	if err != nil {
		return nil, err
	}
	t.Name = name
	if err := s.store.UpdateTeam(ctx, t); err != nil {
		return nil, err
	}
	_, err = s.append(ctx, exerciseID, func(*Exercise) (Write, error) {
		return Write{Events: []NewEvent{{Type: EvTeamRenamed, Audience: StaffOnly, Data: TeamData{TeamID: t.ID, Name: name}}}}, nil
	})
	return t, err
}

// NewCode replaces a team's join code; the old one stops working. People
// already in keep their sessions (remove them to end those).
func (s *Service) NewCode(ctx context.Context, exerciseID, teamID int64) (*Team, error) {
	t, err := s.team(ctx, exerciseID, teamID)
	if err != nil {
		return nil, err
	}
	t.JoinCode = NewJoinCode()
	return t, s.store.UpdateTeam(ctx, t)
}

func (s *Service) team(ctx context.Context, exerciseID, teamID int64) (*Team, error) {
	teams, err := s.store.Teams(ctx, exerciseID)
	if err != nil {
		return nil, err
	}
	for i := range teams {
		if teams[i].ID == teamID {
			return &teams[i], nil
		}
	}
	return nil, apperr.NotFound("team")
}

// ParticipantOf finds the participant holding a session.
func (s *Service) ParticipantOf(ctx context.Context, exerciseID int64, sessionID string) (*Participant, error) {
	p, err := s.store.ParticipantBySession(ctx, sessionID)
	if errors.Is(err, apperr.ErrNoRow) || (err == nil && p.ExerciseID != exerciseID) {
		return nil, apperr.NotFound("participant")
	}
	return p, err
}
