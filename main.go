// Command journeymap is the Journeymap desktop app and its command line: import, export and
// report work on the same store without a display.
package main

import (
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	_ "early.journeymap/locale" // before Fyne's own init: see its doc

	"journeymap/assets"
	mapcanvas "journeymap/canvas"
	"journeymap/canvas/export"
	"journeymap/journey"
	"journeymap/journey/interchange"
	"journeymap/storage"
	"journeymap/storage/document"
	"journeymap/storage/transfer"
)

// appID must match FyneApp.toml.
const appID = "io.journeymap.app"

// fyneApp is FyneApp.toml, the one place the version is written: the packaging tool reads it
// for the installers, and `journeymap version` from here.
//
//go:embed FyneApp.toml
var fyneApp string

// version returns the version and build number FyneApp.toml gives.
func version() string {
	fields := map[string]string{}
	for _, line := range strings.Split(fyneApp, "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			fields[strings.TrimSpace(k)] = strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	return fmt.Sprintf("%s (build %s)", fields["Version"], fields["Build"])
}

const usage = `usage:
  journeymap [-store DIR]                      open the app
  journeymap import [-store DIR] [-replace] FILE
  journeymap import [-store DIR] -format csv -journey ID FILE
                                              pain points from a spreadsheet into a journey
  journeymap export [-store DIR] -format png|json|csv [-journey ID] [-width PX] [-dpi N]
                    [-theme light|dark|presenter] -o FILE
  journeymap report [-store DIR] [-json]
  journeymap suggest [-store DIR] -effort N [-finder MEMBER] [-json]
                                              the fair owner for a new pain point
  journeymap rebalance [-store DIR] [-target F] [-json] [-apply]
                                              moves of pain points that share the work fairly
  journeymap backups [-store DIR]             list the backups, newest first
  journeymap restore [-store DIR] FILE        replace the workspace with a backup
  journeymap version
`

// errUsage marks a mistake in how the command was called (exit status 2).
var errUsage = errors.New("bad usage")

func main() {
	useParentConsole()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run carries out one command line and returns its exit status: 0 on success, 1 on a user
// error (one line on stderr naming it), 2 on bad usage.
func run(args []string, stdout, stderr io.Writer) int {
	err := dispatch(args, stdout, stderr)
	var help helpAsked
	switch {
	case errors.As(err, &help):
		fmt.Fprint(stdout, help.text)
		return 0
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "journeymap: %s\n%s", oneLine(err), usage)
		return 2
	default:
		fmt.Fprintf(stderr, "journeymap: %s\n", oneLine(err))
		return 1
	}
}

// oneLine is an error as one line of a message, with user data in it made printable.
func oneLine(err error) string {
	return journey.Printable(strings.Join(strings.Fields(strings.TrimSuffix(err.Error(), ": "+errUsage.Error())), " "))
}

func dispatch(args []string, stdout, stderr io.Writer) error {
	top := newFlags("journeymap")
	store := top.String("store", "", "store directory")
	rest, err := parse(top, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return openApp(*store)
	}
	cmd, rest := rest[0], rest[1:]
	switch cmd {
	case "import":
		return importCmd(*store, rest, stdout, stderr)
	case "export":
		return exportCmd(*store, rest, stdout)
	case "report":
		return reportCmd(*store, rest, stdout)
	case "suggest":
		return suggestCmd(*store, rest, stdout)
	case "rebalance":
		return rebalanceCmd(*store, rest, stdout)
	case "backups":
		return backupsCmd(*store, rest, stdout)
	case "restore":
		return restoreCmd(*store, rest, stdout)
	case "version":
		fmt.Fprintf(stdout, "journeymap %s\n", version())
		return nil
	case "help":
		if len(rest) > 0 {
			return dispatch([]string{rest[0], "-h"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q: %w", cmd, errUsage)
}

func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// commandHelp is what -h or --help prints for each command, before its flags.
var commandHelp = map[string]string{
	"import": `usage: journeymap import [-store DIR] [-replace] FILE
       journeymap import [-store DIR] -format csv -journey ID FILE

Loads a workspace file (.journeymap.json) into the store, checked whole first. A store that
holds a workspace is replaced only with -replace, after a backup of it is written. With
-format csv, pain points from a spreadsheet go into one journey: rows with an id the journey
has change that pain point, the others are added.`,
	"export": `usage: journeymap export [-store DIR] -format png|json|csv [-journey ID] [-width PX] [-dpi N]
                         [-theme light|dark|presenter] -o FILE

Writes the workspace file (json), the pain points for a spreadsheet (csv), or one journey's
map as a picture (png). -o - writes to standard output. The store is only read.`,
	"report": `usage: journeymap report [-store DIR] [-json]

Prints each member's load, open pain points and unknown pain points found, each journey's
pain points and discovery rate, and the task force's fairness. The store is only read.`,
	"suggest": `usage: journeymap suggest [-store DIR] -effort N [-finder MEMBER] [-json]

Prints the fair owner for a new pain point of effort N (1, 2, 3, 5 or 8): among the members
who stay within their capacity with it (if none, among all), the one whose load after is
lowest; a tie goes to the member who did not find it (-finder, a member's id), then by name.
-json prints {"member": ID, "loadAfter": X, "reason": "…"}. The store is only read.`,
	"rebalance": `usage: journeymap rebalance [-store DIR] [-target F] [-json] [-apply]

Proposes moves of assigned open or doing pain points to other members, no receiver ending
above their capacity: the fewest moves that bring the task force's fairness to at least F
(default 0.9), and among those the fairest. When F can't be reached it says so and proposes
the fairest moves it found, if any makes the work fairer. Nothing changes without -apply,
which makes the moves as one edit the app can undo. -json prints {"target", "before",
"after", "reached", "moves": [{"painPoint", "journey", "from", "to"}]}.`,
	"backups": `usage: journeymap backups [-store DIR]

Lists the backups of the store, newest first, with their paths for journeymap restore.`,
	"restore": `usage: journeymap restore [-store DIR] FILE

Replaces the workspace with the one in FILE, a backup (see journeymap backups) or any
workspace file. The workspace there was is backed up first; a damaged store is moved aside.`,
}

// helpText is the help of the command whose flags fs holds.
func helpText(fs *flag.FlagSet) string {
	about, ok := commandHelp[fs.Name()]
	if !ok {
		return usage
	}
	var b strings.Builder
	b.WriteString(about + "\n\nflags:\n")
	fs.SetOutput(&b)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	return b.String()
}

// parseNone parses the flags of a command that takes no positional arguments.
func parseNone(fs *flag.FlagSet, args []string) error {
	rest, err := parse(fs, args)
	if err == nil && len(rest) > 0 {
		err = fmt.Errorf("%s takes no arguments, got %q: %w", fs.Name(), rest, errUsage)
	}
	return err
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

// helpAsked carries the help to print when a command is given -h or --help.
type helpAsked struct{ text string }

func (h helpAsked) Error() string { return "help requested" }
func (h helpAsked) Unwrap() error { return flag.ErrHelp }

// parse accepts flags before and after positional arguments ("import FILE -replace"),
// as people type them; a subcommand name ends the top-level flags.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, helpAsked{helpText(fs)}
			}
			return nil, fmt.Errorf("%s: %w", err, errUsage)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		if fs.Name() == "journeymap" {
			return append(positional, args[1:]...), nil
		}
		args = args[1:]
	}
}

// defaultStore is the per-user store: <user config dir>/journeymap/store, so that backups
// written beside it land in <user config dir>/journeymap.
func defaultStore() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the per-user data directory (use -store DIR): %w", err)
	}
	return filepath.Join(dir, "journeymap", "store"), nil
}

// storeDir is the store a command works on: -store, or the per-user default.
func storeDir(dir string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	return defaultStore()
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
		return nil, dir, withBackupAdvice(dir, err)
	}
	defer s.Close()
	w, err := s.Load()
	return w, dir, withBackupAdvice(dir, err)
}

// withBackupAdvice adds, to the error of a damaged store, where its newest backup is and how
// to restore it.
func withBackupAdvice(dir string, err error) error {
	if !errors.Is(err, storage.ErrDamaged) {
		return err
	}
	list, lerr := storage.Backups(dir)
	if lerr != nil || len(list) == 0 {
		return fmt.Errorf("%w; nothing was changed, and there is no backup beside it: import a workspace file with: journeymap import -store %s -replace FILE", err, dir)
	}
	return fmt.Errorf("%w; nothing was changed. The newest backup is %s (%s): restore it with: journeymap restore -store %s %s",
		err, list[0].Path, list[0].Time.Format("2006-01-02 15:04"), dir, list[0].Path)
}

// storeFlag lets -store come after the subcommand too; it then wins over one given before.
func storeFlag(fs *flag.FlagSet, global string) *string {
	return fs.String("store", global, "store directory")
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
	doc, err := openForEdit(dir, "File → Import Pain Points")
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
		return fmt.Errorf("%w; close the app first, or use its File menu", err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, journey.Printable(r.Summary()))
	return nil
}

func backupsCmd(global string, args []string, stdout io.Writer) error {
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
}

func restoreCmd(global string, args []string, stdout io.Writer) error {
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
}

func exportCmd(global string, args []string, stdout io.Writer) error {
	fs := newFlags("export")
	store := storeFlag(fs, global)
	format := fs.String("format", "", "png, json or csv")
	journeyID := fs.String("journey", "", "journey id (png: default the first; csv: default all)")
	width := fs.Int("width", 3840, "png width in pixels, up to 16384")
	dpi := fs.Int("dpi", 300, "png resolution written into the file")
	theme := fs.String("theme", "light", "light, dark or presenter")
	out := fs.String("o", "", "output file, - for standard output")
	if err := parseNone(fs, args); err != nil {
		return err
	}
	switch {
	case *out == "":
		return fmt.Errorf("export needs -o FILE: %w", errUsage)
	case *format != "png" && *format != "json" && *format != "csv":
		return fmt.Errorf("-format must be png, json or csv, got %q: %w", *format, errUsage)
	case *width < 1 || *width > 16384:
		return fmt.Errorf("-width must be 1..16384, got %d: %w", *width, errUsage)
	case *dpi < 1 || *dpi > 10000:
		return fmt.Errorf("-dpi must be 1..10000, got %d: %w", *dpi, errUsage)
	case *theme != "light" && *theme != "dark" && *theme != "presenter":
		return fmt.Errorf("-theme must be light, dark or presenter, got %q: %w", *theme, errUsage)
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
		id := *journeyID
		if id == "" && len(w.Journeys) > 0 {
			id = w.Journeys[0].ID
		}
		write = func(dst io.Writer) error {
			return export.PNG(dst, w, id, export.Options{Width: *width, DPI: *dpi, Palette: *theme})
		}
	}
	if *out == "-" {
		return write(stdout)
	}
	return transfer.WriteFile(*out, write)
}

func reportCmd(global string, args []string, stdout io.Writer) error {
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
}

func suggestCmd(global string, args []string, stdout io.Writer) error {
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

func rebalanceCmd(global string, args []string, stdout io.Writer) error {
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
		return printProposal(stdout, w, w.Rebalance(*target, rebalanceBudget), *asJSON, false)
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
	p := w.Rebalance(*target, rebalanceBudget)
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

// rebalanceBudget is how long a rebalance may search, as in the app.
const rebalanceBudget = time.Second

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

// openForEdit opens the store at dir for changing it through a document, as the app does; in
// says where the app does the same, for when the app holds the store.
func openForEdit(dir, in string) (*document.Document, error) {
	s, err := storage.OpenExisting(dir)
	if errors.Is(err, storage.ErrInUse) {
		return nil, fmt.Errorf("%w; close the app first, or use its %s", err, in)
	}
	if err != nil {
		return nil, withBackupAdvice(dir, err)
	}
	doc, err := document.Open(s)
	if err != nil {
		s.Close()
		return nil, withBackupAdvice(dir, err)
	}
	return doc, nil
}

// openApp opens the store and runs the window.
// A store that can't be opened is explained in a window as well as on standard error.
func openApp(dir string) error {
	if runtime.GOOS == "linux" || runtime.GOOS == "freebsd" || runtime.GOOS == "openbsd" {
		if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
			return errors.New("no display to open the window on (DISPLAY is not set); the import, export and report commands work without one")
		}
	}
	dir, err := storeDir(dir)
	if err != nil {
		return err
	}
	doc, readOnly, err := openDocument(dir)
	if err != nil {
		// Fyne rewrites an app's preferences file at exit, and a Journeymap already running
		// would read it half-written; the window that only explains the problem keeps out of
		// that file under an ID of its own.
		a := app.NewWithID(appID + ".problem")
		a.SetIcon(assets.Icon)
		remedy, says, restored := restoreRemedy(dir, err)
		problem, werr := mapcanvas.FirstWindow(func() fyne.Window {
			return mapcanvas.NewErrorWindow(a, capitalised(oneLine(err)), says, remedy)
		})
		if werr != nil { // standard error is all that is left to say it on
			return withBackupAdvice(dir, err)
		}
		problem.ShowAndRun()
		if *restored != "" { // the problem is solved: said, but not an exit status
			fmt.Fprintf(os.Stderr, "journeymap: %s\njourneymap: %s\n", oneLine(err), *restored)
			return nil
		}
		return withBackupAdvice(dir, err)
	}
	defer doc.Close()
	doc.BackUpInBackground(time.Now(), func(err error) {
		fmt.Fprintf(os.Stderr, "journeymap: no backup on start-up: %s\n", oneLine(err))
	})
	// The sample's window keeps its preferences apart: two processes rewriting one
	// preferences file at exit would each lose the other's.
	id, sample := appID, false
	if sd, err := sampleStore(); err == nil && same(sd, dir) {
		id, sample = appID+".sample", true
	}
	a := app.NewWithID(id)
	a.SetIcon(assets.Icon)
	mw, err := mapcanvas.FirstWindow(func() *mapcanvas.MainWindow { return mapcanvas.NewMainWindow(a, doc) })
	if err != nil {
		return fmt.Errorf("%w; the import, export and report commands work without one", err)
	}
	if sample {
		mw.ShowSample()
	}
	mw.OnOpenSample = func() error { return openSample(dir) }
	if readOnly != "" {
		mw.SetReadOnly(readOnly)
	}
	mw.ShowAndRun()
	return nil
}

// restoreRemedy offers, for a damaged store with a backup, to restore the newest backup and
// then start Journeymap again on it, and returns the advice to give with it: advice(err)
// when there is nothing to offer. What was restored is said in the string it points to,
// "" until then.
func restoreRemedy(dir string, err error) (remedy *mapcanvas.Remedy, says string, restored *string) {
	restored = new(string)
	if !errors.Is(err, storage.ErrDamaged) {
		return nil, advice(err), restored
	}
	list, lerr := storage.Backups(dir)
	if lerr != nil || len(list) == 0 {
		return nil, advice(err), restored
	}
	newest := list[0]
	says = fmt.Sprintf("Nothing was changed: the damaged files are left as they are. The newest backup is from %s. "+
		"Restoring it moves the damaged store aside, untouched, and puts the backup in its place.",
		newest.Time.Format("Mon 2 Jan 2006 at 15:04"))
	return &mapcanvas.Remedy{
		Label: "Restore the Backup of " + newest.Time.Format("2 Jan 15:04"),
		Do: func() (string, error) {
			r, err := transfer.Restore(dir, newest.Path, time.Now())
			if err != nil {
				return "", err
			}
			*restored = fmt.Sprintf("restored the backup of %s (%s); the damaged store was moved, untouched, to %s",
				newest.Time.Format("2006-01-02 15:04"), newest.Path, r.Aside)
			return capitalised(*restored) + ".", nil
		},
		Then:  "Open Journeymap",
		After: startAgain,
	}, says, restored
}

// startAgain starts Journeymap again with the arguments it was given, as a new process: a
// Fyne app runs once in a process, and this one has shown its problem window.
func startAgain() {
	exe, err := os.Executable()
	if err == nil {
		cmd := exec.Command(exe, os.Args[1:]...)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
		err = cmd.Start()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "journeymap: can't start again: %s\n", oneLine(err))
	}
}

// openDocument opens the store and the document on it; a new store holds an empty workspace,
// whose window offers the sample beside it. A store on a full or read-only disk is opened read-only, with the reason returned.
func openDocument(dir string) (*document.Document, string, error) {
	readOnly := ""
	s, err := storage.Open(dir)
	switch {
	case errors.Is(err, storage.ErrDiskFull):
		readOnly = "the disk is full. Free some space and start Journeymap again to edit."
	case errors.Is(err, storage.ErrNotWritable):
		readOnly = "the workspace's folder can't be written to."
	}
	if readOnly != "" {
		if ro, rerr := storage.OpenReadOnly(dir); rerr == nil {
			s, err = ro, nil
		}
	}
	if err != nil {
		return nil, "", err
	}
	doc, err := document.Open(s)
	if err != nil {
		s.Close()
		return nil, "", err
	}
	// A new store's workspace gets a name, which every workspace file needs: the first
	// export of a workspace begun in the app must import again. Not an edit to undo.
	if doc.Workspace().Name == "" && !s.ReadOnly() {
		if err := doc.Keep(journey.RenameWorkspace{After: journey.DefaultWorkspaceName}); err != nil {
			doc.Close()
			return nil, "", err
		}
	}
	return doc, readOnly, nil
}

// sampleStore is where the sample workspace lives, beside the default store and never in it:
// its made-up team must not be counted as anyone's own.
func sampleStore() (string, error) {
	dir, err := defaultStore()
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(dir), "sample"), nil
}

// openSample starts Journeymap on the sample store, in a process and window of its own, after
// filling the store with the sample the first time; what was changed in it since is kept.
func openSample(current string) error {
	dir, err := sampleStore()
	if err != nil {
		return err
	}
	if same(dir, current) {
		return errors.New("this window already shows the sample")
	}
	if err := fillSample(dir); err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(exe, "-store", dir)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reaped when it ends, whenever that is
	return nil
}

// fillSample puts the sample workspace in the store dir unless it holds one already.
func fillSample(dir string) error {
	sample, err := interchange.Parse(assets.SampleWorkspace)
	if err != nil {
		return fmt.Errorf("the built-in sample workspace: %w", err)
	}
	_, err = transfer.Import(dir, sample, false, time.Now())
	switch {
	case errors.Is(err, transfer.ErrNotEmpty):
		return nil
	case errors.Is(err, storage.ErrInUse):
		return errors.New("it is already open in another window")
	}
	return err
}

// same reports whether two paths name one directory.
func same(a, b string) bool {
	ia, erra := os.Stat(a)
	ib, errb := os.Stat(b)
	if erra != nil || errb != nil {
		return filepath.Clean(a) == filepath.Clean(b)
	}
	return os.SameFile(ia, ib)
}

// advice says what a person can do about a store that won't open.
func advice(err error) string {
	switch {
	case errors.Is(err, storage.ErrInUse):
		return "Journeymap is already open on this workspace. Switch to that window, or close it and start Journeymap again."
	case errors.Is(err, storage.ErrNewerSchema):
		return "Update Journeymap to the newest version to open this workspace. Nothing was changed."
	case errors.Is(err, storage.ErrIncomplete):
		return "Import the workspace file again with: journeymap import -replace FILE"
	case errors.Is(err, storage.ErrNotStore):
		return "Start Journeymap with -store and an empty or new folder."
	case errors.Is(err, storage.ErrDiskFull):
		return "Free some disk space and start Journeymap again."
	case errors.Is(err, storage.ErrDamaged):
		return "Nothing was changed: the damaged files are left as they are. Restore a backup with: journeymap restore FILE (journeymap backups lists them); the damaged store is then moved aside, untouched."
	}
	return "Nothing was changed. A backup or an exported workspace file can be loaded with: journeymap import -replace FILE"
}

func capitalised(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
