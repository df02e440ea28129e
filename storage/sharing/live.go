package sharing

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"journeymap/storage"
)

// State is where a desk that follows a shared workspace stands, for the app to show.
type State struct {
	Online      bool
	Since       time.Time // offline since, when not Online
	Waiting     int       // changes made here, not yet sent
	Conflicts   int       // fields in conflict
	LastContact time.Time
	Problem     error // why the desk is offline, or the last send failed
	ViewOnly    bool  // the desk's login may read the workspace, not change it
	SetAside    int   // values of the bucket this desk could not take
}

// Live keeps a store in step with its shared workspace for as long as it runs: it takes each
// change of the bucket in as it comes, sends what is made here when told (Kick) and every few
// seconds, and across an outage keeps trying, the changes made meanwhile waiting in the
// store's outbox.
type Live struct {
	store    *storage.Store
	receive  Receiver
	onState  func(State)
	kick     chan struct{}
	back     chan struct{} // the connection came back after an outage
	stop     context.CancelFunc
	done     sync.WaitGroup
	now      func() time.Time
	mu       sync.Mutex
	state    State
	retry    time.Duration // the longest wait between tries to reach the server
	interval time.Duration // how often to send what waits without being told
	stopped  atomic.Bool
}

// Start starts following the shared workspace the store follows; receive takes what comes in
// (a document's Receive, called on the app's terms), onState hears every change of State,
// from Live's own goroutine.
func Start(s *storage.Store, receive Receiver, onState func(State)) *Live {
	ctx, cancel := context.WithCancel(context.Background())
	l := &Live{store: s, receive: receive, onState: onState, kick: make(chan struct{}, 1), back: make(chan struct{}, 1), stop: cancel,
		now: time.Now, retry: 30 * time.Second, interval: 5 * time.Second}
	l.state.Since = time.Now()
	l.done.Add(1)
	go func() {
		defer l.done.Done()
		l.run(ctx)
	}()
	return l
}

// Kick says that something changed here: it is sent at once if the server can be reached.
func (l *Live) Kick() {
	select {
	case l.kick <- struct{}{}:
	default:
	}
}

// Stop stops following and returns once Live's goroutine is done; what was not sent waits in
// the store for next time.
func (l *Live) Stop() {
	l.stopped.Store(true)
	l.stop()
	l.done.Wait()
}

func (l *Live) set(f func(*State)) {
	if l.stopped.Load() {
		return // what is told after Stop would reach an app that is closing
	}
	l.mu.Lock()
	f(&l.state)
	if w, c, err := l.store.ShareState(); err == nil {
		l.state.Waiting, l.state.Conflicts = w, len(c)
	}
	if sh, ok, err := l.store.Sharing(); err == nil && ok {
		l.state.ViewOnly = sh.ViewOnly
	}
	if aside, err := l.store.SetAside(); err == nil {
		l.state.SetAside = len(aside)
	}
	st := l.state
	l.mu.Unlock()
	if l.onState != nil {
		l.onState(st)
	}
}

func (l *Live) offline(err error) {
	l.set(func(s *State) {
		if s.Online || s.Since.IsZero() {
			s.Since = l.now()
		}
		s.Online, s.Problem = false, err
	})
}

func (l *Live) run(ctx context.Context) {
	wait := time.Second
	for ctx.Err() == nil {
		e, err := l.connect(ctx)
		if err != nil {
			l.offline(err)
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			case <-l.kick: // a change made here is a reason to try again now
			}
			wait = min(2*wait, l.retry)
			continue
		}
		wait = time.Second
		err = l.follow(ctx, e)
		e.Close()
		if ctx.Err() == nil {
			l.offline(err)
		}
	}
}

func (l *Live) connect(ctx context.Context) (*Engine, error) {
	sh, ok, err := l.store.Sharing()
	if err != nil || !ok {
		if err == nil {
			err = errors.New("the store no longer follows a shared workspace")
		}
		return nil, err
	}
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	nc, kv, err := open(cctx, sh, nats.MaxReconnects(-1), nats.ReconnectWait(time.Second),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) { l.offline(err) }),
		nats.ReconnectHandler(func(*nats.Conn) {
			select {
			case l.back <- struct{}{}:
			default:
			}
		}))
	if err != nil {
		return nil, err
	}
	return &Engine{store: l.store, receive: l.receive, share: sh, nc: nc, kv: kv, Now: l.now}, nil
}

// follow takes the bucket's changes in as they come and sends what waits, until the context
// ends or the watch does. After an outage the watch starts again from the last revision
// taken: a server that restarted has forgotten the one there was.
func (l *Live) follow(ctx context.Context, e *Engine) error {
	var w jetstream.KeyWatcher
	watch := func() error {
		if w != nil {
			w.Stop()
		}
		if err := sameBucket(ctx, l.store, e.kv); err != nil {
			return err
		}
		last, err := l.store.LastRevision()
		if err != nil {
			return err
		}
		w, err = e.kv.WatchAll(ctx, jetstream.ResumeFromRevision(last+1))
		return err
	}
	if err := watch(); err != nil {
		return err
	}
	defer func() { w.Stop() }()
	tick := time.NewTicker(l.interval)
	defer tick.Stop()
	send := func() {
		l.set(func(*State) {}) // what waits is said before it goes, however long the server takes
		if !e.nc.IsConnected() {
			l.set(func(*State) {}) // what waits is counted again
			return
		}
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		err := e.send(sctx)
		l.set(func(s *State) {
			s.Problem = err
			if err == nil {
				s.Online, s.LastContact = true, l.now()
			}
		})
	}
	send()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-l.back:
			if err := watch(); err != nil {
				return err
			}
			send()
		case en, ok := <-w.Updates():
			if !ok {
				return errors.New("the shared workspace stopped answering")
			}
			var batch []storage.Incoming
			if en != nil {
				batch = append(batch, incoming(en))
			}
			batch = drain(w, batch)
			if len(batch) > 0 {
				if _, err := e.receive(batch); err != nil {
					return err
				}
			}
			l.set(func(s *State) { s.Online, s.Problem, s.LastContact = e.nc.IsConnected(), nil, l.now() })
		case <-l.kick:
			send()
		case <-tick.C:
			send()
		}
	}
}

// drain adds to batch what else has come already, so that a burst of changes is taken in one
// transaction and drawn once.
func drain(w jetstream.KeyWatcher, batch []storage.Incoming) []storage.Incoming {
	for len(batch) < 512 {
		select {
		case en, ok := <-w.Updates():
			if !ok {
				return batch
			}
			if en != nil {
				batch = append(batch, incoming(en))
			}
		default:
			return batch
		}
	}
	return batch
}
