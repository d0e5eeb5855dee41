package scenario

import "time"

// Limits keep a scenario small enough to run, display and store comfortably;
// they are far above what a real tabletop exercise needs.
const (
	MaxFileSize        = 1 << 20 // bytes
	MaxTeams           = 12
	MinTeams           = 2 // an exercise on confidence-building needs someone to talk to
	MaxPhases          = 12
	MaxInjects         = 200
	MaxTriggers        = 100
	MaxQuestions       = 10 // per phase
	MaxObjectives      = 20
	MaxChannels        = 10 // beyond the defaults
	MaxCriteria        = 30
	MaxExpectedActions = 20 // per inject
	MaxPointsOfContact = 10 // per team
	MaxListItems       = 20 // tags, languages, CBMs in one list, release lists…

	MaxKeyLen       = 64
	MaxTitleLen     = 200
	MaxShortTextLen = 1000  // questions, objectives, expected actions, prompts
	MaxDescLen      = 2000  // rubric descriptions
	MaxSummaryLen   = 5000  // scenario summary
	MaxLongTextLen  = 20000 // bodies, briefings, situations, facilitator notes

	MaxDuration = 72 * time.Hour
)
