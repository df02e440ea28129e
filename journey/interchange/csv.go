package interchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"journeymap/journey"
)

// CSVHeader is the first row of the pain-point CSV: the columns of the workspace file's
// description, in its order, then what else a pain point holds, then the ids that let the file
// be imported back exactly (ImportCSV).
var CSVHeader = []string{"journey", "stage", "title", "discovery", "source_or_method", "found_by",
	"severity", "effort", "owner", "status", "action", "due", "done_when",
	"detail", "reports", "found_on", "evidence", "evidence_date", "evidence_reports",
	"id", "journey_id", "stage_id", "found_by_id", "owner_id"}

// Unassigned is what the CSV says for a pain point that nobody owns.
const Unassigned = "unassigned"

// utf8BOM opens the CSV, so that Excel on Windows reads it as UTF-8 rather than its ANSI code
// page; LibreOffice and Google Sheets take it too.
const utf8BOM = "\uFEFF"

// WriteCSV writes every pain point of every journey as one RFC 4180 row, in the columns of
// CSVHeader: names for people and ids for the way back. A cell that a spreadsheet would run as
// a formula is defused.
func WriteCSV(dst io.Writer, w *journey.Workspace) error {
	if _, err := io.WriteString(dst, utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(dst)
	cw.UseCRLF = true
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	// Looked up by maps: one scan of the members per pain point would make a task force of
	// 100k members take minutes.
	names := make(map[string]string, len(w.Members))
	for _, m := range w.Members {
		names[m.ID] = m.Name
	}
	for _, j := range w.Journeys {
		stages := make(map[string]string, len(j.Stages))
		for _, s := range j.Stages {
			stages[s.ID] = s.Name
		}
		for _, p := range j.PainPoints {
			how := string(p.Source)
			if p.Discovery == journey.Unknown {
				how = string(p.Method)
			}
			owner := Unassigned
			if p.Owner != "" {
				owner = names[p.Owner]
			}
			evidenceReports := ""
			if p.Evidence.Reports.Set {
				evidenceReports = strconv.Itoa(p.Evidence.Reports.N)
			}
			row := []string{j.Title, stages[p.Stage], p.Title, string(p.Discovery), how, names[p.FoundBy],
				strconv.Itoa(p.Severity), strconv.Itoa(p.Effort), owner, string(p.Status),
				p.Action.Text, p.Action.Due, p.Action.DoneWhen,
				p.Detail, strconv.Itoa(p.Reports), p.FoundOn, p.Evidence.Note, p.Evidence.Date, evidenceReports,
				p.ID, j.ID, p.Stage, p.FoundBy, p.Owner}
			for i := range row {
				row[i] = defuse(lineEnds.Replace(row[i]))
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// lineEnds makes every line end in a cell "\n". encoding/csv writes "\n" as the "\r\n"
// spreadsheets expect and drops a lone "\r", and its reader gives "\n" back: a text's line
// breaks survive the way out and back, whichever kind they were.
var lineEnds = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// formulaStart holds the characters a spreadsheet takes to open a formula, and the
// apostrophe that defuses them.
const formulaStart = "=+-@\t\r'"

// defuse keeps a spreadsheet from running a cell as a formula: text that opens with one of
// the formula characters gets a leading apostrophe, which spreadsheets show as plain text.
// Text that opens with an apostrophe before one of them gets one too, so that the reader
// takes exactly one away and every text comes back as it was.
func defuse(cell string) string {
	if cell == "" {
		return cell
	}
	if strings.ContainsRune(formulaStart[:len(formulaStart)-1], rune(cell[0])) ||
		(cell[0] == '\'' && len(cell) > 1 && strings.ContainsRune(formulaStart, rune(cell[1]))) {
		return "'" + cell
	}
	return cell
}

// undefuse takes away the apostrophe defuse put in front.
func undefuse(cell string) string {
	if len(cell) > 1 && cell[0] == '\'' && strings.ContainsRune(formulaStart, rune(cell[1])) {
		return cell[1:]
	}
	return cell
}

// ErrCSV is returned, wrapped, for every problem with a CSV of pain points.
var ErrCSV = errors.New("the pain-point CSV can't be imported")

// maxCSVProblems is how many wrong rows one message lists.
const maxCSVProblems = 10

// CSVImport is what a CSV of pain points holds for a journey: its rows as pain points in
// their order (an existing one where the row names its id, else a new one with a new id).
type CSVImport struct {
	PainPoints []journey.PainPoint
	New        int      // how many are new
	Ignored    []string // the header's columns that are not read, e.g. a team's own "Notes"
}

// crLineEnds ends with "\n", in place, the lines a CR alone ends, as classic Mac OS and some
// exports write them: encoding/csv takes a lone CR for part of a cell, and the whole file
// would be one line. A CR inside a quoted cell is left to the cell, whose line ends read as "\n".
func crLineEnds(data []byte) []byte {
	if !bytes.Contains(data, []byte("\r")) {
		return data
	}
	quoted := false
	for i, c := range data {
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\r' && !quoted && (i+1 == len(data) || data[i+1] != '\n'):
			data[i] = '\n'
		}
	}
	return data
}

// ReadCSV reads pain points for the journey with the id journeyID in w from a CSV in the
// columns WriteCSV writes: any order, any subset that gives what a pain point needs, a UTF-8
// byte order mark or none. A row with an id of the journey updates that pain point with the
// columns given, and keeps what the columns leave out; a row without one adds a pain point.
// Stages and members are named by id or by name; an owner "unassigned" or empty is nobody.
// Every row is checked as Validate would, and the problems are named by line: all rows are
// good, or nothing is returned.
func ReadCSV(r io.Reader, w *journey.Workspace, journeyID string) (*CSVImport, error) {
	j := w.Journey(journeyID)
	if j == nil {
		return nil, fmt.Errorf("%w: no journey with id %q in the workspace", ErrCSV, journey.Printable(journeyID))
	}
	data, err := readLimited(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCSV, err)
	}
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		return nil, fmt.Errorf("%w: line %d is not UTF-8 text; save the spreadsheet as \"CSV UTF-8\"", ErrCSV, line)
	}
	cr := csv.NewReader(bytes.NewReader(crLineEnds(data)))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%w: the file is empty; its first line must name the columns, e.g. %s", ErrCSV, strings.Join(CSVHeader[:3], ","))
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrCSV, csvProblem(err))
	}
	rd, ignored, err := newRowReader(header, w, j)
	if err != nil {
		return nil, err
	}
	// Sized once: grown by doubling, the rows of a big file would be held up to twice.
	out := &CSVImport{Ignored: ignored, PainPoints: make([]journey.PainPoint, 0, bytes.Count(data, []byte("\n"))+1)}
	var problems []string
	var others []int // lines of rows of other journeys, said once
	var otherIDs []string
	seen := map[string]int{}
	for {
		cells, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			problems = append(problems, csvProblem(err))
			break
		}
		line, _ := cr.FieldPos(0)
		if blank(cells) {
			continue
		}
		p, isNew, err := rd.row(cells)
		if err == nil {
			if first, twice := seen[p.ID]; twice {
				err = fmt.Errorf("the pain point %q is on line %d too", journey.Printable(p.ID), first)
			}
		}
		var other otherJourney
		if errors.As(err, &other) {
			others = append(others, line)
			if !slices.Contains(otherIDs, string(other)) {
				otherIDs = append(otherIDs, string(other))
			}
			continue
		}
		if err != nil {
			if len(problems) < maxCSVProblems {
				problems = append(problems, fmt.Sprintf("line %d: %s", line, err))
			}
			continue
		}
		seen[p.ID] = line
		if isNew {
			out.New++
		}
		out.PainPoints = append(out.PainPoints, p)
	}
	if len(others) > 0 {
		problems = append(problems, fmt.Sprintf("%s of other journeys (%s), not of %q (%s): import a CSV of one journey (export it with -journey ID)",
			linesSaid(others), journey.Printable(strings.Join(otherIDs, ", ")), journey.Printable(j.Title), j.ID))
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%w, nothing was changed: %s", ErrCSV, strings.Join(problems, "; "))
	}
	if len(out.PainPoints) == 0 {
		return nil, fmt.Errorf("%w: the file holds no row of a pain point under its first line, which names the columns", ErrCSV)
	}
	return out, nil
}

// otherJourney is the id of the journey a row is of, when it is not the one imported into.
type otherJourney string

func (o otherJourney) Error() string { return "the row is of the journey " + string(o) }

// linesSaid names lines briefly: "line 4", "lines 4, 5 and 9", "lines 4 to 90".
func linesSaid(lines []int) string {
	switch n := len(lines); {
	case n == 1:
		return fmt.Sprintf("line %d is", lines[0])
	case n <= 3:
		var s []string
		for _, l := range lines[:n-1] {
			s = append(s, strconv.Itoa(l))
		}
		return fmt.Sprintf("lines %s and %d are", strings.Join(s, ", "), lines[n-1])
	default:
		return fmt.Sprintf("%d lines, %d to %d, are", n, lines[0], lines[n-1])
	}
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// csvProblem says what encoding/csv found wrong in people's words.
func csvProblem(err error) string {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return err.Error()
	}
	switch {
	case errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote):
		return fmt.Sprintf("line %d: a quote \" is not closed, or stands inside a cell that does not start with one", pe.StartLine)
	}
	return fmt.Sprintf("line %d: %s", pe.Line, pe.Err)
}

// rowReader turns rows into pain points by the columns the header names.
type rowReader struct {
	col     map[string]int // column name → index
	j       *journey.Journey
	byID    map[string]int // pain point id → index in the journey
	stages  *lookup
	members *lookup
	check   func(*journey.PainPoint) error
	words   map[string]string // what detach keeps once
}

// columnAliases lets a hand-made spreadsheet name columns in other common ways.
var columnAliases = map[string]string{
	"source": "source_or_method", "method": "source_or_method", "found_by_name": "found_by",
	"owner_name": "owner", "next_action": "action", "due_date": "due", "pain_point": "title", "pain_point_id": "id",
	"found": "found_on", "found_date": "found_on", "date_found": "found_on",
}

// newRowReader reads the header; it returns the columns it does not read as well.
func newRowReader(header []string, w *journey.Workspace, j *journey.Journey) (*rowReader, []string, error) {
	known := map[string]bool{}
	for _, h := range CSVHeader {
		known[h] = true
	}
	rd := &rowReader{col: map[string]int{}, words: map[string]string{}, j: j, byID: make(map[string]int, len(j.PainPoints)),
		check: journey.PainPointCheck(w, j)}
	var ignored []string
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		name = strings.NewReplacer(" ", "_", "-", "_").Replace(name)
		if alias, ok := columnAliases[name]; ok {
			name = alias
		}
		switch {
		case name == "":
		case !known[name]:
			ignored = append(ignored, h)
		case rd.has(name):
			return nil, nil, fmt.Errorf("%w: the column %q is there twice", ErrCSV, name)
		default:
			rd.col[name] = i
		}
	}
	if !rd.has("id") && !rd.has("title") {
		return nil, nil, fmt.Errorf("%w: the first line names no column \"title\" (nor \"id\"); it must name the columns, e.g. %s",
			ErrCSV, strings.Join(CSVHeader, ","))
	}
	for i, p := range j.PainPoints {
		rd.byID[p.ID] = i
	}
	rd.stages = newLookup("stage", len(j.Stages))
	for _, s := range j.Stages {
		rd.stages.add(s.ID, s.Name)
	}
	rd.members = newLookup("member", len(w.Members))
	for _, m := range w.Members {
		rd.members.add(m.ID, m.Name)
	}
	return rd, ignored, nil
}

func (rd *rowReader) has(name string) bool { _, ok := rd.col[name]; return ok }

// cell returns the row's text in the column and whether the header has the column. Line ends
// come back as "\n", whatever the spreadsheet wrote.
func (rd *rowReader) cell(cells []string, name string) (string, bool) {
	i, ok := rd.col[name]
	if !ok {
		return "", false
	}
	if i >= len(cells) {
		return "", true
	}
	c := undefuse(cells[i])
	if strings.IndexByte(c, '\r') >= 0 {
		// Only then: a replacer copies every cell it is given, and a million rows' cells
		// copied are a second copy of the file.
		c = lineEnds.Replace(c)
	}
	return c, true
}

// row makes the pain point of one row, checked.
func (rd *rowReader) row(cells []string) (journey.PainPoint, bool, error) {
	var p journey.PainPoint
	id, _ := rd.cell(cells, "id")
	id = strings.TrimSpace(id)
	i, exists := rd.byID[id]
	switch {
	case exists:
		p = rd.j.PainPoints[i]
	case id != "": // e.g. one deleted since the export: it comes back as it was
		p = journey.PainPoint{ID: id, Status: journey.StatusOpen}
	default:
		p = journey.PainPoint{ID: journey.NewID("p"), Status: journey.StatusOpen}
	}
	if jid, ok := rd.cell(cells, "journey_id"); ok && strings.TrimSpace(jid) != "" && strings.TrimSpace(jid) != rd.j.ID {
		return p, false, otherJourney(strings.TrimSpace(jid))
	}
	if title, ok := rd.cell(cells, "journey"); ok && !rd.has("journey_id") && strings.TrimSpace(title) != "" &&
		!strings.EqualFold(strings.TrimSpace(title), strings.TrimSpace(rd.j.Title)) {
		return p, false, fmt.Errorf("the row is of the journey %q, not of %q", journey.Printable(title), journey.Printable(rd.j.Title))
	}
	text := func(name string, to *string) {
		if v, ok := rd.cell(cells, name); ok {
			*to = v
		}
	}
	text("title", &p.Title)
	text("detail", &p.Detail)
	text("action", &p.Action.Text)
	text("done_when", &p.Action.DoneWhen)
	for _, d := range []struct {
		name string
		to   *string
	}{{"due", &p.Action.Due}, {"found_on", &p.FoundOn}, {"evidence_date", &p.Evidence.Date}} {
		if v, ok := rd.cell(cells, d.name); ok {
			*d.to = strings.TrimSpace(v)
		}
	}
	text("evidence", &p.Evidence.Note)
	if v, ok := rd.cell(cells, "evidence_reports"); ok {
		n, err := journey.ReadOptional(v)
		if err != nil {
			return p, false, fmt.Errorf("evidence_reports: %w", err)
		}
		p.Evidence.Reports = n
	}
	if v, ok := rd.cell(cells, "discovery"); ok {
		p.Discovery = journey.Discovery(strings.ToLower(strings.TrimSpace(v)))
	}
	if v, ok := rd.cell(cells, "source_or_method"); ok {
		v = strings.ToLower(strings.TrimSpace(v))
		p.Source, p.Method = "", ""
		if p.Discovery == journey.Unknown {
			p.Method = journey.Method(v)
		} else {
			p.Source = journey.Source(v)
		}
	} else if p.Discovery == journey.Unknown {
		p.Source = ""
	} else {
		p.Method = ""
	}
	if v, ok := rd.cell(cells, "status"); ok {
		if v = strings.ToLower(strings.TrimSpace(v)); v != "" || !exists {
			p.Status = journey.Status(v)
		}
		if p.Status == "" {
			p.Status = journey.StatusOpen
		}
	}
	for _, n := range []struct {
		name string
		to   *int
	}{{"reports", &p.Reports}, {"severity", &p.Severity}, {"effort", &p.Effort}} {
		v, ok := rd.cell(cells, n.name)
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		if v == "" && n.name == "reports" {
			*n.to = 0
			continue
		}
		x, err := strconv.Atoi(v)
		if err != nil {
			return p, false, fmt.Errorf("%s: %q is not a whole number", n.name, journey.Printable(v))
		}
		*n.to = x
	}
	var err error
	if p.Stage, err = rd.ref(cells, "stage", rd.stages, p.Stage, false); err != nil {
		return p, false, err
	}
	if p.FoundBy, err = rd.ref(cells, "found_by", rd.members, p.FoundBy, false); err != nil {
		return p, false, err
	}
	if p.Owner, err = rd.ref(cells, "owner", rd.members, p.Owner, true); err != nil {
		return p, false, err
	}
	if err := rd.check(&p); err != nil {
		var ve *journey.ValidationError
		if errors.As(err, &ve) {
			return p, false, fmt.Errorf("%s: %s", csvColumn(ve.Path), ve.Msg)
		}
		return p, false, err
	}
	rd.detach(&p)
	return p, !exists, nil
}

// detach makes the pain point hold text of its own rather than parts of its row's: one field
// kept keeps the whole line it was cut from, and a million lines kept are the file again.
// What recurs from row to row (a stage's or member's id, a date, a status) is kept once.
func (rd *rowReader) detach(p *journey.PainPoint) {
	for _, s := range []*string{&p.ID, &p.Title, &p.Detail, &p.Action.Text, &p.Action.DoneWhen, &p.Evidence.Note} {
		*s = strings.Clone(*s)
	}
	for _, s := range []*string{&p.Stage, &p.FoundBy, &p.Owner, &p.FoundOn, &p.Action.Due, &p.Evidence.Date,
		(*string)(&p.Discovery), (*string)(&p.Method), (*string)(&p.Source), (*string)(&p.Status)} {
		k, ok := rd.words[*s]
		if !ok {
			k = strings.Clone(*s)
			rd.words[k] = k
		}
		*s = k
	}
}

// ref reads a stage or member from the column's id (name_id) or else its name, keeping
// current when the header has neither. An owner may be "unassigned".
func (rd *rowReader) ref(cells []string, name string, l *lookup, current string, unassigned bool) (string, error) {
	if id, ok := rd.cell(cells, name+"_id"); ok && strings.TrimSpace(id) != "" {
		return strings.TrimSpace(id), nil // a wrong id is named by the check
	}
	v, ok := rd.cell(cells, name)
	if !ok {
		if rd.has(name + "_id") {
			return "", nil
		}
		return current, nil
	}
	v = strings.TrimSpace(v)
	if v == "" || (unassigned && strings.EqualFold(v, Unassigned)) {
		return "", nil
	}
	id, err := l.find(v, name+"_id")
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return id, nil
}

// csvColumn names, for a path of the pain-point check, the column to put right.
func csvColumn(path string) string {
	switch path {
	case "foundBy":
		return "found_by"
	case "foundOn":
		return "found_on"
	case "source", "method":
		return "source_or_method"
	case "action.text":
		return "action"
	case "action.due":
		return "due"
	case "action.doneWhen":
		return "done_when"
	case "evidence.note":
		return "evidence"
	case "evidence.date":
		return "evidence_date"
	case "evidence.reports":
		return "evidence_reports"
	}
	return path
}

// lookup finds a stage or member by id, by name, or by name in any case.
type lookup struct {
	what   string
	ids    map[string]bool
	byName map[string][]string
	byFold map[string][]string
}

func newLookup(what string, n int) *lookup {
	return &lookup{what: what, ids: make(map[string]bool, n), byName: make(map[string][]string, n), byFold: make(map[string][]string, n)}
}

func (l *lookup) add(id, name string) {
	l.ids[id] = true
	name = strings.TrimSpace(name)
	l.byName[name] = append(l.byName[name], id)
	fold := strings.ToLower(name)
	l.byFold[fold] = append(l.byFold[fold], id)
}

// find returns the id of the one stage or member v names; idColumn is where to give the id
// instead when v names several.
func (l *lookup) find(v, idColumn string) (string, error) {
	for _, ids := range [][]string{l.byName[v], l.byFold[strings.ToLower(v)]} {
		switch {
		case len(ids) == 1:
			return ids[0], nil
		case len(ids) > 1:
			return "", fmt.Errorf("%q names %d %ss (ids %s): give the id in a column %s", journey.Printable(v), len(ids), l.what,
				journey.Printable(strings.Join(ids, ", ")), idColumn)
		}
	}
	if l.ids[v] {
		return v, nil
	}
	return "", fmt.Errorf("no %s is named %q", l.what, journey.Printable(v))
}
