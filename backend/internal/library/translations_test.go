package library_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cbmex/cbmex/backend/internal/library"
	"github.com/cbmex/cbmex/backend/internal/scenario"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
	"github.com/cbmex/cbmex/scenarios"
)

// The bundled scenarios come with their translations, and a version read
// in a language has its texts there.
func TestBundledTranslationsAreStoredWithTheirScenario(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		lib := newLibrary(t, st)
		if _, err := lib.ImportBundled(ctx, scenarios.FS); err != nil {
			t.Fatal(err)
		}
		id, err := lib.Resolve(ctx, "tutorial-first-contact")
		if err != nil {
			t.Fatal(err)
		}
		v := mustGet(t, lib, id, 0)
		if want := []string{"en", "fr", "de", "it", "ru", "es"}; !slices.Equal(v.Languages, want) {
			t.Errorf("the tutorial is offered in %v, want %v", v.Languages, want)
		}
		ru, fb, err := lib.Localized(ctx, v.ID, "ru")
		if err != nil {
			t.Fatal(err)
		}
		if len(fb) != 0 {
			t.Errorf("the Russian tutorial falls back to English for %v", fb)
		}
		if !strings.ContainsAny(ru.Title, "абвгдежзиклмнопрстуфхцчшщыэюя") {
			t.Errorf("the Russian title is %q", ru.Title)
		}
		en, _ := lib.Parsed(v)
		if en.Title == ru.Title {
			t.Error("reading in Russian changed nothing")
		}
	})
}

// Editing the source keeps the translations: a changed text becomes stale
// and is read in the source language, marked; the others stay translated.
// Confirming the stale text makes it current again.
func TestEditingTheSourceMakesItsTranslationStale(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		lib := newLibrary(t, st)
		src := []byte(miniScenario)
		v1, err := lib.Create(ctx, "mini.yaml", src, library.OriginUpload, nil)
		if err != nil {
			t.Fatal(err)
		}
		v2, created, err := lib.SaveTexts(ctx, v1.ScenarioID, "ru", map[string]string{
			"title": "Мини-учения", "injects.first.title": "Первая вводная"}, nil)
		if err != nil || !created || v2.Number != 2 {
			t.Fatalf("saving texts: version %v created %v err %v", v2, created, err)
		}
		if !slices.Contains(v2.Languages, "ru") {
			t.Errorf("version 2 is offered in %v, want ru among them", v2.Languages)
		}
		edited := bytes.Replace(src, []byte("title: First inject"), []byte("title: The first inject"), 1)
		v3, created, err := lib.Update(ctx, v1.ScenarioID, "mini.yaml", edited, library.OriginUpload, nil)
		if err != nil || !created {
			t.Fatalf("update: %v %v", created, err)
		}
		ru, fb, err := lib.Localized(ctx, v3.ID, "ru")
		if err != nil {
			t.Fatal(err)
		}
		if ru.Title != "Мини-учения" {
			t.Errorf("the unchanged title reads %q", ru.Title)
		}
		in, _ := ru.Inject("first")
		if in.Title != "The first inject" || !fb["injects.first.title"] {
			t.Errorf("the edited inject reads %q (fallback %v); want the new source, marked", in.Title, fb["injects.first.title"])
		}
		_, tr, err := lib.VersionTranslation(v3, "ru")
		if err != nil {
			t.Fatal(err)
		}
		probs := tr.Check(ru)
		stale := 0
		for _, p := range probs {
			if strings.Contains(p.Message, "injects.first.title is stale") {
				stale++
			}
		}
		if stale != 1 {
			t.Errorf("Check reports %d stale problems for the edited text, want 1:\n%v", stale, probs)
		}
		// Saving the old translation again confirms it for the new source.
		v4, _, err := lib.SaveTexts(ctx, v1.ScenarioID, "ru", map[string]string{"injects.first.title": "Первая вводная"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		ru, fb, _ = lib.Localized(ctx, v4.ID, "ru")
		if in, _ := ru.Inject("first"); in.Title != "Первая вводная" || fb["injects.first.title"] {
			t.Errorf("after confirming, the inject reads %q", in.Title)
		}
		// An exercise pinned to version 3 still reads it as it was.
		if old, _, _ := lib.Localized(ctx, v3.ID, "ru"); mustInject(t, old, "first").Title != "The first inject" {
			t.Error("version 3 changed")
		}
	})
}

// Unknown keys are refused and nothing is stored.
func TestSavingAnUnknownTextStoresNothing(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		lib := newLibrary(t, st)
		v1, err := lib.Create(ctx, "mini.yaml", []byte(miniScenario), library.OriginUpload, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := lib.SaveTexts(ctx, v1.ScenarioID, "fr", map[string]string{"injects.nope.title": "Non"}, nil); err == nil {
			t.Fatal("an unknown key was accepted")
		}
		if _, _, err := lib.SaveTexts(ctx, v1.ScenarioID, "en", map[string]string{"title": "Same"}, nil); err == nil {
			t.Fatal("a translation into the source language was accepted")
		}
		if latest := mustGet(t, lib, v1.ScenarioID, 0); latest.Number != 1 {
			t.Errorf("the latest version is %d, want 1", latest.Number)
		}
	})
}

// A scenario still as bundled gets the translations a newer release brings;
// one a facilitator edited is left alone.
func TestUpgradeBringsNewTranslationsToUntouchedScenarios(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		lib := newLibrary(t, st)
		old := fstest.MapFS{"mini.yaml": {Data: []byte(miniScenario)}, "other.yaml": {Data: []byte(strings.Replace(miniScenario, "id: mini", "id: other", 1))}}
		if _, err := lib.ImportBundled(ctx, old); err != nil {
			t.Fatal(err)
		}
		other, _ := lib.Resolve(ctx, "other")
		if _, _, err := lib.Update(ctx, other, "other.yaml", []byte(strings.Replace(miniScenario, "id: mini", "id: other", 1)+"# edited\n"), library.OriginUpload, nil); err != nil {
			t.Fatal(err)
		}
		s, _ := scenario.Parse("mini.yaml", []byte(miniScenario), nil)
		tr := scenario.NewTranslation(s, "fr")
		tr.Set("title", s.Title, "Mini-exercice")
		so, _ := scenario.Parse("other.yaml", []byte(strings.Replace(miniScenario, "id: mini", "id: other", 1)), nil)
		tro := scenario.NewTranslation(so, "fr")
		tro.Set("title", so.Title, "Autre")
		next := fstest.MapFS{"mini.yaml": old["mini.yaml"], "mini.fr.yaml": {Data: tr.Marshal(s)},
			"other.yaml": old["other.yaml"], "other.fr.yaml": {Data: tro.Marshal(so)}}
		if _, err := lib.ImportBundled(ctx, next); err != nil {
			t.Fatal(err)
		}
		mini, _ := lib.Resolve(ctx, "mini")
		if v := mustGet(t, lib, mini, 0); v.Number != 2 || !slices.Contains(v.Languages, "fr") {
			t.Errorf("the untouched scenario is version %d in %v, want 2 with fr", v.Number, v.Languages)
		}
		if v := mustGet(t, lib, other, 0); v.Number != 2 || slices.Contains(v.Languages, "fr") {
			t.Errorf("the edited scenario is version %d in %v, want 2 without fr", v.Number, v.Languages)
		}
		if _, err := lib.ImportBundled(ctx, next); err != nil {
			t.Fatal(err)
		}
		if v := mustGet(t, lib, mini, 0); v.Number != 2 {
			t.Errorf("a second start added version %d", v.Number)
		}
	})
}

func mustInject(t *testing.T, s *scenario.Scenario, key string) *scenario.Inject {
	t.Helper()
	in, ok := s.Inject(key)
	if !ok {
		t.Fatalf("no inject %s", key)
	}
	return in
}

const miniScenario = `id: mini
version: 1
title: Mini exercise
summary: A small exercise.
languages: [en]
duration: 30m
level: introductory
cbms: [8]
objectives:
  - key: o1
    text: Find the right point of contact.
teams:
  - key: a
    name: State A
    kind: state
    briefing: You play State A.
  - key: b
    name: State B
    kind: state
    briefing: You play State B.
phases:
  - key: p1
    title: Phase one
    starts_at: 0m
    situation: Something happens.
    questions:
      - key: q1
        text: What do you do?
injects:
  - key: first
    title: First inject
    phase: p1
    channel: news
    from: Newsroom
    audience: all
    at: 5m
    body: A first event.
rubric:
  scale: psmu
  criteria:
    - key: c1
      title: Contact
      description: Reached the right contact.
      cbms: [8]
`
