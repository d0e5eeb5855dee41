package handbook

import (
	"embed"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// The fixed texts of the documents (headings, column names, how the
// platform works) in the six OSCE languages, one YAML file each, so a
// translator edits a file and not Go code. The scenario's own texts come
// from its translations, not from here.
//
//go:embed texts/*.yaml
var textFiles embed.FS

// Languages are the languages of the fixed texts: the six official OSCE
// languages.
var Languages = []string{"en", "fr", "de", "it", "ru", "es"}

// catalogue holds every language's texts, read once at start.
var catalogue = mustLoad()

func mustLoad() map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, lang := range Languages {
		b, err := textFiles.ReadFile("texts/" + lang + ".yaml")
		if err != nil {
			panic(err)
		}
		m := map[string]string{}
		if err := yaml.Unmarshal(b, &m); err != nil {
			panic(fmt.Sprintf("handbook texts %s: %v", lang, err))
		}
		out[lang] = m
	}
	return out
}

// texts are the fixed texts of one language, English where a text is
// missing (a test keeps the files complete).
type texts struct{ lang string }

// T is the text under key with each {name} replaced by the value after it
// in args: T("minutes", "n", "15").
func (x texts) T(key string, args ...string) string {
	s, ok := catalogue[x.lang][key]
	if !ok {
		s = catalogue["en"][key]
	}
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{"+args[i]+"}", args[i+1])
	}
	return s
}

func textsIn(lang string) texts {
	if _, ok := catalogue[lang]; !ok {
		lang = "en"
	}
	return texts{lang: lang}
}
