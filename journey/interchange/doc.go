// Package interchange reads and writes the portable forms of a workspace: the versioned
// .journeymap.json file, which it validates whole before handing anything on, and the CSV of
// pain points for spreadsheets.
package interchange
