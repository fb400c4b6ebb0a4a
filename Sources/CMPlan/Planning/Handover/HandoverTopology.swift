/// The handover's topology before, during and after, for the review document's diagrams.
struct HandoverTopology {
    let layout: HandoverLayout

    /// What the review document lists beside the estimates' assumptions.
    static let notes = [
        "The temporary datacenter runs the target's image with the official Cassandra image's environment (CASSANDRA_SEEDS, CASSANDRA_DC, JVM_EXTRA_OPTS) and keeps its data under /var/lib/cassandra, where every supported operator mounts it.",
        "The target's pods first start on their new volumes as a standalone cluster of the same name (their operator creates them), then stop: each disk keeps that node's host id, tokens and system tables (its peers are the other standalone pods, its schema theirs). The temporary node on the disk joins the source with that host id and token count, takes the source's schema and peers by gossip, and the runbook checks it sees the source's datacenter, name and one schema before anything streams; the target pod later runs as the same host.",
        "The target's volumes must be reachable from the source cluster's nodes (same cloud and region, a CSI driver both clusters run); the runbook copies driver, handle, size and zone from each target PersistentVolume.",
        "The source's own volumes are never touched: the stop only drains them, and after retirement its claims and volumes stay until you delete them. How to go back from each phase is under \"Way back, phase by phase\".",
    ]

    func stages() -> [TopologyStage] {
        let source = "\(layout.source.label.value) (\(layout.sourceKubernetes.context.value))"
        let target = "\(layout.target.label.value) (\(layout.targetKubernetes.context.value))"
        let old = layout.sourcePods.map { "DC \($0.datacenter.name.value): \($0.pods.count) nodes" }
        let new = "DC \(layout.targetDatacenter.name.value): \(layout.pairs.count) nodes"
        return [
            TopologyStage(title: "Before", groups: [(source, old), (target, ["no Cassandra"])], links: []),
            TopologyStage(
                title: "During (migrate)",
                groups: [(source, old + ["temporary \(new) on borrowed disks"]), (target, ["\(layout.pairs.count) volumes, pods stopped"])],
                links: [
                    (old.first ?? "", "temporary \(new) on borrowed disks", "nodetool rebuild"),
                    ("\(layout.pairs.count) volumes, pods stopped", "temporary \(new) on borrowed disks", "same disks"),
                ]),
            TopologyStage(
                title: "After", groups: [(source, ["stopped, operator held"]), (target, [new])], links: []),
        ]
    }
}
