/// The keyspaces Cassandra itself owns, by exact name: a keyspace whose name merely starts
/// with `system` (`systemlogs`) is the user's and is migrated like any other.
///
/// SOURCE: apache/cassandra `src/java/org/apache/cassandra/schema/SchemaConstants.java`
/// (trunk read): LOCAL_SYSTEM_KEYSPACE_NAMES (`system`, `system_schema`, and trunk's
/// `system_accord`), VIRTUAL_SYSTEM_KEYSPACE_NAMES (`system_views`, `system_virtual_schema`,
/// 4.0 and later), REPLICATED_SYSTEM_KEYSPACE_NAMES (`system_auth`, `system_distributed`,
/// `system_traces`, and trunk's `system_cluster_metadata`); `system_metrics` is trunk's
/// virtual metrics keyspace. Names of later versions are listed for every version: no user
/// keyspace can have them on a version that reserves them, and on an older one they are
/// unlikely names.
public enum SystemKeyspaces {
    /// Local to each node (LocalStrategy) or virtual: never in a plan's replication.
    public static let local: Set<String> = ["system", "system_schema", "system_accord", "system_views", "system_virtual_schema", "system_metrics"]

    /// Replicated like user keyspaces, under Cassandra's control of their tables.
    public static let replicated: Set<String> = ["system_auth", "system_distributed", "system_traces", "system_cluster_metadata"]

    /// The replicated system keyspaces every Cassandra from 3.0 to 5.0 has: a new datacenter
    /// takes replicas of them without their being declared.
    public static let migrated = ["system_auth", "system_distributed", "system_traces"]

    /// Every system keyspace.
    public static let all: Set<String> = local.union(replicated)

    /// Whether Cassandra owns a keyspace of this name.
    public static func contains(_ name: String) -> Bool {
        all.contains(name)
    }
}

extension Plan {
    /// The declared keyspaces that are the user's (not system keyspaces), sorted by name:
    /// what the runbook copies, loads, alters and checks.
    public var userKeyspaces: [Keyspace] {
        keyspaces.filter { !SystemKeyspaces.contains($0.name.value) }.sorted { $0.name.value < $1.name.value }
    }
}
