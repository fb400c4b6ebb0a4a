/// The adoption's topology before, during and after, for the review document's diagrams.
struct AdoptionTopology {
    let layout: AdoptionLayout

    static let notes = [
        "Downtime is the drain, the final snapshot and the pods' start: the warm-up snapshot copies the volumes while Cassandra serves, so the final one is incremental, copying only blocks written since. Every volume's snapshot is started at once and the step waits for the slowest, so the window does not grow with the number of machines.",
        "A volume created from a snapshot loads its blocks from S3 the first time they are read (EBS volume initialization): the new pods start at once, but their first reads, compactions and repairs are slow until every block has been read once. Plan the first hours' load accordingly, or initialize the volumes (read every block) or use fast snapshot restore before the clients switch.",
        "Each machine's EBS volume must hold Cassandra's directory as mounted at /var/lib/cassandra (checked at preflight); the pods mount the new volumes there, and the image must use the same layout.",
        "The source volumes are never modified: until clients write to the new cluster, `runbook.sh --only <rollback step>` restarts Cassandra on the machines. Snapshots and source volumes stay; delete them when you are satisfied.",
    ]

    func stages() -> [TopologyStage] {
        let machines = "machines (\(layout.plan.source.label.value), \(layout.region))"
        let cluster = "\(layout.plan.target.label.value) (\(layout.kubernetes.context.value))"
        let nodes = layout.pairs.map { "\($0.node.name.value) on \($0.volume) (\($0.zone))" }
        let pods = layout.pairs.map { "\($0.pod.pod) on a copy of \($0.volume) (\($0.zone))" }
        return [
            TopologyStage(title: "Before", groups: [(machines, nodes), (cluster, ["no Cassandra"])], links: []),
            TopologyStage(
                title: "During (the window)", groups: [(machines, nodes.map { "stopped: " + $0 }), (cluster, pods)],
                links: zip(nodes, pods).map { ("stopped: " + $0.0, $0.1, "final snapshot, new volume") }),
            TopologyStage(title: "After", groups: [(machines, ["stopped, volumes untouched (rollback)"]), (cluster, pods)], links: []),
        ]
    }
}
