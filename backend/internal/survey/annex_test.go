package survey

import (
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/document"
)

func TestAnnexInEveryLanguage(t *testing.T) {
	qs := Defaults()
	one := []Response{{Answers: map[string]Answer{}}}
	sum := Summarise(qs, one, "en", []string{"8"})
	for _, lang := range Languages {
		l := labelsIn(lang)
		for name, v := range map[string]string{"annexTitle": l.AnnexTitle, "answers": l.Answers, "median": l.Median, "before": l.Before, "after": l.After} {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: label %s is empty", lang, name)
			}
		}
		if !strings.Contains(l.Responses, "%d") || !strings.Contains(l.Written, "%d") || !strings.Contains(l.CBM, "%s") {
			t.Errorf("%s: a counted label lacks its number: %+v", lang, l)
		}
		text := document.Doc{Blocks: sum.Annex(lang)}.PlainText()
		if !strings.Contains(text, l.AnnexTitle) || strings.Contains(text, "%!") {
			t.Errorf("%s annex:\n%s", lang, text)
		}
	}
}
