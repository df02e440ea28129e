// Package storage keeps a Journeymap workspace in an embedded Badger store: one record per
// entity under readable keys, a schema version in every value, one synced transaction per
// user edit, and backups written outside the store.
package storage
