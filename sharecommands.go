package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"time"

	"journeymap/journey"
	"journeymap/storage"
	"journeymap/storage/sharing"
)

// shareFlags are how share and join reach the server.
type shareFlags struct {
	server, creds, user, passwordFile, tlsCA, bucket *string
}

func newShareFlags(fs *flag.FlagSet) shareFlags {
	return shareFlags{
		server:       fs.String("server", "", "the NATS server, e.g. nats://nats.example.com:4222"),
		creds:        fs.String("creds", "", "a NATS credentials file"),
		user:         fs.String("user", "", "a user name, with -password-file"),
		passwordFile: fs.String("password-file", "", "a file holding the user's password"),
		tlsCA:        fs.String("tls-ca", "", "a CA certificate file, for a server with its own"),
		bucket:       fs.String("bucket", "", "the shared workspace's bucket on the server"),
	}
}

// share is the Share the flags say, or a usage error naming what is missing or at odds.
func (f shareFlags) share(name string) (storage.Share, error) {
	sh := storage.Share{Server: *f.server, Creds: *f.creds, User: *f.user, PasswordFile: *f.passwordFile, TLSCA: *f.tlsCA, Bucket: *f.bucket}
	switch {
	case sh.Server == "":
		return sh, fmt.Errorf("%s needs -server URL: %w", name, errUsage)
	case sh.Creds != "" && sh.User != "":
		return sh, fmt.Errorf("%s takes -creds or -user, not both: %w", name, errUsage)
	case (sh.User == "") != (sh.PasswordFile == ""):
		return sh, fmt.Errorf("-user and -password-file go together (a password is never typed on the command line): %w", errUsage)
	case sh.Bucket != "" && !bucketName.MatchString(sh.Bucket):
		return sh, fmt.Errorf("-bucket %q: a bucket's name holds letters, digits, - and _ only: %w", sh.Bucket, errUsage)
	}
	if !strings.Contains(sh.Server, "://") {
		sh.Server = "nats://" + sh.Server
	}
	for _, u := range strings.Split(sh.Server, ",") {
		if scheme, _, _ := strings.Cut(u, "://"); scheme != "nats" && scheme != "tls" {
			return sh, fmt.Errorf("-server %q: a NATS server's address starts nats:// (or tls://), not %s://: %w", u, scheme, errUsage)
		}
	}
	if strings.HasPrefix(sh.Bucket, "-") {
		return sh, fmt.Errorf("-bucket %q: a bucket's name starts with a letter or a digit: %w", sh.Bucket, errUsage)
	}
	return sh, nil
}

// shareArgs reads share's or join's command line and opens the store it names: an existing
// one to share, any (a new one made) to join; made says the store's folder was made for it.
func shareArgs(name, global string, args []string) (s *storage.Store, sh storage.Share, made bool, err error) {
	fs := newFlags(name)
	store := storeFlag(fs, global)
	f := newShareFlags(fs)
	if err := parseNone(fs, args); err != nil {
		return nil, sh, false, err
	}
	if sh, err = f.share(name); err != nil {
		return nil, sh, false, err
	}
	if name == "join" && sh.Bucket == "" {
		return nil, sh, false, fmt.Errorf("join needs -bucket NAME, the shared workspace's: %w", errUsage)
	}
	dir, err := storeDir(*store)
	if err != nil {
		return nil, sh, false, err
	}
	_, statErr := os.Stat(dir)
	s, err = openStore(dir, name == "share")
	return s, sh, os.IsNotExist(statErr), err
}

var bucketName = regexp.MustCompile(`^[a-zA-Z0-9_-]+$`)

// bucketFor is the bucket a workspace is shared into when -bucket is not given: its name,
// in the letters a bucket's name takes.
func bucketFor(name string) string {
	b := strings.Trim(regexp.MustCompile(`[^a-zA-Z0-9]+`).ReplaceAllString(strings.ToLower(name), "-"), "-")
	if b == "" {
		return "journeymap"
	}
	return b
}

const syncTimeout = 30 * time.Second

var shareCommand = command{
	name: "share",
	synopsis: []string{"share [-store DIR] -server URL [-creds FILE | -user NAME -password-file FILE]\n" +
		"      [-tls-ca FILE] [-bucket NAME]"},
	summary: "share the workspace with the task force",
	about: `Puts this store's workspace into a new bucket on a NATS server with JetStream, and keeps
the store shared: every change made here is queued as it is saved and sent by the app, or by
journeymap sync. The bucket is named after the workspace unless -bucket says; a bucket that
exists already is refused. Credentials are never written into the store: a password is read
from its file each time.`,
	run: func(global string, args []string, stdout, _ io.Writer) error {
		s, sh, _, err := shareArgs("share", global, args)
		if err != nil {
			return err
		}
		defer s.Close()
		if sh.Bucket == "" {
			w, err := s.Load()
			if err != nil {
				return err
			}
			sh.Bucket = bucketFor(w.Name)
		}
		ctx, cancel := context.WithTimeout(context.Background(), syncTimeout)
		defer cancel()
		if err := sharing.Share(ctx, s, sh); err != nil {
			return err
		}
		records, _, _ := s.ShareState()
		if _, err := syncStore(ctx, s); err != nil {
			return fmt.Errorf("shared as %q, but sending the workspace stopped: %w; journeymap sync goes on", sh.Bucket, err)
		}
		_, err = fmt.Fprintf(stdout, "shared as %q on %s: %s sent\nthe others join with: journeymap join -server %s -bucket %s\n",
			sh.Bucket, sh.Server, journey.Plural(records, "record"), sh.Server, sh.Bucket)
		return err
	},
}

var joinCommand = command{
	name:     "join",
	synopsis: []string{"join [-store DIR] -server URL -bucket NAME [credentials as for share]"},
	summary:  "follow a shared workspace",
	about: `Makes an empty store follow the shared workspace in the bucket, and takes the workspace in.
A store that holds a workspace is refused: join from a new one (-store DIR). A store made for
the join and left empty by a join that failed is removed again.`,
	run: func(global string, args []string, stdout, _ io.Writer) error {
		s, sh, made, err := shareArgs("join", global, args)
		if err != nil {
			return err
		}
		defer s.Close()
		if following, ok, _ := s.Sharing(); ok {
			return fmt.Errorf("the store %s follows %q on %s already", s.Dir(), following.Bucket, following.Server)
		}
		if empty, err := s.Empty(); err != nil || !empty {
			if err == nil {
				err = fmt.Errorf("the store %s holds a workspace: join from a new store (-store DIR)", s.Dir())
			}
			return err
		}
		ctx, cancel := context.WithTimeout(context.Background(), syncTimeout)
		defer cancel()
		if err := sharing.Join(ctx, s, sh); err != nil {
			if made {
				s.Close()
				os.RemoveAll(s.Dir()) // made for this join, and still empty
			}
			return err
		}
		st, err := syncStore(ctx, s)
		if err != nil {
			return fmt.Errorf("joined %q, but taking the workspace in stopped: %w; journeymap sync goes on", sh.Bucket, err)
		}
		w, err := s.Load()
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "joined %q on %s: the workspace %q, %s (revision %d)\n", sh.Bucket, sh.Server, w.Name, journey.Plural(len(w.Journeys), "journey"), st.Revision)
		return err
	},
}

var syncCommand = command{
	name:     "sync",
	synopsis: []string{"sync [-store DIR] [-json]"},
	summary:  "send and receive once",
	about: `Takes in what the other desks changed, then sends what was changed here, once, and says
where the store stands: the server and bucket, the last revision taken, the changes still
waiting, the fields in conflict (each value with who made it and when) and the last contact.
A server that can't be reached leaves the changes waiting, to go when it answers.`,
	run: func(global string, args []string, stdout, _ io.Writer) error {
		fs := newFlags("sync")
		store := storeFlag(fs, global)
		asJSON := fs.Bool("json", false, "print the state as JSON")
		if err := parseNone(fs, args); err != nil {
			return err
		}
		s, err := openStore(*store, true)
		if err != nil {
			return err
		}
		defer s.Close()
		ctx, cancel := context.WithTimeout(context.Background(), syncTimeout)
		defer cancel()
		st, err := syncStore(ctx, s)
		if errors.Is(err, sharing.ErrUnreachable) {
			// Where the store stands is said all the same, -json as JSON, and the exit
			// status says the round did not happen.
			sh, _, _ := s.Sharing()
			st = sharing.Status{Server: sh.Server, Bucket: sh.Bucket}
			st.Revision, _ = s.LastRevision()
			if *asJSON {
				if perr := printSync(stdout, s, st, true); perr != nil {
					return perr
				}
			}
			waiting, _, _ := s.ShareState()
			verb := "wait"
			if waiting == 1 {
				verb = "waits"
			}
			return fmt.Errorf("%w: working offline; %s %s here and go when it answers", err, journey.Plural(waiting, "change"), verb)
		}
		if err != nil {
			return err
		}
		return printSync(stdout, s, st, *asJSON)
	},
}

var unshareCommand = command{
	name:     "unshare",
	synopsis: []string{"unshare [-store DIR] [-keep-unsent]"},
	summary:  "stop following; the local copy stays whole",
	about: `Stops following the shared workspace, for good. The workspace stays in the store, whole.
Changes made here and not yet sent would never reach the task force: unshare refuses while
any wait (sync first), unless -keep-unsent says to keep them in this copy only. The bucket on
the server is left as it is, for the other desks.`,
	run: func(global string, args []string, stdout, _ io.Writer) error {
		fs := newFlags("unshare")
		store := storeFlag(fs, global)
		keep := fs.Bool("keep-unsent", false, "stop following though changes made here were never sent; they stay in this copy only")
		if err := parseNone(fs, args); err != nil {
			return err
		}
		s, err := openStore(*store, true)
		if err != nil {
			return err
		}
		defer s.Close()
		sh, ok, err := s.Sharing()
		if err != nil || !ok {
			if err == nil {
				err = errors.New("this store follows no shared workspace")
			}
			return err
		}
		if waiting, _, err := s.ShareState(); err != nil {
			return err
		} else if waiting > 0 && !*keep {
			return fmt.Errorf("%s made here never reached the task force: run journeymap sync when %s answers, then unshare; or unshare -keep-unsent to keep them in this copy only",
				journey.Plural(waiting, "change"), sh.Server)
		}
		if err := s.StopSharing(); err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "no longer following %q on %s; the workspace stays here\n", sh.Bucket, sh.Server)
		return err
	},
}

// openStore opens the store a sharing command works on, an existing one when existing; one
// the app holds is said so.
func openStore(dir string, existing bool) (*storage.Store, error) {
	dir, err := storeDir(dir)
	if err != nil {
		return nil, err
	}
	open := storage.Open
	if existing {
		open = storage.OpenExisting
	}
	s, err := open(dir)
	if errors.Is(err, storage.ErrInUse) {
		return nil, fmt.Errorf("the app has the store %s open: quit it first (while it runs, it sends and receives by itself)", dir)
	}
	return s, err
}

// syncStore sends and receives once.
func syncStore(ctx context.Context, s *storage.Store) (sharing.Status, error) {
	e, err := sharing.Connect(ctx, s, nil)
	if err != nil {
		return sharing.Status{}, err
	}
	defer e.Close()
	return e.SyncOnce(ctx)
}

// printSync says where a shared store stands, in lines or as PRODUCT.md's JSON.
func printSync(stdout io.Writer, s *storage.Store, st sharing.Status, asJSON bool) error {
	waiting, conflicts, err := s.ShareState()
	if err != nil {
		return err
	}
	type value struct {
		Value any    `json:"value"`
		By    string `json:"by"`
		At    string `json:"at"`
	}
	type conflict struct {
		Record string  `json:"record"`
		Field  string  `json:"field"`
		Values []value `json:"values"`
	}
	out := struct {
		Server      string     `json:"server"`
		Bucket      string     `json:"bucket"`
		Revision    uint64     `json:"revision"`
		Waiting     int        `json:"waiting"`
		Conflicts   []conflict `json:"conflicts"`
		LastContact string     `json:"lastContact"`
		SetAside    []string   `json:"setAside,omitempty"`
	}{Server: st.Server, Bucket: st.Bucket, Revision: st.Revision, Waiting: waiting, Conflicts: []conflict{},
		LastContact: ""}
	if !st.LastContact.IsZero() {
		out.LastContact = st.LastContact.UTC().Format(time.RFC3339)
	}
	if out.SetAside, err = s.SetAside(); err != nil {
		return err
	}
	for _, c := range conflicts {
		key, _ := storage.WireKey(c.Record)
		cf := conflict{Record: key, Field: c.Field}
		for _, v := range c.Values {
			var val any
			_ = json.Unmarshal(v.Value, &val)
			cf.Values = append(cf.Values, value{Value: val, By: v.By, At: v.At})
		}
		out.Conflicts = append(out.Conflicts, cf)
	}
	if asJSON {
		return printJSON(stdout, out)
	}
	fmt.Fprintf(stdout, "shared workspace %q on %s, revision %d\n", out.Bucket, out.Server, out.Revision)
	if out.Waiting == 0 {
		fmt.Fprintln(stdout, "synced: nothing waits to be sent")
	} else {
		fmt.Fprintf(stdout, "%s waiting to be sent\n", journey.Plural(out.Waiting, "change"))
	}
	for _, a := range out.SetAside {
		fmt.Fprintf(stdout, "set aside: %s\n", a)
	}
	w, err := s.Load()
	if err != nil {
		return err
	}
	for i, c := range out.Conflicts {
		var vals []string
		for _, v := range c.Values {
			b, _ := json.Marshal(v.Value)
			by := "someone"
			if m, ok := w.Member(v.By); ok {
				by = m.Name
			} else if v.By != "" {
				by = v.By
			}
			vals = append(vals, fmt.Sprintf("%s by %s at %s", b, by, v.At))
		}
		fmt.Fprintf(stdout, "conflict in %s, %s: %s\n", journey.RecordSaid(w, conflicts[i].Record), orWhole(c.Field), strings.Join(vals, "; "))
	}
	return nil
}

func orWhole(field string) string {
	if field == "" {
		return "deleted against a change"
	}
	return field
}
