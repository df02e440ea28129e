package canvas

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// TestTheWindowRemembersInAFileOfItsOwn: what an older Journeymap kept in Fyne's preferences is
// taken over once, then kept whole in the window's own file, which alone a restart reads.
func TestTheWindowRemembersInAFileOfItsOwn(t *testing.T) {
	ed := openEditing(t)
	ed.mw.Close()
	ed.doc.Close()
	if err := os.Remove(ed.mw.memory.path); err != nil { // as an older Journeymap left the desk
		t.Fatal(err)
	}
	j := ed.doc.Workspace().Journeys[1]
	p := ed.a.Preferences()
	p.SetFloatList(prefSize, []float64{1000, 700})
	p.SetString(prefLastJourney, j.ID)
	p.SetString(prefTheme, "light")
	p.SetBool(prefSidebarHidden, true)
	p.SetFloat(prefZoom, 1.5)
	p.SetString(prefMe, "m-ana")
	ed.open()
	// (the test's window is then made 1440×900: the size is read from what it remembers)
	if got := ed.mw.memory.now.Size; fmt.Sprint(got) != "[1000 700]" || ed.mw.Map.JourneyID() != j.ID ||
		ed.mw.Map.Zoom() != 1.5 || ed.mw.sidebar.Visible() || ed.mw.memory.now.Me != "m-ana" {
		t.Fatalf("from the old preferences: %v, journey %q, zoom %v, sidebar %v", got, ed.mw.Map.JourneyID(), ed.mw.Map.Zoom(), ed.mw.sidebar.Visible())
	}

	ed.mw.ToggleSidebar()
	ed.mw.Resize(fyne.NewSize(1200, 800))
	ed.mw.remember()
	var kept remembered
	b, err := os.ReadFile(filepath.Join(ed.a.Storage().RootURI().Path(), "journeymap", "window.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &kept); err != nil {
		t.Fatalf("the file is not whole: %v\n%s", err, b)
	}
	want := remembered{Schema: 1, Size: []float64{1200, 800}, LastJourney: j.ID, Theme: "light", Zoom: 1.5, Me: "m-ana"}
	if got, _ := json.Marshal(kept); string(got) != string(must(json.Marshal(want))) {
		t.Errorf("the file holds %s, want %s", got, must(json.Marshal(want)))
	}
	// The old preferences are no longer read: changed there, nothing changes.
	p.SetFloatList(prefSize, []float64{900, 600})
	p.SetBool(prefSidebarHidden, true)
	ed.restart()
	if got := ed.mw.memory.now.Size; fmt.Sprint(got) != "[1200 800]" || !ed.mw.sidebar.Visible() {
		t.Errorf("after a restart: %v, sidebar shown %v; want what the file says", got, ed.mw.sidebar.Visible())
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// TestAnUnreadableSettingsFileIsSaidAndReplaced: an empty file (what a truncating write cut
// off by an exit leaves) or one of garbage opens the window as the first time does, says so,
// and the next change writes the file whole again.
func TestAnUnreadableSettingsFileIsSaidAndReplaced(t *testing.T) {
	for _, bad := range []string{"", "{\"window.size\": [10", "\x00\x01 not json", `{"map.zoom": "big"}`} {
		ed := openEditing(t)
		path := ed.mw.memory.path
		ed.mw.Resize(fyne.NewSize(1000, 700))
		ed.mw.remember()
		if err := os.WriteFile(path, []byte(bad), 0o600); err != nil {
			t.Fatal(err)
		}
		ed.restart()
		if got := ed.mw.memory.now; got.Size != nil || got.Zoom != 0 || ed.mw.Map.Zoom() != 1 {
			t.Errorf("%q: the window opens with %+v, want the first time's settings", bad, got)
		}
		if !strings.HasPrefix(ed.mw.message.Text, "The window's settings (window.json) could not be read") {
			t.Errorf("%q: the status bar says %q", bad, ed.mw.message.Text)
		}
		if need, has := fyne.MeasureText(ed.mw.message.Text, theme.TextSize(), fyne.TextStyle{}).Width, ed.mw.message.Size().Width; need > has {
			t.Errorf("%q: the status bar cuts %q off: it needs %.0f px, has %.0f", bad, ed.mw.message.Text, need, has)
		}
		ed.mw.ToggleSidebar()
		var kept remembered
		if b, err := os.ReadFile(path); err != nil || json.Unmarshal(b, &kept) != nil || !kept.SidebarHidden {
			t.Errorf("%q: the next change did not write the file whole: %v %q", bad, err, b)
		}
	}
}

// TestAThemeTheWindowHasNotIsTheSystems: a theme in the file that is neither light nor dark
// opens as the system's and is not written back.
func TestAThemeTheWindowHasNotIsTheSystems(t *testing.T) {
	ed := openEditing(t)
	path := ed.mw.memory.path
	if err := os.WriteFile(path, []byte(`{"schema":1,"theme":"purple","sidebar.hidden":true}`), 0o600); err != nil {
		t.Fatal(err)
	}
	ed.restart()
	if got := ed.mw.memory.now; got.Theme != "" || !got.SidebarHidden || ed.mw.message.Visible() {
		t.Errorf("the window opens with %+v (message %q), want the system's theme, the rest kept, nothing said", got, ed.mw.message.Text)
	}
	ed.mw.ToggleSidebar()
	if b, err := os.ReadFile(path); err != nil || strings.Contains(string(b), "purple") {
		t.Errorf("the file written back: %q (%v)", b, err)
	}
}

// TestSettingsThatCantBeKeptAreSaidOnce: where the file can't be written the window goes on,
// and says it once, not at every change.
func TestSettingsThatCantBeKeptAreSaidOnce(t *testing.T) {
	ed := openEditing(t)
	if err := os.Remove(ed.mw.memory.path); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(ed.mw.memory.path, 0o700); err != nil { // a folder where the file goes
		t.Fatal(err)
	}
	ed.mw.ToggleSidebar()
	if !strings.HasPrefix(ed.mw.message.Text, "The window's settings could not be kept for next time: ") {
		t.Fatalf("the status bar says %q", ed.mw.message.Text)
	}
	ed.mw.say("something else")
	ed.mw.ToggleSidebar()
	ed.mw.ToggleTheme()
	if ed.mw.message.Text != "something else" {
		t.Errorf("said again: %q", ed.mw.message.Text)
	}
	if ed.mw.sidebar.Visible() != true {
		t.Error("the sidebar did not come back: the change was not made")
	}
}
