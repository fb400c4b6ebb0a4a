/// Replication as the migration sees it: which source DC each target DC is filled from and
/// how many replicas each keyspace gets there. One place, so rules, estimates and (later)
/// the planner agree.
public struct Replication: Sendable {
    /// The plan it describes.
    public let plan: Plan

    /// Creates the model of a plan.
    public init(plan: Plan) {
        self.plan = plan
    }

    /// The source datacenter whose data a target datacenter receives: `from` for
    /// datacenter-* strategies, otherwise the source DC of the same name, otherwise the
    /// source's first DC.
    public func sourceDatacenter(for target: Datacenter) -> Datacenter? {
        let source = plan.source
        if let from = target.from { return source.datacenter(named: from.value) }
        return source.datacenter(named: target.name.value) ?? source.datacenters.first
    }

    /// Replicas of a keyspace summed over the source's datacenters.
    public func totalSourceFactor(of keyspace: Keyspace) -> Int {
        keyspace.replication.value.reduce(0) { $0 + $1.factor.value }
    }

    /// Bytes of a keyspace one node holds in a datacenter of `nodes` nodes with `factor`
    /// replicas: its size (summed over the source's nodes, so over every source replica) over
    /// those replicas, times `factor`, over the nodes; multiplied before dividing, clamped. The
    /// one formula for every per-node share (rules, preflight checks, estimates); nil without a size.
    public func bytesPerNode(of keyspace: Keyspace, factor: Int, nodes: Int) -> UInt64? {
        guard let size = keyspace.size?.value.bytes else { return nil }
        let total = UInt64(Swift.max(1, totalSourceFactor(of: keyspace)))
        return size.multipliedClamped(by: UInt64(Swift.max(0, factor))) / total / UInt64(Swift.max(1, nodes))
    }

    /// Replicas a keyspace gets in a target datacenter: `target_replication` when written,
    /// else the RF of the source DC it is filled from (0 when that DC holds no replica).
    public func targetFactor(of keyspace: Keyspace, in target: Datacenter) -> Int {
        if let written = keyspace.targetReplication { return written.value }
        guard let source = sourceDatacenter(for: target) else { return 0 }
        return keyspace.factor(in: source.name.value)?.value ?? 0
    }
}
