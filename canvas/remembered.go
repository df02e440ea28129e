package canvas

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"

	"journeymap/storage/transfer"
)

// remembered is what the window keeps between runs on this desk. It has a file of its own,
// replaced whole on every change (written beside it, synced, renamed over it), rather than
// Fyne's preferences: Fyne truncates its preferences file before it writes it again, and a
// preferences file was found empty after an exit that came between the two (a SIGTERM at
// logout), which forgot, among the rest, who uses this desk.
type remembered struct {
	Schema        int       `json:"schema"`
	Size          []float64 `json:"window.size,omitempty"` // width and height
	LastJourney   string    `json:"journey.last,omitempty"`
	Theme         string    `json:"theme,omitempty"` // "light", "dark", or "" to follow the system
	SidebarHidden bool      `json:"sidebar.hidden,omitempty"`
	Zoom          float64   `json:"map.zoom,omitempty"`
	// Me is the member who uses this desk, whom the filter "mine" means: a person's own
	// setting, not the team's, so kept on the desk, not in the workspace.
	Me string `json:"member.me,omitempty"`
}

const rememberedSchema = 1

// rememberedFile is the file's place in the app's storage folder: in a folder of its own,
// because Fyne watches the folder of its preferences and reads them again at every change
// there, and read while Fyne rewrote them at exit they were found empty.
var rememberedFile = filepath.Join("journeymap", "window.json")

// The keys under which Fyne's preferences held the same, before the window had a file of its
// own: read once, the first time, so that an update remembers what it did before.
const (
	prefSize          = "window.size"
	prefLastJourney   = "journey.last"
	prefTheme         = "theme"
	prefSidebarHidden = "sidebar.hidden"
	prefZoom          = "map.zoom"
	prefMe            = "member.me"
)

// memory keeps remembered in its file.
type memory struct {
	path string
	now  remembered
	// problem is why the file could not be read, for the window to say.
	problem string
}

// recall reads what the window remembered on this desk from the app's storage folder, or, the
// first time, from the app's preferences; a file that can't be read is said and left for the
// next change to replace.
func recall(a fyne.App) *memory {
	if _, ours := a.CloudProvider().(deskProvider); !ours {
		a.SetCloudProvider(deskProvider{})
	}
	m := &memory{path: filepath.Join(a.Storage().RootURI().Path(), rememberedFile)}
	// Made now, while nothing writes Fyne's preferences: the folder's coming is a change in
	// the one Fyne watches.
	_ = os.MkdirAll(filepath.Dir(m.path), 0o700)
	err := m.read()
	switch {
	case errors.Is(err, fs.ErrNotExist):
		p := a.Preferences()
		m.now = remembered{
			Schema: rememberedSchema, Size: p.FloatList(prefSize), LastJourney: p.String(prefLastJourney),
			Theme: p.String(prefTheme), SidebarHidden: p.Bool(prefSidebarHidden), Zoom: p.Float(prefZoom), Me: p.String(prefMe),
		}
	case err != nil:
		// Said in the status bar whole: what is wrong in the file matters less than that the
		// window forgot, and the next change writes the file anew.
		m.problem = "The window's settings (window.json) could not be read; it opened as the first time."
	}
	return m
}

// maxRememberedBytes bounds what is read: the file holds a few short values.
const maxRememberedBytes = 64 << 10

func (m *memory) read() error {
	f, err := os.Open(m.path)
	if err != nil {
		return err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxRememberedBytes+1))
	switch {
	case err != nil:
		return err
	case len(b) > maxRememberedBytes:
		return fmt.Errorf("over %d KiB", maxRememberedBytes>>10)
	}
	var r remembered
	if err := json.Unmarshal(b, &r); err != nil {
		return err
	}
	// A theme the window has not is the system's, and is written back as such. Sizes and
	// zooms out of range are fitted where they are used.
	if r.Theme != "light" && r.Theme != "dark" {
		r.Theme = ""
	}
	m.now = r
	return nil
}

// keep changes what is remembered and writes it whole.
func (m *memory) keep(change func(*remembered)) error {
	change(&m.now)
	m.now.Schema = rememberedSchema
	b, err := json.MarshalIndent(m.now, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(m.path), 0o700); err != nil {
		return err
	}
	return transfer.WriteFile(m.path, func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}

// deskProvider takes Fyne's preferences off the disk: Fyne's own are read once at start, as
// they were, and then kept in memory only. Fyne writes its preferences file by truncating it
// first, also at exit, while it watches the file's folder and reads it again at every change
// there: an exit save outside the 100 ms in which it ignores its own writes was seen reading
// the file it had just emptied ("Preferences load error: EOF"), and a SIGTERM between the
// truncation and the write left it empty. Fyne saves only preferences it made itself, and
// stops saving those once a provider replaces them; what the window keeps is in its own file.
type deskProvider struct{}

func (deskProvider) ProviderName() string { return "This desk" }
func (deskProvider) ProviderDescription() string {
	return "Kept in Journeymap's own files on this computer"
}
func (deskProvider) ProviderIcon() fyne.Resource { return nil }
func (deskProvider) Setup(fyne.App) error        { return nil }
func (deskProvider) Cleanup(fyne.App)            {}

// CloudPreferences hands Fyne back the preferences it has, read from its file, behind a type
// of our own: Fyne's exit save and its saving on change both skip preferences that are no
// longer its own.
func (deskProvider) CloudPreferences(a fyne.App) fyne.Preferences {
	return inMemoryPreferences{a.Preferences()}
}

type inMemoryPreferences struct{ fyne.Preferences }
