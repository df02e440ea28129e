// Package sharing keeps a store in step with a shared workspace: a NATS JetStream Key-Value
// bucket holding one key per record, which every desk of a task force follows. It sends what
// the store's outbox holds with the revision each record was last agreed on, so that a change
// made meanwhile elsewhere is merged rather than overwritten, and takes the bucket's changes
// into the store from the last revision it took. It imports no user interface: the app and the
// command line both drive it.
package sharing
