package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"journeymap/canvas/export"
	"journeymap/canvas/scene"
	"journeymap/journey"
	"journeymap/journey/interchange"
	"journeymap/storage"
	"journeymap/storage/document"
	"journeymap/storage/transfer"
)

var importCommand = command{
	name: "import",
	synopsis: []string{"import [-store DIR] [-replace] FILE",
		"import [-store DIR] -format csv -journey ID FILE"},
	summary: "pain points from a spreadsheet into a journey",
	about: `Loads a workspace file (.journeymap.json) into the store, checked whole first. A store that
holds a workspace is replaced only with -replace, after a backup of it is written. With
-format csv, pain points from a spreadsheet go into one journey: rows with an id the journey
has change that pain point, the others are added.`,
	run: importCmd,
}

func importCmd(global string, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("import")
	store := storeFlag(fs, global)
	replace := fs.Bool("replace", false, "replace a non-empty store, after writing a backup")
	format := fs.String("format", "json", "json (a workspace file) or csv (pain points for one journey)")
	journeyID := fs.String("journey", "", "with -format csv: the journey the pain points go into")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(files) != 1:
		return fmt.Errorf("import takes one FILE, got %d: %w", len(files), errUsage)
	case *format != "json" && *format != "csv":
		return fmt.Errorf("-format must be json or csv, got %q: %w", *format, errUsage)
	case *format == "csv" && *replace:
		return fmt.Errorf("-replace is for a workspace file; a CSV adds and changes pain points of one journey: %w", errUsage)
	case *format == "json" && *journeyID != "":
		return fmt.Errorf("-journey is for -format csv; a workspace file holds all its journeys: %w", errUsage)
	}
	dir, err := storeDir(*store)
	if err != nil {
		return err
	}
	if *format == "csv" {
		return importPainPoints(dir, *journeyID, files[0], stdout)
	}
	w, notes, err := interchange.ReadFileNoting(files[0])
	if err != nil {
		return err
	}
	for _, n := range notes {
		fmt.Fprintf(stderr, "journeymap: warning: %s\n", journey.Printable(n))
	}
	r, err := transfer.Import(dir, w, *replace, time.Now())
	return reportImport(stdout, r, err)
}

// importPainPoints puts the pain points of a CSV into a journey of the store, as File →
// Import Pain Points does: one edit, which the app can undo.
func importPainPoints(dir, journeyID, path string, stdout io.Writer) error {
	doc, err := openForEdit(dir, "File → Import Pain Points…")
	if err != nil {
		return err
	}
	defer doc.Close()
	if journeyID == "" {
		return fmt.Errorf("import -format csv needs -journey ID; the journeys are: %s: %w", journey.JourneysSaid(doc.Workspace()), errUsage)
	}
	r, err := doc.ImportPainPoints(path, journeyID)
	if len(r.Ignored) > 0 {
		fmt.Fprintf(stdout, "warning: not read: the columns %s (the columns read are %s)\n",
			journey.Printable(quoted(r.Ignored)), strings.Join(interchange.CSVHeader, ", "))
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, journey.Printable(r.Summary()))
	return nil
}

func quoted(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// reportImport prints what an import or a restore did, before its error if it failed.
func reportImport(stdout io.Writer, r transfer.Imported, err error) error {
	if r.Backup != "" {
		fmt.Fprintf(stdout, "backup of the previous workspace: %s\n", r.Backup)
	}
	if r.NoBackup != "" {
		fmt.Fprintf(stdout, "no backup: %s\n", journey.Printable(r.NoBackup))
	}
	if r.Aside != "" {
		fmt.Fprintf(stdout, "the damaged store was moved, untouched, to %s\n", r.Aside)
	}
	if errors.Is(err, storage.ErrInUse) {
		return fmt.Errorf("%w; or, to keep it open, import from its File menu", err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, journey.Printable(r.Summary()))
	return nil
}

var backupsCommand = command{
	name: "backups", synopsis: []string{"backups [-store DIR]"}, summary: "list the backups, newest first",
	about: "Lists the backups of the store, newest first, with their paths for journeymap restore.",
	run: func(global string, args []string, stdout, _ io.Writer) error {
		fs := newFlags("backups")
		store := storeFlag(fs, global)
		if err := parseNone(fs, args); err != nil {
			return err
		}
		dir, err := storeDir(*store)
		if err != nil {
			return err
		}
		list, err := storage.Backups(dir)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			fmt.Fprintf(stdout, "no backups of %s yet\n", dir)
			return nil
		}
		for _, b := range list {
			fmt.Fprintf(stdout, "%s  %8.1f KiB  %s\n", b.Time.Format("2006-01-02 15:04:05"), float64(b.Size)/1024, b.Path)
		}
		return nil
	},
}

var restoreCommand = command{
	name: "restore", synopsis: []string{"restore [-store DIR] FILE"}, summary: "replace the workspace with a backup",
	about: `Replaces the workspace with the one in FILE, a backup (see journeymap backups) or any
workspace file. The workspace there was is backed up first; a damaged store is moved aside.`,
	run: func(global string, args []string, stdout, _ io.Writer) error {
		fs := newFlags("restore")
		store := storeFlag(fs, global)
		files, err := parse(fs, args)
		if err != nil {
			return err
		}
		if len(files) != 1 {
			return fmt.Errorf("restore takes one FILE (see journeymap backups), got %d: %w", len(files), errUsage)
		}
		dir, err := storeDir(*store)
		if err != nil {
			return err
		}
		r, err := transfer.Restore(dir, files[0], time.Now())
		return reportImport(stdout, r, err)
	},
}

var exportCommand = command{
	name: "export",
	synopsis: []string{"export [-store DIR] -format png|json|csv [-journey ID] [-width PX] [-dpi N]\n" +
		"       [-theme " + strings.Join(scene.PaletteNames, "|") + "] -o FILE"},
	about: `Writes the workspace file (json), the pain points for a spreadsheet (csv), or one journey's
map as a picture (png). -o - writes to standard output. The store is only read.`,
	run: exportCmd,
}

func exportCmd(global string, args []string, stdout, _ io.Writer) error {
	fs := newFlags("export")
	store := storeFlag(fs, global)
	format := fs.String("format", "", "png, json or csv")
	journeyID := fs.String("journey", "", "journey id (png: default the first; csv: default all)")
	opts := export.Options{}
	fs.IntVar(&opts.Width, "width", export.DefaultWidth, fmt.Sprintf("png width in pixels, up to %d", export.MaxSide))
	fs.IntVar(&opts.DPI, "dpi", export.DefaultDPI, "png resolution written into the file")
	fs.StringVar(&opts.Palette, "theme", scene.PaletteNames[0], journey.Listed(scene.PaletteNames, "or"))
	out := fs.String("o", "", "output file, - for standard output")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	switch {
	case *out == "":
		return fmt.Errorf("export needs -o FILE: %w", errUsage)
	case *format != "png" && *format != "json" && *format != "csv":
		return fmt.Errorf("-format must be png, json or csv, got %q: %w", *format, errUsage)
	}
	var bad *export.OptionError
	if errors.As(opts.Check(), &bad) {
		return fmt.Errorf("-%s %s: %w", bad.Option, bad.Problem, errUsage)
	}
	w, dir, err := loadWorkspace(*store)
	if err != nil {
		return err
	}
	if w.Name == "" {
		return fmt.Errorf("store %s is empty: nothing to export", dir)
	}
	if *journeyID != "" && w.Journey(*journeyID) == nil {
		return fmt.Errorf("no journey with the id %q in %s; the journeys are: %s", journey.Printable(*journeyID), dir, journey.JourneysSaid(w))
	}
	write := func(dst io.Writer) error { return transfer.Export(dst, w, transfer.Format(*format), *journeyID) }
	if *format == "png" {
		write = func(dst io.Writer) error { return export.PNG(dst, w, *journeyID, opts) }
	}
	if *out == "-" {
		return write(stdout)
	}
	return transfer.WriteFile(*out, write)
}

var reportCommand = command{
	name: "report", synopsis: []string{"report [-store DIR] [-json]"},
	about: `Prints each member's load, open pain points and unknown pain points found, each journey's
pain points and discovery rate, and the task force's fairness. The store is only read.`,
	run: func(global string, args []string, stdout, _ io.Writer) error {
		fs := newFlags("report")
		store := storeFlag(fs, global)
		asJSON := fs.Bool("json", false, "print one JSON object")
		if err := parseNone(fs, args); err != nil {
			return err
		}
		w, _, err := loadWorkspace(*store)
		if err != nil {
			return err
		}
		r := journey.NewReport(w)
		if !*asJSON {
			return r.WriteText(stdout)
		}
		return printJSON(stdout, r)
	},
}

var suggestCommand = command{
	name: "suggest", synopsis: []string{"suggest [-store DIR] -effort N [-finder MEMBER] [-json]"},
	summary: "the fair owner for a new pain point",
	about: `Prints the fair owner for a new pain point of effort N (1, 2, 3, 5 or 8): among the members
who stay within their capacity with it (if none, among all), the one whose load after is
lowest; a tie goes to the member who did not find it (-finder, a member's id), then by name.
-json prints {"member": ID, "loadAfter": X, "reason": "…"}. The store is only read.`,
	run: suggestCmd,
}

func suggestCmd(global string, args []string, stdout, _ io.Writer) error {
	fs := newFlags("suggest")
	store := storeFlag(fs, global)
	effort := fs.Int("effort", 0, "the new pain point's effort: 1, 2, 3, 5 or 8")
	finder := fs.String("finder", "", "the id of the member who found it, if a member did")
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	if !slices.Contains(journey.Efforts, *effort) {
		return fmt.Errorf("-effort must be one of 1, 2, 3, 5 or 8, got %d: %w", *effort, errUsage)
	}
	w, dir, err := loadWorkspace(*store)
	if err != nil {
		return err
	}
	if _, ok := w.Member(*finder); *finder != "" && !ok {
		return fmt.Errorf("no member with the id %q in %s; the members are: %s", *finder, dir, journey.MembersSaid(w))
	}
	s, ok := w.Suggest("", journey.PainPoint{Effort: *effort, FoundBy: *finder, Status: journey.StatusOpen})
	if !ok {
		return fmt.Errorf("the workspace in %s has no members to suggest", dir)
	}
	if !*asJSON {
		_, err := fmt.Fprintf(stdout, "%s (%s): %s\n", journey.Printable(s.Member.Name), journey.Printable(s.Member.ID), s.Reason)
		return err
	}
	return printJSON(stdout, struct {
		Member    string  `json:"member"`
		LoadAfter float64 `json:"loadAfter"`
		Reason    string  `json:"reason"`
	}{s.Member.ID, s.LoadAfter, s.Reason})
}

var rebalanceCommand = command{
	name: "rebalance", synopsis: []string{"rebalance [-store DIR] [-target F] [-json] [-apply]"},
	summary: "moves of pain points that share the work fairly",
	about: `Proposes moves of assigned open or doing pain points to other members, no receiver ending
above their capacity: the fewest moves that bring the task force's fairness to at least F
(default 0.9), and among those the fairest. When F can't be reached it says so and proposes
the fairest moves it found, if any makes the work fairer. Nothing changes without -apply,
which makes the moves as one edit the app can undo. -json prints {"target", "before",
"after", "reached", "moves": [{"painPoint", "journey", "from", "to"}]}.`,
	run: rebalanceCmd,
}

func rebalanceCmd(global string, args []string, stdout, _ io.Writer) error {
	fs := newFlags("rebalance")
	store := storeFlag(fs, global)
	target := fs.Float64("target", journey.DefaultTarget, "the fairness to reach, above 0 and at most 1")
	asJSON := fs.Bool("json", false, "print one JSON object")
	apply := fs.Bool("apply", false, "make the moves (one edit the app can undo)")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	if !(*target > 0 && *target <= 1) {
		return fmt.Errorf("-target must be above 0 and at most 1, got %v: %w", *target, errUsage)
	}
	if !*apply {
		w, _, err := loadWorkspace(*store)
		if err != nil {
			return err
		}
		return printProposal(stdout, w, w.Rebalance(*target, journey.RebalanceBudget), *asJSON, false)
	}
	dir, err := storeDir(*store)
	if err != nil {
		return err
	}
	doc, err := openForEdit(dir, "Task force → Rebalance")
	if err != nil {
		return err
	}
	defer doc.Close()
	w := doc.Workspace()
	p := w.Rebalance(*target, journey.RebalanceBudget)
	if len(p.Moves) > 0 {
		b, err := w.AcceptMoves(p.Moves)
		if err == nil {
			err = doc.Do(b)
		}
		if err != nil {
			return fmt.Errorf("the moves were not made: %w", err)
		}
	}
	return printProposal(stdout, w, p, *asJSON, true)
}

// printProposal prints a rebalance proposal; w is the workspace it was made for (the moves'
// names are looked up in it) and applied tells whether its moves were made.
func printProposal(stdout io.Writer, w *journey.Workspace, p journey.Proposal, asJSON, applied bool) error {
	if asJSON {
		if p.Moves == nil {
			p.Moves = []journey.Move{}
		}
		return printJSON(stdout, p)
	}
	lines := []string{p.Said()}
	for _, m := range p.Moves {
		lines = append(lines, "  move "+w.MoveSaid(m))
	}
	switch {
	case len(p.Moves) == 0:
	case applied:
		lines = append(lines, "Made: the app's Edit → Undo takes the moves back as one.")
	default:
		lines = append(lines, "Nothing changed; run with -apply to make these moves.")
	}
	for _, l := range lines {
		if _, err := fmt.Fprintln(stdout, journey.Printable(l)); err != nil {
			return err
		}
	}
	return nil
}

// printJSON prints v as one line of JSON, for the commands' -json.
func printJSON(stdout io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "%s\n", b)
	return err
}

// storeDir is the store a command works on: -store, or the per-user default.
func storeDir(dir string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	return storage.DefaultDir()
}

// loadWorkspace reads the whole workspace of a store, opened read-only, and returns the
// store's directory for messages. Reading never creates, changes or repairs a store.
func loadWorkspace(dir string) (*journey.Workspace, string, error) {
	dir, err := storeDir(dir)
	if err != nil {
		return nil, "", err
	}
	s, err := storage.OpenReadOnly(dir)
	if err != nil {
		return nil, dir, document.WithAdvice(dir, err)
	}
	defer s.Close()
	w, err := s.Load()
	return w, dir, document.WithAdvice(dir, err)
}

// openForEdit opens the store at dir for changing it through a document, as the app does; in
// says where the app does the same, for when the app holds the store.
func openForEdit(dir, in string) (*document.Document, error) {
	doc, err := document.Open(dir, document.Options{Existing: true})
	if errors.Is(err, storage.ErrInUse) {
		return nil, fmt.Errorf("%w; or, to keep it open, use its %s", err, in)
	}
	return doc, document.WithAdvice(dir, err)
}
