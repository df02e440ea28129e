package canvas

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

func (mw *MainWindow) menu() *fyne.MainMenu {
	quit := fyne.NewMenuItem("Quit", mw.Quit)
	mw.quitItem = quit
	quit.IsQuit = true // ours, not the one Fyne would add, so that quitting remembers the size
	quit.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	item := func(label string, do func(), shortcut fyne.Shortcut) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, do)
		it.Shortcut = shortcut
		return it
	}
	ctrl := func(key fyne.KeyName) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
	}
	clip := mw.app.Clipboard
	mw.filterMenu = fyne.NewMenuItem("Filter Pain Points", nil)
	mw.filterMenu.ChildMenu = fyne.NewMenu("", mw.filterItems()...)
	mw.undo = item("Undo", mw.Editor.Undo, &fyne.ShortcutUndo{})
	mw.redo = item("Redo", mw.Editor.Redo, &fyne.ShortcutRedo{})
	return fyne.NewMainMenu(
		fyne.NewMenu("File",
			item("Export PNG…", mw.ExportPNG, ctrl(fyne.KeyE)),
			fyne.NewMenuItem("Export Workspace File…", mw.ExportWorkspaceFile),
			fyne.NewMenuItem("Export Pain Points (CSV)…", mw.ExportPainPointsCSV),
			fyne.NewMenuItem("Import Pain Points…", mw.ImportPainPoints),
			fyne.NewMenuItem("Open Sample…", mw.OpenSample),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Backups…", mw.ShowBackups),
			fyne.NewMenuItem("Shared Workspace…", mw.ShowSharing),
			fyne.NewMenuItemSeparator(),
			quit),
		fyne.NewMenu("Edit",
			mw.undo, mw.redo,
			fyne.NewMenuItemSeparator(),
			item("Cut", func() { mw.Editor.Cut(clip()) }, &fyne.ShortcutCut{}),
			item("Copy", func() { mw.Editor.Copy(clip()) }, &fyne.ShortcutCopy{}),
			item("Paste", func() { mw.Editor.Paste(clip()) }, &fyne.ShortcutPaste{}),
			fyne.NewMenuItem("Delete", mw.Editor.Delete),
			fyne.NewMenuItemSeparator(),
			item("New Card", mw.Editor.NewItem, ctrl(fyne.KeyN)),
			item("New Pain Point", mw.NewPainPoint, ctrl(fyne.KeyP)),
			item("Find…", mw.find.open, ctrl(fyne.KeyF)),
		),
		mw.journeyMenu(),
		fyne.NewMenu("View",
			item("Zoom In", mw.Map.ZoomIn, ctrl(fyne.KeyEqual)),
			item("Zoom Out", mw.Map.ZoomOut, ctrl(fyne.KeyMinus)),
			item("Actual Size", func() { mw.Map.SetZoom(1) }, ctrl(fyne.Key0)),
			fyne.NewMenuItem("Fit Map", mw.fit),
			mw.filterMenu,
			item("Show or Hide Journeys", mw.ToggleSidebar, ctrl(fyne.KeyB)),
			item("Task Force, Rebalance and Pulse", mw.TaskForce.Toggle, ctrl(fyne.KeyT)),
			item("Add Member…", mw.AddMember, &addMemberShortcut),
			item("Take the Pulse…", mw.TakePulse, &pulseShortcut),
			item("Discovery", mw.Discovery.Toggle, ctrl(fyne.KeyD)),
			item("Present", mw.Present, &desktop.CustomShortcut{KeyName: fyne.KeyF5}),
			fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Light / Dark Theme", mw.ToggleTheme),
		),
		fyne.NewMenu("Help", item("Keyboard Shortcuts", mw.ShowShortcuts, &desktop.CustomShortcut{KeyName: fyne.KeyF1})),
	)
}

// addShortcuts binds the keys the menus don't: Ctrl (Cmd) with + or =, also with Shift as a
// US keyboard types +, and Ctrl+Shift+Z for redo. The menus' own shortcuts are bound here too,
// for a window without a menu bar (macOS puts it elsewhere; tests have none).
func (mw *MainWindow) addShortcuts() {
	bind := func(key fyne.KeyName, mods fyne.KeyModifier, do func()) {
		mw.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mods}, func(fyne.Shortcut) { do() })
	}
	ctrl, shift := fyne.KeyModifierShortcutDefault, fyne.KeyModifierShift
	bind(fyne.KeyEqual, ctrl, mw.Map.ZoomIn)
	bind(fyne.KeyEqual, ctrl|shift, mw.Map.ZoomIn)
	bind(fyne.KeyPlus, ctrl, mw.Map.ZoomIn)
	bind(fyne.KeyPlus, ctrl|shift, mw.Map.ZoomIn)
	bind(fyne.KeyMinus, ctrl, mw.Map.ZoomOut)
	bind(fyne.Key0, ctrl, func() { mw.Map.SetZoom(1) })
	bind(fyne.KeyQ, ctrl, mw.Quit)
	bind(fyne.KeyN, ctrl, mw.Editor.NewItem)
	bind(fyne.KeyP, ctrl, mw.NewPainPoint)
	bind(fyne.KeyT, ctrl, mw.TaskForce.Toggle)
	bind(fyne.KeyD, ctrl, mw.Discovery.Toggle)
	bind(fyne.KeyZ, ctrl|shift, mw.Editor.Redo)
	mw.Canvas().AddShortcut(&newJourneyShortcut, func(fyne.Shortcut) { mw.NewJourney() })
	mw.Canvas().AddShortcut(&addMemberShortcut, func(fyne.Shortcut) { mw.AddMember() })
	mw.Canvas().AddShortcut(&pulseShortcut, func(fyne.Shortcut) { mw.TakePulse() })
	mw.Canvas().AddShortcut(&addStageBefore, func(fyne.Shortcut) { mw.Editor.AddStageBeside(0) })
	mw.Canvas().AddShortcut(&addStageAfter, func(fyne.Shortcut) { mw.Editor.AddStageBeside(1) })
	bind(fyne.KeyE, ctrl, mw.ExportPNG)
	bind(fyne.KeyB, ctrl, mw.ToggleSidebar)
	bind(fyne.KeyF, ctrl, mw.find.open)
	clip := mw.app.Clipboard
	mw.Canvas().AddShortcut(&fyne.ShortcutCut{}, func(fyne.Shortcut) { mw.Editor.Cut(clip()) })
	mw.Canvas().AddShortcut(&fyne.ShortcutCopy{}, func(fyne.Shortcut) { mw.Editor.Copy(clip()) })
	mw.Canvas().AddShortcut(&fyne.ShortcutPaste{}, func(fyne.Shortcut) { mw.Editor.Paste(clip()) })
	mw.Canvas().AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { mw.Editor.Undo() })
	mw.Canvas().AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { mw.Editor.Redo() })
}

// pulseShortcut is Ctrl+Shift+P (Cmd on macOS): the pulse, for a laptop handed round a room.
var pulseShortcut = desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}

// TakePulse shows the task force panel and asks one person for their anonymous pulse.
func (mw *MainWindow) TakePulse() {
	mw.showTaskForce()
	mw.TaskForce.TakePulse()
}

// showTaskForce shows the task force panel, if it is not shown already.
func (mw *MainWindow) showTaskForce() {
	if !mw.TaskForce.Visible() {
		mw.TaskForce.Toggle()
	}
}

// AddMember shows the task force panel and asks for a new member (Ctrl+Shift+M).
func (mw *MainWindow) AddMember() {
	mw.showTaskForce()
	mw.TaskForce.EditMember("")
}

// addMemberShortcut is Ctrl+Shift+M (Cmd on macOS).
var addMemberShortcut = desktop.CustomShortcut{KeyName: fyne.KeyM, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
