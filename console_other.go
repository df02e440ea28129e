//go:build !windows

package main

// useParentConsole is needed on Windows only, where the app is built as a GUI program.
func useParentConsole() {}
