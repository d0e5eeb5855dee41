package store

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/cbmex/cbmex/backend/internal/library"
)

type scenarioRow struct {
	ID        int64 `gorm:"primaryKey"`
	Slug      string
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (scenarioRow) TableName() string { return "scenarios" }

type scenarioVersionRow struct {
	ID              int64 `gorm:"primaryKey"`
	ScenarioID      int64
	Number          int
	Source          string
	Checksum        string
	Title           string
	Summary         string
	Level           string
	DurationSeconds int64
	Languages       string
	Themes          string
	CBMs            string `gorm:"column:cbms"`
	TeamCount       int
	PhaseCount      int
	InjectCount     int
	Origin          string
	Translations    string // JSON object: language → translation file
	CreatedBy       *int64
	CreatedAt       time.Time
	Slug            string `gorm:"->;-:migration"` // read-only, from the join with scenarios
}

func (scenarioVersionRow) TableName() string { return "scenario_versions" }

// Scenarios implements library.Store.
type Scenarios struct{ s *Store }

// Scenarios returns the scenario library storage.
func (s *Store) Scenarios() *Scenarios { return &Scenarios{s: s} }

var _ library.Store = (*Scenarios)(nil)

// listColumns are the columns of a version without its source.
const listColumns = "scenario_versions.id, scenario_id, number, checksum, title, summary, level, duration_seconds, " +
	"languages, themes, cbms, team_count, phase_count, inject_count, origin, created_by, scenario_versions.created_at, scenarios.slug"

// CreateScenario inserts the scenario and its first version together.
func (sc *Scenarios) CreateScenario(ctx context.Context, v *library.Version) error {
	err := sc.s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		row := scenarioRow{Slug: v.Slug, CreatedAt: v.CreatedAt, UpdatedAt: v.CreatedAt}
		if err := tx.Create(&row).Error; err != nil {
			return translate(err)
		}
		v.ScenarioID, v.Number = row.ID, 1
		return insertVersion(tx, v)
	})
	return failed(err, "create scenario %q", v.Slug)
}

// AddVersion inserts v with the next number. The scenario row is locked
// first, so two saves at once get consecutive numbers instead of a clash.
func (sc *Scenarios) AddVersion(ctx context.Context, v *library.Version) error {
	err := sc.s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var row scenarioRow
		q := tx
		if sc.s.Dialect == Postgres {
			q = q.Clauses(clause.Locking{Strength: "UPDATE"})
		}
		if err := q.First(&row, v.ScenarioID).Error; err != nil {
			return translate(err)
		}
		var max int
		if err := tx.Model(&scenarioVersionRow{}).Where("scenario_id = ?", row.ID).
			Select("COALESCE(MAX(number), 0)").Scan(&max).Error; err != nil {
			return err
		}
		v.Number, v.Slug = max+1, row.Slug
		if err := insertVersion(tx, v); err != nil {
			return err
		}
		return tx.Model(&row).Update("updated_at", v.CreatedAt).Error
	})
	return failed(err, "add a version to scenario %d", v.ScenarioID)
}

func insertVersion(tx *gorm.DB, v *library.Version) error {
	r := scenarioVersionRow{
		ScenarioID: v.ScenarioID, Number: v.Number, Source: string(v.Source), Checksum: v.Checksum,
		Title: v.Title, Summary: v.Summary, Level: v.Level, DurationSeconds: int64(v.Duration / time.Second),
		Languages: join(v.Languages), Themes: join(v.Themes), CBMs: join(v.CBMs),
		TeamCount: v.Teams, PhaseCount: v.Phases, InjectCount: v.Injects,
		Origin: v.Origin, Translations: encodeTranslations(v.Translations), CreatedBy: v.CreatedBy, CreatedAt: v.CreatedAt,
	}
	if err := tx.Omit("Slug").Create(&r).Error; err != nil {
		return translate(err)
	}
	v.ID = r.ID
	return nil
}

// ScenarioID finds a scenario by slug.
func (sc *Scenarios) ScenarioID(ctx context.Context, slug string) (int64, error) {
	var row scenarioRow
	if err := sc.s.DB.WithContext(ctx).Where("slug = ?", slug).First(&row).Error; err != nil {
		return 0, failed(err, "find scenario %q", slug)
	}
	return row.ID, nil
}

// Version returns one version with its source; number 0 is the latest.
func (sc *Scenarios) Version(ctx context.Context, scenarioID int64, number int) (*library.Version, error) {
	q := sc.s.DB.WithContext(ctx).Table("scenario_versions").
		Select("scenario_versions.*, scenarios.slug").
		Joins("JOIN scenarios ON scenarios.id = scenario_versions.scenario_id").
		Where("scenario_id = ?", scenarioID)
	if number > 0 {
		q = q.Where("number = ?", number)
	} else {
		q = q.Order("number DESC")
	}
	var r scenarioVersionRow
	if err := q.Take(&r).Error; err != nil {
		return nil, failed(err, "load version %d of scenario %d", number, scenarioID)
	}
	return toVersion(&r), nil
}

// Versions lists one scenario's versions, newest first.
func (sc *Scenarios) Versions(ctx context.Context, scenarioID int64) ([]library.Version, error) {
	var rows []scenarioVersionRow
	err := sc.s.DB.WithContext(ctx).Table("scenario_versions").Select(listColumns).
		Joins("JOIN scenarios ON scenarios.id = scenario_versions.scenario_id").
		Where("scenario_id = ?", scenarioID).Order("number DESC").Find(&rows).Error
	return toVersions(rows), failed(err, "list the versions of scenario %d", scenarioID)
}

// Latest lists the newest version of every scenario.
func (sc *Scenarios) Latest(ctx context.Context) ([]library.Version, error) {
	var rows []scenarioVersionRow
	err := sc.s.DB.WithContext(ctx).Table("scenario_versions").Select(listColumns).
		Joins("JOIN scenarios ON scenarios.id = scenario_versions.scenario_id").
		Where("number = (SELECT MAX(v2.number) FROM scenario_versions v2 WHERE v2.scenario_id = scenario_versions.scenario_id)").
		Find(&rows).Error
	return toVersions(rows), failed(err, "list the latest scenario versions")
}

func toVersions(rows []scenarioVersionRow) []library.Version {
	out := make([]library.Version, len(rows))
	for i := range rows {
		out[i] = *toVersion(&rows[i])
	}
	return out
}

func toVersion(r *scenarioVersionRow) *library.Version {
	return &library.Version{
		ID: r.ID, ScenarioID: r.ScenarioID, Slug: r.Slug, Number: r.Number, Source: []byte(r.Source),
		Checksum: r.Checksum, Title: r.Title, Summary: r.Summary, Level: r.Level,
		Duration: time.Duration(r.DurationSeconds) * time.Second, Languages: split(r.Languages),
		Themes: split(r.Themes), CBMs: split(r.CBMs), Teams: r.TeamCount, Phases: r.PhaseCount,
		Injects: r.InjectCount, Origin: r.Origin, Translations: decodeTranslations(r.Translations),
		CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt,
	}
}

// Translation files are text (YAML), kept as one JSON object of strings
// so both dialects store them the same way.
func encodeTranslations(files map[string][]byte) string {
	m := make(map[string]string, len(files))
	for lang, f := range files {
		m[lang] = string(f)
	}
	b, _ := json.Marshal(m) // a map of strings always encodes
	return string(b)
}

func decodeTranslations(s string) map[string][]byte {
	var m map[string]string
	if s == "" || json.Unmarshal([]byte(s), &m) != nil || len(m) == 0 {
		return nil
	}
	out := make(map[string][]byte, len(m))
	for lang, f := range m {
		out[lang] = []byte(f)
	}
	return out
}

// Lists are stored as comma-separated text: they hold short tags and CBM
// keys without commas, and this keeps one schema for both dialects.
func join(xs []string) string { return strings.Join(xs, ",") }

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func joinLines(xs []string) string { return strings.Join(xs, "\n") }

func splitLines(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, "\n")
}

// VersionByID returns one version, with its source, by its own id.
func (sc *Scenarios) VersionByID(ctx context.Context, versionID int64) (*library.Version, error) {
	var r scenarioVersionRow
	err := sc.s.DB.WithContext(ctx).Table("scenario_versions").
		Select("scenario_versions.*, scenarios.slug").
		Joins("JOIN scenarios ON scenarios.id = scenario_versions.scenario_id").
		Where("scenario_versions.id = ?", versionID).Take(&r).Error
	if err != nil {
		return nil, failed(err, "load scenario version %d", versionID)
	}
	return toVersion(&r), nil
}
