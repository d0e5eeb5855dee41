package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/exercise"
)

// listTours returns the tours de table (everyone follows them) and the
// statements the caller may read, with the server's time so that a browser
// whose clock is off still counts each delegation's minutes right.
func (s *server) listTours(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	p, err := s.Exercises.Projection(c.Request().Context(), x.ex.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toursJSON{
		Tours:      each(p.ToursInOrder(), toTourJSON),
		Statements: each(p.VisibleStatements(x.viewer), toStatementJSON),
		Now:        wallTime(s.Exercises.Now()),
	})
}

type tourBody struct {
	Order   []int64 `json:"order"`
	Seconds int     `json:"seconds"`
}

func (s *server) openTour(c echo.Context, x *exCtx, in tourBody) error {
	return s.Exercises.OpenTour(c.Request().Context(), x.ex.ID, c.Param("phase"), in.Order, in.Seconds, s.actorName(c, x))
}

func (s *server) nextSpeaker(c echo.Context, x *exCtx, _ struct{}) error {
	return s.Exercises.NextSpeaker(c.Request().Context(), x.ex.ID, c.Param("phase"), s.actorName(c, x))
}

func (s *server) closeTour(c echo.Context, x *exCtx, _ struct{}) error {
	return s.Exercises.CloseTour(c.Request().Context(), x.ex.ID, c.Param("phase"), s.actorName(c, x))
}

type statementBody struct {
	Text string `json:"text"`
}

func (s *server) saveStatement(c echo.Context, x *exCtx, in statementBody) error {
	return s.Exercises.SaveStatement(c.Request().Context(), x.ex.ID, x.viewer.TeamID, c.Param("phase"), in.Text, s.actorName(c, x))
}

// toTourJSON is a tour as the room and the console draw it.
func toTourJSON(t exercise.Tour) tourJSON {
	out := tourJSON{Phase: t.Phase, Order: t.Order, Seconds: t.Seconds, OpenedBy: t.OpenedBy,
		OpenedAt: wallTime(t.Opened.At), OpenedOffsetSeconds: t.Opened.Offset.Seconds(), Turns: []tourTurnJSON{}}
	if out.Order == nil {
		out.Order = []int64{}
	}
	for _, turn := range t.Turns {
		out.Turns = append(out.Turns, tourTurnJSON{TeamID: turn.TeamID, Index: turn.Index, By: turn.By,
			At: wallTime(turn.At), OffsetSeconds: turn.Offset.Seconds()})
	}
	if t.Closed != nil {
		at, off := wallTime(t.Closed.At), t.Closed.Offset.Seconds()
		out.ClosedAt, out.ClosedOffsetSeconds, out.ClosedBy = &at, &off, t.ClosedBy
	}
	return out
}

func toStatementJSON(st exercise.Statement) statementJSON {
	return statementJSON{TeamID: st.TeamID, Phase: st.Phase, Text: st.Text, By: st.By, UpdatedAt: wallTime(st.UpdatedAt)}
}
