// Package streamtest runs real NATS JetStream servers in the test process:
// a cluster of n nodes on loopback ports, each with its own store folder,
// that tests can stop and restart node by node.
package streamtest

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Cluster is a running JetStream cluster.
type Cluster struct {
	t     testing.TB
	opts  []*server.Options
	nodes []*server.Server
}

// freePorts returns n loopback ports free now.
func freePorts(t testing.TB, n int) []int {
	var ports []int
	var lns []net.Listener
	for range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		lns = append(lns, ln)
		ports = append(ports, ln.Addr().(*net.TCPAddr).Port)
	}
	for _, ln := range lns {
		ln.Close()
	}
	return ports
}

// Start starts an n-node cluster (n = 1: a single JetStream server) and
// stops it when the test ends. It returns once JetStream answers.
func Start(t testing.TB, n int) *Cluster {
	t.Helper()
	return StartWith(t, n, nil)
}

// StartWith is Start with each node's options changed by set (nil: none),
// e.g. a small MaxPayload.
func StartWith(t testing.TB, n int, set func(*server.Options)) *Cluster {
	t.Helper()
	ports := freePorts(t, 2*n)
	dir := t.TempDir()
	c := &Cluster{t: t}
	var routes []*url.URL
	for i := range n {
		routes = append(routes, &url.URL{Scheme: "nats", Host: fmt.Sprintf("127.0.0.1:%d", ports[n+i])})
	}
	for i := range n {
		o := &server.Options{
			ServerName: fmt.Sprintf("n%d", i+1),
			Host:       "127.0.0.1",
			Port:       ports[i],
			JetStream:  true,
			StoreDir:   filepath.Join(dir, fmt.Sprintf("n%d", i+1)),
			NoLog:      true,
			NoSigs:     true,
		}
		if n > 1 {
			o.Cluster = server.ClusterOpts{Name: "syndex-test", Host: "127.0.0.1", Port: ports[n+i]}
			o.Routes = routes
		}
		if set != nil {
			set(o)
		}
		c.opts = append(c.opts, o)
		c.nodes = append(c.nodes, nil)
	}
	for i := range n {
		c.Restart(i)
	}
	t.Cleanup(c.Shutdown)
	c.WaitJetStream()
	return c
}

// URLs returns the client URLs of every node.
func (c *Cluster) URLs() []string {
	var urls []string
	for _, o := range c.opts {
		urls = append(urls, fmt.Sprintf("nats://127.0.0.1:%d", o.Port))
	}
	return urls
}

// URL is URLs joined with commas, as --nats takes them.
func (c *Cluster) URL() string { return strings.Join(c.URLs(), ",") }

// Stop shuts node i down, as if its machine went away.
func (c *Cluster) Stop(i int) {
	if c.nodes[i] != nil {
		c.nodes[i].Shutdown()
		c.nodes[i].WaitForShutdown()
		c.nodes[i] = nil
	}
}

// Restart starts node i again on its ports and store.
func (c *Cluster) Restart(i int) {
	c.t.Helper()
	s, err := server.NewServer(c.opts[i])
	if err != nil {
		c.t.Fatalf("nats node %d: %v", i+1, err)
	}
	go s.Start()
	if !s.ReadyForConnections(30 * time.Second) {
		c.t.Fatalf("nats node %d did not start", i+1)
	}
	c.nodes[i] = s
}

// Shutdown stops every node.
func (c *Cluster) Shutdown() {
	for i := range c.nodes {
		c.Stop(i)
	}
}

// WaitJetStream waits until the cluster's JetStream answers (a meta
// leader is elected).
func (c *Cluster) WaitJetStream() {
	c.t.Helper()
	nc, err := nats.Connect(c.URL())
	if err != nil {
		c.t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		_, err := js.AccountInfo(ctx)
		cancel()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("jetstream not ready: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
