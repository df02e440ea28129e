package document

import (
	"runtime/debug"
	"testing"
)

func TestHeavyWorkIsHeldToALimitWithRoomOverWhatIsLive(t *testing.T) {
	const mib = 1 << 20
	unset := int64(^uint64(0) >> 1)
	for _, c := range []struct {
		name      string
		set, live int64
		want      int64
	}{
		{"no limit set, little live", unset, 20 * mib, heavyMemoryLimit},
		{"no limit set, much live", unset, 900 * mib, 900*mib + heavyBurst},
		{"a tighter limit set by the user is kept", 500 * mib, 20 * mib, 500 * mib},
		{"a looser limit set by the user is tightened", 4096 * mib, 20 * mib, heavyMemoryLimit},
	} {
		if got := heavyLimit(c.set, c.live); got != c.want {
			t.Errorf("%s: heavyLimit(%d MiB, %d MiB) = %d MiB, want %d MiB", c.name, c.set/mib, c.live/mib, got/mib, c.want/mib)
		}
	}
}

func TestHeavyWorkPutsTheCollectorBack(t *testing.T) {
	percent := debug.SetGCPercent(150)
	limit := debug.SetMemoryLimit(3 << 30)
	defer func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}()
	restore := heavy()
	if p := debug.SetGCPercent(-1); p != heavyGCPercent {
		t.Errorf("GC percent during heavy work = %d, want %d", p, heavyGCPercent)
	} else {
		debug.SetGCPercent(p)
	}
	if l := debug.SetMemoryLimit(-1); l >= 3<<30 || l < heavyMemoryLimit {
		t.Errorf("memory limit during heavy work = %d MiB, want from %d MiB up to under 3 GiB", l>>20, heavyMemoryLimit>>20)
	}
	restore()
	if p := debug.SetGCPercent(150); p != 150 {
		t.Errorf("GC percent after heavy work = %d, want 150 back", p)
	}
	if l := debug.SetMemoryLimit(-1); l != 3<<30 {
		t.Errorf("memory limit after heavy work = %d MiB, want 3072 MiB back", l>>20)
	}
}
