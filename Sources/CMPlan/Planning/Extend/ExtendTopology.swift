/// The extension's topology before, during and after, for the review document's diagrams.
struct ExtendTopology {
    let layout: ExtendLayout

    /// What the review document lists beside the estimates' assumptions.
    static let notes = [
        "The pod networks of both clusters are routed both ways (non-overlapping pod_cidr, no NAT between pods) and the target resolves the source's seed names; preflight proves the second with a one-off pod that opens port 7000 on every seed.",
        "The new datacenter finds the source through its operator's own mechanism: additionalSeeds for cass-operator, CASSANDRA_SEEDS (source seeds first) for plain StatefulSets, which also start with auto_bootstrap false.",
        "cass-operator takes seed names since 1.7.0 and resolves them itself, from its own pod, when it reconciles (older releases take IP addresses only); newer releases hand them to each Cassandra pod to resolve instead. A name that does not resolve in the target cluster stops its reconcile and the new datacenter never starts.",
        "Nothing stops: clients move to the new datacenter with LOCAL_* consistency while both datacenters serve; on Cassandra 4.0+ nodetool clientstats must show no client left on the source before it leaves replication.",
        "The source's claims and volumes are left in place after its StatefulSets are scaled to zero: delete them when you are satisfied.",
    ]

    func stages() -> [TopologyStage] {
        let source = "\(layout.source.label.value) (\(layout.sourceKubernetes.context.value))"
        let target = "\(layout.target.label.value) (\(layout.targetKubernetes.context.value))"
        let old = layout.sourcePods.map { "DC \($0.datacenter.name.value): \($0.pods.count) nodes" }
        let news = layout.moves.map { "DC \($0.target.name.value): \($0.pods.count) nodes" }
        let fates = DatacenterFates(plan: layout.plan)
        // Without a datacenter that stays, the source as a whole is gone (as PLAN.md always said).
        let after =
            fates.kept.isEmpty
            ? ["decommissioned, scaled to zero"]
            : layout.sourcePods.map {
                fates.isKept($0.datacenter.name.value)
                    ? "DC \($0.datacenter.name.value): \($0.pods.count) nodes, unchanged" : "DC \($0.datacenter.name.value): decommissioned, scaled to zero"
            }
        return [
            TopologyStage(title: "Before", groups: [(source, old), (target, ["no Cassandra"])], links: []),
            TopologyStage(
                title: "During (migrate)", groups: [(source, old), (target, news)],
                links: zip(layout.moves, news).map { move, new in
                    (old.first { $0.hasPrefix("DC \(move.source.name.value):") } ?? old.first ?? "", new, "gossip and nodetool rebuild over routed pod networks")
                }),
            TopologyStage(title: "After", groups: [(source, after), (target, news)], links: []),
        ]
    }
}
