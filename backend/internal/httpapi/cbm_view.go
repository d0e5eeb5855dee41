package httpapi

import "github.com/cbmex/cbmex/backend/internal/cbm"

// cbmsJSON answers GET /cbms: every catalogue of measures the server knows.
type cbmsJSON struct {
	Default    string          `json:"default"`
	Catalogues []catalogueJSON `json:"catalogues"`
}

type catalogueJSON struct {
	ID     string        `json:"id"`
	Title  string        `json:"title"`
	Source string        `json:"source"`
	Items  []cbmItemJSON `json:"items"`
}

type cbmItemJSON struct {
	Key      string `json:"key"`
	Title    string `json:"title"`
	Summary  string `json:"summary"`
	Decision string `json:"decision"`
	Adopted  string `json:"adopted"`
	Guidance string `json:"guidance"`
}

// toCBMsJSON shows the catalogues in lang, each text in English where it
// has no translation.
func toCBMsJSON(set *cbm.Set, lang string) cbmsJSON {
	out := cbmsJSON{Default: set.Default().ID, Catalogues: make([]catalogueJSON, 0, len(set.IDs()))}
	for _, id := range set.IDs() {
		if c, ok := set.Catalogue(id); ok {
			c = c.In(lang)
			out.Catalogues = append(out.Catalogues, catalogueJSON{ID: c.ID, Title: c.Title, Source: c.Source,
				Items: each(c.Items, func(it cbm.Item) cbmItemJSON { return cbmItemJSON(it) })})
		}
	}
	return out
}
