package journeytest

import (
	"os/exec"
	"strconv"
	"testing"
)

// SmallDisk mounts a real filesystem of mb MiB in a new directory and returns it, for tests
// of a disk that really fills up; it skips the test where it can't (it needs root).
func SmallDisk(t *testing.T, mb int) string {
	t.Helper()
	dir := t.TempDir()
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+strconv.Itoa(mb)+"m", "tmpfs", dir).CombinedOutput()
	if err != nil {
		t.Skipf("can't mount a small filesystem here (needs root): %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}
