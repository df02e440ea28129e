package canvas

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"journeymap/canvas/scene"
	"journeymap/journey"
	"journeymap/storage/document"
)

type clipItem struct {
	card   journey.Card
	pain   journey.PainPoint
	isPain bool
}

// Copy puts the picked items on the clipboard as plain text, one per line, for other apps;
// pasted here while the clipboard still holds that text, they come back as cards and pain
// points with everything they say.
func (e *Editor) Copy(cb fyne.Clipboard) {
	if e.text != nil {
		e.text.TypedShortcut(&fyne.ShortcutCopy{Clipboard: cb})
		return
	}
	j := e.workspace().Journey(e.journeyID())
	if j == nil || len(e.sel.Items) == 0 {
		return
	}
	var lines []string
	e.copied = nil
	for _, k := range e.m.Scene().Order() {
		if !slices.Contains(e.sel.Items, k) {
			continue
		}
		if k.Kind == scene.KindCard {
			c, _ := find(j.Cards, k.ID)
			e.copied = append(e.copied, clipItem{card: c})
			lines = append(lines, c.Text)
		} else {
			p, _ := find(j.PainPoints, k.ID)
			e.copied = append(e.copied, clipItem{pain: p, isPain: true})
			lines = append(lines, p.Title)
		}
	}
	e.clip = strings.Join(lines, "\n")
	cb.SetContent(e.clip)
}

// Cut copies the picked items and deletes them, as one undoable edit.
func (e *Editor) Cut(cb fyne.Clipboard) {
	if e.text != nil {
		e.text.TypedShortcut(&fyne.ShortcutCut{Clipboard: cb})
		return
	}
	e.Copy(cb)
	e.Delete()
}

// Paste adds what the clipboard holds to the selected cell: the items copied here, also from
// another journey, or each line of text from another app as a card. One undoable edit.
func (e *Editor) Paste(cb fyne.Clipboard) {
	if e.text != nil {
		e.text.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
		return
	}
	w, id := e.workspace(), e.journeyID()
	j := w.Journey(id)
	if j == nil || !e.m.Scene().HasCell(e.sel.Stage, e.sel.Lane) {
		return
	}
	content := cb.Content()
	items := e.copied
	if content != e.clip || len(items) == 0 {
		items = nil
		for _, line := range strings.Split(content, "\n") {
			if strings.TrimSpace(line) != "" {
				items = append(items, clipItem{card: journey.Card{Text: strings.TrimSpace(line)}})
			}
		}
	}
	if len(items) == 0 {
		return
	}
	pain := e.m.Scene().IsPainLane(e.sel.Lane)
	// Each part goes at the end of its list as the parts before leave it; the document checks
	// them all as it applies the batch.
	cards, pains := len(j.Cards), len(j.PainPoints)
	var edits []journey.Edit
	var added []scene.Key
	for _, it := range items {
		switch {
		case it.isPain || pain:
			p := it.pain
			if !it.isPain {
				p = journey.NewPainPoint(e.sel.Stage, it.card.Text, time.Now())
			}
			p = p.PastedInto(w, e.sel.Stage)
			edits = append(edits, journey.ItemEdit[journey.PainPoint]{Journey: id, After: &p, From: -1, To: pains})
			pains++
			added = append(added, scene.Key{Kind: scene.KindPain, ID: p.ID})
		default:
			c := it.card.PastedInto(e.sel.Stage, e.sel.Lane)
			edits = append(edits, journey.ItemEdit[journey.Card]{Journey: id, After: &c, From: -1, To: cards})
			cards++
			added = append(added, scene.Key{Kind: scene.KindCard, ID: c.ID})
		}
	}
	if !document.Attempt(e.OnMessage, e.doc.Do)(journey.Batch{Name: "Paste", Edits: edits}, nil) {
		return
	}
	e.selectCell(e.sel.Stage, e.sel.Lane, added)
}
