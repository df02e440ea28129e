package sharing

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go/jetstream"

	"journeymap/journey"
	"journeymap/journey/journeytest"
	"journeymap/storage"
)

// startCluster starts three NATS servers with JetStream in one cluster, in the test's process,
// and returns them with the URL that names all three.
func startCluster(t *testing.T) ([]*server.Server, string) {
	t.Helper()
	ports := make([]int, 6)
	for i := range ports {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ports[i] = l.Addr().(*net.TCPAddr).Port
		l.Close()
	}
	var routes, urls []string
	for i := range 3 {
		routes = append(routes, fmt.Sprintf("nats-route://127.0.0.1:%d", ports[3+i]))
		urls = append(urls, fmt.Sprintf("nats://127.0.0.1:%d", ports[i]))
	}
	var servers []*server.Server
	for i := range 3 {
		ns, err := server.NewServer(&server.Options{ServerName: fmt.Sprintf("n%d", i), JetStream: true, StoreDir: t.TempDir(),
			Host: "127.0.0.1", Port: ports[i], NoSigs: true, NoLog: true,
			Cluster: server.ClusterOpts{Name: "task-force", Host: "127.0.0.1", Port: ports[3+i]},
			Routes:  server.RoutesFromStr(strings.Join(routes, ","))})
		if err != nil {
			t.Fatal(err)
		}
		ns.Start()
		t.Cleanup(ns.Shutdown)
		servers = append(servers, ns)
	}
	for _, ns := range servers {
		if !ns.ReadyForConnections(10 * time.Second) {
			t.Fatal("a server of the cluster did not start")
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for !servers[0].JetStreamIsLeader() && !servers[1].JetStreamIsLeader() && !servers[2].JetStreamIsLeader() {
		if time.Now().After(deadline) {
			t.Fatal("the cluster chose no JetStream leader")
		}
		time.Sleep(50 * time.Millisecond)
	}
	return servers, strings.Join(urls, ",")
}

// TestAClusterLosesNoEditWhenItsLeaderGoes: on a three-server cluster the workspace's bucket
// is kept on all three; the stream's leader is shut down in the middle of a burst of edits on
// one desk, and once the burst is sent every edit is on the other desk too.
func TestAClusterLosesNoEditWhenItsLeaderGoes(t *testing.T) {
	if testing.Short() {
		t.Skip("a cluster of three servers is not started in -short mode")
	}
	servers, urls := startCluster(t)
	ctx := context.Background()
	ana := &desk{t: t, store: openStore(t)}
	if err := ana.store.Replace(journeytest.Sample(t)); err != nil {
		t.Fatal(err)
	}
	var err error
	for try := 0; try < 50; try++ { // the meta leader may still be settling
		if err = Share(ctx, ana.store, storage.Share{Server: urls, Bucket: "returns", Member: "m-ana"}); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	ana.connect()
	ana.sync()
	ben := &desk{t: t, store: openStore(t)}
	if err := Join(ctx, ben.store, storage.Share{Server: urls, Bucket: "returns", Member: "m-ben"}); err != nil {
		t.Fatal(err)
	}
	ben.connect()
	ben.sync()

	status, err := ana.e.kv.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r := status.(*jetstream.KeyValueBucketStatus).StreamInfo().Config.Replicas; r != 3 {
		t.Fatalf("the bucket is kept on %d servers, want 3", r)
	}
	j := ana.workspace().Journeys[0]
	const burst = 60
	shut := false
	for i := range burst {
		ana.edit(func(w *journey.Workspace) (journey.Edit, error) {
			return journey.Put(w, j.ID, journey.Card{ID: fmt.Sprintf("burst-%d", i), Stage: j.Stages[0].ID, Lane: j.Lanes[0].ID, Text: fmt.Sprintf("burst %d", i)}, -1)
		})
		if i == burst/2 && !shut {
			for _, ns := range servers {
				if ns.JetStreamIsStreamLeader("$G", "KV_returns") {
					ns.Shutdown()
					shut = true
				}
			}
		}
		if i%5 == 0 {
			syncRetrying(t, ana)
		}
	}
	if !shut {
		t.Fatal("no server led the bucket's stream")
	}
	syncRetrying(t, ana)
	syncRetrying(t, ben)
	w := ben.workspace()
	for i := range burst {
		id := fmt.Sprintf("burst-%d", i)
		if journey.Index(w.Journey(j.ID).Cards, id) < 0 {
			t.Errorf("card %s of the burst is not on Ben's desk", id)
		}
	}
	sameEverywhere(t, []*desk{ana, ben})
}

// syncRetrying syncs the desk, trying again for a while when the cluster is choosing a new
// leader: a send then times out, its change kept to go next time.
func syncRetrying(t *testing.T, d *desk) {
	t.Helper()
	var err error
	for try := 0; try < 40; try++ {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		_, err = d.e.SyncOnce(ctx)
		cancel()
		if err == nil {
			if waiting, _, _ := d.store.ShareState(); waiting == 0 {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the desk could not sync: %v", err)
}
