package document

import (
	"errors"

	"journeymap/journey"
)

// Attempt is how a user interface makes an edit: made as edit, the edit is done by do (a
// document's Do, or Keep for one kept out of the undo history) and, when it was not made or
// not done, why is said through say in a sentence (Refusal). Its result reports whether the
// edit was done; a nil edit with no error is nothing to do.
func Attempt(say func(string), do func(journey.Edit) error) func(edit journey.Edit, err error) bool {
	return func(edit journey.Edit, err error) bool {
		if err == nil && edit != nil {
			err = do(edit)
		}
		if err != nil {
			say(Refusal(err))
		}
		return err == nil
	}
}

// Refusal says in a sentence why an edit was not made: a rule it broke in the rule's own
// words, or else the error.
func Refusal(err error) string {
	var v *journey.ValidationError
	if errors.As(err, &v) {
		return "Not changed: " + v.Msg + "."
	}
	return "Not changed: " + err.Error() + "."
}
