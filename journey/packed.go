package journey

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Packed is a batch kept in its stored form (MarshalEdit of each of its edits), compressed.
// Held as values, the undo entry of a spreadsheet of a million pain points would be a second
// copy of every row beside the journey's own: packed, it costs a few bytes a row, and is read
// back only to be applied (an undo, a redo).
type Packed struct {
	name    string
	data    []byte // flate of the batch's name, then each edit, as JSON values one per line
	size    int    // the bytes of the edits' stored forms
	inverse bool   // applying it undoes the batch
}

// Pack returns the batch packed. The batch's items are not kept: once nothing else holds
// them, their memory is free.
func Pack(b Batch) (Packed, error) {
	var buf bytes.Buffer
	zw, err := flate.NewWriter(&buf, flate.BestSpeed)
	if err != nil {
		return Packed{}, err
	}
	name, err := json.Marshal(b.Name)
	if err != nil {
		return Packed{}, err
	}
	p := Packed{name: b.Name}
	write := func(raw []byte) error {
		p.size += len(raw) + 1
		if _, err := zw.Write(raw); err != nil {
			return err
		}
		_, err := zw.Write([]byte{'\n'})
		return err
	}
	if err := write(name); err != nil {
		return Packed{}, fmt.Errorf("packing %s: %w", b.Name, err)
	}
	for _, e := range b.Edits {
		parts := []Edit{e}
		if s, ok := e.(splitter); ok {
			parts = s.parts(packedPart)
		}
		for _, e := range parts {
			raw, err := MarshalEdit(e)
			if err != nil {
				return Packed{}, fmt.Errorf("packing %s: %w", b.Name, err)
			}
			if err := write(raw); err != nil {
				return Packed{}, fmt.Errorf("packing %s: %w", b.Name, err)
			}
		}
	}
	if err := zw.Close(); err != nil {
		return Packed{}, fmt.Errorf("packing %s: %w", b.Name, err)
	}
	p.data = bytes.Clone(buf.Bytes())
	return p, nil
}

// splitter is an edit packed in parts (ItemsAdded), joined again when read back.
type splitter interface {
	parts(n int) []Edit
	join(next Edit) (Edit, bool)
}

// packedPart is how many items a part of a packed edit holds.
const packedPart = 4096

// Unpack returns the batch the packed edit holds, inverted if it is the inverse of one.
func (p Packed) Unpack() (Edit, error) {
	zr := flate.NewReader(bytes.NewReader(p.data))
	defer zr.Close()
	lines := bufio.NewReaderSize(zr, 64<<10)
	var b Batch
	for first := true; ; first = false {
		line, err := lines.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// An edit longer than the buffer (a part of many items; a journey with its cards,
			// deleted): read whole. What ReadSlice gave is the buffer's, so kept first.
			head := bytes.Clone(line)
			rest, rerr := lines.ReadBytes('\n')
			line, err = append(head, rest...), rerr
		}
		if errors.Is(err, io.EOF) && len(line) == 0 {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("unpacking %s: %w", p.name, err)
		}
		if first {
			if err := json.Unmarshal(line, &b.Name); err != nil {
				return nil, fmt.Errorf("unpacking %s: %w", p.name, err)
			}
			continue
		}
		e, err := UnmarshalEdit(line)
		if err != nil {
			return nil, fmt.Errorf("unpacking %s: %w", p.name, err)
		}
		if n := len(b.Edits); n > 0 {
			if j, ok := b.Edits[n-1].(splitter); ok {
				if joined, ok := j.join(e); ok {
					b.Edits[n-1] = joined
					continue
				}
			}
		}
		b.Edits = append(b.Edits, e)
	}
	if p.inverse {
		return b.Invert(), nil
	}
	return b, nil
}

// Unpacked is the edit itself, or the batch it holds if it is packed: what to apply when it
// is applied more than once, or asked what it touches after.
func Unpacked(e Edit) (Edit, error) {
	if p, ok := e.(Packed); ok {
		return p.Unpack()
	}
	return e, nil
}

// Apply implements Edit.
func (p Packed) Apply(w *Workspace) error {
	e, err := p.Unpack()
	if err != nil {
		return err
	}
	return e.Apply(w)
}

// Invert implements Edit.
func (p Packed) Invert() Edit {
	p.inverse = !p.inverse
	return p
}

// Touches implements Edit. A packed edit is our own encoding: if it can't be read back, the
// program is wrong, not the input.
func (p Packed) Touches() []Ref {
	e, err := p.Unpack()
	if err != nil {
		panic(err)
	}
	return e.Touches()
}

// Label implements Edit.
func (p Packed) Label() string { return p.name }

func (p Packed) wire() (wireEdit, error) {
	e, err := p.Unpack()
	if err != nil {
		return wireEdit{}, err
	}
	return e.wire()
}
