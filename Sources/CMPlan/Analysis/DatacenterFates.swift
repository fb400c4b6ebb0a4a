/// Which source datacenters a datacenter-* plan retires and which it leaves running as they
/// are (`keep = true`, datacenter-extend only; the rule `source-datacenter-fate` makes every
/// unmoved datacenter say which). One place, so the steps, PLAN.md and the final replication agree.
public struct DatacenterFates: Sendable {
    /// The plan it reads.
    public let plan: Plan

    /// Reads a plan.
    public init(plan: Plan) {
        self.plan = plan
    }

    /// Whether the source datacenter of that name stays.
    public func isKept(_ name: String) -> Bool {
        guard plan.settings.strategy.value == .datacenterExtend else { return false }
        return plan.source.datacenter(named: name)?.keep?.value == true
    }

    /// The source datacenters that stay, in plan order.
    public var kept: [Datacenter] { plan.source.datacenters.filter { isKept($0.name.value) } }

    /// The source datacenters the migration retires, in plan order.
    public var retired: [Datacenter] { plan.source.datacenters.filter { !isKept($0.name.value) } }
}
