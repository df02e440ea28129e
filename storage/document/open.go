package document

import (
	"errors"
	"fmt"

	"journeymap/journey"
	"journeymap/storage"
)

// Options say how Open treats the store it opens.
type Options struct {
	// Existing refuses to make a store where there is none: a command that changes a
	// workspace needs one there, where the app starts a new one.
	Existing bool
	// Seed fills a store that is new or empty, as the sample's own store is filled the first
	// time; what was changed in it since is kept.
	Seed *journey.Workspace
	// ReadOnlyFallback opens a store on a full disk, or in a folder that can't be written to,
	// read-only, with the reason in WhyReadOnly, rather than failing: what is there can still
	// be read, presented and exported.
	ReadOnlyFallback bool
}

// Open opens the store in dir and the document on it. A new store's workspace (unless
// seeded) gets journey.DefaultWorkspaceName, which every workspace file needs, so that the
// first export of a workspace begun in the app imports again: not an edit to undo. A store
// that won't open is refused with an error Advise can say what to do about.
func Open(dir string, opts Options) (*Document, error) {
	open := storage.Open
	if opts.Existing {
		open = storage.OpenExisting
	}
	s, err := open(dir)
	why := ""
	switch {
	case !opts.ReadOnlyFallback:
	case errors.Is(err, storage.ErrDiskFull):
		why = "the disk is full. Free some space and start Journeymap again to edit."
	case errors.Is(err, storage.ErrNotWritable):
		why = "the workspace's folder can't be written to."
	}
	if why != "" {
		if ro, rerr := storage.OpenReadOnly(dir); rerr == nil {
			s, err = ro, nil
		}
	}
	if err != nil {
		return nil, err
	}
	if opts.Seed != nil && !s.ReadOnly() {
		empty, err := s.Empty()
		if err == nil && empty {
			err = s.Replace(opts.Seed)
		}
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("filling the store with the sample: %w", err)
		}
	}
	d, err := New(s)
	if err != nil {
		s.Close()
		return nil, err
	}
	d.whyReadOnly = why
	if d.ws.Name == "" && !s.ReadOnly() && !opts.Existing {
		if err := d.Keep(journey.RenameWorkspace{After: journey.DefaultWorkspaceName}); err != nil {
			d.Close()
			return nil, err
		}
	}
	return d, nil
}

// WhyReadOnly says why the store was opened read-only ("" when it can be written): a full
// disk, or a folder that can't be written to.
func (d *Document) WhyReadOnly() string { return d.whyReadOnly }

// Advice is what a person can do about a store that won't open, for the window that says so
// and the command line alike.
type Advice struct {
	// Says what to do, in a sentence or two.
	Says string
	// Command is the command that does it, for the end of a command line's error; "" when the
	// error says enough there.
	Command string
	// Newest is, for a damaged store, its newest backup: the one to offer to restore.
	Newest *storage.BackupFile
}

// Advise says what to do about err, which opening the store in dir gave.
func Advise(dir string, err error) Advice {
	if errors.Is(err, storage.ErrDamaged) {
		list, lerr := storage.Backups(dir)
		if lerr != nil || len(list) == 0 {
			return Advice{
				Says:    damagedSays,
				Command: "nothing was changed, and there is no backup beside it: import a workspace file with: journeymap import -store " + dir + " -replace FILE",
			}
		}
		newest := list[0]
		return Advice{
			Says: fmt.Sprintf("Nothing was changed: the damaged files are left as they are. The newest backup is from %s. "+
				"Restoring it moves the damaged store aside, untouched, and puts the backup in its place.",
				newest.Time.Format("Mon 2 Jan 2006 at 15:04")),
			Command: fmt.Sprintf("nothing was changed. The newest backup is %s (%s): restore it with: journeymap restore -store %s %s",
				newest.Path, newest.Time.Format("2006-01-02 15:04"), dir, newest.Path),
			Newest: &newest,
		}
	}
	switch {
	case errors.Is(err, storage.ErrInUse):
		return Advice{Says: "Journeymap is already open on this workspace. Switch to that window, or close it and start Journeymap again."}
	case errors.Is(err, storage.ErrNewerSchema):
		return Advice{Says: "Update Journeymap to the newest version to open this workspace. Nothing was changed."}
	case errors.Is(err, storage.ErrIncomplete):
		return Advice{Says: "Import the workspace file again with: journeymap import -replace FILE"}
	case errors.Is(err, storage.ErrNotStore):
		return Advice{Says: "Start Journeymap with -store and an empty or new folder."}
	case errors.Is(err, storage.ErrDiskFull):
		return Advice{Says: "Free some disk space and start Journeymap again."}
	}
	return Advice{Says: "Nothing was changed. A backup or an exported workspace file can be loaded with: journeymap import -replace FILE"}
}

const damagedSays = "Nothing was changed: the damaged files are left as they are. Restore a backup with: journeymap restore FILE " +
	"(journeymap backups lists them); the damaged store is then moved aside, untouched."

// WithAdvice is err with Advise's command added, as the command line says it.
func WithAdvice(dir string, err error) error {
	if a := Advise(dir, err); err != nil && a.Command != "" {
		return fmt.Errorf("%w; %s", err, a.Command)
	}
	return err
}
