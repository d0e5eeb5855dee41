package httpapi

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/library"
	"github.com/cbmex/cbmex/backend/internal/scenario"
	"github.com/cbmex/cbmex/backend/internal/xliff"
)

// pathLang reads the :lang of a translation's address.
func pathLang(c echo.Context) (string, error) {
	lang := c.Param("lang")
	if !slices.Contains(scenario.Languages, lang) {
		return "", apperr.Invalid(map[string]string{"lang": "Choose one of the OSCE languages: en, fr, de, it, ru, es."})
	}
	return lang, nil
}

// listTranslations tells how far a version is translated into each other
// OSCE language.
func (s *server) listTranslations(c echo.Context) error {
	v, err := s.requestedVersion(c)
	if err != nil {
		return err
	}
	sc, err := s.Library.Parsed(v)
	if err != nil {
		return err
	}
	out := translationListJSON{SourceLanguage: sc.SourceLanguage(), Translations: []translationSummaryJSON{}}
	for _, lang := range scenario.Languages {
		if lang == sc.SourceLanguage() {
			continue
		}
		_, tr, err := s.Library.VersionTranslation(v, lang)
		if err != nil {
			return err
		}
		out.Translations = append(out.Translations, toTranslationSummaryJSON(lang, tr.Progress(sc)))
	}
	return c.JSON(http.StatusOK, out)
}

// versionTranslation is the version, its scenario and its translation
// into :lang that the address names.
func (s *server) versionTranslation(c echo.Context) (*library.Version, *scenario.Scenario, *scenario.Translation, error) {
	lang, err := pathLang(c)
	if err != nil {
		return nil, nil, nil, err
	}
	v, err := s.requestedVersion(c)
	if err != nil {
		return nil, nil, nil, err
	}
	sc, tr, err := s.Library.VersionTranslation(v, lang)
	return v, sc, tr, err
}

// getTranslation lists every text beside its translation, for the
// side-by-side view.
func (s *server) getTranslation(c echo.Context) error {
	v, sc, tr, err := s.versionTranslation(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toTranslationTableJSON(v.Number, sc, tr))
}

// saveTranslation stores translated texts as a new version.
func (s *server) saveTranslation(c echo.Context) error {
	lang, err := pathLang(c)
	if err != nil {
		return err
	}
	var in struct {
		Texts map[string]string `json:"texts"`
	}
	if err := c.Bind(&in); err != nil {
		return badJSON(err)
	}
	ctx := c.Request().Context()
	id, err := s.Library.Resolve(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	v, created, err := s.Library.SaveTexts(ctx, id, lang, in.Texts, userID(c))
	if err != nil {
		return err
	}
	sc, tr, err := s.Library.VersionTranslation(v, lang)
	if err != nil {
		return err
	}
	return c.JSON(savedStatus(created), translationSavedJSON{Scenario: toVersionJSON(v), Created: created,
		Translation: toTranslationTableJSON(v.Number, sc, tr)})
}

func savedStatus(created bool) int {
	if created {
		return http.StatusCreated
	}
	return http.StatusOK
}

// xliffType is the media type of XLIFF files.
const xliffType = "application/xliff+xml"

// exportXliff gives the texts for one target language to a translation tool.
func (s *server) exportXliff(c echo.Context) error {
	v, sc, tr, err := s.versionTranslation(c)
	if err != nil {
		return err
	}
	data, err := xliff.Export(sc, tr, tr.Language)
	if err != nil {
		return err
	}
	return attachment(c, v.Slug+"."+tr.Language+".xlf",
		xliffType+"; charset=utf-8", data)
}

// importXliff stores a translated XLIFF file as a new version; each unit it
// could not use is reported with its line and column.
func (s *server) importXliff(c echo.Context) error {
	lang, err := pathLang(c)
	if err != nil {
		return err
	}
	data, err := xliffBody(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	id, err := s.Library.Resolve(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	latest, err := s.Library.Get(ctx, id, 0)
	if err != nil {
		return err
	}
	sc, base, err := s.Library.VersionTranslation(latest, lang)
	if err != nil {
		return err
	}
	tr, probs, err := xliff.Import(data, sc, base)
	var bad *xliff.Error
	if errors.As(err, &bad) {
		return apperr.New(http.StatusUnprocessableEntity, "invalid_xliff", "The file cannot be imported: "+bad.Error())
	}
	if err != nil {
		return err
	}
	if tr.Language != lang {
		return apperr.New(http.StatusUnprocessableEntity, "invalid_xliff",
			"The file translates into "+tr.Language+" (its trgLang), but it was sent as the "+lang+" translation.")
	}
	v, created, err := s.Library.SaveTranslation(ctx, latest, sc, tr, userID(c))
	if err != nil {
		return err
	}
	out := xliffImportedJSON{Scenario: toVersionJSON(v), Created: created,
		Summary: toTranslationSummaryJSON(lang, tr.Progress(sc)), Problems: append([]xliffProblemJSON{}, each(probs, toXliffProblemJSON)...)}
	return c.JSON(savedStatus(created), out)
}

func xliffBody(c echo.Context) ([]byte, error) {
	ct, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if !strings.EqualFold(ct, xliffType) && !strings.EqualFold(ct, "application/xml") && !strings.EqualFold(ct, "text/xml") {
		return nil, apperr.New(http.StatusUnsupportedMediaType, "unsupported_media_type",
			"Send the XLIFF file itself with Content-Type: application/xliff+xml.")
	}
	return io.ReadAll(c.Request().Body) // the body limit middleware answers 413
}

// translationFile gives a version's translation file, to keep beside the
// scenario file.
func (s *server) translationFile(c echo.Context) error {
	lang, err := pathLang(c)
	if err != nil {
		return err
	}
	v, err := s.requestedVersion(c)
	if err != nil {
		return err
	}
	f, ok := v.Translations[lang]
	if !ok {
		return apperr.NotFound("translation")
	}
	return attachment(c, library.TranslationFilename(v.Slug, lang), "application/yaml; charset=utf-8", f)
}

// setLanguage changes the language a participant or observer reads the
// exercise in; their next reads and streams use it.
func (s *server) setLanguage(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	if x.staff() {
		return apperr.New(http.StatusForbidden, "participants_only",
			"Staff read the exercise in the language of their interface; this is for participants and observers.")
	}
	var in struct {
		Language string `json:"language"`
	}
	if err := c.Bind(&in); err != nil {
		return badJSON(err)
	}
	if err := s.Exercises.SetLanguage(c.Request().Context(), x.ex.ID, x.p.SessionID, in.Language); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// injectTexts shows staff an inject of the scenario in its source language
// and in each translation, so they can read what each team reads.
func (s *server) injectTexts(c echo.Context) error {
	x, err := s.loadExercise(c)
	if err != nil {
		return err
	}
	if !x.seesStaffOnly() {
		return apperr.Forbidden()
	}
	ctx := c.Request().Context()
	v, err := s.Library.VersionByID(ctx, x.ex.ScenarioVersionID)
	if err != nil {
		return err
	}
	sc, err := s.Library.Parsed(v)
	if err != nil {
		return err
	}
	key := c.Param("key")
	in, ok := sc.Inject(key)
	if !ok {
		return apperr.NotFound("inject")
	}
	out := injectTextsJSON{Key: key, SourceLanguage: sc.SourceLanguage(),
		Texts: []injectTextJSON{{Language: sc.SourceLanguage(), Title: in.Title, From: in.From, Body: in.Body, State: string(scenario.StateDone)}}}
	for _, lang := range v.Languages {
		if lang == sc.SourceLanguage() {
			continue
		}
		_, tr, err := s.Library.VersionTranslation(v, lang)
		if err != nil {
			return err
		}
		loc, _ := scenario.Localize(sc, tr)
		li, _ := loc.Inject(key)
		out.Texts = append(out.Texts, injectTextJSON{Language: lang, Title: li.Title, From: li.From, Body: li.Body,
			State: string(injectState(tr, in))})
	}
	return c.JSON(http.StatusOK, out)
}

// injectState is the worst state of an inject's texts in a translation.
func injectState(tr *scenario.Translation, in *scenario.Inject) scenario.TextState {
	worst := scenario.StateDone
	for field, text := range map[string]string{"title": in.Title, "from": in.From, "body": in.Body} {
		if text == "" {
			continue
		}
		switch tr.State("injects."+in.Key+"."+field, text) {
		case scenario.StateMissing:
			worst = scenario.StateMissing
		case scenario.StateStale:
			if worst == scenario.StateDone {
				worst = scenario.StateStale
			}
		}
	}
	return worst
}
