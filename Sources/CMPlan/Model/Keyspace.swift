/// A keyspace of the source cluster, with its replication today.
public struct Keyspace: Sendable {
    /// The keyspace name.
    public var name: Located<String>
    /// Replication per datacenter, as it is on the source today, in written order.
    public var replication: Located<[ReplicationFactor]>
    /// Replication factor in the new datacenter (default: the RF of the DC it rebuilds from).
    public var targetReplication: Located<Int>?
    /// Live data summed over all nodes.
    public var size: Located<Size>?
    /// Number of tables (default 1), for the metrics estimate.
    public var tables: Located<Int>
    /// The block's header.
    public var range: SourceRange

    /// The replication factor in a datacenter, if the keyspace replicates there.
    public func factor(in datacenter: String) -> Located<Int>? {
        replication.value.first { $0.datacenter.value == datacenter }?.factor
    }
}

/// One `dc = rf` entry of a replication map.
public struct ReplicationFactor: Sendable, Hashable {
    /// The datacenter name (the map key).
    public var datacenter: Located<String>
    /// The number of replicas there.
    public var factor: Located<Int>
}

/// The `monitoring` block.
public struct Monitoring: Sendable {
    /// Which exporter publishes metrics (default none).
    public var exporter: Located<ExporterKind>
    /// The Prometheus series budget, when given.
    public var maxSeries: Located<Int>?
    /// Regular expressions of metric names to keep.
    public var keep: Located<[Located<String>]>?
    /// The block's header.
    public var range: SourceRange
}
