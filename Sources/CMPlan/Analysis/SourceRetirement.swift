/// How a source datacenter leaves a cluster on its Cassandra version: the order in which its
/// replication is dropped and its nodes removed, so each command is one the version accepts.
///
/// SOURCE: apache/cassandra `src/java/org/apache/cassandra/locator/NetworkTopologyStrategy.java`
/// (4.1 and 5.0, CASSANDRA-17478): `validateExpectedOptions` refuses an `ALTER KEYSPACE
/// system_auth` whose replication omits a datacenter that still has nodes in token metadata
/// (down ones included): "Following datacenters have active nodes and must be present in
/// replication options for keyspace system_auth: [dc1]"; `prepareOptions` strips `'dc1': 0`
/// first, so a zero is no way around it. `StorageService.decommission` (4.0 on, CASSANDRA-12510)
/// refuses while a keyspace's replication factor in the node's datacenter is at least the
/// datacenter's node count: "Not enough live nodes to maintain replication factor in keyspace
/// system_auth (RF = 3, N = 3). Perform a forceful decommission to ignore."; `--force` skips only
/// that check. 3.x has neither rule (and no `--force`).
public struct SourceRetirement: Sendable, Equatable {
    /// The source's Cassandra version.
    public let version: CassandraVersion

    /// Reads the plan's source version.
    public init(version: CassandraVersion) {
        self.version = version
    }

    /// Whether `system_auth` must keep the source datacenters until their nodes have left the
    /// ring (4.1 and later), and loses them only after.
    public var systemAuthLeavesLast: Bool {
        (version.major, version.minor) >= (4, 1)
    }

    /// Whether `nodetool decommission` needs `--force` while `system_auth` still replicates to
    /// the leaving datacenter: exactly when it must keep it (its other keyspaces replicate there
    /// no more, so they pass the check).
    public var decommissionNeedsForce: Bool { systemAuthLeavesLast }

    /// Whether an ALTER KEYSPACE is refused while a node that was drained and stopped is still in
    /// the ring (4.0 and later): AlterKeyspaceStatement.validateNoRangeMovements wants every live
    /// member, and every unreachable one not LEFT, REMOVED or hibernating, in NORMAL state, and a
    /// drained node gossips `shutdown` (Gossiper.stop, markAsShutdown). So a stopped source
    /// datacenter leaves the ring before it leaves replication (datacenter-handover).
    public var alterNeedsNoStoppedNodes: Bool { version.major >= 4 }

    /// The keyspaces dropped from the source datacenters before their nodes leave.
    public func droppedFirst(_ keyspaces: [String]) -> [String] {
        systemAuthLeavesLast ? keyspaces.filter { $0 != "system_auth" } : keyspaces
    }
}
