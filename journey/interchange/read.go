package interchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"

	"journeymap/journey"
)

// Format and Version identify the workspace file this package reads and writes.
const (
	Format  = "journeymap"
	Version = 1
	// MaxFileBytes is the largest file Read accepts; larger ones are refused before parsing.
	// Marshal never writes a larger one, so every file the app writes, it reads back.
	MaxFileBytes = 256 << 20
)

// ErrTooLarge is returned for a file over MaxFileBytes.
var ErrTooLarge = errors.New("file is over 256 MiB")

// ReadFile reads and validates the workspace file at path.
func ReadFile(path string) (*journey.Workspace, error) {
	w, _, err := ReadFileNoting(path)
	return w, err
}

// ReadFileNoting is ReadFile that also returns what a person should know about a file that
// was read: the fields it has that no Journeymap reads (a typo, most often), each with the
// field meant when one is close.
func ReadFileNoting(path string) (*journey.Workspace, []string, error) {
	f, err := openRegular(path, "a workspace file")
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	data, err := readLimited(f)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	w, err := Parse(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return w, UnknownFields(data), nil
}

// ReadCSVFile reads the CSV of pain points at path for a journey of w, as ReadCSV does.
func ReadCSVFile(path string, w *journey.Workspace, journeyID string) (*CSVImport, error) {
	f, err := openRegular(path, "a CSV file")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	imp, err := ReadCSV(f, w, journeyID)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return imp, nil
}

// openRegular opens the regular file at path, what it is to be, for reading, and refuses
// anything else at once: opening a FIFO would wait for a writer forever, and a device may
// never end. A file over MaxFileBytes is refused before it is read.
func openRegular(path, what string) (*os.File, error) {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is %s, not %s", path, fileKind(fi.Mode()), what)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > MaxFileBytes {
		f.Close()
		return nil, fmt.Errorf("%s: %w (it has %d MiB)", path, ErrTooLarge, fi.Size()>>20)
	}
	return f, nil
}

func fileKind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&os.ModeDevice != 0, m&os.ModeCharDevice != 0:
		return "a device"
	case m&os.ModeSocket != 0:
		return "a socket"
	}
	return "not a regular file"
}

// Read parses and validates a workspace file. A problem comes back as one error naming the
// first thing wrong, with its JSON path where it has one (a *journey.ValidationError).
func Read(r io.Reader) (*journey.Workspace, error) {
	data, err := readLimited(r)
	if err != nil {
		return nil, err
	}
	return Parse(data)
}

// readLimited reads all of r, up to MaxFileBytes: more is refused with ErrTooLarge as soon
// as it is seen, so that a stream that never ends can't fill the memory.
func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading the file: %w", err)
	}
	if len(data) > MaxFileBytes {
		return nil, ErrTooLarge
	}
	return data, nil
}

type fileWire struct {
	Format   *string         `json:"format"`
	Version  json.RawMessage `json:"version"`
	Name     string          `json:"name"`
	Members  json.RawMessage `json:"members"`
	Pulses   json.RawMessage `json:"pulses"`
	Journeys json.RawMessage `json:"journeys"`
}

// journeyWire keeps a journey's lists raw, so each element is decoded on its own and a type
// error can name its index.
type journeyWire struct {
	ID         string          `json:"id"`
	Title      string          `json:"title"`
	Persona    string          `json:"persona"`
	Vision     string          `json:"vision"`
	Stages     json.RawMessage `json:"stages"`
	Lanes      json.RawMessage `json:"lanes"`
	Cards      json.RawMessage `json:"cards"`
	Emotions   json.RawMessage `json:"emotions"`
	PainPoints json.RawMessage `json:"painPoints"`
}

// Parse is Read for bytes already in memory.
func Parse(data []byte) (*journey.Workspace, error) {
	if len(data) > MaxFileBytes {
		return nil, ErrTooLarge
	}
	data = bytes.TrimPrefix(data, []byte(utf8BOM)) // Notepad writes one
	if err := syntax(data); err != nil {
		return nil, err
	}
	var f fileWire
	if err := decode("", data, &f); err != nil {
		return nil, err
	}
	if err := checkVersion(f); err != nil {
		return nil, err
	}
	w := &journey.Workspace{Name: f.Name}
	var err error
	if w.Members, err = decodeList[journey.Member]("members", f.Members); err != nil {
		return nil, err
	}
	if w.Pulses, err = decodeList[journey.Pulse]("pulses", f.Pulses); err != nil {
		return nil, err
	}
	raws, err := decodeList[json.RawMessage]("journeys", f.Journeys)
	if err != nil {
		return nil, err
	}
	w.Journeys = make([]journey.Journey, len(raws))
	for i, raw := range raws {
		if w.Journeys[i], err = decodeJourney(fmt.Sprintf("journeys[%d]", i), raw); err != nil {
			return nil, err
		}
	}
	if err := journey.Validate(w); err != nil {
		return nil, err
	}
	return w, nil
}

func checkVersion(f fileWire) error {
	if f.Format == nil {
		return &journey.ValidationError{Path: "format", Msg: `missing: this is not a Journeymap workspace file (want "format": "journeymap")`}
	}
	if *f.Format != Format {
		return &journey.ValidationError{Path: "format", Msg: fmt.Sprintf("must be %q, got %q", Format, clip(*f.Format))}
	}
	if len(f.Version) == 0 {
		return &journey.ValidationError{Path: "version", Msg: "missing"}
	}
	var v int
	if err := json.Unmarshal(f.Version, &v); err != nil {
		return &journey.ValidationError{Path: "version", Msg: fmt.Sprintf("must be a whole number, got %s", clip(string(f.Version)))}
	}
	if v > Version {
		return &journey.ValidationError{Path: "version", Msg: fmt.Sprintf(
			"the file is format version %d, newer than this Journeymap reads (up to %d): update Journeymap to open it", v, Version)}
	}
	if v < 1 {
		return &journey.ValidationError{Path: "version", Msg: fmt.Sprintf("must be %d, got %d", Version, v)}
	}
	return nil
}

func decodeJourney(path string, raw json.RawMessage) (journey.Journey, error) {
	var jw journeyWire
	if err := decode(path, raw, &jw); err != nil {
		return journey.Journey{}, err
	}
	j := journey.Journey{ID: jw.ID, Title: jw.Title, Persona: jw.Persona, Vision: jw.Vision}
	var err error
	if j.Stages, err = decodeList[journey.Stage](path+".stages", jw.Stages); err != nil {
		return j, err
	}
	if j.Lanes, err = decodeList[journey.Lane](path+".lanes", jw.Lanes); err != nil {
		return j, err
	}
	if j.Cards, err = decodeList[journey.Card](path+".cards", jw.Cards); err != nil {
		return j, err
	}
	if j.Emotions, err = decodeList[journey.Emotion](path+".emotions", jw.Emotions); err != nil {
		return j, err
	}
	j.PainPoints, err = decodeList[journey.PainPoint](path+".painPoints", jw.PainPoints)
	return j, err
}

// decodeList decodes a JSON list element by element; a missing or null list is empty.
func decodeList[T any](path string, raw json.RawMessage) ([]T, error) {
	var items []json.RawMessage
	if err := decode(path, raw, &items); err != nil {
		return nil, err
	}
	out := make([]T, len(items))
	for i, item := range items {
		if err := decode(fmt.Sprintf("%s[%d]", path, i), item, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// decode unmarshals raw into v and turns a type mismatch into a ValidationError at its path.
func decode(path string, raw json.RawMessage, v any) error {
	if len(raw) == 0 {
		return nil
	}
	err := json.Unmarshal(raw, v)
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		p := path
		if te.Field != "" {
			p = strings.TrimPrefix(path+"."+te.Field, ".")
		}
		return &journey.ValidationError{Path: p, Msg: fmt.Sprintf("must be %s, got %s", jsonKind(te.Type), te.Value)}
	}
	if err != nil {
		return &journey.ValidationError{Path: path, Msg: err.Error()}
	}
	return nil
}

func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "a whole number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		if t == reflect.TypeFor[json.RawMessage]() {
			return "a JSON value"
		}
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return t.String()
}

// syntax reports malformed JSON by line, in the words of a person fixing the file by hand.
func syntax(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return errors.New("the file is empty")
	}
	var se *json.SyntaxError
	err := json.Unmarshal(data, new(json.RawMessage))
	if errors.As(err, &se) {
		// The offset is just past the byte that gave the error away.
		at := min(max(int(se.Offset)-1, 0), len(data))
		line := 1 + bytes.Count(data[:at], []byte("\n"))
		col := at - bytes.LastIndexByte(data[:at], '\n')
		where := fmt.Sprintf("line %d, column %d", line, col)
		switch {
		case int(se.Offset) >= len(data):
			where = fmt.Sprintf("the end of the file (line %d)", line)
		case data[at] == '\n':
			where = fmt.Sprintf("line %d", line)
		}
		return fmt.Errorf("not valid JSON at %s: %s", where, syntaxInWords(strings.TrimPrefix(se.Error(), "json: ")))
	}
	if err != nil {
		return fmt.Errorf("not valid JSON: %w", err)
	}
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		return errors.New("not a workspace file: it must hold one JSON object")
	}
	return nil
}

// syntaxInWords says what encoding/json found wrong as a person editing the file sees it.
func syntaxInWords(msg string) string {
	for _, w := range syntaxWords {
		if strings.HasPrefix(msg, w.prefix) && strings.HasSuffix(msg, w.suffix) {
			return w.words
		}
	}
	return msg
}

// syntaxWords pairs the ends of encoding/json's messages with what they mean; the first
// whose prefix and suffix fit is said.
var syntaxWords = []struct{ prefix, suffix, words string }{
	{"unexpected end of JSON input", "", `the file ends too early: a closing } or ] or " is missing, or the file was cut short`},
	{`invalid character '\n'`, "in string literal", `a text is not closed: its ending " is missing`},
	{"", "in string literal", `a text holds a tab or other control character; write it as \t or \n`},
	{"", "looking for beginning of object key string", "expected a field name in double quotes (is there a comma too many?)"},
	{"", "after object key", "expected a : after the field name"},
	{"", "after object key:value pair", "expected a comma or } after the field (is a comma missing?)"},
	{"", "after array element", "expected a comma or ] after the list item (is a comma missing?)"},
	{"", "looking for beginning of value", "expected a value: a text in double quotes, a number, true, false, null, a list [...] or an object {...}"},
	{"", "after top-level value", "there is more after the workspace's closing }"},
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
