/// The Prometheus JMX exporter's configuration for the target cluster (CassKop's JMX exporter
/// and the plain jmx_prometheus_javaagent read the same format): one rule per kept metric
/// family of MetricsEstimate's catalogue, nothing else. The exporter publishes only what a rule
/// matches, so everything `keep` leaves out is dropped at the source, before any scrape.
struct ExporterConfiguration {
    /// How each family of the catalogue is read from Cassandra's MBeans: the JMX pattern and the
    /// labels taken from its groups.
    static let rules: [String: (pattern: String, labels: [(String, String)])] = [
        "cassandra_clientrequest_latency": ("org.apache.cassandra.metrics<type=ClientRequest, scope=(\\w+), name=Latency><>(\\w+)", [("request", "$1"), ("stat", "$2")]),
        "cassandra_clientrequest_timeouts": ("org.apache.cassandra.metrics<type=ClientRequest, scope=(\\w+), name=Timeouts><>(\\w+)", [("request", "$1"), ("stat", "$2")]),
        "cassandra_clientrequest_unavailables": ("org.apache.cassandra.metrics<type=ClientRequest, scope=(\\w+), name=Unavailables><>(\\w+)", [("request", "$1"), ("stat", "$2")]),
        "cassandra_clientrequest_failures": ("org.apache.cassandra.metrics<type=ClientRequest, scope=(\\w+), name=Failures><>(\\w+)", [("request", "$1"), ("stat", "$2")]),
        "cassandra_storage_load": ("org.apache.cassandra.metrics<type=Storage, name=Load><>Count", []),
        "cassandra_storage_exceptions": ("org.apache.cassandra.metrics<type=Storage, name=Exceptions><>Count", []),
        "cassandra_storage_totalhints": ("org.apache.cassandra.metrics<type=Storage, name=(TotalHints\\w*)><>Count", [("metric", "$1")]),
        "cassandra_compaction_tasks": ("org.apache.cassandra.metrics<type=Compaction, name=(\\w*Tasks|TotalCompactionsCompleted)><>(Value|Count)", [("metric", "$1")]),
        "cassandra_compaction_bytescompacted": ("org.apache.cassandra.metrics<type=Compaction, name=BytesCompacted><>Count", []),
        "cassandra_threadpools_tasks": ("org.apache.cassandra.metrics<type=ThreadPools, path=(\\w+), scope=(\\w+), name=(\\w+)><>(Value|Count)", [("path", "$1"), ("pool", "$2"), ("metric", "$3")]),
        "cassandra_droppedmessage_dropped": ("org.apache.cassandra.metrics<type=DroppedMessage, scope=(\\w+), name=Dropped><>(\\w+)", [("message", "$1"), ("stat", "$2")]),
        "cassandra_cache": ("org.apache.cassandra.metrics<type=Cache, scope=(\\w+), name=(\\w+)><>(Value|Count)", [("cache", "$1"), ("metric", "$2")]),
        "cassandra_commitlog": ("org.apache.cassandra.metrics<type=CommitLog, name=(\\w+)><>(Value|Count)", [("metric", "$1")]),
        "cassandra_client_connections": ("org.apache.cassandra.metrics<type=Client, name=(\\w+)><>(Value|Count)", [("metric", "$1")]),
        "jvm_memory": ("java.lang<type=Memory><(\\w+)>(\\w+)", [("area", "$1"), ("stat", "$2")]),
        "jvm_gc": ("java.lang<type=GarbageCollector, name=([^,>]+)><>(CollectionCount|CollectionTime)", [("collector", "$1"), ("stat", "$2")]),
        "cassandra_keyspace_latency": ("org.apache.cassandra.metrics<type=Keyspace, keyspace=(\\w+), name=(\\w+Latency)><>(\\w+)", [("keyspace", "$1"), ("metric", "$2"), ("stat", "$3")]),
        "cassandra_keyspace_disk": ("org.apache.cassandra.metrics<type=Keyspace, keyspace=(\\w+), name=(\\w+DiskSpaceUsed)><>(Value|Count)", [("keyspace", "$1"), ("metric", "$2")]),
        "cassandra_table_latency": ("org.apache.cassandra.metrics<type=(?:Table|ColumnFamily), keyspace=(\\w+), scope=(\\w+), name=(\\w+Latency)><>(\\w+)", [("keyspace", "$1"), ("table", "$2"), ("metric", "$3"), ("stat", "$4")]),
        "cassandra_table_histograms": ("org.apache.cassandra.metrics<type=(?:Table|ColumnFamily), keyspace=(\\w+), scope=(\\w+), name=(\\w+Histogram)><>(\\w+)", [("keyspace", "$1"), ("table", "$2"), ("metric", "$3"), ("stat", "$4")]),
        "cassandra_table_disk": ("org.apache.cassandra.metrics<type=(?:Table|ColumnFamily), keyspace=(\\w+), scope=(\\w+), name=(\\w+DiskSpaceUsed)><>(Value|Count)", [("keyspace", "$1"), ("table", "$2"), ("metric", "$3")]),
        "cassandra_table_memtable": ("org.apache.cassandra.metrics<type=(?:Table|ColumnFamily), keyspace=(\\w+), scope=(\\w+), name=(Memtable\\w+)><>(Value|Count)", [("keyspace", "$1"), ("table", "$2"), ("metric", "$3")]),
        "cassandra_table_sstables": ("org.apache.cassandra.metrics<type=(?:Table|ColumnFamily), keyspace=(\\w+), scope=(\\w+), name=(LiveSSTableCount|\\w*PartitionSize)><>Value", [("keyspace", "$1"), ("table", "$2"), ("metric", "$3")]),
        "cassandra_table_bloomfilter": ("org.apache.cassandra.metrics<type=(?:Table|ColumnFamily), keyspace=(\\w+), scope=(\\w+), name=(BloomFilter\\w+)><>Value", [("keyspace", "$1"), ("table", "$2"), ("metric", "$3")]),
        "cassandra_table_compaction": ("org.apache.cassandra.metrics<type=(?:Table|ColumnFamily), keyspace=(\\w+), scope=(\\w+), name=(PendingCompactions|Compaction\\w+)><>(Value|Count)", [("keyspace", "$1"), ("table", "$2"), ("metric", "$3")]),
    ]

    /// The ConfigMap's name.
    static func name(planName: String) -> String { "cmplan-\(planName)-jmx-exporter" }

    /// The ConfigMap holding `jmx-exporter.yaml`, or nil without an exporter.
    static func configMap(plan: Plan, namespace: String, factory: ManifestFactory) -> YAML? {
        guard let monitoring = plan.monitoring, monitoring.exporter.value != .none, let estimate = MetricsEstimate(plan: plan) else { return nil }
        let kept = MetricsEstimate.kept(monitoring)
        let matched: [YAML] = kept.compactMap { family in
            guard let rule = Self.rules[family.name] else { return nil }
            var entries = [YAMLEntry("pattern", .string(rule.pattern)), YAMLEntry("name", .string(family.name))]
            if !rule.labels.isEmpty { entries.append(YAMLEntry("labels", .map(rule.labels.map { YAMLEntry($0.0, .string($0.1)) }))) }
            return .map(entries)
        }
        let configuration: YAML = [
            "lowercaseOutputName": true,
            "lowercaseOutputLabelNames": true,
            "rules": .list(matched),
        ]
        let budget = monitoring.maxSeries.map { " of max_series \($0.value)" } ?? ""
        let header = """
            # Generated by cmplanc from plan \(plan.name.value): \(kept.count) of \(MetricsEstimate.families.count) metric families kept
            # (keep = [\((monitoring.keep?.value ?? []).map(\.value).joined(separator: ", "))]); MBeans no rule matches are not exported.
            # Estimated series: \(estimate.series)\(budget) (\(estimate.nodes) nodes, \(estimate.tables) tables, \(estimate.keyspaces) keyspaces).

            """
        return [
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": factory.metadata(name: name(planName: plan.name.value), namespace: namespace, component: "cassandra-metrics"),
            "data": ["jmx-exporter.yaml": .string(header + configuration.text)],
        ]
    }
}
