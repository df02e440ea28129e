// Package natstest starts NATS servers with JetStream inside a test's process, on free ports
// of loopback with their streams in the test's temporary directory, for the tests of sharing
// in the store, the command line and the window alike.
package natstest

import (
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Start starts a server, shut down when the test ends. users maps names to passwords, with
// their permissions (nil: everything); none at all lets anyone connect.
func Start(tb testing.TB, users ...*server.User) *server.Server {
	tb.Helper()
	return StartAt(tb, tb.TempDir(), -1, users...)
}

// StartAt starts a server keeping its streams in dir, on port (-1: a free one): a server
// started again where one was shut down finds its buckets as they were.
func StartAt(tb testing.TB, dir string, port int, users ...*server.User) *server.Server {
	tb.Helper()
	return start(tb, &server.Options{JetStream: true, StoreDir: dir, Port: port, Host: "127.0.0.1",
		NoSigs: true, NoLog: true, Users: users})
}

// StartWithoutJetStream starts a server that keeps no streams, as one started without -js.
func StartWithoutJetStream(tb testing.TB) *server.Server {
	tb.Helper()
	return start(tb, &server.Options{Port: -1, Host: "127.0.0.1", NoSigs: true, NoLog: true})
}

func start(tb testing.TB, opts *server.Options) *server.Server {
	tb.Helper()
	ns, err := server.NewServer(opts)
	if err != nil {
		tb.Fatal(err)
	}
	ns.Start()
	if !ns.ReadyForConnections(5 * time.Second) {
		tb.Fatal("the NATS server did not start")
	}
	tb.Cleanup(ns.Shutdown)
	return ns
}
