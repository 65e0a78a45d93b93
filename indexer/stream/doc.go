// Package stream feeds any number of identical `syndex serve` replicas
// through an ingestion log in NATS JetStream, for sites that outgrow one
// machine. Without it (no --nats) nothing here runs and no NATS is needed.
//
// Every write — pushed, posted or polled articles, deletions — is
// published to one stream (Log.Publish) and acknowledged to its client only
// after JetStream's PubAck, that is once the stream's replicas (R3 in a
// 3-node cluster) hold it. Each replica consumes the stream with its own
// durable consumer (Replica.Run), writes through its index's one Writer,
// records the message sequence in the same index and acks only after that
// durable commit: a replica killed at any moment resumes where its index
// is, without loss, and a message applied twice changes nothing (writes
// are by article id).
//
// The stream keeps one message per article (a subject per article id,
// MaxMsgsPerSubject 1), so it is the compacted log of everything written
// other than from files, as the journal is on one machine. Snapshots of a
// generation (snapshot.go) go to a JetStream object store with the
// sequence they hold: a new replica starts from the newest one and the
// stream after it, and `syndex reindex --nats` publishes its generation
// the same way for every replica to switch to. One poller runs in the
// cluster: whoever holds the lease (lease.go).
package stream
