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
    /// For a keyspace replicated with SimpleStrategy today (`replication = { class =
    /// "SimpleStrategy", replication_factor = N }`): N. Its `replication` is then the
    /// NetworkTopologyStrategy the runbook converts it to first, N in the source's datacenter.
    public var simpleStrategyFactor: Located<Int>? = nil

    /// The replication factor in a datacenter, if the keyspace replicates there.
    public func factor(in datacenter: String) -> Located<Int>? {
        replication.value.first { $0.datacenter.value == datacenter }?.factor
    }

    /// Creates the value from all of its parts.
    public init(name: Located<String>, replication: Located<[ReplicationFactor]>, targetReplication: Located<Int>?, size: Located<Size>?, tables: Located<Int>, range: SourceRange) {
        self.name = name
        self.replication = replication
        self.targetReplication = targetReplication
        self.size = size
        self.tables = tables
        self.range = range
    }
}

/// One `dc = rf` entry of a replication map.
public struct ReplicationFactor: Sendable, Hashable {
    /// The datacenter name (the map key).
    public var datacenter: Located<String>
    /// The number of replicas there.
    public var factor: Located<Int>

    /// Creates the value from all of its parts.
    public init(datacenter: Located<String>, factor: Located<Int>) {
        self.datacenter = datacenter
        self.factor = factor
    }
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

    /// Creates the value from all of its parts.
    public init(exporter: Located<ExporterKind>, maxSeries: Located<Int>?, keep: Located<[Located<String>]>?, range: SourceRange) {
        self.exporter = exporter
        self.maxSeries = maxSeries
        self.keep = keep
        self.range = range
    }
}
