// Package form holds the fields that Journeymap's dialogs and side panels share, made to act
// as a desktop's forms do where Fyne's don't: Esc in a field cancels its dialog, Enter submits
// it, Tab leaves a text of several lines, and a limit on what is typed is said as it is typed.
// It imports Fyne's widgets and nothing of Journeymap's.
package form
