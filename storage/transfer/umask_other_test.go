//go:build !unix

package transfer

func umaskAllowsRead() bool { return false }
