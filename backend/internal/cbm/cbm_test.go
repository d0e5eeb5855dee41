package cbm

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadEmbedded(t *testing.T) {
	set, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	osce := set.Default()
	if osce == nil || osce.ID != DefaultID {
		t.Fatalf("default catalogue = %+v", osce)
	}
	if got := len(osce.Items); got != 16 {
		t.Fatalf("OSCE catalogue has %d items, want 16", got)
	}
	for i, it := range osce.Items {
		wantDecision := "PC.DEC/1106"
		wantDate := "2013-12-03"
		if i >= 11 {
			wantDecision, wantDate = "PC.DEC/1202", "2016-03-10"
		}
		if it.Decision != wantDecision || it.Adopted != wantDate {
			t.Errorf("CBM %s: decision %s of %s, want %s of %s", it.Key, it.Decision, it.Adopted, wantDecision, wantDate)
		}
	}
	it, ok := osce.Item("8")
	if !ok || !strings.Contains(strings.ToLower(it.Title), "points of contact") {
		t.Fatalf("CBM 8 = %+v, %v", it, ok)
	}
	if got := it.Citation(osce); got != "PC.DEC/1106, CBM 8" {
		t.Errorf("citation = %q", got)
	}
	if _, ok := osce.Item("17"); ok {
		t.Error("CBM 17 should not exist")
	}
}

// The second catalogue proves that a catalogue is added by dropping a file.
func TestSecondCatalogue(t *testing.T) {
	set, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	gge, ok := set.Catalogue("un-gge-2015-norms")
	if !ok {
		t.Fatalf("catalogues: %v", set.IDs())
	}
	if got := strings.Join(gge.Keys(), ""); got != "abcdefghijk" {
		t.Errorf("GGE keys = %q", got)
	}
	if _, ok := gge.Item("j"); !ok {
		t.Error("norm j missing")
	}
	if _, ok := set.Catalogue("nope"); ok {
		t.Error("unknown catalogue found")
	}
}

const validItem = `
  - key: "1"
    title: T
    summary: S
    decision: D
    adopted: "2020-01-01"
    guidance: G
`

func TestLoadFSRejectsBrokenCatalogues(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"duplicate item key", map[string]string{
			"a.yaml": "id: osce-ict-cbms\ntitle: A\nsource: S\nitems:" + validItem + validItem,
		}, `item key "1" appears twice`},
		{"duplicate catalogue id", map[string]string{
			"a.yaml": "id: osce-ict-cbms\ntitle: A\nsource: S\nitems:" + validItem,
			"b.yaml": "id: osce-ict-cbms\ntitle: B\nsource: S\nitems:" + validItem,
		}, `is used by another catalogue file`},
		{"missing default", map[string]string{
			"a.yaml": "id: other\ntitle: A\nsource: S\nitems:" + validItem,
		}, `default catalogue "osce-ict-cbms" is missing`},
		{"unknown field", map[string]string{
			"a.yaml": "id: osce-ict-cbms\ntitel: A\nsource: S\nitems:" + validItem,
		}, `field titel not found`},
		{"bad date", map[string]string{
			"a.yaml": "id: osce-ict-cbms\ntitle: A\nsource: S\nitems:" + strings.Replace(validItem, "2020-01-01", "1 Jan", 1),
		}, `not a YYYY-MM-DD date`},
		{"empty guidance", map[string]string{
			"a.yaml": "id: osce-ict-cbms\ntitle: A\nsource: S\nitems:" + strings.Replace(validItem, "guidance: G", "guidance: ''", 1),
		}, `has no guidance`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, body := range tc.files {
				fsys[name] = &fstest.MapFile{Data: []byte(body)}
			}
			_, err := LoadFS(fsys)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestSortKeys(t *testing.T) {
	keys := []string{"15", "b", "2", "10", "a", "8"}
	SortKeys(keys)
	if got := strings.Join(keys, " "); got != "2 8 10 15 a b" {
		t.Errorf("sorted = %q", got)
	}
}

// Translation files sit next to the catalogues; they must not be loaded as
// catalogues of their own.
func TestTranslationFilesAreNotCatalogues(t *testing.T) {
	set, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(set.IDs(), " "); got != "osce-ict-cbms un-gge-2015-norms" {
		t.Errorf("catalogue ids = %q", got)
	}
}

// identicalByNature lists texts that may stay the same as the English ones in
// a translation (acronyms, proper names); key "lang/catalogue/item/field".
// Nothing needs it at present.
var identicalByNature = map[string]bool{}

func TestTranslationsAreComplete(t *testing.T) {
	set, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range set.IDs() {
		en, _ := set.Catalogue(id)
		if got, want := strings.Join(en.Languages(), " "), "en fr de it ru es"; got != want {
			t.Errorf("%s: languages = %q, want %q", id, got, want)
		}
		for _, lang := range OfficialLanguages()[1:] {
			tr := en.In(lang)
			if tr == en || tr.Language != lang || tr.ID != id {
				t.Fatalf("%s.In(%q) = %p (language %q, id %q), English is %p", id, lang, tr, tr.Language, tr.ID, en)
			}
			if tr.Title == en.Title || tr.Source == en.Source {
				t.Errorf("%s/%s: catalogue title or source not translated", lang, id)
			}
			if len(tr.Items) != len(en.Items) {
				t.Fatalf("%s/%s: %d items, English has %d", lang, id, len(tr.Items), len(en.Items))
			}
			for i, e := range en.Items {
				it := tr.Items[i]
				if it.Key != e.Key || it.Decision != e.Decision || it.Adopted != e.Adopted {
					t.Errorf("%s/%s/%s: key, decision or date differ from English: %+v", lang, id, e.Key, it)
				}
				for _, f := range []struct{ name, got, en string }{
					{"title", it.Title, e.Title}, {"summary", it.Summary, e.Summary}, {"guidance", it.Guidance, e.Guidance},
				} {
					key := lang + "/" + id + "/" + e.Key + "/" + f.name
					switch {
					case strings.TrimSpace(f.got) == "":
						t.Errorf("%s is empty", key)
					case f.got == f.en && !identicalByNature[key]:
						t.Errorf("%s is the English text %q", key, f.got)
					}
				}
				if byKey, ok := tr.Item(e.Key); !ok || byKey != &tr.Items[i] {
					t.Errorf("%s/%s: Item(%q) does not return the translated item", lang, id, e.Key)
				}
			}
		}
	}
}

// The measures are voluntary and politically, not legally, binding: no
// translation may present them as obligations.
func TestTranslationsDoNotSpeakOfObligations(t *testing.T) {
	set, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	forbidden := map[string][]string{
		"fr": {"obligation", "obligatoire", "doit ", "doivent"},
		"de": {"verpflicht", "müssen", "muss "},
		"it": {"obblig", " deve ", "devono"},
		"ru": {"обязательств", "обязан", "обязательн"},
		"es": {"obligaci", "obligatori", "tienen que"},
	}
	for _, id := range set.IDs() {
		en, _ := set.Catalogue(id)
		for lang, words := range forbidden {
			tr := en.In(lang)
			for _, it := range tr.Items {
				text := strings.ToLower(it.Title + " " + it.Summary + " " + it.Guidance)
				for _, w := range words {
					if strings.Contains(text, w) {
						t.Errorf("%s/%s/%s uses %q: %s", lang, id, it.Key, w, text)
					}
				}
			}
		}
	}
}

func TestOfficialTermsInTitles(t *testing.T) {
	set, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	osce := set.Default()
	ru := osce.In("ru")
	it, ok := ru.Item("8")
	if !ok || !strings.Contains(strings.ToLower(it.Title), "точк") {
		t.Fatalf("ru CBM 8 = %+v, %v", it, ok)
	}
	if got := it.Citation(ru); got != "PC.DEC/1106, CBM 8" {
		t.Errorf("citation of the Russian copy = %q", got)
	}
	want := map[string]map[string]string{ // lang → key → a term the title must contain
		"ru": {"3": "неверного восприятия", "8": "Точки контакта", "10": "Коммуникационная сеть ОБСЕ"},
		"fr": {"3": "perception erronée", "8": "Points de contact", "10": "Réseau de communication de l’OSCE"},
		"de": {"3": "Fehlwahrnehmungen", "8": "Kontaktstellen", "10": "OSZE-Kommunikationsnetz"},
		"it": {"3": "percezioni errate", "8": "Punti di contatto", "10": "Rete di comunicazione dell’OSCE"},
		"es": {"3": "percepciones erróneas", "8": "Puntos de contacto", "10": "Red de Comunicaciones de la OSCE"},
	}
	for lang, terms := range want {
		for key, term := range terms {
			if it, ok := osce.In(lang).Item(key); !ok || !strings.Contains(it.Title, term) {
				t.Errorf("%s CBM %s title = %q, want it to contain %q", lang, key, it.Title, term)
			}
		}
	}
}

func TestInLanguageSelection(t *testing.T) {
	set, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	osce := set.Default()
	for _, lang := range []string{"en", "EN", "xx", "", "en-GB", "pt"} {
		if got := osce.In(lang); got != osce {
			t.Errorf("In(%q) = %p (%s), want the English catalogue %p", lang, got, got.Language, osce)
		}
	}
	ru := osce.In("ru")
	for _, lang := range []string{"RU", "ru-RU", "ru_KZ", " ru "} {
		if got := osce.In(lang); got != ru {
			t.Errorf("In(%q) is not the cached Russian copy", lang)
		}
	}
	if ru.In("en") != osce || ru.In("xx") != osce || ru.In("fr") != osce.In("fr") {
		t.Error("In on a translated copy must reach the other languages")
	}
	if got := strings.Join(ru.Languages(), " "); got != "en fr de it ru es" {
		t.Errorf("Russian copy languages = %q", got)
	}
	if osce.Language != "en" || ru.Language != "ru" {
		t.Errorf("languages = %q, %q", osce.Language, ru.Language)
	}
	// The copy has its own items: the English catalogue is untouched.
	if en, _ := osce.Item("8"); en.Title != "Points of contact" {
		t.Errorf("English CBM 8 title = %q", en.Title)
	}
}

const smallCatalogue = `id: osce-ict-cbms
title: Small
source: Test source
items:
  - {key: "1", title: One, summary: First summary, decision: D1, adopted: "2020-01-01", guidance: First guidance}
  - {key: "2", title: Two, summary: Second summary, decision: D2, adopted: "2021-02-02", guidance: Second guidance}
`

func loadSmall(t *testing.T, files map[string]string) (*Set, error) {
	t.Helper()
	fsys := fstest.MapFS{"osce-ict-cbms.yaml": &fstest.MapFile{Data: []byte(smallCatalogue)}}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return LoadFS(fsys)
}

func TestTranslationFallsBackToEnglish(t *testing.T) {
	set, err := loadSmall(t, map[string]string{
		"osce-ict-cbms.fr.yaml": `id: osce-ict-cbms
language: fr
title: Petit
items:
  "1": {title: Un, summary: Premier résumé}
  "2": {guidance: Deuxième conseil}
`,
	})
	if err != nil {
		t.Fatal(err)
	}
	en := set.Default()
	fr := en.In("fr")
	if fr == en {
		t.Fatal("In(fr) returned the English catalogue")
	}
	if fr.Title != "Petit" || fr.Source != "Test source" {
		t.Errorf("catalogue title/source = %q / %q", fr.Title, fr.Source)
	}
	one, _ := fr.Item("1")
	two, _ := fr.Item("2")
	for _, c := range []struct{ got, want string }{
		{one.Title, "Un"}, {one.Summary, "Premier résumé"}, {one.Guidance, "First guidance"},
		{two.Title, "Two"}, {two.Summary, "Second summary"}, {two.Guidance, "Deuxième conseil"},
		{one.Decision, "D1"}, {two.Adopted, "2021-02-02"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if fr.In("fr") != fr || en.In("fr") != fr {
		t.Error("the French copy is not cached")
	}
	if got := strings.Join(en.Languages(), " "); got != "en fr" {
		t.Errorf("languages = %q", got)
	}
	if en.In("de") != en {
		t.Error("a language without a translation must give English")
	}
}

func TestLoadFSRejectsBrokenTranslations(t *testing.T) {
	const ok = "id: osce-ict-cbms\nlanguage: ru\ntitle: Малый\nitems:\n"
	cases := []struct {
		name, file, body string
		want             []string
	}{
		{"unknown item key", "osce-ict-cbms.ru.yaml", ok + "  \"17\": {title: Семнадцать}\n",
			[]string{"osce-ict-cbms.ru.yaml", `item "17" is not in the catalogue "osce-ict-cbms"`}},
		{"unknown catalogue", "nope.ru.yaml", strings.Replace(ok, "osce-ict-cbms", "nope", 1),
			[]string{"nope.ru.yaml", `translation of an unknown catalogue "nope"`}},
		{"wrong language code", "osce-ict-cbms.xx.yaml", strings.Replace(ok, "language: ru", "language: xx", 1),
			[]string{"osce-ict-cbms.xx.yaml", `language "xx" is not an OSCE language code`}},
		{"English translation", "osce-ict-cbms.en.yaml", strings.Replace(ok, "language: ru", "language: en", 1),
			[]string{"osce-ict-cbms.en.yaml", `language "en": the catalogue file itself is the English version`}},
		{"language differs from file name", "osce-ict-cbms.fr.yaml", ok,
			[]string{"osce-ict-cbms.fr.yaml", `language "ru" does not match the file name, which says "fr"`}},
		{"id differs from file name", "other.ru.yaml", ok,
			[]string{"other.ru.yaml", `id "osce-ict-cbms" does not match the file name, which says "other"`}},
		{"empty catalogue title", "osce-ict-cbms.ru.yaml", strings.Replace(ok, "title: Малый", "title: ''", 1),
			[]string{"osce-ict-cbms.ru.yaml", "the catalogue title is empty"}},
		{"missing catalogue title", "osce-ict-cbms.ru.yaml", strings.Replace(ok, "title: Малый\n", "", 1),
			[]string{"osce-ict-cbms.ru.yaml", "the catalogue title is empty"}},
		{"empty item title", "osce-ict-cbms.ru.yaml", ok + "  \"2\": {title: \" \", summary: Текст}\n",
			[]string{"osce-ict-cbms.ru.yaml", `item "2": the title is empty`}},
		{"item without text", "osce-ict-cbms.ru.yaml", ok + "  \"1\": {}\n",
			[]string{"osce-ict-cbms.ru.yaml", `item "1" has no text`}},
		{"untranslatable field", "osce-ict-cbms.ru.yaml", ok + "  \"1\": {title: Один, decision: X}\n",
			[]string{"osce-ict-cbms.ru.yaml", "field decision not found"}},
		{"duplicate item key", "osce-ict-cbms.ru.yaml", ok + "  \"1\": {title: Один}\n  \"1\": {title: Одна}\n",
			[]string{"osce-ict-cbms.ru.yaml", `"1" already defined`}},
		{"empty file", "osce-ict-cbms.ru.yaml", "",
			[]string{"osce-ict-cbms.ru.yaml", "the file is empty"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadSmall(t, map[string]string{tc.file: tc.body})
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("err = %v\nwant it to contain %q", err, w)
				}
			}
		})
	}
}

// A translation of a catalogue whose own file is broken reports only the
// catalogue's error, not a second "unknown catalogue" one.
func TestBrokenCatalogueHidesItsTranslations(t *testing.T) {
	fsys := fstest.MapFS{
		"osce-ict-cbms.yaml":    &fstest.MapFile{Data: []byte("id: osce-ict-cbms\ntitle: A\nsource: S\nitems: []\n")},
		"osce-ict-cbms.ru.yaml": &fstest.MapFile{Data: []byte("id: osce-ict-cbms\nlanguage: ru\ntitle: А\n")},
	}
	_, err := LoadFS(fsys)
	if err == nil || !strings.Contains(err.Error(), "catalogue has no items") || strings.Contains(err.Error(), "unknown catalogue") {
		t.Fatalf("err = %v", err)
	}
}
