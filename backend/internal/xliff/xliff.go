// Package xliff hands the texts of a scenario to professional translators
// as XLIFF 2.0 (OASIS), the exchange format of their CAT tools, and takes
// their work back into a scenario.Translation.
//
// One file holds one scenario and one target language: an <xliff> with a
// <file> whose id is the scenario id, and a <unit> per text of the
// scenario, its id the text's stable key (see scenario.Text). A unit has
// one <segment> with the <source> text and, when the text is translated,
// its <target>:
//
//	<unit id="injects.power-cut.title">
//	  <segment state="translated">
//	    <source xml:space="preserve">Power cut in the capital</source>
//	    <target xml:space="preserve">Отключение электроэнергии в столице</target>
//	  </segment>
//	</unit>
//
// A text whose source changed since it was translated goes out with its
// old target, state="initial", subState="cbmex:stale" and a note saying
// so; texts rendered as Markdown carry a note asking to keep the markup.
//
// Import records, for every target, the fingerprint of the <source> the
// file carries: when the scenario changed while the file was with the
// translator, or the translator edited a source, the text comes back
// stale and Translation.Check says so.
package xliff

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

const (
	// Namespace is the namespace of XLIFF 2.0 core elements.
	Namespace = "urn:oasis:names:tc:xliff:document:2.0"
	// Version is the only XLIFF version Import reads.
	Version = "2.0"
	// MaxFileSize caps what Import reads: an XLIFF file repeats every text
	// of a scenario at most twice, with markup around it.
	MaxFileSize = scenario.MaxFileSize * 4

	// StaleSubState marks a segment whose target was translated from an
	// older source text.
	StaleSubState = "cbmex:stale"

	noteCategoryCbmex  = "cbmex"
	noteCategoryFormat = "format"
	staleNote          = "The source text changed since this was translated; check the translation."
	markdownNote       = "Markdown: keep the markup"
)

const (
	xliff12Namespace = "urn:oasis:names:tc:xliff:document:1.2"
	xmlNamespace     = "http://www.w3.org/XML/1998/namespace"
)

// nmtokenRe matches the ids cbmex writes: scenario ids and text keys are
// XML NMTOKENs made of these characters.
var nmtokenRe = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// Segment states of XLIFF 2.0.
const (
	stateInitial    = "initial"
	stateTranslated = "translated"
	stateReviewed   = "reviewed"
	stateFinal      = "final"
)

// Export writes the texts of s as an XLIFF 2.0 document for translation
// into lang, with the targets tr already has. tr may be nil: nothing is
// translated yet.
func Export(s *scenario.Scenario, tr *scenario.Translation, lang string) ([]byte, error) {
	src := s.SourceLanguage()
	switch {
	case !slices.Contains(scenario.Languages, lang):
		return nil, fmt.Errorf("cannot export %s for translation into %q: the languages are %s",
			s.ID, lang, strings.Join(scenario.Languages, ", "))
	case lang == src:
		return nil, fmt.Errorf("cannot export %s for translation into %s: it is written in %s", s.ID, lang, src)
	case !nmtokenRe.MatchString(s.ID):
		return nil, fmt.Errorf("cannot export the scenario %q: its id is not an XML name token", s.ID)
	case tr != nil && tr.Scenario != s.ID:
		return nil, fmt.Errorf("cannot export %s with a translation of the scenario %q", s.ID, tr.Scenario)
	case tr != nil && tr.Language != lang:
		return nil, fmt.Errorf("cannot export %s for translation into %s with the %s translation", s.ID, lang, tr.Language)
	}

	var b bytes.Buffer
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, "<xliff xmlns=%q version=%q srcLang=\"%s\" trgLang=\"%s\">\n", Namespace, Version, attr(src), attr(lang))
	fmt.Fprintf(&b, "  <file id=\"%s\" original=\"%s\">\n", attr(s.ID), attr(s.ID+".yaml"))
	for _, t := range s.Texts() {
		if !nmtokenRe.MatchString(t.Key) {
			return nil, fmt.Errorf("cannot export the text %q of %s: its key is not an XML name token", t.Key, s.ID)
		}
		state, target := scenario.StateMissing, ""
		if tr != nil {
			state = tr.State(t.Key, t.Value)
			target = tr.Entries[t.Key].Text
		}
		fmt.Fprintf(&b, "    <unit id=\"%s\">\n", attr(t.Key))
		if state == scenario.StateStale || t.Markdown {
			b.WriteString("      <notes>\n")
			if state == scenario.StateStale {
				fmt.Fprintf(&b, "        <note category=%q>%s</note>\n", noteCategoryCbmex, staleNote)
			}
			if t.Markdown {
				fmt.Fprintf(&b, "        <note category=%q>%s</note>\n", noteCategoryFormat, markdownNote)
			}
			b.WriteString("      </notes>\n")
		}
		switch state {
		case scenario.StateDone:
			b.WriteString("      <segment state=\"translated\">\n")
		case scenario.StateStale:
			fmt.Fprintf(&b, "      <segment state=\"initial\" subState=%q>\n", StaleSubState)
		default:
			b.WriteString("      <segment state=\"initial\">\n")
		}
		b.WriteString("        <source xml:space=\"preserve\">")
		if err := writeText(&b, t.Value); err != nil {
			return nil, fmt.Errorf("cannot export the text %s of %s: %w", t.Key, s.ID, err)
		}
		b.WriteString("</source>\n")
		if state != scenario.StateMissing {
			b.WriteString("        <target xml:space=\"preserve\">")
			if err := writeText(&b, target); err != nil {
				return nil, fmt.Errorf("cannot export the %s translation of %s of %s: %w", lang, t.Key, s.ID, err)
			}
			b.WriteString("</target>\n")
		}
		b.WriteString("      </segment>\n")
		b.WriteString("    </unit>\n")
	}
	b.WriteString("  </file>\n")
	b.WriteString("</xliff>\n")
	return b.Bytes(), nil
}

// attr escapes an attribute value written between double quotes.
func attr(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
	return b.String()
}

// writeText escapes the content of a <source> or <target> so that an XML
// reader gets the very same string back: line feeds and tabs stay as they
// are (the element has xml:space="preserve"), a carriage return becomes a
// character reference (readers would turn a literal one into a line
// feed), and a character XML cannot carry becomes an XLIFF <cp/>.
func writeText(b *bytes.Buffer, s string) error {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return fmt.Errorf("it is not valid UTF-8 at byte %d", i)
		}
		i += size
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\r':
			b.WriteString("&#xD;")
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case !xmlChar(r):
			fmt.Fprintf(b, `<cp hex="%04X"/>`, r)
		default:
			b.WriteRune(r)
		}
	}
	return nil
}

// xmlChar tells whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// Problem is a unit of an imported file that could not be used, or was
// used with a loss the translator should know about.
type Problem struct {
	// Line and Col locate the <unit> element (Col counts characters from 1).
	Line, Col int
	// Unit is the id of the unit, "" when it has none.
	Unit    string
	Message string
}

func (p Problem) String() string {
	return fmt.Sprintf("%d:%d: %s", p.Line, p.Col, p.Message)
}

// Error is a file that Import cannot read at all: not XML, not XLIFF 2.0,
// or not for this scenario and a language cbmex has.
type Error struct {
	// Line and Col locate the error; both are 0 when it concerns the whole
	// file (its size, its encoding).
	Line, Col int
	Message   string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return e.Message
	}
	return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Message)
}

// Import reads an XLIFF 2.0 file of the scenario s and returns a new
// translation: base (nil for none) with every usable unit of the file
// applied. base is left as it is. Each target is recorded as the
// translation of the <source> the file carries for it, so a text whose
// source differs from the scenario's comes back stale.
//
// Units that cannot be used are skipped and reported as problems; a unit
// without any <target> is not translated yet and skipped silently. A file
// that cannot be read at all (not XML, not XLIFF 2.0, not for s, no target
// language cbmex knows) gives an *Error.
func Import(data []byte, s *scenario.Scenario, base *scenario.Translation) (*scenario.Translation, []Problem, error) {
	if len(data) > MaxFileSize {
		return nil, nil, &Error{Message: fmt.Sprintf("the file is %d bytes long; an XLIFF file for cbmex may be at most %d bytes (%d MiB)",
			len(data), MaxFileSize, MaxFileSize>>20)}
	}
	data, utf16In, err := toUTF8(data)
	if err != nil {
		return nil, nil, err
	}
	im := &importer{
		data: data,
		s:    s,
		base: base,
		seen: map[string]position{},
		probs: &scenario.Collector[Problem]{
			Compare: func(a, b Problem) int { return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col)) },
			More: func(first Problem, n int) Problem {
				first.Unit = ""
				first.Message = fmt.Sprintf("… and %d more problems from here on; fix the ones above first", n)
				return first
			},
		},
	}
	im.known = map[string]bool{}
	for _, t := range s.Texts() {
		im.keys = append(im.keys, t.Key)
		im.known[t.Key] = true
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		switch l := strings.ToLower(label); {
		case utf16In && strings.HasPrefix(l, "utf-16"):
			return in, nil // already converted to UTF-8
		case l == "utf8" || l == "us-ascii" || l == "ascii":
			return in, nil // UTF-8, or a part of it
		}
		im.encoding = label
		return nil, errors.New("unsupported encoding")
	}
	im.d = d
	if err := im.document(); err != nil {
		return nil, nil, err
	}
	return im.tr, im.probs.List(), nil
}

// toUTF8 converts a file that starts with a UTF-16 byte-order mark to
// UTF-8 (Windows tools write such files) and drops a UTF-8 byte-order mark.
func toUTF8(data []byte) ([]byte, bool, error) {
	var be bool
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], false, nil
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		be = true
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
	default:
		return data, false, nil
	}
	data = data[2:]
	if len(data)%2 != 0 {
		return nil, false, &Error{Message: "the file says it is UTF-16 but has an odd number of bytes; save it again as UTF-8"}
	}
	u := make([]uint16, len(data)/2)
	for i := range u {
		if be {
			u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	return []byte(string(utf16.Decode(u))), true, nil
}

type position struct{ line, col int }

type importer struct {
	data     []byte
	d        *xml.Decoder
	s        *scenario.Scenario
	base     *scenario.Translation
	tr       *scenario.Translation
	keys     []string
	known    map[string]bool
	seen     map[string]position // unit ids already read
	probs    *scenario.Collector[Problem]
	encoding string // an encoding the file declares that cbmex cannot read
}

// pos is where the next token starts, the column counted in characters.
func (im *importer) pos() position {
	line, col := im.d.InputPos()
	off := int(im.d.InputOffset())
	start := max(off-(col-1), 0)
	if off > len(im.data) || start > off {
		return position{line, col}
	}
	return position{line, utf8.RuneCount(im.data[start:off]) + 1}
}

func (im *importer) errorf(p position, format string, args ...any) error {
	return &Error{Line: p.line, Col: p.col, Message: fmt.Sprintf(format, args...)}
}

// skip reads past the end of the element just started.
func (im *importer) skip() error {
	if err := im.d.Skip(); err != nil {
		return im.tokenError(err)
	}
	return nil
}

// refuse rejects a DOCTYPE or other declaration: XLIFF has none, and a
// DOCTYPE can define entities.
func (im *importer) refuse(p position, dir xml.Directive) error {
	word, _, _ := strings.Cut(strings.TrimSpace(string(dir)), " ")
	if strings.EqualFold(word, "DOCTYPE") {
		return im.errorf(p, "the file has a <!DOCTYPE> declaration; XLIFF 2.0 files have none, and cbmex does not read files that declare one")
	}
	return im.errorf(p, "the file has a <!%s> declaration; XLIFF 2.0 files have none", word)
}

func attrValue(e xml.StartElement, name string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Space == "" && a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// core tells whether e is the XLIFF 2.0 core element with the name.
func core(e xml.StartElement, name string) bool {
	return e.Name.Space == Namespace && e.Name.Local == name
}

// document reads the file up to the end of its root element.
func (im *importer) document() error {
	for {
		p := im.pos()
		tok, err := im.d.Token()
		if errors.Is(err, io.EOF) {
			return im.errorf(p, "the file has no XML element: it is empty or not an XLIFF file")
		}
		if err != nil {
			return im.tokenError(err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return im.refuse(p, t)
		case xml.CharData:
			if i := firstNonSpace(t); i >= 0 {
				return im.errorf(advance(p, t[:i]), "the file starts with text, not with an XML element; is it an XLIFF file?")
			}
		case xml.StartElement:
			if err := im.root(p, t); err != nil {
				return err
			}
			return im.rest()
		}
	}
}

// rest reads what follows the root element: comments and processing
// instructions only.
func (im *importer) rest() error {
	for {
		p := im.pos()
		tok, err := im.d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return im.tokenError(err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return im.refuse(p, t)
		case xml.CharData:
			if i := firstNonSpace(t); i >= 0 {
				return im.errorf(advance(p, t[:i]), "there is text after the end of the <xliff> element; the file may have been pasted together")
			}
		case xml.StartElement:
			return im.errorf(p, "there is a <%s> after the end of the <xliff> element; the file may have been pasted together", t.Name.Local)
		}
	}
}

// firstNonSpace is the index of the first byte of text that is not XML
// white space, or -1.
func firstNonSpace(text []byte) int {
	return bytes.IndexFunc(text, func(r rune) bool { return !strings.ContainsRune(" \t\r\n", r) })
}

// advance is the position after text, which starts at p.
func advance(p position, text []byte) position {
	if i := bytes.LastIndexByte(text, '\n'); i >= 0 {
		return position{p.line + bytes.Count(text, []byte{'\n'}), utf8.RuneCount(text[i+1:]) + 1}
	}
	return position{p.line, p.col + utf8.RuneCount(text)}
}

// tokenError turns an error of the decoder into an *Error.
func (im *importer) tokenError(err error) error {
	p := im.pos()
	var se *xml.SyntaxError
	switch {
	case strings.HasPrefix(strings.ToLower(im.encoding), "utf-16"):
		return im.errorf(p, "the file says it is encoded in %s but does not start with a UTF-16 byte-order mark; save it as UTF-8", im.encoding)
	case im.encoding != "":
		return im.errorf(p, "the file is encoded in %s; cbmex reads XLIFF files in UTF-8 (or UTF-16): save it as UTF-8", im.encoding)
	case errors.Is(err, io.EOF):
		return im.errorf(p, "the file ends before its XLIFF document does; it may have been cut short")
	case errors.As(err, &se):
		return im.errorf(p, "this is not well-formed XML: %s", se.Msg)
	}
	return im.errorf(p, "this is not well-formed XML: %v", err)
}

// root checks the <xliff> element and reads its <file>.
func (im *importer) root(p position, e xml.StartElement) error {
	version, _ := attrValue(e, "version")
	switch {
	case e.Name.Local != "xliff":
		return im.errorf(p, "this is not an XLIFF file: its document is <%s>, not <xliff>", e.Name.Local)
	case e.Name.Space == xliff12Namespace || strings.HasPrefix(version, "1."):
		return im.errorf(p, "this is an XLIFF %s file; cbmex reads XLIFF 2.0: export the file as XLIFF 2.0 from your CAT tool", cmp.Or(version, "1.2"))
	case e.Name.Space != Namespace:
		return im.errorf(p, "the <xliff> element is not in the XLIFF 2.0 namespace: it should have xmlns=%q, not %q", Namespace, e.Name.Space)
	case version == "":
		return im.errorf(p, "the <xliff> element has no version; XLIFF 2.0 files have version=\"2.0\"")
	case version != Version:
		return im.errorf(p, "this is an XLIFF %s file; cbmex reads XLIFF 2.0 (version=\"2.0\"): save the file as XLIFF 2.0", version)
	}
	srcLang, _ := attrValue(e, "srcLang")
	src := im.s.SourceLanguage()
	switch {
	case srcLang == "":
		return im.errorf(p, "the <xliff> element has no srcLang; this scenario is written in %s, so it should say srcLang=%q", src, src)
	case primary(srcLang) != src:
		return im.errorf(p, "the file translates from %s (srcLang=%q), but the scenario %s is written in %s", srcLang, srcLang, im.s.ID, src)
	}
	trgLang, _ := attrValue(e, "trgLang")
	lang := primary(trgLang)
	switch {
	case trgLang == "":
		return im.errorf(p, "the <xliff> element has no trgLang, so cbmex cannot tell the language of the translation; export the file again from cbmex")
	case lang == src:
		return im.errorf(p, "the target language (trgLang=%q) is the language the scenario is written in; a translation must be into another language", trgLang)
	case !slices.Contains(scenario.Languages, lang):
		return im.errorf(p, "the target language %q is not one cbmex has; the languages are %s", trgLang, strings.Join(scenario.Languages, ", "))
	case im.base != nil && im.base.Language != lang:
		return im.errorf(p, "the file is a translation into %s (trgLang=%q), but it is being imported into the %s translation", lang, trgLang, im.base.Language)
	case im.base != nil && im.base.Scenario != im.s.ID:
		return im.errorf(p, "the translation to update is of the scenario %q, not of %q", im.base.Scenario, im.s.ID)
	}
	im.tr = copyTranslation(im.s, im.base, lang)

	files := 0
	for {
		fp := im.pos()
		tok, err := im.d.Token()
		if err != nil {
			return im.tokenError(err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return im.refuse(fp, t)
		case xml.StartElement:
			if !core(t, "file") {
				if err := im.skip(); err != nil {
					return err
				}
				continue
			}
			if files++; files > 1 {
				return im.errorf(fp, "the file holds more than one <file>; cbmex expects one, for the scenario %s", im.s.ID)
			}
			if err := im.file(fp, t); err != nil {
				return err
			}
		case xml.EndElement:
			if files == 0 {
				return im.errorf(p, "the <xliff> element has no <file>; cbmex expects one, with id=%q", im.s.ID)
			}
			return nil
		}
	}
}

// primary is the language of a BCP 47 tag: "ru" for "ru-RU" (CAT tools
// often add a region).
func primary(tag string) string {
	tag, _, _ = strings.Cut(tag, "-")
	tag, _, _ = strings.Cut(tag, "_")
	return strings.ToLower(strings.TrimSpace(tag))
}

// copyTranslation starts the translation Import returns: a copy of base
// (left as it is), or an empty one.
func copyTranslation(s *scenario.Scenario, base *scenario.Translation, lang string) *scenario.Translation {
	if base == nil {
		return scenario.NewTranslation(s, lang)
	}
	return base.Clone()
}

// file checks the <file> element and reads its units, in groups or not.
func (im *importer) file(p position, e xml.StartElement) error {
	id, ok := attrValue(e, "id")
	switch {
	case !ok || id == "":
		return im.errorf(p, "the <file> element has no id; cbmex writes the scenario id there (id=%q)", im.s.ID)
	case id != im.s.ID:
		return im.errorf(p, "this XLIFF file is for the scenario %q, not for %q", id, im.s.ID)
	}
	depth := 0 // of <group> elements
	for {
		up := im.pos()
		tok, err := im.d.Token()
		if err != nil {
			return im.tokenError(err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return im.refuse(up, t)
		case xml.StartElement:
			switch {
			case core(t, "group"):
				depth++
			case core(t, "unit"):
				if err := im.unit(up, t); err != nil {
					return err
				}
			default:
				if err := im.skip(); err != nil {
					return err
				}
			}
		case xml.EndElement:
			if depth == 0 {
				return nil
			}
			depth--
		}
	}
}

// part is a <segment> or an <ignorable> of a unit.
type part struct {
	segment   bool
	source    string
	target    string
	hasTarget bool
	order     string // the order attribute of the target
	state     string
	subState  string
	markup    []string // inline elements of the target
	badCP     string
}

// unit reads a <unit> and applies it to the translation, or reports why
// it cannot.
func (im *importer) unit(p position, e xml.StartElement) error {
	id, _ := attrValue(e, "id")
	var parts []part
	for {
		tok, err := im.d.Token()
		if err != nil {
			return im.tokenError(err)
		}
		if _, end := tok.(xml.EndElement); end {
			break
		}
		if d, ok := tok.(xml.Directive); ok {
			return im.refuse(im.pos(), d)
		}
		t, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !core(t, "segment") && !core(t, "ignorable") {
			if err := im.skip(); err != nil {
				return err
			}
			continue
		}
		pt, err := im.part(t)
		if err != nil {
			return err
		}
		parts = append(parts, pt)
	}
	im.apply(p, id, parts)
	return nil
}

// part reads a <segment> or <ignorable>.
func (im *importer) part(e xml.StartElement) (part, error) {
	pt := part{segment: e.Name.Local == "segment"}
	pt.state, _ = attrValue(e, "state")
	pt.subState, _ = attrValue(e, "subState")
	for {
		tok, err := im.d.Token()
		if err != nil {
			return pt, im.tokenError(err)
		}
		if _, end := tok.(xml.EndElement); end {
			return pt, nil
		}
		if d, ok := tok.(xml.Directive); ok {
			return pt, im.refuse(im.pos(), d)
		}
		t, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch {
		case core(t, "source"):
			text, _, _, err := im.content()
			if err != nil {
				return pt, err
			}
			pt.source += text
		case core(t, "target"):
			text, markup, badCP, err := im.content()
			if err != nil {
				return pt, err
			}
			pt.target, pt.hasTarget, pt.markup, pt.badCP = text, true, markup, badCP
			pt.order, _ = attrValue(t, "order")
		default:
			if err := im.skip(); err != nil {
				return pt, err
			}
		}
	}
}

// content reads the text of a <source> or <target>: its character data,
// with <cp/> turned into the character it stands for and the text inside
// any other inline element kept. It returns the names of those other
// elements, and the hex of a <cp/> that is no character.
func (im *importer) content() (text string, markup []string, badCP string, err error) {
	var b strings.Builder
	depth := 0
	for {
		tok, err := im.d.Token()
		if err != nil {
			return "", nil, "", im.tokenError(err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.Directive:
			return "", nil, "", im.refuse(im.pos(), t)
		case xml.StartElement:
			depth++
			if core(t, "cp") {
				hex, _ := attrValue(t, "hex")
				n, perr := strconv.ParseUint(hex, 16, 32)
				if perr != nil || !utf8.ValidRune(rune(n)) {
					badCP = hex
				} else {
					b.WriteRune(rune(n))
				}
				continue
			}
			name := "<" + t.Name.Local + ">"
			if !slices.Contains(markup, name) {
				markup = append(markup, name)
			}
		case xml.EndElement:
			if depth == 0 {
				return b.String(), markup, badCP, nil
			}
			depth--
		}
	}
}

func (im *importer) problem(p position, id, format string, args ...any) {
	im.probs.Add(Problem{Line: p.line, Col: p.col, Unit: id, Message: fmt.Sprintf(format, args...)})
}

// apply records the translation a unit carries, if it can be used.
func (im *importer) apply(p position, id string, parts []part) {
	if id == "" {
		im.problem(p, id, "a <unit> has no id, so cbmex cannot tell which text it translates; it is skipped")
		return
	}
	id = short(id)
	if first, dup := im.seen[id]; dup {
		im.problem(p, id, "the unit %q appears twice (first at %d:%d); this one is skipped", id, first.line, first.col)
		return
	}
	im.seen[id] = p
	if !im.known[id] {
		hint := ""
		if im.probs.Len() < scenario.MaxProblems { // past that, nobody reads it
			hint = scenario.DidYouMean(id, im.keys)
		}
		im.problem(p, id, "the scenario has no text %q; the unit is skipped%s", id, hint)
		return
	}

	segments, translated, confirmed, stale := 0, 0, false, false
	for _, pt := range parts {
		if !pt.segment {
			continue
		}
		segments++
		if pt.hasTarget {
			translated++
		}
		switch pt.state {
		case stateTranslated, stateReviewed, stateFinal:
			confirmed = true
		case "", stateInitial:
			stale = stale || pt.subState == StaleSubState
		}
	}
	if segments == 0 {
		im.problem(p, id, "the unit %q has no <segment>; it is skipped", id)
		return
	}
	if translated == 0 {
		return // not translated yet
	}
	if translated < segments {
		n := 0
		for _, pt := range parts {
			if pt.segment {
				n++
				if !pt.hasTarget {
					break
				}
			}
		}
		im.problem(p, id, "the unit %q is only partly translated: segment %d of %d has no <target>; it is skipped", id, n, segments)
		return
	}

	// Each target goes where its order says (by default, the place of its
	// segment or ignorable); an ignorable without a target stands for
	// itself.
	slots := make([]*string, len(parts))
	place := func(i int, order string, text *string) bool {
		at := i
		if order != "" {
			n, err := strconv.Atoi(order)
			if err != nil || n < 1 || n > len(parts) {
				im.problem(p, id, "a <target> of the unit %q has order=%q; it should be a number from 1 to %d; the unit is skipped", id, order, len(parts))
				return false
			}
			at = n - 1
		}
		if slots[at] != nil {
			im.problem(p, id, "two targets of the unit %q take place %d (order); the unit is skipped", id, at+1)
			return false
		}
		slots[at] = text
		return true
	}
	var source strings.Builder
	var markup []string
	for i := range parts {
		pt := &parts[i]
		source.WriteString(pt.source)
		if pt.badCP != "" {
			im.problem(p, id, "the target of the unit %q has <cp hex=%q/>, which is no Unicode character; the unit is skipped", id, pt.badCP)
			return
		}
		for _, m := range pt.markup {
			if !slices.Contains(markup, m) {
				markup = append(markup, m)
			}
		}
		if pt.hasTarget && !place(i, pt.order, &pt.target) {
			return
		}
	}
	for i := range parts {
		pt := &parts[i]
		if !pt.segment && !pt.hasTarget && !place(i, "", &pt.source) {
			return
		}
	}
	var target strings.Builder
	for i, sl := range slots {
		if sl == nil {
			im.problem(p, id, "the order attributes of the targets of the unit %q leave place %d empty; the unit is skipped", id, i+1)
			return
		}
		target.WriteString(*sl)
	}
	text := target.String()

	switch {
	case strings.TrimSpace(text) == "":
		if confirmed {
			im.problem(p, id, "the unit %q is marked translated, but its target is empty; it is skipped", id)
		}
		return
	case utf8.RuneCountInString(text) > scenario.MaxLongTextLen:
		im.problem(p, id, "the target of the unit %q is too long: %d characters, at most %d; it is skipped",
			id, utf8.RuneCountInString(text), scenario.MaxLongTextLen)
		return
	}
	if !confirmed && stale {
		// Exported as stale and not confirmed since: unchanged, it stays
		// stale; edited, it is the translator's new work.
		old, ok := im.tr.Entries[id]
		if ok && old.Text == text {
			return
		}
		if !ok {
			im.problem(p, id, "the unit %q is still marked stale (subState=%q, state=%q) and cbmex has no earlier translation of it to compare with; check it against the source and mark it translated to import it",
				id, StaleSubState, stateInitial)
			return
		}
	}
	if len(markup) > 0 {
		im.problem(p, id, "the target of the unit %q contains inline markup (%s) that cbmex cannot store; its text was imported without the markup: check it",
			id, strings.Join(markup, ", "))
	}
	im.tr.Set(id, source.String(), text)
}

// short cuts an id for a message: a unit id that long is no text key.
func short(id string) string {
	if utf8.RuneCountInString(id) <= 200 {
		return id
	}
	return string([]rune(id)[:200]) + "…"
}
