/// The load's topology before, during and after, for the review document's diagrams.
struct SnapshotLoadTopology {
    let layout: SnapshotLoadLayout

    /// What the review document lists beside the estimates' assumptions.
    static let notes = [
        "Writes stop for the whole transfer: a write after the snapshot would never reach the target. The runbook enforces it with nodetool disablebinary (and disablethrift before 4.0) after checking that no client is connected; the budget check (downtime-over-budget) uses the load estimate.",
        "Every source node must reach the target pods' addresses on ports 7000 and 9042 (sstableloader streams to them directly; pod IPs are read at run time, never written in the plan).",
        "Only the declared keyspaces are copied: roles and permissions (system_auth) are not; create them on the target before the clients switch.",
        "The row-count check samples one table per keyspace (the first by name) with COUNT(*), which reads every partition; cqlsh may time out on very large tables, in which case compare by hand and resume with --from after it.",
        "The source stays frozen and whole (native transport off): going back is nodetool enablebinary on its nodes. Its snapshots are cleared at the end; its data is not touched.",
        "A resume repeats the load per node and keyspace: a keyspace recorded as loaded from a node (in the progress ConfigMap in the target) is not sent again; one half-loaded when the run died is loaded again whole (sstableloader overwrites the same rows, nothing is doubled, but the bytes cross the network again).",
    ]

    func stages() -> [TopologyStage] {
        let source = "\(layout.source.label.value) (source)"
        let target = "\(layout.target.label.value) (\(layout.targetKubernetes.context.value))"
        let old = layout.source.datacenters.map { "DC \($0.name.value): \($0.nodeCount.value) nodes" }
        let new = "DC \(layout.targetDatacenter.name.value): \(layout.targetPods.count) nodes"
        return [
            TopologyStage(title: "Before", groups: [(source, old), (target, ["no Cassandra"])], links: []),
            TopologyStage(
                title: "During (writes stopped)", groups: [(source, old.map { "\($0), snapshot \(layout.tag)" }), (target, ["new cluster, \(new)"])],
                links: [("\(old.first ?? ""), snapshot \(layout.tag)", "new cluster, \(new)", "sstableloader")]),
            TopologyStage(title: "After", groups: [(source, ["frozen, native transport off"]), (target, [new])], links: []),
        ]
    }
}
