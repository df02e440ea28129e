package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// useParentConsole gives a command typed in a console somewhere to write. The Windows build is
// a GUI program, so that no console window opens behind the app started from the Start menu;
// such a program starts with no standard output or error unless they were redirected, and
// writes to the console it was typed in only once it attaches to it.
func useParentConsole() {
	const attachParentProcess = ^uintptr(0) // (DWORD)-1
	attach := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")
	if ok, _, _ := attach.Call(attachParentProcess); ok == 0 {
		return // started from Explorer or the Start menu: no console to write to
	}
	console, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0)
	if err != nil {
		return
	}
	if h, err := windows.GetStdHandle(windows.STD_OUTPUT_HANDLE); err != nil || h == 0 {
		os.Stdout = console
	}
	if h, err := windows.GetStdHandle(windows.STD_ERROR_HANDLE); err != nil || h == 0 {
		os.Stderr = console
	}
}
