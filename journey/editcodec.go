package journey

import (
	"encoding/json"
	"errors"
	"fmt"
)

// wireEdit is the stored form of every kind of edit: a type, and the fields that type uses.
type wireEdit struct {
	Type    string            `json:"type"` // item, move, items, journeyInfo, workspaceName, batch
	List    ListName          `json:"list,omitempty"`
	Journey string            `json:"journey,omitempty"`
	ID      string            `json:"id,omitempty"`
	Before  json.RawMessage   `json:"before,omitempty"`
	After   json.RawMessage   `json:"after,omitempty"`
	From    int               `json:"from"`
	To      int               `json:"to"`
	Name    string            `json:"name,omitempty"`
	Edits   []json.RawMessage `json:"edits,omitempty"`
}

// MarshalEdit returns the stored form of an edit, which UnmarshalEdit reads back.
func MarshalEdit(e Edit) ([]byte, error) {
	w, err := e.wire()
	if err != nil {
		return nil, err
	}
	return json.Marshal(w)
}

// ErrEditTooBig is returned by MarshalEditWithin for an edit whose stored form is over its limit.
var ErrEditTooBig = errors.New("the edit is too big to keep")

// MarshalEditWithin is MarshalEdit for a stored form of at most limit bytes. A batch bigger
// than that (an import of a million rows) is found out as soon as its edits so far pass the
// limit, not encoded whole for nothing.
func MarshalEditWithin(e Edit, limit int) ([]byte, error) {
	if p, ok := e.(Packed); ok && p.size > limit {
		return nil, ErrEditTooBig
	}
	b, ok := e.(Batch)
	if !ok {
		raw, err := MarshalEdit(e)
		if err == nil && len(raw) > limit {
			return nil, ErrEditTooBig
		}
		return raw, err
	}
	w := wireEdit{Type: "batch", Name: b.Name}
	size := 0
	for _, e := range b.Edits {
		raw, err := MarshalEditWithin(e, limit-size)
		if err != nil {
			return nil, err
		}
		if size += len(raw) + 1; size > limit {
			return nil, ErrEditTooBig
		}
		w.Edits = append(w.Edits, raw)
	}
	out, err := json.Marshal(w)
	if err == nil && len(out) > limit {
		return nil, ErrEditTooBig
	}
	return out, err
}

// UnmarshalEdit reads an edit written by MarshalEdit.
func UnmarshalEdit(data []byte) (Edit, error) {
	var w wireEdit
	if err := json.Unmarshal(data, &w); err != nil {
		return nil, fmt.Errorf("reading a stored edit: %w", err)
	}
	switch w.Type {
	case "item", "move", "items":
		if f := unwirers[[2]string{w.Type, string(w.List)}]; f != nil {
			return f(w)
		}
		return nil, fmt.Errorf("reading a stored edit: unknown list %q", clip(string(w.List)))
	case "journeyInfo":
		e := JourneyInfoEdit{Journey: w.Journey}
		return e, unmarshalBoth(w, &e.Before, &e.After)
	case "workspaceName":
		var e RenameWorkspace
		return e, unmarshalBoth(w, &e.Before, &e.After)
	case "batch":
		b := Batch{Name: w.Name, Edits: make([]Edit, len(w.Edits))}
		for i, raw := range w.Edits {
			e, err := UnmarshalEdit(raw)
			if err != nil {
				return nil, err
			}
			b.Edits[i] = e
		}
		return b, nil
	}
	return nil, fmt.Errorf("reading a stored edit: unknown type %q", clip(w.Type))
}

// unwirers read item and move edits by type and list.
var unwirers = map[[2]string]func(wireEdit) (Edit, error){}

func init() {
	add := func(list ListName, item, move, items func(wireEdit) (Edit, error)) {
		unwirers[[2]string{"item", string(list)}] = item
		unwirers[[2]string{"move", string(list)}] = move
		unwirers[[2]string{"items", string(list)}] = items
	}
	add(ListMembers, unwireItem[Member], unwireMove[Member], unwireItems[Member])
	add(ListPulses, unwireItem[Pulse], unwireMove[Pulse], unwireItems[Pulse])
	add(ListJourneys, unwireItem[Journey], unwireMove[Journey], unwireItems[Journey])
	add(ListStages, unwireItem[Stage], unwireMove[Stage], unwireItems[Stage])
	add(ListLanes, unwireItem[Lane], unwireMove[Lane], unwireItems[Lane])
	add(ListCards, unwireItem[Card], unwireMove[Card], unwireItems[Card])
	add(ListEmotions, unwireItem[Emotion], unwireMove[Emotion], unwireItems[Emotion])
	add(ListPainPoints, unwireItem[PainPoint], unwireMove[PainPoint], unwireItems[PainPoint])
}

func unwireItem[T Item](w wireEdit) (Edit, error) {
	e := ItemEdit[T]{Journey: w.Journey, From: w.From, To: w.To}
	var err error
	if e.Before, err = unmarshalOptional[T](w.Before); err != nil {
		return nil, err
	}
	if e.After, err = unmarshalOptional[T](w.After); err != nil {
		return nil, err
	}
	return e, nil
}

func unwireMove[T Item](w wireEdit) (Edit, error) {
	return MoveEdit[T]{Journey: w.Journey, ID: w.ID, From: w.From, To: w.To}, nil
}

func unmarshalOptional[T any](raw json.RawMessage) (*T, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	v := new(T)
	if err := json.Unmarshal(raw, v); err != nil {
		return nil, fmt.Errorf("reading a stored edit: %w", err)
	}
	return v, nil
}

func unmarshalBoth(w wireEdit, before, after any) error {
	if err := json.Unmarshal(w.Before, before); err != nil {
		return fmt.Errorf("reading a stored edit: %w", err)
	}
	if err := json.Unmarshal(w.After, after); err != nil {
		return fmt.Errorf("reading a stored edit: %w", err)
	}
	return nil
}

func marshalOptional[T any](v *T) (json.RawMessage, error) {
	if v == nil {
		return nil, nil
	}
	return json.Marshal(v)
}

func (e ItemEdit[T]) wire() (wireEdit, error) {
	w := wireEdit{Type: "item", List: listOf[T]().name, Journey: e.Journey, From: e.From, To: e.To}
	var err error
	if w.Before, err = marshalOptional(e.Before); err != nil {
		return w, err
	}
	w.After, err = marshalOptional(e.After)
	return w, err
}

func (e MoveEdit[T]) wire() (wireEdit, error) {
	return wireEdit{Type: "move", List: listOf[T]().name, Journey: e.Journey, ID: e.ID, From: e.From, To: e.To}, nil
}

func (e JourneyInfoEdit) wire() (wireEdit, error) {
	return wireBoth(wireEdit{Type: "journeyInfo", Journey: e.Journey}, e.Before, e.After)
}

func (e RenameWorkspace) wire() (wireEdit, error) {
	return wireBoth(wireEdit{Type: "workspaceName"}, e.Before, e.After)
}

func wireBoth(w wireEdit, before, after any) (wireEdit, error) {
	var err error
	if w.Before, err = json.Marshal(before); err != nil {
		return w, err
	}
	w.After, err = json.Marshal(after)
	return w, err
}

func (b Batch) wire() (wireEdit, error) {
	w := wireEdit{Type: "batch", Name: b.Name, Edits: make([]json.RawMessage, len(b.Edits))}
	for i, e := range b.Edits {
		raw, err := MarshalEdit(e)
		if err != nil {
			return w, err
		}
		w.Edits[i] = raw
	}
	return w, nil
}
