import Foundation

/// How many Prometheus series the target cluster's exporter will publish, so the budget is
/// checked before the cluster starts (seed 000: 500K+ series took Prometheus down).
///
/// The model (docs/estimates.md): a fixed catalogue of metric families, each with a number
/// of series per node, per keyspace or per table (histograms and timers count their
/// quantiles, count and rates). Series = Σ over kept families of target nodes × series per
/// instance × instances (1, keyspaces, or tables, system ones included). A family is kept
/// when a `keep` expression matches its whole name; without `keep`, everything is kept.
public struct MetricsEstimate: Sendable, Hashable {
    /// Where a family's series multiply.
    public enum Scope: Sendable, Hashable {
        /// Once per node.
        case node
        /// Once per keyspace on each node.
        case keyspace
        /// Once per table on each node.
        case table
    }

    /// A group of metrics exported under one name prefix.
    public struct Family: Sendable, Hashable {
        /// The exported name (`cassandra_table_read_latency`).
        public var name: String
        /// Where it multiplies.
        public var scope: Scope
        /// Series per instance.
        public var series: Int
    }

    /// Series of a timer as the JMX exporter publishes it: count, min, max, mean, standard
    /// deviation, six percentiles and four rates.
    static let timer = 15

    /// The catalogue of families the exporters publish.
    public static let families: [Family] = [
        Family(name: "cassandra_clientrequest_latency", scope: .node, series: 6 * timer),
        Family(name: "cassandra_clientrequest_timeouts", scope: .node, series: 6 * 5),
        Family(name: "cassandra_clientrequest_unavailables", scope: .node, series: 6 * 5),
        Family(name: "cassandra_clientrequest_failures", scope: .node, series: 6 * 5),
        Family(name: "cassandra_storage_load", scope: .node, series: 1),
        Family(name: "cassandra_storage_exceptions", scope: .node, series: 1),
        Family(name: "cassandra_storage_totalhints", scope: .node, series: 2),
        Family(name: "cassandra_compaction_tasks", scope: .node, series: 4),
        Family(name: "cassandra_compaction_bytescompacted", scope: .node, series: 1),
        Family(name: "cassandra_threadpools_tasks", scope: .node, series: 25 * 5),
        Family(name: "cassandra_droppedmessage_dropped", scope: .node, series: 12 * 6),
        Family(name: "cassandra_cache", scope: .node, series: 3 * 8),
        Family(name: "cassandra_commitlog", scope: .node, series: 6),
        Family(name: "cassandra_client_connections", scope: .node, series: 5),
        Family(name: "jvm_memory", scope: .node, series: 40),
        Family(name: "jvm_gc", scope: .node, series: 20),
        Family(name: "cassandra_keyspace_latency", scope: .keyspace, series: 8 * timer),
        Family(name: "cassandra_keyspace_disk", scope: .keyspace, series: 6),
        Family(name: "cassandra_table_latency", scope: .table, series: 8 * timer),
        Family(name: "cassandra_table_histograms", scope: .table, series: 8 * timer),
        Family(name: "cassandra_table_disk", scope: .table, series: 8),
        Family(name: "cassandra_table_memtable", scope: .table, series: 8),
        Family(name: "cassandra_table_sstables", scope: .table, series: 6),
        Family(name: "cassandra_table_bloomfilter", scope: .table, series: 5),
        Family(name: "cassandra_table_compaction", scope: .table, series: 6),
    ]

    /// System keyspaces every node exports metrics for (system, system_schema, system_auth,
    /// system_distributed, system_traces).
    public static let systemKeyspaces = 5
    /// Their tables in Cassandra 3.11 and 4.x (about 41).
    public static let systemTables = 41

    /// Estimated series in total.
    public var series: Int
    /// Nodes exporting.
    public var nodes: Int
    /// Keyspaces counted (declared plus system).
    public var keyspaces: Int
    /// Tables counted (declared plus system).
    public var tables: Int
    /// Families kept by `keep`, of all families.
    public var keptFamilies: Int

    /// The families a `keep` list keeps (all of them without one): a whole-name match.
    public static func kept(_ monitoring: Monitoring) -> [Family] {
        let patterns = (monitoring.keep?.value ?? []).compactMap { try? NSRegularExpression(pattern: "^(?:\($0.value))$") }
        return families.filter { family in
            patterns.isEmpty
                || patterns.contains { $0.firstMatch(in: family.name, range: NSRange(family.name.startIndex..., in: family.name)) != nil }
        }
    }

    /// The estimate for a plan's target with its monitoring block; nil without an exporter.
    public init?(plan: Plan) {
        guard let monitoring = plan.monitoring, monitoring.exporter.value != .none else { return nil }
        let kept = Self.kept(monitoring)
        let declaredKeyspaces = plan.userKeyspaces
        nodes = plan.target.datacenters.reduce(0) { $0 + $1.nodeCount.value }
        keyspaces = declaredKeyspaces.count + Self.systemKeyspaces
        tables = declaredKeyspaces.reduce(0) { $0 + $1.tables.value } + Self.systemTables
        keptFamilies = kept.count
        var perNode = 0
        for family in kept {
            switch family.scope {
            case .node: perNode += family.series
            case .keyspace: perNode += family.series * keyspaces
            case .table: perNode += family.series * tables
            }
        }
        series = perNode * nodes
    }
}
