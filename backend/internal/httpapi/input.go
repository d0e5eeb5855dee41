package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

const (
	// maxTextChars is the longest string a client may send anywhere: the
	// longest text any field takes (a body, a briefing) is this long. It
	// is a backstop for fields whose own limits are lower or missing.
	maxTextChars = scenario.MaxLongTextLen
	// maxBadFields caps the fields one refusal names: a body of a million
	// bad strings gets an answer of a few lines.
	maxBadFields = 20
)

// checkText refuses, before any handler runs, text that no field may hold:
// NUL characters, which PostgreSQL cannot store in text columns (SQLite
// can, so the two would answer differently), invalid UTF-8, and strings
// longer than any field takes. It reads every place a handler takes a
// string from — path parameters, query parameters and JSON bodies — so no
// handler, present or future, needs to think of it, and a refused sign-in
// or join never reaches the database. The answer is a 422 naming each field.
//
// Other bodies are not text to check here: scenario files and spreadsheets
// are refused by their parsers, with a line or a row to go with it.
func checkText() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			bad := badFields{}
			for i, name := range c.ParamNames() {
				if name == "*" {
					name = "path"
				}
				bad.check(name, c.ParamValues()[i])
			}
			for name, values := range c.QueryParams() {
				bad.check(name, name)
				for _, v := range values {
					bad.check(name, v)
				}
			}
			if isJSON(c.Request()) {
				body, err := io.ReadAll(c.Request().Body)
				if err != nil {
					return err // past the body limit: 413
				}
				c.Request().Body = io.NopCloser(bytes.NewReader(body))
				bad.checkJSON(body)
			}
			if len(bad) > 0 {
				return apperr.Invalid(bad)
			}
			return next(c)
		}
	}
}

func isJSON(r *http.Request) bool {
	if r.Body == nil || r.Body == http.NoBody {
		return false
	}
	media, _, _ := strings.Cut(r.Header.Get(echo.HeaderContentType), ";")
	media = strings.ToLower(strings.TrimSpace(media))
	return media == echo.MIMEApplicationJSON || strings.HasSuffix(media, "+json")
}

// badFields maps each refused field to the reason.
type badFields map[string]string

func (b badFields) check(field, s string) {
	if len(b) >= maxBadFields {
		return
	}
	switch {
	case strings.IndexByte(s, 0) >= 0:
		b[printable(field)] = "This must not contain NUL characters (U+0000)."
	case !utf8.ValidString(s):
		b[printable(field)] = "This is not valid UTF-8 text; check how it was encoded."
	case len(s) > maxTextChars && utf8.RuneCountInString(s) > maxTextChars:
		b[printable(field)] = fmt.Sprintf("This is %d characters long; no field takes more than %d.", utf8.RuneCountInString(s), maxTextChars)
	}
}

// printable makes a field name fit to be shown (it may be a query
// parameter's name, as bad as its value).
func printable(field string) string {
	field = strings.ToValidUTF8(strings.ReplaceAll(field, "\x00", `\0`), "\uFFFD")
	if len(field) > 100 {
		field = strings.ToValidUTF8(field[:100], "") + "…"
	}
	return field
}

// checkJSON checks every string of a JSON body, keys included, naming each
// by its path ("name", "entries[0].role"). A body that is not JSON is left to
// the handler, whose decoding refuses it.
//
// encoding/json quietly turns invalid UTF-8 into U+FFFD, so each string is
// checked in the bytes it was read from as well as decoded.
func (b badFields) checkJSON(body []byte) {
	valid := utf8.Valid(body)
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var path jsonPath
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return
		}
		s, isString := tok.(string)
		if !isString {
			path.step(tok)
			continue
		}
		field := path.string(s)
		if !valid && !utf8.Valid(body[start:dec.InputOffset()]) {
			b.check(field, "\xff")
		}
		b.check(field, s)
	}
}

// jsonPath follows where a json.Decoder is in a document.
type jsonPath struct {
	frames []jsonFrame
}

type jsonFrame struct {
	object  bool
	key     string // the current key of an object, fit to be shown
	wantKey bool   // an object's next string is a key
	index   int    // the current index of an array
}

// step follows a token that is not a string.
func (p *jsonPath) step(tok json.Token) {
	switch tok {
	case json.Delim('{'), json.Delim('['):
		p.value()
		p.frames = append(p.frames, jsonFrame{object: tok == json.Delim('{'), wantKey: true, index: -1})
	case json.Delim('}'), json.Delim(']'):
		p.frames = p.frames[:len(p.frames)-1]
	default:
		p.value()
	}
}

// string follows a string token and returns the path it names: its own
// when it is a key, the current one when it is a value.
func (p *jsonPath) string(s string) string {
	if n := len(p.frames); n > 0 && p.frames[n-1].object && p.frames[n-1].wantKey {
		top := &p.frames[n-1]
		top.key, top.wantKey = printable(s), false
		return p.format()
	}
	p.value()
	return p.format()
}

// value notes that a value starts at the current position.
func (p *jsonPath) value() {
	n := len(p.frames)
	if n == 0 {
		return
	}
	top := &p.frames[n-1]
	if top.object {
		top.wantKey = true
	} else {
		top.index++
	}
}

func (p *jsonPath) format() string {
	var sb strings.Builder
	for _, f := range p.frames {
		switch {
		case !f.object:
			fmt.Fprintf(&sb, "[%d]", f.index)
		case f.key != "":
			if sb.Len() > 0 {
				sb.WriteByte('.')
			}
			sb.WriteString(f.key)
		}
	}
	if sb.Len() == 0 {
		return "body"
	}
	return sb.String()
}
