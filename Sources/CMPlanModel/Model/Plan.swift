/// A whole decoded `.cmplan` file: the migration's settings, its clusters, keyspaces and
/// monitoring, every value with its source range. Built only from a plan without errors.
public struct Plan: Sendable {
    /// The plan's name (the label of the `plan` block).
    public var name: Located<String>
    /// The `plan` block's settings.
    public var settings: PlanSettings
    /// Every cluster, in declaration order.
    public var clusters: [Cluster]
    /// Index of the source cluster in `clusters` (resolved from `source`).
    public var sourceIndex: Int
    /// Index of the target cluster in `clusters` (resolved from `target`).
    public var targetIndex: Int
    /// Every declared keyspace, in declaration order.
    public var keyspaces: [Keyspace]
    /// The optional `monitoring` block.
    public var monitoring: Monitoring?

    /// Where the cluster runs now.
    public var source: Cluster { clusters[sourceIndex] }
    /// Where it must run afterwards.
    public var target: Cluster { clusters[targetIndex] }

    /// Creates the value from all of its parts.
    public init(name: Located<String>, settings: PlanSettings, clusters: [Cluster], sourceIndex: Int, targetIndex: Int, keyspaces: [Keyspace], monitoring: Monitoring?) {
        self.name = name
        self.settings = settings
        self.clusters = clusters
        self.sourceIndex = sourceIndex
        self.targetIndex = targetIndex
        self.keyspaces = keyspaces
        self.monitoring = monitoring
    }
}

/// The attributes of the `plan` block.
public struct PlanSettings: Sendable {
    /// How the cluster moves.
    public var strategy: Located<Strategy>
    /// The label of the source cluster, as written.
    public var source: Located<String>
    /// The label of the target cluster, as written.
    public var target: Located<String>
    /// The longest outage of reads or writes allowed.
    public var downtimeBudget: Located<Duration>
    /// What clients use while the migration runs (required for datacenter-*).
    public var consistency: Located<ConsistencyLevel>?
    /// Streaming rate per source node, outbound (default 24MiB/s).
    public var streamThroughput: Located<Rate>
    /// Target nodes rebuilding at once (default 1).
    public var parallelRebuilds: Located<Int>
    /// Whether to run `nodetool repair --full` on the new DC before the old one retires (default true).
    public var repair: Located<Bool>
    /// Whether to clear snapshots on source nodes before streaming (default false).
    public var clearSnapshots: Located<Bool>
    /// sstableloader rate per loader, snapshot-load (default 24MiB/s).
    public var loadThroughput: Located<Rate>
    /// The `plan` block's header.
    public var range: SourceRange

    /// Creates the value from all of its parts.
    public init(strategy: Located<Strategy>, source: Located<String>, target: Located<String>, downtimeBudget: Located<Duration>, consistency: Located<ConsistencyLevel>?, streamThroughput: Located<Rate>, parallelRebuilds: Located<Int>, repair: Located<Bool>, clearSnapshots: Located<Bool>, loadThroughput: Located<Rate>, range: SourceRange) {
        self.strategy = strategy
        self.source = source
        self.target = target
        self.downtimeBudget = downtimeBudget
        self.consistency = consistency
        self.streamThroughput = streamThroughput
        self.parallelRebuilds = parallelRebuilds
        self.repair = repair
        self.clearSnapshots = clearSnapshots
        self.loadThroughput = loadThroughput
        self.range = range
    }
}
