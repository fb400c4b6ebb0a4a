/// What stops during a migration, and for how long, per strategy (docs/estimates.md).
public struct Outage: Sendable, Hashable {
    /// One component of the outage: "start 3 target pods one at a time: 3 × 45s".
    public struct Part: Sendable, Hashable {
        /// What happens.
        public var label: String
        /// How long it takes.
        public var duration: Duration
    }

    /// What stops: reads and writes, writes only, or nothing but the clients' switch.
    public var whatStops: String
    /// The components, in order.
    public var parts: [Part]

    /// The whole outage.
    public var total: Duration {
        Duration(milliseconds: parts.reduce(0) { $0.addingClamped($1.duration.milliseconds) })
    }

    /// The arithmetic, for messages: "30s stop pods + 2m15s start …".
    public var arithmetic: String {
        parts.isEmpty ? "nothing stops" : parts.map { "\($0.duration) \($0.label)" }.joined(separator: " + ")
    }

    /// Draining and stopping all Cassandra nodes at once (nodetool drain, then SIGTERM).
    public static let stopAll = Duration(milliseconds: 30_000)
    /// Starting one Cassandra node on existing data until it is UN (commit log replay, gossip).
    public static let startOne = Duration(milliseconds: 45_000)
    /// The final, incremental EBS snapshot after the writes stopped.
    public static let finalSnapshot = Duration(milliseconds: 300_000)
    /// Creating volumes from the snapshots and attaching them (lazily loaded).
    public static let createVolumes = Duration(milliseconds: 60_000)
    /// Flushing memtables and snapshotting every node before loading.
    public static let flushAndSnapshot = Duration(milliseconds: 60_000)

    /// The outage of a plan's strategy.
    public init(plan: Plan, loadDuration: Duration?) {
        let targetNodes = plan.target.datacenters.reduce(0) { $0 + $1.nodeCount.value }
        let starting = Part(
            label: "start \(targetNodes) target node\(targetNodes == 1 ? "" : "s") one at a time (\(targetNodes) × \(Self.startOne))",
            duration: Duration(milliseconds: Self.startOne.milliseconds.multipliedClamped(by: UInt64(targetNodes))))
        switch plan.settings.strategy.value {
        case .datacenterHandover:
            whatStops = "reads and writes, while the pods stop and the target's pods start on the handed-over volumes"
            parts = [Part(label: "drain and stop the source and temporary pods", duration: Self.stopAll), starting]
        case .datacenterExtend:
            whatStops = "nothing but the clients' switch to the new datacenter"
            parts = []
        case .volumeAdoption:
            whatStops = "reads and writes, from the drain to the pods' start on the new volumes"
            parts = [
                Part(label: "drain and stop Cassandra on every machine", duration: Self.stopAll),
                Part(label: "final incremental snapshot", duration: Self.finalSnapshot),
                Part(label: "create and attach volumes", duration: Self.createVolumes),
                starting,
            ]
        case .snapshotLoad:
            // stop-client-traffic disables the native transport on every source node: no client
            // reads or writes there until they are pointed at the loaded target.
            whatStops = "reads and writes: the source's native transport is off from the snapshot until every sstable is loaded and the clients move to the target"
            parts = [
                Part(label: "flush and snapshot", duration: Self.flushAndSnapshot),
                Part(label: "sstableloader", duration: loadDuration ?? Duration(milliseconds: 0)),
            ]
        }
    }
}
