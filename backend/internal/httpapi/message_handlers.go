package httpapi

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/exercise"
)

type messageJSON struct {
	Seq           int64             `json:"id"` // the message's event sequence number
	From          int64             `json:"from"`
	FromName      string            `json:"from_name"`
	To            []int64           `json:"to"`
	ToControl     bool              `json:"to_control"`
	All           bool              `json:"all"`
	Channel       string            `json:"channel"`
	Subject       string            `json:"subject"`
	Body          string            `json:"body"`
	CBMs          []string          `json:"cbms"`
	Kind          string            `json:"kind"`
	ReplyTo       int64             `json:"reply_to,omitempty"`
	SentAt        time.Time         `json:"sent_at"`
	OffsetSeconds float64           `json:"offset_seconds"`
	Status        string            `json:"status,omitempty"`
	Steps         []requestStepJSON `json:"steps,omitempty"`
	// Facilitators only: their correction of the tags.
	CorrectedCBMs []string `json:"corrected_cbms,omitempty"`
	CorrectedBy   string   `json:"corrected_by,omitempty"`
}

type requestStepJSON struct {
	Status        string    `json:"status"`
	TeamID        int64     `json:"team_id"`
	By            string    `json:"by"`
	Note          string    `json:"note,omitempty"`
	Answer        int64     `json:"answer,omitempty"`
	At            time.Time `json:"at"`
	OffsetSeconds float64   `json:"offset_seconds"`
	// Seconds of exercise time since the request was sent.
	AfterSeconds float64 `json:"after_seconds"`
}

func toMessageJSON(m *exercise.Message, staff bool) messageJSON {
	out := messageJSON{Seq: m.Seq, From: m.From, FromName: m.FromName, To: nonNilIDs(m.To), ToControl: m.ToControl, All: m.All,
		Channel: m.Channel, Subject: m.Subject, Body: m.Body, CBMs: nonNil(m.CBMs), Kind: m.Kind, ReplyTo: m.ReplyTo,
		SentAt: m.CreatedAt, OffsetSeconds: m.Offset.Seconds(), Status: m.Status}
	for _, st := range m.Updates {
		out.Steps = append(out.Steps, requestStepJSON{Status: st.Status, TeamID: st.TeamID, By: st.By, Note: st.Note, Answer: st.Answer,
			At: st.CreatedAt, OffsetSeconds: st.Offset.Seconds(), AfterSeconds: (st.Offset - m.Offset).Seconds()})
	}
	if staff && m.Retag != nil {
		out.CorrectedCBMs, out.CorrectedBy = nonNil(m.Retag.CBMs), m.Retag.By
	}
	return out
}

func nonNilIDs(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}

// sender is how the caller writes: their team, or the control cell.
func (s *server) sender(c echo.Context, x *exCtx) (exercise.Sender, error) {
	if x.viewer.Observer {
		return exercise.Sender{}, apperr.New(http.StatusForbidden, "observers_read_only", "Observers watch the exercise but write nothing.")
	}
	return exercise.Sender{TeamID: x.viewer.TeamID, Name: s.actorName(c, x)}, nil
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
	out := make([]messageJSON, len(ms))
	for i, m := range ms {
		out[i] = toMessageJSON(m, x.seesStaffOnly()) // tag corrections are staff-only
	}
	next := int64(0)
	if len(ms) == f.Limit {
		next = ms[len(ms)-1].Seq
	}
	return c.JSON(http.StatusOK, map[string]any{"messages": out, "next_before": next})
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
	return c.JSON(http.StatusCreated, map[string]any{"message": toMessageJSON(m, x.staff())})
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
		return c.JSON(http.StatusOK, map[string]any{"message": toMessageJSON(m, x.staff())})
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

// pocDirectory lists every team's points of contact: the latest entries a
// team saved, else those the scenario pre-fills.
func (s *server) pocDirectory(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	sc, err := s.Exercises.Scenario(ctx, x.ex)
	if err != nil {
		return err
	}
	p, err := s.Exercises.Projection(ctx, x.ex.ID)
	if err != nil {
		return err
	}
	out := []map[string]any{}
	for _, t := range x.teams {
		entries := []exercise.PoCEntry{}
		updatedBy := ""
		if d, ok := p.PoC[t.ID]; ok {
			entries, updatedBy = d.Entries, d.By
		} else if st, ok := sc.Team(t.Key); ok {
			for _, e := range st.PointsOfContact {
				entries = append(entries, exercise.PoCEntry{Role: string(e.Role), Name: e.Name, Channel: e.Channel, Hours: e.Hours, Languages: nonNil(e.Languages)})
			}
		}
		out = append(out, map[string]any{"team_id": t.ID, "team": t.Name, "entries": entries, "updated_by": updatedBy,
			"complete": hasRoles(entries, "policy", "technical")})
	}
	return c.JSON(http.StatusOK, map[string]any{"directory": out})
}

func hasRoles(es []exercise.PoCEntry, roles ...string) bool {
	for _, r := range roles {
		found := false
		for _, e := range es {
			found = found || (e.Role == r && e.Name != "")
		}
		if !found {
			return false
		}
	}
	return true
}

type pocBody struct {
	Entries []exercise.PoCEntry `json:"entries"`
}

func (s *server) savePoC(c echo.Context, x *exCtx, req pocBody) error {
	return s.Exercises.SetPoC(c.Request().Context(), x.ex.ID, x.viewer.TeamID, req.Entries, s.actorName(c, x))
}

func (s *server) sendCommCheck(c echo.Context) error {
	x, err := s.staffExercise(c)
	if err != nil {
		return err
	}
	var req textBody
	if err := bindOptional(c, &req); err != nil {
		return err
	}
	seq, err := s.Exercises.CommCheck(c.Request().Context(), x.ex.ID, req.Text, s.actorName(c, x))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"id": seq})
}

func (s *server) ackCommCheck(c echo.Context, x *exCtx, _ struct{}) error {
	check, err := pathID(c, "check")
	if err != nil {
		return err
	}
	return s.Exercises.AckCommCheck(c.Request().Context(), x.ex.ID, check, x.viewer.TeamID, s.actorName(c, x))
}

// listCommChecks shows each check and, per team, whether and how fast it was
// acknowledged (participants see only their own team's acknowledgement).
func (s *server) listCommChecks(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	p, err := s.Exercises.Projection(c.Request().Context(), x.ex.ID)
	if err != nil {
		return err
	}
	out := []map[string]any{}
	for _, cc := range p.CommChecksInOrder() {
		teams := []map[string]any{}
		for _, t := range x.teams {
			if !exercise.CanSee(x.viewer, exercise.TeamsOnly(t.ID)) {
				continue
			}
			row := map[string]any{"team_id": t.ID, "team": t.Name, "acknowledged": false}
			if a, ok := cc.Acks[t.ID]; ok {
				row["acknowledged"], row["by"], row["at"] = true, a.By, a.CreatedAt
				row["after_seconds"] = (a.Offset - cc.Offset).Seconds()
				row["after_wall_seconds"] = a.CreatedAt.Sub(cc.CreatedAt).Seconds()
			}
			teams = append(teams, row)
		}
		out = append(out, map[string]any{"id": cc.Seq, "text": cc.Text, "sent_at": cc.CreatedAt, "offset_seconds": cc.Offset.Seconds(), "teams": teams})
	}
	return c.JSON(http.StatusOK, map[string]any{"checks": out})
}

// textBody is an optional {"text": …} body.
type textBody struct {
	Text string `json:"text"`
}

// bindOptional decodes the body into dst when there is one.
func bindOptional(c echo.Context, dst any) error {
	if c.Request().ContentLength == 0 {
		return nil
	}
	if err := c.Bind(dst); err != nil {
		return badJSON(err)
	}
	return nil
}
