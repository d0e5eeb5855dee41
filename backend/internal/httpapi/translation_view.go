package httpapi

import (
	"github.com/cbmex/cbmex/backend/internal/scenario"
	"github.com/cbmex/cbmex/backend/internal/xliff"
)

// translationSummaryJSON is how far a version is translated into a language.
type translationSummaryJSON struct {
	Language string `json:"language"`
	Total    int    `json:"total"`
	Done     int    `json:"done"`
	Missing  int    `json:"missing"`
	Stale    int    `json:"stale"`
}

func toTranslationSummaryJSON(lang string, p scenario.Progress) translationSummaryJSON {
	return translationSummaryJSON{Language: lang, Total: p.Total, Done: p.Done, Missing: p.Missing, Stale: p.Stale}
}

// translationListJSON answers GET /scenarios/{id}/translations.
type translationListJSON struct {
	SourceLanguage string                   `json:"source_language"`
	Translations   []translationSummaryJSON `json:"translations"`
}

// translationTableJSON answers GET /scenarios/{id}/translations/{lang}.
type translationTableJSON struct {
	ScenarioID     string                 `json:"scenario_id"`
	Version        int                    `json:"version"`
	SourceLanguage string                 `json:"source_language"`
	Summary        translationSummaryJSON `json:"summary"`
	Texts          []translationTextJSON  `json:"texts"`
}

type translationTextJSON struct {
	Key      string `json:"key"`
	Source   string `json:"source"`
	Target   string `json:"target"`
	State    string `json:"state"`
	Markdown bool   `json:"markdown"`
}

func toTranslationTableJSON(number int, s *scenario.Scenario, tr *scenario.Translation) translationTableJSON {
	out := translationTableJSON{ScenarioID: s.ID, Version: number, SourceLanguage: s.SourceLanguage(),
		Summary: toTranslationSummaryJSON(tr.Language, tr.Progress(s))}
	for _, r := range tr.Rows(s) {
		out.Texts = append(out.Texts, translationTextJSON{Key: r.Key, Source: r.Value, Target: r.Target,
			State: string(r.State), Markdown: r.Markdown})
	}
	return out
}

// translationSavedJSON answers PUT /scenarios/{id}/translations/{lang}.
type translationSavedJSON struct {
	Scenario    versionJSON          `json:"scenario"`
	Created     bool                 `json:"created"`
	Translation translationTableJSON `json:"translation"`
}

// xliffImportedJSON answers an XLIFF import.
type xliffImportedJSON struct {
	Scenario versionJSON            `json:"scenario"`
	Created  bool                   `json:"created"`
	Summary  translationSummaryJSON `json:"summary"`
	Problems []xliffProblemJSON     `json:"problems"`
}

type xliffProblemJSON struct {
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Unit    string `json:"unit"`
	Message string `json:"message"`
}

func toXliffProblemJSON(p xliff.Problem) xliffProblemJSON {
	return xliffProblemJSON{Line: p.Line, Column: p.Col, Unit: p.Unit, Message: p.Message}
}

// injectTextsJSON answers GET /exercises/{id}/injects/{key}/texts.
type injectTextsJSON struct {
	Key            string           `json:"key"`
	SourceLanguage string           `json:"source_language"`
	Texts          []injectTextJSON `json:"texts"`
}

type injectTextJSON struct {
	Language string `json:"language"`
	Title    string `json:"title"`
	From     string `json:"from"`
	Body     string `json:"body"`
	State    string `json:"state"`
}
