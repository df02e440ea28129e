package sharing

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"journeymap/storage"
)

// Errors a caller can tell apart with errors.Is.
var (
	// ErrUnreachable means the server did not answer: the desk works offline meanwhile.
	ErrUnreachable = errors.New("can't reach the server")
	// ErrRefused means the server refused the credentials.
	ErrRefused = errors.New("the server refused the credentials")
	// ErrNoBucket means the bucket to join does not exist.
	ErrNoBucket = errors.New("no shared workspace by that name")
	// ErrTaken means the bucket to share into already holds a workspace.
	ErrTaken = errors.New("the bucket already holds a workspace")
)

// History is how many versions of each record a shared workspace's bucket keeps: what the
// history of a record can show, and what a desk that was offline can still merge against.
const History = 16

// Receiver takes values of the bucket into the store: the store's own Receive, or a
// document's, which also tells what shows the workspace.
type Receiver func([]storage.Incoming) (storage.Received, error)

// Engine sends a store's outbox to the bucket and takes the bucket's changes in.
type Engine struct {
	store   *storage.Store
	receive Receiver
	share   storage.Share
	nc      *nats.Conn
	kv      jetstream.KeyValue
	// Now is the clock pulses are held back by.
	Now func() time.Time
}

// Connect connects to the shared workspace the store follows; receive takes what comes in
// (nil: the store's own Receive).
func Connect(ctx context.Context, s *storage.Store, receive Receiver) (*Engine, error) {
	sh, ok, err := s.Sharing()
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errors.New("this store follows no shared workspace: share it or join one first")
	}
	if receive == nil {
		receive = s.Receive
	}
	nc, kv, err := open(ctx, sh)
	if err != nil {
		return nil, err
	}
	if err := sameBucket(ctx, s, kv); err != nil {
		nc.Close()
		return nil, err
	}
	return &Engine{store: s, receive: receive, share: sh, nc: nc, kv: kv, Now: time.Now}, nil
}

// sameBucket checks that the bucket is the one the store took its revisions from. One of the
// same name made since (a server started again on an empty disk) has lost them: the store
// starts over with it (storage.Store.Resync), its workspace sent again, nothing made here lost.
func sameBucket(ctx context.Context, s *storage.Store, kv jetstream.KeyValue) error {
	status, err := kv.Status(ctx)
	if err != nil {
		return fmt.Errorf("reading the shared workspace: %w", err)
	}
	made := status.(*jetstream.KeyValueBucketStatus).StreamInfo().Created.UTC()
	sh, _, err := s.Sharing()
	if err != nil || sh.BucketMade.Equal(made) {
		return err
	}
	if !sh.BucketMade.IsZero() {
		if err := s.Resync(); err != nil {
			return err
		}
	}
	sh.BucketMade = made
	return s.UpdateSharing(sh)
}

// Close disconnects.
func (e *Engine) Close() { e.nc.Close() }

// dial connects to the server with the share's credentials.
func dial(sh storage.Share, more ...nats.Option) (*nats.Conn, error) {
	// A server that stops answering with the connection still open (frozen, or a network
	// that drops packets) is noticed by its pings within about 15 s, not the client's 2 min.
	opts := append([]nats.Option{nats.Name("Journeymap"), nats.Timeout(5 * time.Second),
		nats.PingInterval(5 * time.Second), nats.MaxPingsOutstanding(2)}, more...)
	switch {
	case sh.Creds != "":
		opts = append(opts, nats.UserCredentials(sh.Creds))
	case sh.User != "":
		pw, err := os.ReadFile(sh.PasswordFile)
		if err != nil {
			return nil, fmt.Errorf("reading the password: %w", err)
		}
		opts = append(opts, nats.UserInfo(sh.User, strings.TrimRight(string(pw), "\r\n")))
	}
	if sh.TLSCA != "" {
		opts = append(opts, nats.RootCAs(sh.TLSCA))
	}
	nc, err := nats.Connect(sh.Server, opts...)
	var urlErr *url.Error
	var dnsErr *net.DNSError
	var netErr net.Error
	switch {
	case err == nil:
		return nc, nil
	case errors.Is(err, nats.ErrAuthorization), strings.Contains(strings.ToLower(err.Error()), "authorization"):
		return nil, fmt.Errorf("%w for %s", ErrRefused, who(sh))
	case errors.Is(err, nats.ErrSecureConnWanted):
		return nil, fmt.Errorf("the server %s does not take TLS: give its address as nats://, as tls:// is for a server set up with a certificate", sh.Server)
	case errors.Is(err, nats.ErrNoServers) && !hasPort(sh.Server):
		return nil, fmt.Errorf("%w %s (no port given, so NATS's 4222 was tried)", ErrUnreachable, sh.Server)
	case errors.Is(err, nats.ErrNoServers):
		return nil, fmt.Errorf("%w %s", ErrUnreachable, sh.Server)
	case errors.As(err, &dnsErr):
		return nil, fmt.Errorf("%w %s: no host is called %q", ErrUnreachable, sh.Server, dnsErr.Name)
	case errors.As(err, &netErr) && netErr.Timeout():
		return nil, fmt.Errorf("%w %s: it did not answer within 5 s", ErrUnreachable, sh.Server)
	case errors.As(err, &urlErr):
		return nil, fmt.Errorf("%q is not a server's address (nats://HOST:PORT): %w", sh.Server, urlErr.Err)
	case sh.TLSCA != "" && strings.Contains(err.Error(), "rootCA"):
		return nil, fmt.Errorf("the CA certificate %s can't be read: %w", sh.TLSCA, err)
	}
	return nil, fmt.Errorf("connecting to %s: %w", sh.Server, err)
}

// hasPort reports whether a server's address names its port.
func hasPort(server string) bool {
	u, err := url.Parse(server)
	return err == nil && u.Port() != ""
}

// withoutJetStream says plainly that a server answers but keeps no streams, when that is err.
func withoutJetStream(sh storage.Share, err error) error {
	if errors.Is(err, jetstream.ErrJetStreamNotEnabled) || errors.Is(err, jetstream.ErrJetStreamNotEnabledForAccount) ||
		errors.Is(err, nats.ErrNoResponders) {
		return fmt.Errorf("the server %s runs without JetStream, which a shared workspace needs: start it with -js (nats-server -js)", sh.Server)
	}
	return err
}

func who(sh storage.Share) string {
	if sh.User != "" {
		return sh.User
	}
	if sh.Creds != "" {
		return "the credentials in " + sh.Creds
	}
	return "an anonymous user"
}

func open(ctx context.Context, sh storage.Share, more ...nats.Option) (*nats.Conn, jetstream.KeyValue, error) {
	nc, err := dial(sh, more...)
	if err != nil {
		return nil, nil, err
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, err
	}
	kv, err := js.KeyValue(ctx, sh.Bucket)
	err = withoutJetStream(sh, err)
	if errors.Is(err, jetstream.ErrBucketNotFound) {
		nc.Close()
		return nil, nil, fmt.Errorf("%w on %s: %q", ErrNoBucket, sh.Server, sh.Bucket)
	}
	if err != nil {
		nc.Close()
		return nil, nil, fmt.Errorf("opening the shared workspace %q: %w", sh.Bucket, err)
	}
	return nc, kv, nil
}

// Share puts the store's workspace into a new bucket on the server and makes the store follow
// it; a bucket that exists already is refused, never written over.
func Share(ctx context.Context, s *storage.Store, sh storage.Share) error {
	if now, ok, err := s.Sharing(); err != nil || ok {
		if err == nil {
			err = fmt.Errorf("this store already follows %q on %s: it is shared already (to share it anew elsewhere, export it and share the copy from a new store)", now.Bucket, now.Server)
		}
		return err
	}
	nc, err := dial(sh)
	if err != nil {
		return err
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	// Creating a bucket that exists with the same settings succeeds, so ask first.
	if _, err := js.KeyValue(ctx, sh.Bucket); err == nil {
		return fmt.Errorf("%w: %q on %s; pick another name with -bucket, or join it", ErrTaken, sh.Bucket, sh.Server)
	}
	cfg := jetstream.KeyValueConfig{Bucket: sh.Bucket, History: History,
		Description: "a Journeymap workspace", Storage: jetstream.FileStorage}
	// On a cluster the bucket is kept on three servers, so that one going down loses nothing
	// and stops no desk; a cluster of fewer refuses that, and gets one copy.
	if nc.ConnectedClusterName() != "" {
		cfg.Replicas = 3
		if _, err = js.CreateKeyValue(ctx, cfg); err == nil {
			sh.MaxValue = int(nc.MaxPayload())
			return s.StartSharing(sh)
		}
		cfg.Replicas = 1
	}
	_, err = js.CreateKeyValue(ctx, cfg)
	if errors.Is(err, jetstream.ErrBucketExists) {
		return fmt.Errorf("%w: %q on %s; pick another name with -bucket, or join it", ErrTaken, sh.Bucket, sh.Server)
	}
	if err != nil {
		return fmt.Errorf("making the shared workspace %q: %w", sh.Bucket, withoutJetStream(sh, err))
	}
	sh.MaxValue = int(nc.MaxPayload())
	return s.StartSharing(sh)
}

// Join makes an empty store follow the shared workspace in the bucket. A login that may read
// the bucket but not write it joins view only: the store then refuses edits, saying so, rather
// than queue changes that could never be sent.
func Join(ctx context.Context, s *storage.Store, sh storage.Share) error {
	denied := make(chan struct{}, 1)
	nc, kv, err := open(ctx, sh, whenDenied(denied))
	if err != nil {
		return err
	}
	defer nc.Close()
	if _, err := kv.Get(ctx, "ws"); errors.Is(err, jetstream.ErrKeyNotFound) {
		return fmt.Errorf("%w: the bucket %q holds no workspace yet", ErrNoBucket, sh.Bucket)
	}
	sh.MaxValue = int(nc.MaxPayload())
	sh.ViewOnly = !mayWrite(ctx, kv, denied)
	return s.StartSharing(sh)
}

// whenDenied is an option that tells denied when the server refuses a publish: NATS says so
// only in passing, and the write then waits for an answer that never comes.
func whenDenied(denied chan<- struct{}) nats.Option {
	return nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) {
		if errors.Is(err, nats.ErrPermissionViolation) || strings.Contains(strings.ToLower(err.Error()), "permissions violation") {
			select {
			case denied <- struct{}{}:
			default:
			}
		}
	})
}

// mayWrite reports whether the login may write the bucket: an update on a revision no key
// can have is refused for its revision when it may, so nothing is ever written by asking.
func mayWrite(ctx context.Context, kv jetstream.KeyValue, denied <-chan struct{}) bool {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := kv.Update(ctx, "ws", []byte("{}"), math.MaxUint64)
		done <- err
	}()
	select {
	case <-denied:
		return false
	case err := <-done:
		return errors.Is(err, jetstream.ErrKeyRevisionMismatch) || errors.Is(err, jetstream.ErrKeyExists)
	}
}

// Status is where a shared store stands.
type Status struct {
	Server, Bucket string
	Revision       uint64    // the last revision taken in
	LastContact    time.Time // when the server last answered
}

// SyncOnce takes in what the bucket holds that the store has not taken, then sends what waits
// here, merging each record someone changed meanwhile.
func (e *Engine) SyncOnce(ctx context.Context) (Status, error) {
	st := Status{Server: e.share.Server, Bucket: e.share.Bucket}
	if _, err := e.catchUp(ctx); err != nil {
		return st, err
	}
	if err := e.send(ctx); err != nil {
		return st, err
	}
	st.LastContact = time.Now()
	var err error
	st.Revision, err = e.store.LastRevision()
	return st, err
}

// catchUp takes every revision after the last taken, up to the bucket's newest.
func (e *Engine) catchUp(ctx context.Context) (storage.Received, error) {
	var got storage.Received
	status, err := e.kv.Status(ctx)
	if err != nil {
		return got, fmt.Errorf("reading the shared workspace: %w", err)
	}
	newest := status.(*jetstream.KeyValueBucketStatus).StreamInfo().State.LastSeq
	last, err := e.store.LastRevision()
	if err != nil {
		return got, err
	}
	if newest <= last {
		return got, nil
	}
	w, err := e.kv.WatchAll(ctx, jetstream.ResumeFromRevision(last+1))
	if err != nil {
		return got, err
	}
	defer w.Stop()
	var batch []storage.Incoming
	for {
		select {
		case <-ctx.Done():
			return got, ctx.Err()
		case en, ok := <-w.Updates():
			if !ok {
				return got, errors.New("the shared workspace stopped answering")
			}
			if en == nil {
				if len(batch) > 0 && batch[len(batch)-1].Rev >= newest {
					return e.take(batch)
				}
				continue
			}
			batch = append(batch, incoming(en))
			if en.Revision() >= newest {
				return e.take(batch)
			}
		}
	}
}

// take takes a batch in, a thousand values at a time: one transaction each, never one too
// big for the store.
func (e *Engine) take(batch []storage.Incoming) (storage.Received, error) {
	var all storage.Received
	for chunk := range slices.Chunk(batch, 1000) {
		got, err := e.receive(chunk)
		all.Refs = append(all.Refs, got.Refs...)
		all.SetAside = append(all.SetAside, got.SetAside...)
		if err != nil {
			return all, err
		}
	}
	return all, nil
}

func incoming(en jetstream.KeyValueEntry) storage.Incoming {
	in := storage.Incoming{Key: en.Key(), Rev: en.Revision(), Pending: en.Delta()}
	if en.Operation() != jetstream.KeyValuePut {
		in.Deleted = true
	} else {
		in.Value = en.Value()
	}
	return in
}

// send sends what waits, each record on the revision last agreed on. One that someone changed
// meanwhile is fetched and merged, and sent again on its new revision. Records go sixteen at a
// time: each is a round trip to the server, and a workspace of thousands shared one by one
// would take minutes.
func (e *Engine) send(ctx context.Context) error {
	// Bounded: a record merged is sent again, and one a busy desk keeps changing could keep
	// this going; what is left goes next time.
	for range 1000 {
		out, _, err := e.store.Outgoing(e.Now(), 256)
		if err != nil || len(out) == 0 {
			return err
		}
		var wg sync.WaitGroup
		errs := make([]error, len(out))
		changed := make([]bool, len(out))
		revs := make([]uint64, len(out))
		next := make(chan int)
		for range min(16, len(out)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					revs[i], changed[i], errs[i] = e.put(ctx, out[i])
				}
			}()
		}
		for i := range out {
			next <- i
		}
		close(next)
		wg.Wait()
		// What reached the bucket is recorded in one transaction, even when others failed.
		var sent []storage.Outgoing
		var sentRevs []uint64
		for i, o := range out {
			if errs[i] == nil && !changed[i] {
				sent, sentRevs = append(sent, o), append(sentRevs, revs[i])
			}
		}
		if err := e.store.SentAll(sent, sentRevs); err != nil {
			return err
		}
		if err := errors.Join(errs...); err != nil {
			return err
		}
		// Merged one at a time: taking changes in is the document's, which is one goroutine's.
		for i, o := range out {
			if changed[i] {
				if err := e.merge(ctx, o); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// put writes one record to the bucket on its revision, returning the revision it got;
// changed says that someone changed it meanwhile, and it must be merged first.
func (e *Engine) put(ctx context.Context, o storage.Outgoing) (rev uint64, changed bool, err error) {
	switch {
	case o.Value == nil && o.Rev == 0:
		return 0, false, nil // never in the bucket: nothing to delete there
	case o.Value == nil:
		err = e.kv.Delete(ctx, o.Key, jetstream.LastRevision(o.Rev))
		rev = o.Rev // the delete's own revision comes back through the watch
	case o.Rev == 0:
		rev, err = e.kv.Create(ctx, o.Key, o.Value)
	default:
		rev, err = e.kv.Update(ctx, o.Key, o.Value, o.Rev)
	}
	if errors.Is(err, jetstream.ErrKeyExists) || errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
		return 0, true, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("sending %s: %w", o.Key, err)
	}
	return rev, false, nil
}

// merge takes in the bucket's version of a record changed meanwhile, which merges it with
// this desk's; the merged record is sent next round.
func (e *Engine) merge(ctx context.Context, o storage.Outgoing) error {
	hist, err := e.kv.History(ctx, o.Key)
	if err != nil {
		return fmt.Errorf("reading %s to merge it: %w", o.Key, err)
	}
	in := incoming(hist[len(hist)-1])
	in.OutOfTurn = true
	_, err = e.receive([]storage.Incoming{in})
	return err
}
