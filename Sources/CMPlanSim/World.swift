import CMPlanModel
/// Everything the simulated clusters know, saved in one JSON file between the simulated
/// commands of a rehearsal: Kubernetes objects per context, disks, Cassandra rings, and
/// the invariants broken so far.
public struct World: Codable, Sendable {
    /// One Kubernetes cluster.
    public struct Cluster: Codable, Sendable {
        /// The zone its nodes and new disks live in.
        public var zone: String
        /// Namespaces.
        public var namespaces: [String]
        /// Objects by `kind/namespace/name` (kind lowercased; `-` for cluster-scoped).
        public var objects: [String: Tree]
        /// What its default StorageClass provisions with (ClusterStorage).
        public var provisioner: String = World.ebsDriver
        /// Its cluster DNS domain (the plan's `domain`): service and pod names end in
        /// `.svc.<domain>`, and a name under another cluster's domain is not its own.
        public var domain: String? = nil
    }

    /// A disk and what Cassandra wrote on it.
    public struct Volume: Codable, Sendable {
        /// The CSI volume handle.
        public var handle: String
        /// Its zone.
        public var zone: String
        /// Capacity in GiB.
        public var gibibytes: Int
        /// The node whose data is on it, once Cassandra started there.
        public var node: NodeIdentity?
        /// Keyspaces of which it holds the node's complete share.
        public var keyspaces: [String]
        /// Where it is mounted now: `context/namespace/pod`.
        public var mountedBy: String?
        /// The claim it was first provisioned for: `context/namespace/claim`.
        public var provisionedFor: String?
        /// EBS tags.
        public var tags: [String: String] = [:]
        /// For a volume made from a snapshot: whether that snapshot was taken with Cassandra stopped.
        public var copiedConsistently: Bool?
        /// Describe calls left before a new volume leaves `creating` (nil: available).
        public var pendingPolls: Int? = nil
        /// The filesystem on it (kubelet's mount refuses a PersistentVolume naming another).
        public var filesystem: String = "ext4"
    }

    /// A Cassandra node's identity, stored on its disk.
    public struct NodeIdentity: Codable, Sendable, Hashable {
        /// Host id.
        public var hostId: String
        /// Datacenter it was written with.
        public var datacenter: String
        /// Rack it was written with.
        public var rack: String
        /// Cluster name saved in its system keyspace.
        public var clusterName: String
        /// Tokens saved in its system keyspace (nil: not known to the simulator).
        public var tokens: Int? = nil
    }

    /// A Cassandra cluster (the ring that gossip connects).
    public struct Ring: Codable, Sendable {
        /// Cluster name.
        public var clusterName: String
        /// Members by host id.
        public var members: [String: Member]
        /// Replication per keyspace: `dc -> rf`; `["*": rf]` for SimpleStrategy.
        public var keyspaces: [String: [String: Int]]
        /// Table names per keyspace (snapshot-load copies them).
        public var tables: [String: [String]] = [:]
        /// The login PasswordAuthenticator wants (nil: AllowAllAuthenticator, no login).
        public var login: Login? = nil
        /// The login JMX wants from nodetool on the members whose JMX asks for one.
        public var jmxLogin: Login? = nil
        /// Roles in system_auth with their passwords (the ones the simulation knows of).
        public var roles: [String: String] = [:]
    }

    /// A role's name and password in system_auth.
    public struct Login: Codable, Sendable, Equatable {
        /// The role.
        public var username: String
        /// Its password.
        public var password: String
    }

    /// One member of a ring.
    public struct Member: Codable, Sendable {
        /// Datacenter.
        public var datacenter: String
        /// Rack.
        public var rack: String
        /// Address shown by nodetool.
        public var address: String
        /// The disk its data lives on.
        public var volume: String
        /// Whether it is up (UN) or down (DN).
        public var up: Bool
        /// Where it runs: `context/namespace/pod`.
        public var pod: String?
        /// The tokens it owns (nil: the version's shipped default).
        public var tokens: Int? = nil
        /// Its cassandra.yaml `authenticator` (short class name).
        public var authenticator: String = "AllowAllAuthenticator"
        /// Its cassandra.yaml `authorizer` (short class name).
        public var authorizer: String = "AllowAllAuthorizer"
        /// Whether its JMX wants a login (cassandra-env.sh's remote JMX with authentication; the
        /// image's default is local JMX without one).
        public var jmxLogin: Bool = false
        /// Whether its clients must use TLS (client_encryption_options enabled, not optional).
        public var clientTLS: Bool = false
        /// Its server_encryption_options.internode_encryption.
        public var internode: String = "none"
    }

    /// The `~/.cassandra/cqlshrc` of every Cassandra node's shell user, when the rehearsal gives
    /// one (`--node-cqlshrc`): cqlsh reads it unless `--cqlshrc` names another file.
    public var nodeCqlshrc: String? = nil
    /// Kubernetes clusters by context.
    public var clusters: [String: Cluster]
    /// Disks by handle.
    public var volumes: [String: Volume]
    /// Rings by id.
    public var rings: [String: Ring]
    /// The Cassandra major version (4.0+ changes some refusals).
    public var cassandraMajor: Int
    /// The Cassandra minor version (3.0 and 3.11 print some outputs differently).
    public var cassandraMinor: Int = 0
    /// Invariants broken (data loss and the like), in order.
    public var violations: [String]
    /// A regular expression: the first simulated command matching it fails once.
    public var failOnce: String?
    /// Commands still to run before the rehearsal kills the runbook (nil: no kill armed).
    public var killAfter: Int?
    /// A regular expression: the rehearsal kills the runbook while the first simulated command
    /// matching it runs (which takes effect, and goes on if it outlives its caller).
    public var killOn: String?
    /// Regular expressions, each used once: the first simulated command matching one starts and
    /// goes on (as after a kill), but its caller loses the connection and kubectl exits 1, as when
    /// the kubelet closes an exec stream silent for its streaming-connection-idle-timeout.
    public var dropConnectionOn: [String] = []
    /// Set while the command the seeded kill lands on runs: a long operation it started
    /// (nodetool rebuild) goes on inside Cassandra after its caller dies.
    public var callerDiesNow = false
    /// Rebuilds still running inside Cassandra, by host id, with the source datacenter and the
    /// netstats polls left before they finish.
    public var rebuilding: [String: RunningRebuild] = [:]
    /// The user keyspaces the source held at the start, which some datacenter must be able to
    /// serve for the data to be available (Availability).
    public var servedKeyspaces: [String] = []
    /// Decommissions still running inside Cassandra after their caller died, by host id: the
    /// netstats polls left while the node is LEAVING (PodShell.decommission). A leaving node is
    /// not in NORMAL state, so on 4.0+ it blocks ALTER KEYSPACE, and removenode refuses it while up.
    public var leaving: [String: Int] = [:]
    /// Removals still running inside Cassandra after the `nodetool removenode` that started them
    /// died, by the host id of the node coordinating them (Removal).
    public var removals: [String: RunningRemoval] = [:]
    /// sstableloader runs still going after their caller died: the command line and where.
    public var runningLoaders: [RunningLoader] = []
    /// A counter for deterministic ids.
    public var counter: Int
    /// Bytes of each keyspace on one node of a datacenter (from the plan's sizes), by datacenter
    /// then keyspace, for nodetool's Load: each datacenter's nodes report their own share.
    public var datacenterKeyspaceBytes: [String: [String: Int]] = [:]
    /// Host ids of nodes drained or stopped gracefully since they last started: peers see their
    /// gossip STATUS as `shutdown` (Gossiper.stop announces it, markAsShutdown records it), not
    /// NORMAL. A graceful stop is one: SIGTERM (kubelet deleting a pod, systemctl stop) runs
    /// StorageService's shutdown hook, drainOnShutdown, which drains and so stops gossip first
    /// (apache/cassandra StorageService.initServer, 3.0 to 5.0). Only a killed node stays NORMAL.
    /// (A map, not a Set: the world file is compared byte for byte, and a Set encodes in no fixed order.)
    public var shutDownHosts: [String: Bool] = [:]
    /// Machines reached by ssh, by address.
    public var machines: [String: Machine] = [:]
    /// EBS snapshots by id.
    public var snapshots: [String: Snapshot] = [:]
    /// The real aws CLI and the local EC2 endpoint it talks to (`rehearse --real-aws`); nil: the
    /// simulator plays aws itself (AWSCLI).
    public var realAWS: RealAWS? = nil
    /// The real ssh client and the local sshd it reaches (`rehearse --real-ssh`); nil: the
    /// simulator plays ssh itself (SSHClient).
    public var realSSH: RealSSH? = nil
    /// Whether pods of different Kubernetes clusters reach each other (routed pod networks,
    /// names forwarded between the clusters' DNS).
    public var podNetworksRouted = false
    /// CQL client connections per host id; clients obey the runbook's confirmations at once
    /// unless `clientsStay`.
    public var clients: [String: Int] = [:]
    /// Whether clients ignore the runbook and stay connected (`rehearse --clients-stay`).
    public var clientsStay = false
    /// Pods (`context/namespace/pod`) whose node was decommissioned and left the ring.
    public var decommissioned: [String] = []
    /// Host ids whose native transport is disabled (no client can write).
    public var binaryOff: [String] = []
    /// `nodetool snapshot` tags per host id, and whether each was taken with writes impossible.
    public var nodeSnapshots: [String: [String: Bool]] = [:]
    /// Object keys (`context/kind/namespace/name`) the source Kubernetes cluster held before
    /// the runbook ran: what the run adds there and leaves behind is a leftover.
    public var sourceObjectsAtStart: [String] = []
    /// Each node's stream limits by kind (`stream`, `interdcstream`), bytes per second; absent:
    /// the version's default (StreamLimits).
    public var streamLimits: [String: [String: UInt64]] = [:]
    /// For each rebuild: the limit (the smaller of both kinds) of every node of the datacenter it
    /// streamed from, as `host id: bytes per second`.
    public var rebuildSenderLimits: [String: UInt64] = [:]
    /// What sstableloader delivered: `ringId/keyspace` -> `hostId/table` of the loaded snapshots.
    public var loaded: [String: [String]] = [:]

    /// Rows of a table as COUNT(*) shows them on a complete copy (deterministic).
    public static func rows(_ keyspace: String, _ table: String) -> Int {
        (keyspace + table).unicodeScalars.reduce(1000) { ($0 * 31 + Int($1.value)) % 100_000 } + 1000
    }

    /// Arms clients that stay connected to every node of the starting cluster.
    /// Formats every machine's data volume with a filesystem (`rehearse --machine-filesystem`).
    public mutating func formatMachineVolumes(_ filesystem: String) {
        for machine in machines.values { volumes[machine.volume]?.filesystem = filesystem }
    }

    public mutating func stayingClients() {
        clientsStay = true
        for ring in rings.values {
            for hostId in ring.members.keys { clients[hostId] = 4 }
        }
    }

    /// A machine running Cassandra on an EBS volume.
    public struct Machine: Codable, Sendable {
        /// The volume attached as /var/lib/cassandra.
        public var volume: String
        /// Whether Cassandra runs.
        public var running: Bool
    }

    /// An EBS snapshot: a copy of a volume's content at one moment.
    /// An sstableloader process left running on a node's host by a run that died.
    public struct RunningLoader: Codable, Sendable {
        /// Where it runs (the shell's context, namespace and pod or machine address).
        public var context: String
        /// Its namespace (`ssh` for machines).
        public var namespace: String
        /// The pod or machine address.
        public var pod: String
        /// Its arguments after `sstableloader`.
        public var arguments: [String]
        /// pgrep calls until it ends.
        public var pollsLeft: Int
    }

    /// A rebuild Cassandra runs after the nodetool that started it died.
    public struct RunningRemoval: Codable, Sendable {
        /// The host id being removed.
        public var target: String
        /// `nodetool removenode status` calls until the replicas are restored and it is gone.
        public var pollsLeft: Int
    }

    public struct RunningRebuild: Codable, Sendable {
        /// The source datacenter it streams from.
        public var source: String
        /// netstats calls until it finishes.
        public var pollsLeft: Int
    }

    public struct Snapshot: Codable, Sendable {
        /// The volume it copies.
        public var volume: String
        /// Its tags.
        public var tags: [String: String]
        /// The node identity on the copied disk.
        public var node: NodeIdentity?
        /// The keyspaces the copied disk held completely.
        public var keyspaces: [String]
        /// Whether Cassandra was stopped when it was taken (nothing written after it).
        public var consistent: Bool
        /// Size of the volume, GiB.
        public var gibibytes: Int
        /// Describe calls left before it leaves `pending` (nil: completed).
        public var pendingPolls: Int? = nil
        /// The filesystem of the copied volume.
        public var filesystem: String = "ext4"
    }

    /// The pod path of a machine's Cassandra in ring members.
    public static func machinePath(_ address: String) -> String { "machine/ssh/\(address)" }

    /// A fresh deterministic id.
    public mutating func nextId() -> Int {
        counter += 1
        return counter
    }

    /// A deterministic host id.
    public mutating func newHostId() -> String {
        let number = nextId()
        let hex = String(number, radix: 16)
        let padded = String(repeating: "0", count: 12 - hex.count) + hex
        return "5eed0000-0000-4000-8000-\(padded)"
    }

    /// The key of an object.
    public static func key(_ kind: String, _ namespace: String?, _ name: String) -> String {
        "\(kind.lowercased())/\(namespace ?? "-")/\(name)"
    }

    /// The ring a host id belongs to.
    public func ringId(of hostId: String) -> String? {
        rings.first { $0.value.members[hostId] != nil }?.key
    }

    /// Records a broken invariant.
    public mutating func violate(_ message: String) {
        if !violations.contains(message) { violations.append(message) }
    }

    /// Whether every member of a datacenter holds a keyspace completely.
    public func datacenterComplete(_ ring: Ring, _ datacenter: String, keyspace: String) -> Bool {
        let members = ring.members.values.filter { $0.datacenter == datacenter }
        guard !members.isEmpty else { return false }
        return members.allSatisfy { volumes[$0.volume]?.keyspaces.contains(keyspace) == true }
    }

    /// The datacenters a keyspace replicates to: every datacenter of the ring for SimpleStrategy
    /// (`*`, which places replicas on the ring whatever their datacenter), else those with replicas.
    public func replicatingDatacenters(_ ring: Ring, keyspace: String) -> [String] {
        let replication = ring.keyspaces[keyspace] ?? [:]
        if replication["*"] != nil { return Set(ring.members.values.map(\.datacenter)).sorted() }
        return replication.filter { $0.value > 0 }.keys.sorted()
    }

    /// The datacenters holding a complete copy of a keyspace.
    public func completeDatacenters(_ ring: Ring, keyspace: String) -> [String] {
        Set(ring.members.values.map(\.datacenter)).filter { datacenterComplete(ring, $0, keyspace: keyspace) }.sorted()
    }
}
