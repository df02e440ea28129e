//go:build unix

package transfer

import "syscall"

// umaskAllowsRead reports whether the process's umask lets others read new files.
func umaskAllowsRead() bool {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return m&0o044 == 0
}
