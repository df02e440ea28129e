package canvas

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"os"
	"strings"

	"fyne.io/fyne/v2"
)

// ErrNoDisplay is returned by FirstWindow when the display can't be reached.
var ErrNoDisplay = errors.New("can't open a window")

// FirstWindow makes an app's first window with build. That is when Fyne's driver reaches
// the display; when it can't (a wrong DISPLAY, an X server gone or refusing this user), the
// driver logs why and then panics. FirstWindow returns that as an error wrapping
// ErrNoDisplay, naming the display and the driver's reason, instead of a stack trace.
// Any other panic is not about the display and goes on.
func FirstWindow[W fyne.Window](build func() W) (w W, err error) {
	var logged bytes.Buffer
	out, flags := log.Writer(), log.Flags()
	log.SetOutput(&logged)
	log.SetFlags(0)
	defer func() {
		log.SetOutput(out)
		log.SetFlags(flags)
		r := recover()
		if r == nil {
			out.Write(logged.Bytes())
			return
		}
		if !strings.Contains(fmt.Sprint(r), "GLFW") {
			out.Write(logged.Bytes())
			panic(r)
		}
		reason := fmt.Sprint(r)
		if first, _, _ := strings.Cut(strings.TrimSpace(logged.String()), "\n"); first != "" {
			reason = strings.TrimPrefix(first, "PlatformError: ")
		}
		err = fmt.Errorf("%w on the display %q: %s", ErrNoDisplay, os.Getenv("DISPLAY"), reason)
	}()
	return build(), nil
}
