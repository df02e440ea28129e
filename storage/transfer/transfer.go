// Package transfer moves workspaces in and out of a store: an import that backs up what it
// replaces, and exports written whole or not at all. The command line and the app both call
// it, so both follow the same rules.
package transfer

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"journeymap/journey"
	"journeymap/journey/interchange"
	"journeymap/storage"
)

// ErrNotEmpty means an import without replace met a store that holds a workspace.
var ErrNotEmpty = errors.New("already holds a workspace")

// Imported says what an import did.
type Imported struct {
	Workspace *journey.Workspace
	// Dir is the store's directory.
	Dir string
	// Backup is the file that holds the replaced workspace, "" when there was none.
	Backup string
	// NoBackup says why nothing was backed up though the store was not empty.
	NoBackup string
	// Aside is where a damaged store that was replaced was moved, untouched.
	Aside string
	// From is the file a restore took the workspace from, "" for an import.
	From string
}

// Summary is the one line a person is told after an import.
func (r Imported) Summary() string {
	pains := 0
	for _, j := range r.Workspace.Journeys {
		pains += len(j.PainPoints)
	}
	what := fmt.Sprintf("%s, %s, %s into %s", journey.Plural(len(r.Workspace.Members), "member"),
		journey.Plural(len(r.Workspace.Journeys), "journey"), journey.Plural(pains, "pain point"), r.Dir)
	if r.From != "" {
		return fmt.Sprintf("restored %q from %s: %s", r.Workspace.Name, r.From, what)
	}
	return fmt.Sprintf("imported %q: %s", r.Workspace.Name, what)
}

// Import makes the store at dir hold the workspace. A store that already holds one is refused
// (ErrNotEmpty) unless replace is set; then the old workspace is first backed up beside the
// store, or, when the store is damaged, the store is moved aside untouched. The new store is
// built whole beside the old one and swapped in (storage.Install): a failure or a kill at any
// moment leaves the old workspace or the new one, never part of either.
func Import(dir string, w *journey.Workspace, replace bool, now time.Time) (Imported, error) {
	r := Imported{Workspace: w, Dir: dir}
	if err := journey.Validate(w); err != nil {
		return r, err
	}
	s, err := storage.Open(dir)
	if errors.Is(err, storage.ErrDamaged) && replace {
		r.NoBackup = "the store is damaged: " + err.Error()
		r.Aside, err = storage.Install(dir, w, nil, true, now)
		return r, err
	}
	if err != nil {
		return r, err
	}
	return r, replaceIn(s, &r, replace, now)
}

// replaceIn makes the open store s hold r.Workspace, as Import says, and closes s.
func replaceIn(s *storage.Store, r *Imported, replace bool, now time.Time) error {
	empty, err := s.Empty()
	if err != nil {
		s.Close()
		return err
	}
	if !empty {
		if !replace {
			s.Close()
			return fmt.Errorf("store %s %w; add -replace to overwrite it (a backup is written first)", r.Dir, ErrNotEmpty)
		}
		old, err := s.Load()
		switch {
		case errors.Is(err, storage.ErrIncomplete):
			r.NoBackup = "the store held only part of an earlier import"
		case err != nil:
			s.Close()
			return fmt.Errorf("reading the workspace to back it up: %w", err)
		default:
			if r.Backup, _, err = s.BackupIfChanged(old, now); err != nil {
				s.Close()
				return err
			}
		}
	}
	// A shared store keeps following its workspace: the replace is made in place, as the
	// edits that turn the shared workspace into this one, which go to every desk. A new store
	// swapped in would follow nothing, a fork nobody chose.
	if _, shared, err := s.Sharing(); err != nil || shared {
		if err == nil {
			err = s.Replace(r.Workspace)
		}
		return errors.Join(err, s.Close())
	}
	_, err = storage.Install(r.Dir, r.Workspace, s, false, now)
	return err
}

// Restore makes the store at dir hold the workspace in the backup (or any workspace file)
// at path, as Import with replace does.
func Restore(dir, path string, now time.Time) (Imported, error) {
	w, err := interchange.ReadFile(path)
	if err != nil {
		return Imported{Dir: dir}, err
	}
	r, err := Import(dir, w, true, now)
	r.From = path
	return r, err
}

// RestoreOpen is Restore for the app, which holds its store s open: s is closed, and the
// store at its directory is opened again and returned, holding the restored workspace, or
// the one it held when the restore failed. It is nil only when the store can't be opened
// again; the error then says so.
func RestoreOpen(s *storage.Store, path string, now time.Time) (*storage.Store, Imported, error) {
	r := Imported{Dir: s.Dir(), From: path}
	if s.ReadOnly() {
		return s, r, fmt.Errorf("%w: %s, so nothing can be restored into it", storage.ErrReadOnly, r.Dir)
	}
	w, err := interchange.ReadFile(path)
	if err != nil {
		return s, r, err
	}
	r.Workspace = w
	err = replaceIn(s, &r, true, now)
	reopened, oerr := storage.Open(r.Dir)
	if oerr != nil {
		return nil, r, errors.Join(err, fmt.Errorf("opening the store again: %w", oerr))
	}
	return reopened, r, err
}

// Format is a kind of export.
type Format string

// The formats a workspace is exported in.
const (
	JSON Format = "json" // the workspace file
	CSV  Format = "csv"  // the pain points, for a spreadsheet
)

// Export writes the workspace, or only the journey with the id when it is not "", in the
// format. A JSON export is always the whole workspace file: a file of part of a workspace
// could not be imported back as it was.
func Export(dst io.Writer, w *journey.Workspace, format Format, journeyID string) error {
	if journeyID != "" {
		j := w.Journey(journeyID)
		if j == nil {
			return fmt.Errorf("no journey with id %q in the store", journeyID)
		}
		if format == CSV {
			only := *w
			only.Journeys = []journey.Journey{*j}
			w = &only
		}
	}
	switch format {
	case CSV:
		return interchange.WriteCSV(dst, w)
	case JSON:
		return interchange.Write(dst, w)
	}
	return fmt.Errorf("unknown export format %q", format)
}

// WriteFile writes a file whole or not at all: through a temporary file beside it, renamed into
// place once written, so a failed export never leaves half a file where a good one stood. An
// existing file keeps its permissions and a new one gets the umask's; a link is written
// through to the file it names; something that is not a file (a device, a FIFO) is written to
// as it is, never replaced. Errors name path, never the temporary file.
func WriteFile(path string, write func(io.Writer) error) error {
	fail := func(err error) error {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("writing %s: %w", path, err)
	}
	target := path
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		target = resolved
	}
	fi, err := os.Stat(target)
	if err == nil && !fi.Mode().IsRegular() {
		if fi.IsDir() {
			return fail(errors.New("it is a folder"))
		}
		f, err := os.OpenFile(target, os.O_WRONLY, 0)
		if err != nil {
			return fail(err)
		}
		err = write(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fail(err)
		}
		return nil
	}
	dir, base := filepath.Split(target)
	var tmp *os.File
	for try := 0; ; try++ {
		// Created with 0666 so that the umask decides, as for any new file.
		name := filepath.Join(dir, fmt.Sprintf(".%s.journeymap-%d-%d", base, os.Getpid(), try))
		tmp, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) || try > 100 {
			break
		}
	}
	if err != nil {
		return fail(err)
	}
	defer os.Remove(tmp.Name())
	err = write(tmp)
	if err == nil && fi != nil {
		err = tmp.Chmod(fi.Mode().Perm())
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), target)
	}
	if err != nil {
		return fail(err)
	}
	return nil
}
