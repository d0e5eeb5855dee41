package msel

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

func testBase(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/pipeline-pressure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func ptr(d time.Duration) *time.Duration { return &d }

// A facilitator's own MSEL: semicolons, a byte order mark (as Excel writes
// "CSV UTF-8" in many European locales), other header names, loose values.
const facilitatorCSV = "\ufeffID;Scenario time;Move;Subject;Source;Audience;Inject type;Description;Controller notes;Expected outcome;CBM\r\n" +
	"scada-alarm;0:05;Detection;Control centre loses the border stations;AurGas control centre;Republic of Aurelia;Situation report;\"Three stations are silent.\r\nA ransom note is on screen.\";Watch for the call;Aurelia warns Borovia's CERT;CBM 8\r\n" +
	";after scada-alarm +40m;;Gas pressure falls in Borovia;Borovia Today;all;News article;Radiators are cold.;;;\r\n" +
	"\r\n" +
	"borovia-blames;contingency;escalation;Borovian minister blames Aurelia;;aurelia, Kingdom of Borovia;E-mail;The minister speaks.;;;\r\n"

func TestImportFacilitatorCSV(t *testing.T) {
	out, rep, err := Import("msel.csv", []byte(facilitatorCSV), testBase(t), nil)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if rep.Rows != 3 || rep.Used != 3 || len(rep.Refused) != 0 {
		t.Errorf("report = %+v", rep)
	}
	s := mustParse(t, "out.yaml", out)
	want := []scenario.Inject{{
		Key: "scada-alarm", Title: "Control centre loses the border stations", Phase: "detection",
		Channel: scenario.InjectSituationReport, From: "AurGas control centre",
		Audience: scenario.Audience{Teams: []string{"aurelia"}}, At: ptr(5 * time.Minute),
		Body: "Three stations are silent.\nA ransom note is on screen.", FacilitatorNotes: "Watch for the call",
		ExpectedActions: []scenario.ExpectedAction{{Key: "scada-alarm-1", Text: "Aurelia warns Borovia's CERT", CBMs: []string{"8"}}},
	}, {
		Key: "gas-pressure-falls-in-borovia", Title: "Gas pressure falls in Borovia", Phase: "escalation",
		Channel: scenario.InjectNews, From: "Borovia Today", Audience: scenario.Audience{All: true},
		After: &scenario.After{Inject: "scada-alarm", Delay: 40 * time.Minute}, Body: "Radiators are cold.",
	}, {
		Key: "borovia-blames", Title: "Borovian minister blames Aurelia", Phase: "escalation",
		Channel: scenario.InjectEmail, Audience: scenario.Audience{Teams: []string{"aurelia", "borovia"}},
		Contingency: true, Body: "The minister speaks.",
	}}
	if !reflect.DeepEqual(s.Injects, want) {
		diffInjects(t, want, s.Injects)
	}
	// The rest of the file is kept, comments included.
	for _, keep := range []string{"# yaml-language-server: $schema=./scenario.schema.json", "# the CBMs in focus (numbers 1–16)", "key: silent-aurelia"} {
		if !bytes.Contains(out, []byte(keep)) {
			t.Errorf("the result lost %q", keep)
		}
	}
}

// Every bad row is named, with its column, and nothing is imported.
func TestImportRefusesBadRows(t *testing.T) {
	csv := "Key,Time,Phase,Title,To,Channel,Body\n" +
		"scada-alarm,0:05,detection,Alarm,aurelia,email,Body\n" + // row 2: fine
		"late,tomorrow,detection,Late,all,email,Body\n" + // row 3
		"pigeon,0:10,detection,Pigeon,all,Carrier pigeon,Body\n" + // row 4
		"atlantis,0:10,detection,Atlantis,Atlantis,email,Body\n" + // row 5
		"scada-alarm,0:12,detection,Twice,all,email,Body\n" + // row 6
		"empty,0:15,detection,Empty,all,email,\n" + // row 7
		"lost,0:15,nowhere,Lost,all,email,Body\n" + // row 8
		"Bad Key!,0:15,detection,Bad key,all,email,Body\n" + // row 9
		"follows,after ghost +5m,detection,Follows,all,email,Body\n" + // row 10
		"borovia-blames,contingency,escalation,Blame,all,news,Body\n" // row 11: fine
	out, rep, err := Import("msel.csv", []byte(csv), testBase(t), nil)
	if out != nil {
		t.Error("a source was returned despite refused rows")
	}
	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want *ImportError", err)
	}
	want := []struct {
		row    int
		column string
		says   string
	}{
		{3, "Time", `row 3: the time "tomorrow" is not an offset such as 0:15 or 1:05`},
		{4, "Channel", `the channel "Carrier pigeon"`},
		{5, "To", `"Atlantis" is not a team`},
		{6, "Key", `already used by row 2`},
		{7, "Body", `the body is empty`},
		{8, "Phase", `the phase "nowhere" is not a phase`},
		{9, "Key", `the key "Bad Key!"`},
		{10, "Time", `follows inject "ghost"`},
	}
	if len(rep.Refused) != len(want) {
		t.Errorf("%d problems, want %d:\n%v", len(rep.Refused), len(want), ie)
	}
	for i, w := range want {
		if i >= len(rep.Refused) {
			break
		}
		p := rep.Refused[i]
		if p.Row != w.row || p.Column != w.column || !strings.Contains(p.Message, w.says) || !strings.HasPrefix(p.Message, fmt.Sprintf("row %d: ", w.row)) {
			t.Errorf("problem %d = %+v, want row %d, column %s, saying %q", i, p, w.row, w.column, w.says)
		}
	}
	if rep.Rows != 10 || rep.Used != 2 {
		t.Errorf("rows %d, used %d; want 10 and 2", rep.Rows, rep.Used)
	}
	if ie.Report.Rows != rep.Rows || !strings.Contains(ie.Error(), "row 3:") {
		t.Errorf("the error does not carry the report: %v", ie)
	}
}

func TestImportMissingColumns(t *testing.T) {
	_, rep, err := Import("msel.csv", []byte("Key,When,Title\nx,0:05,X\n"), testBase(t), nil)
	if err == nil {
		t.Fatal("no error")
	}
	var cols []string
	for _, p := range rep.Refused {
		cols = append(cols, p.Column)
	}
	if !reflect.DeepEqual(cols, []string{"Time", "Body"}) {
		t.Errorf("missing columns reported: %v (%v)", cols, err)
	}
}

// Problems only the whole scenario can show (a trigger that releases an
// inject the sheet no longer has) come back as scenario problems; problems
// Parse finds inside an inject are blamed on its row.
func TestImportScenarioProblems(t *testing.T) {
	csv := "Key,Time,Phase,Title,Body,Expected action,CBMs\n" +
		"scada-alarm,0:05,detection,Alarm,Body,Call Borovia,8\n" +
		"too-late,2:00,escalation,Too late,Body,Think,99\n"
	_, rep, err := Import("msel.csv", []byte(csv), testBase(t), nil)
	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want *ImportError", err)
	}
	if len(ie.Problems) == 0 || !strings.Contains(ie.Problems.Error(), "borovia-blames") {
		t.Errorf("the trigger releasing the removed inject is not reported: %v", ie.Problems)
	}
	rows := map[int]bool{}
	for _, p := range rep.Refused {
		rows[p.Row] = true
	}
	if !rows[3] || rows[2] {
		t.Errorf("row 3 (after the end, unknown CBM) should be blamed, not row 2: %v", rep.Refused)
	}
}

// A workbook with only an MSEL sheet (not the one cbmex exports) takes the
// expected actions from the Expected action and CBMs columns. Its times may
// have been turned into times of day by the spreadsheet.
func TestImportXLSXWithoutActionsSheet(t *testing.T) {
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	rows := [][]any{
		{"Inject", "Offset", "Headline", "Content", "Stage", "Recipients", "Expected action", "CBMs"},
		{"scada-alarm", nil, "Alarm", "Body", "Detection", "aurelia", "Call Borovia", "8, 2"},
		{"borovia-blames", "contingency", "Blame", "Body", "Escalation", "all", "", ""},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	// 0:05 typed into Excel: a fraction of a day shown as "12:05 AM".
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 18})
	_ = f.SetCellFloat(sh, "B2", 5.0/1440, -1, 64)
	_ = f.SetCellStyle(sh, "B2", "B2", style)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	out, rep, err := Import("from-someone.csv", buf.Bytes(), testBase(t), nil) // the name is wrong on purpose
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if rep.Used != 2 {
		t.Errorf("report = %+v", rep)
	}
	s := mustParse(t, "out.yaml", out)
	in := s.Injects[0]
	if in.At == nil || *in.At != 5*time.Minute {
		t.Errorf("at = %v, want 5m", in.At)
	}
	want := []scenario.ExpectedAction{{Key: "scada-alarm-1", Text: "Call Borovia", CBMs: []string{"8", "2"}}}
	if !reflect.DeepEqual(in.ExpectedActions, want) {
		t.Errorf("expected actions = %+v, want %+v", in.ExpectedActions, want)
	}
}

// An exported workbook edited in two places that disagree is refused rather
// than one edit silently winning; a new row is kept where it was inserted.
func TestImportEditedWorkbook(t *testing.T) {
	base := testBase(t)
	s := mustParse(t, "base.yaml", base)
	var buf bytes.Buffer
	if err := ExportXLSX(s, &buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	// Row 2 is scada-alarm, the only inject with expected actions.
	_ = f.SetCellStr(SheetMSEL, "K2", "Something else")
	var edited bytes.Buffer
	_ = f.Write(&edited)
	_, rep, err := Import("msel.xlsx", edited.Bytes(), base, nil)
	if err == nil || len(rep.Refused) != 1 || rep.Refused[0].Row != 2 || rep.Refused[0].Column != colExpectedAction {
		t.Errorf("conflicting edit: err %v, report %+v", err, rep)
	}

	// Undo, and insert a new inject after scada-alarm.
	_ = f.SetCellStr(SheetMSEL, "K2", s.Injects[0].ExpectedActions[0].Text)
	_ = f.InsertRows(SheetMSEL, 3, 1)
	_ = f.SetSheetRow(SheetMSEL, "A3", &[]any{"", "0:20", "press-call", "detection", "A journalist calls", "", "aurelia", "phone", "Is it true?"})
	edited.Reset()
	_ = f.Write(&edited)
	out, _, err := Import("msel.xlsx", edited.Bytes(), base, nil)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	var got []string
	for _, in := range mustParse(t, "out.yaml", out).Injects {
		got = append(got, in.Key)
	}
	if want := []string{"scada-alarm", "press-call", "pressure-drop", "borovia-blames"}; !reflect.DeepEqual(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
}

func TestImportLimits(t *testing.T) {
	base := testBase(t)
	header := "Key,Time,Phase,Title,Body\n"
	var many strings.Builder
	many.WriteString(header)
	for i := 0; i <= scenario.MaxInjects; i++ {
		fmt.Fprintf(&many, "k%d,0:05,detection,T,B\n", i)
	}
	tests := []struct {
		name string
		data []byte
		says string
	}{
		{"file too large", bytes.Repeat([]byte("a"), MaxFileSize+1), "at most 5242880 bytes"},
		{"too many rows", []byte(many.String()), "more than 200 injects"},
		{"cell too long", []byte(header + "k,0:05,detection,T," + strings.Repeat("x", MaxCellChars+1) + "\n"), "row 2: the Body cell has 20001 characters"},
		{"zip bomb", zipBomb(t), fmt.Sprintf("unpacks to more than %d MiB", maxUnzipped>>20)},
		{"legacy xls", []byte(oleMagic + "rest"), "old Excel (.xls)"},
		{"not UTF-8", []byte("Key,Title\n\xff\xfe\n"), "neither an XLSX workbook nor UTF-8"},
		{"broken quotes", []byte(header + "k,0:05,detection,\"T,B\n"), "cannot be read at line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := Import("msel", tt.data, base, nil)
			var ie *ImportError
			if out != nil || !errors.As(err, &ie) || !strings.Contains(err.Error(), tt.says) {
				t.Errorf("err = %v, want an *ImportError saying %q", err, tt.says)
			}
		})
	}
}

// zipBomb is a tiny XLSX-looking file whose parts inflate past the limit.
func zipBomb(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.CopyN(w, zeros{}, maxUnzipped+1); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if buf.Len() > MaxFileSize {
		t.Fatalf("the bomb is %d bytes, too big to test the unzip limit", buf.Len())
	}
	return buf.Bytes()
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// A file with hundreds of bad rows lists the first problems and says how
// many more there are; every bad row still counts as not used.
func TestImportProblemsAreCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("Key,Time,Phase,Title,Channel,Body\n")
	for i := range scenario.MaxInjects {
		fmt.Fprintf(&b, "k%d,tomorrow,detection,T,pigeon,B\n", i)
	}
	_, rep, err := Import("msel.csv", []byte(b.String()), testBase(t), nil)
	if err == nil || rep.Used != 0 || rep.Rows != scenario.MaxInjects {
		t.Fatalf("err %v, report rows %d used %d", err, rep.Rows, rep.Used)
	}
	if len(rep.Refused) != scenario.MaxProblems+1 {
		t.Fatalf("%d problems listed, want %d", len(rep.Refused), scenario.MaxProblems+1)
	}
	if first := rep.Refused[0]; first.Row != 2 {
		t.Errorf("first problem %+v, want row 2", first)
	}
	want := fmt.Sprintf("row 52: … and %d more problems", 2*scenario.MaxInjects-scenario.MaxProblems)
	if last := rep.Refused[scenario.MaxProblems]; !strings.HasPrefix(last.Message, want) {
		t.Errorf("last problem %q, want %q…", last.Message, want)
	}
}

// A NUL character in a cell is refused, naming its row: no scenario text
// may hold one.
func TestImportRefusesNUL(t *testing.T) {
	csv := "Key,Time,Phase,Title,Body\nk,0:05,detection,Ti\x00tle,Body\n"
	_, rep, err := Import("msel.csv", []byte(csv), testBase(t), nil)
	if err == nil || len(rep.Refused) != 1 || rep.Refused[0].Row != 2 || !strings.Contains(rep.Refused[0].Message, "NUL") {
		t.Fatalf("err %v, report %+v", err, rep)
	}
}
