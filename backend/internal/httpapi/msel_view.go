package httpapi

// mselImportJSON answers POST /scenarios/{id}/msel.
type mselImportJSON struct {
	Scenario versionJSON    `json:"scenario"`
	Created  bool           `json:"created"`
	Report   mselReportJSON `json:"report"`
}

// mselReportJSON counts the spreadsheet's rows and those that became injects.
type mselReportJSON struct {
	Rows int `json:"rows"`
	Used int `json:"used"`
}

// mselProblemJSON is one problem of a refused spreadsheet, in the error
// details of a 422 invalid_msel.
type mselProblemJSON struct {
	Sheet   string `json:"sheet,omitempty"`
	Row     int    `json:"row,omitempty"`
	Column  string `json:"column,omitempty"`
	Message string `json:"message"`
}
