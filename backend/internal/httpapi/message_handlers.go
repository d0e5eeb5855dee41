package httpapi

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

// sender is how the caller writes: their team, or the control cell (staff
// whose duty plays it).
func (s *server) sender(c echo.Context, x *exCtx) (exercise.Sender, error) {
	if x.viewer.Observer {
		return exercise.Sender{}, apperr.New(http.StatusForbidden, "observers_read_only", "Observers watch the exercise but write nothing.")
	}
	if x.staff() {
		if err := x.may(workshop.ActControlCell); err != nil {
			return exercise.Sender{}, err
		}
	}
	return exercise.Sender{TeamID: x.viewer.TeamID, Name: s.actorName(c, x), Lang: x.viewer.Language}, nil
}

func (s *server) listMessages(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	f := exercise.MailFilter{Channel: c.QueryParam("channel"), CBM: c.QueryParam("cbm"), Open: c.QueryParam("open") == "true", Limit: 100}
	for name, dst := range map[string]*int64{"team": &f.Team, "before": &f.Before} {
		if v := c.QueryParam(name); v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 {
				return apperr.Invalid(map[string]string{name: "Give a whole number."})
			}
			*dst = n
		}
	}
	if v := c.QueryParam("limit"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n > 0 && n <= 500 {
			f.Limit = n
		}
	}
	p, err := s.Exercises.Projection(c.Request().Context(), x.ex.ID)
	if err != nil {
		return err
	}
	ms := p.VisibleMail(x.viewer, f)
	names, err := s.whiteCellNames(c, x)
	if err != nil {
		return err
	}
	out := make([]messageJSON, len(ms))
	for i, m := range ms {
		out[i] = names.apply(toMessageJSON(m, x.seesStaffOnly())) // tag corrections are staff-only
	}
	next := int64(0)
	if len(ms) == f.Limit {
		next = ms[len(ms)-1].Seq
	}
	return c.JSON(http.StatusOK, messagesJSON{Messages: out, NextBefore: next})
}

type sendRequest struct {
	To        []int64  `json:"to"`
	ToControl bool     `json:"to_control"`
	All       bool     `json:"all"`
	Channel   string   `json:"channel"`
	Subject   string   `json:"subject"`
	Body      string   `json:"body"`
	CBMs      []string `json:"cbms"`
	Kind      string   `json:"kind"`
	ReplyTo   int64    `json:"reply_to"`
	ToActors  []string `json:"to_actors"`
	AsActor   string   `json:"as_actor"`
}

func (s *server) sendMessage(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	from, err := s.sender(c, x)
	if err != nil {
		return err
	}
	if err := s.allowMessage(c, x, from); err != nil {
		return err
	}
	var req sendRequest
	if err := c.Bind(&req); err != nil {
		return badJSON(err)
	}
	m, err := s.Exercises.Send(c.Request().Context(), x.ex, x.teams, from, exercise.Outgoing(req))
	if err != nil {
		return err
	}
	return s.messageReply(c, x, http.StatusCreated, m)
}

// teamMessageFactor is how many members' worth of messages a team may send
// together: a delegation of several writes more than one person, but taking
// new names does not multiply its rate.
const teamMessageFactor = 3

var errTooManyMessages = apperr.New(http.StatusTooManyRequests, "too_many_messages",
	"You are sending messages very fast. Wait a few seconds and send again.")

// allowMessage spends one message of the sender's rate and of their team's,
// on counters every replica shares. A participant is known by team and name,
// not by session, so that joining again does not reset the count; staff by
// their account.
func (s *server) allowMessage(c echo.Context, x *exCtx, from exercise.Sender) error {
	var uses []auth.Use
	if x.p.User != nil {
		uses = []auth.Use{{Rule: s.memberMessages, Subject: "user:" + strconv.FormatInt(x.p.User.ID, 10)}}
	} else {
		team := "team:" + strconv.FormatInt(from.TeamID, 10)
		member := team + ":" + strings.ToLower(strings.Join(strings.Fields(from.Name), " "))
		uses = []auth.Use{{Rule: s.memberMessages, Subject: member}, {Rule: s.teamMessages, Subject: team}}
	}
	ok, err := s.Auth.Limiter().Take(c.Request().Context(), uses...)
	if err != nil {
		return err
	}
	if !ok {
		return errTooManyMessages
	}
	return nil
}

func (s *server) requestAction(status string) echo.HandlerFunc {
	return func(c echo.Context) error {
		x, err := s.loadExercise(c)
		if err != nil {
			return err
		}
		from, err := s.sender(c, x)
		if err != nil {
			return err
		}
		seq, err := pathID(c, "msg")
		if err != nil {
			return err
		}
		var req textBody
		if err := bindOptional(c, &req); err != nil {
			return err
		}
		m, err := s.Exercises.UpdateRequest(c.Request().Context(), x.ex.ID, seq, from, status, req.Text)
		if err != nil {
			return err
		}
		return s.messageReply(c, x, http.StatusOK, m)
	}
}

type tagsRequest struct {
	CBMs []string `json:"cbms"`
}

func (s *server) retagMessage(c echo.Context, x *exCtx, req tagsRequest) error {
	seq, err := pathID(c, "msg")
	if err != nil {
		return err
	}
	return s.Exercises.Retag(c.Request().Context(), x.ex.ID, seq, req.CBMs, s.actorName(c, x))
}

// whiteCellNames reads the scenario's actors' names in the caller's language.
func (s *server) whiteCellNames(c echo.Context, x *exCtx) (actorNameMap, error) {
	sc, _, err := s.Exercises.ScenarioIn(c.Request().Context(), x.ex, x.viewer.Language)
	if err != nil {
		return nil, err
	}
	out := make(actorNameMap, len(sc.Actors))
	for _, a := range sc.Actors {
		out[a.Key] = a.Name
	}
	return out, nil
}

// messageReply answers a sent message or a request's step.
func (s *server) messageReply(c echo.Context, x *exCtx, status int, m *exercise.Message) error {
	names, err := s.whiteCellNames(c, x)
	if err != nil {
		return err
	}
	return c.JSON(status, messageEnvelope{Message: names.apply(toMessageJSON(m, x.staff()))})
}
