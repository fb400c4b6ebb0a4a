/// The numbers a reviewer needs before a migration: data per target node, bytes to move,
/// how long streaming or loading takes, and the outage. The model and its assumptions are
/// documented in docs/estimates.md; every figure is integer arithmetic on exact quantities.
public struct Estimates: Sendable {
    /// Expected data on each node of one target datacenter.
    public struct TargetLoad: Sendable, Hashable {
        /// The target datacenter's name.
        public var datacenter: String
        /// Bytes each of its nodes will hold (nil when the plan gives no sizes or loads).
        public var perNode: Size?
        /// How the figure was obtained, for messages.
        public var basis: String
        /// The datacenter's node count.
        public var nodes: Int = 1
    }

    /// Per target datacenter, in declaration order.
    public var targetLoads: [TargetLoad]
    /// Bytes streamed into the new datacenters (datacenter-* strategies).
    public var bytesToStream: Size?
    /// How long the rebuilds take at `stream_throughput` with `parallel_rebuilds` at once.
    public var rebuildDuration: Duration?
    /// The limit the runbook sets on the rebuild's senders (datacenter-* strategies): the plan's
    /// `stream_throughput` in nodetool's whole units, the rate the rebuild estimate uses.
    public var streamLimit: StreamThrottle?
    /// Bytes sstableloader sends (snapshot-load): Σ size × target RF.
    public var bytesToLoad: Size?
    /// How long loading takes at `load_throughput`, one loader per source node.
    public var loadDuration: Duration?
    /// What stops, and for how long.
    public var outage: Outage
    /// Nodes of every target datacenter together (each starts in turn).
    public var targetNodeCount: Int
    /// Rebuilds running at once (`parallel_rebuilds`, at most the nodes on either side).
    public var parallelStreams: Int = 1

    /// Computes every estimate of a plan; linear in keyspaces × datacenters.
    public init(plan: Plan) {
        let replication = Replication(plan: plan)
        var loads: [TargetLoad] = []
        var streamed: UInt64? = 0
        for target in plan.target.datacenters {
            var load = Self.targetLoad(plan: plan, replication: replication, target: target)
            load.nodes = target.nodeCount.value
            loads.append(load)
            if let perNode = load.perNode, let total = streamed {
                streamed = total.addingClamped(perNode.bytes.multipliedClamped(by: UInt64(target.nodeCount.value)))
            } else {
                streamed = nil
            }
        }
        targetLoads = loads
        let isDatacenterStrategy = plan.settings.strategy.value.isDatacenterStrategy
        bytesToStream = isDatacenterStrategy ? streamed.map(Size.init(bytes:)) : nil

        let targetNodes = plan.target.datacenters.reduce(0) { $0 + $1.nodeCount.value }
        let sourceNodes = plan.source.datacenters.reduce(0) { $0 + $1.nodeCount.value }
        targetNodeCount = targetNodes
        if isDatacenterStrategy, let bytes = bytesToStream {
            let streams = Swift.max(1, Swift.min(plan.settings.parallelRebuilds.value, targetNodes, sourceNodes))
            parallelStreams = streams
            let limit = StreamThrottle(rate: plan.settings.streamThroughput.value, version: plan.source.cassandraVersion.value)
            streamLimit = limit
            let rate = limit.applied.bytesPerSecond.multipliedClamped(by: UInt64(streams))
            rebuildDuration = Self.duration(bytes.bytes, rate: rate)
        }
        var loaded: UInt64? = 0
        for keyspace in plan.keyspaces {
            guard let size = keyspace.size?.value.bytes, let total = loaded else {
                loaded = nil
                break
            }
            let factor = plan.target.datacenters.map { replication.targetFactor(of: keyspace, in: $0) }.reduce(0, +)
            loaded = total.addingClamped(size.multipliedClamped(by: UInt64(factor)))
        }
        if plan.settings.strategy.value == .snapshotLoad, let loaded {
            bytesToLoad = Size(bytes: loaded)
            let rate = plan.settings.loadThroughput.value.bytesPerSecond.multipliedClamped(by: UInt64(Swift.max(1, sourceNodes)))
            loadDuration = Self.duration(loaded, rate: rate)
        }
        outage = Outage(plan: plan, loadDuration: loadDuration)
    }

    /// Data per node of one target DC: Σ size × target RF / source RF over all source DCs /
    /// nodes; without keyspace sizes, the source DC's load × its nodes / target nodes.
    static func targetLoad(plan: Plan, replication: Replication, target: Datacenter) -> TargetLoad {
        let name = target.name.value
        let nodes = UInt64(Swift.max(1, target.nodeCount.value))
        let sized = plan.keyspaces.allSatisfy { $0.size != nil } && !plan.keyspaces.isEmpty
        if sized {
            var total: UInt64 = 0
            for keyspace in plan.keyspaces {
                guard let size = keyspace.size?.value.bytes else { continue }
                let sourceFactor = UInt64(Swift.max(1, replication.totalSourceFactor(of: keyspace)))
                let targetFactor = UInt64(replication.targetFactor(of: keyspace, in: target))
                total = total.addingClamped(size.multipliedClamped(by: targetFactor) / sourceFactor)
            }
            return TargetLoad(datacenter: name, perNode: Size(bytes: total / nodes), basis: "keyspace sizes")
        }
        if let source = replication.sourceDatacenter(for: target), let load = source.load?.value.bytes {
            let total = load.multipliedClamped(by: UInt64(source.nodeCount.value))
            return TargetLoad(
                datacenter: name, perNode: Size(bytes: total / nodes),
                basis: "the load of datacenter \(source.name.value) (no keyspace sizes given)")
        }
        return TargetLoad(datacenter: name, perNode: nil, basis: "nothing: no keyspace sizes or load given")
    }

    /// Time to move bytes at a rate, rounded up to the second.
    static func duration(_ bytes: UInt64, rate: UInt64) -> Duration {
        guard rate > 0 else { return Duration(milliseconds: UInt64.max) }
        let seconds = bytes / rate + (bytes % rate == 0 ? 0 : 1)
        return Duration(milliseconds: seconds.multipliedClamped(by: 1000))
    }
}

extension UInt64 {
    /// Addition that saturates instead of trapping (estimates of absurd plans stay finite).
    func addingClamped(_ other: UInt64) -> UInt64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }

    /// Multiplication that saturates instead of trapping.
    func multipliedClamped(by other: UInt64) -> UInt64 {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? .max : product
    }
}
