package httpapi

type answerJSON struct {
	TeamID    int64  `json:"team_id"`
	Phase     string `json:"phase"`
	Question  string `json:"question"`
	Text      string `json:"text"`
	By        string `json:"by"`
	Submitted bool   `json:"submitted"`
	UpdatedAt string `json:"updated_at"`
}

// answersJSON answers GET /exercises/{id}/answers.
type answersJSON struct {
	Answers      []answerJSON `json:"answers"`
	ClosedPhases []string     `json:"closed_phases"`
	SharedPhases []string     `json:"shared_phases"`
}
