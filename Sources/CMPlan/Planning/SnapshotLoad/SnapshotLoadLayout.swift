/// Every name a snapshot-load runbook uses: each source node as the Cassandra helpers reach
/// it (a pod, or a machine over ssh), the new datacenter's pods in the target cluster, the
/// snapshot tag, and the keyspaces to copy with their replication on the target.
struct SnapshotLoadLayout {
    /// One source node.
    struct SourceNode {
        /// Its name: the pod, or the node block's label on machines.
        var name: String
        /// `CONTEXT NS POD CONTAINER`, or `@ssh USER ADDRESS OPTIONS`.
        var target: [String]
    }

    let plan: Plan
    let source: Cluster
    let target: Cluster
    let targetKubernetes: KubernetesPlacement
    /// The new datacenter.
    let targetDatacenter: Datacenter
    /// Every source node, datacenter by datacenter.
    let sourceNodes: [SourceNode]
    /// The new datacenter's pods, rack by rack.
    let targetPods: [PodLayout]
    /// The `nodetool snapshot` tag (also the staging directory's name).
    let tag: String
    /// The DaemonSet that raises vm.max_map_count in the target cluster.
    let maxMapCountDaemonSet: String
    /// User keyspaces to copy, by name, with `dc:rf` on the target.
    let keyspaces: [(name: String, spec: String)]

    /// A source node to run cqlsh and nodetool on.
    var sourceAnchor: [String] { sourceNodes[0].target }
    /// A target pod to run cqlsh and nodetool in.
    var targetAnchor: [String] { DatacenterMigrationSteps.at(targetKubernetes.context.value, targetKubernetes.namespace.value, targetPods[0]) }

    /// Derives the layout; nil unless the target runs in Kubernetes and both sides have nodes.
    init?(plan: Plan) {
        guard let targetKubernetes = plan.target.kubernetes, let targetDatacenter = plan.target.datacenters.first else { return nil }
        self.plan = plan
        source = plan.source
        target = plan.target
        self.targetKubernetes = targetKubernetes
        self.targetDatacenter = targetDatacenter
        targetPods = PodLayout.pods(of: targetDatacenter, clusterName: plan.target.clusterName.value, kubernetes: targetKubernetes)
        var nodes: [SourceNode] = []
        switch plan.source.placement {
        case .kubernetes(let kubernetes):
            for datacenter in plan.source.datacenters {
                for pod in PodLayout.pods(of: datacenter, clusterName: plan.source.clusterName.value, kubernetes: kubernetes) {
                    nodes.append(
                        SourceNode(name: pod.pod, target: DatacenterMigrationSteps.at(kubernetes.context.value, kubernetes.namespace.value, pod)))
                }
            }
        case .machines(let ssh):
            for datacenter in plan.source.datacenters {
                for node in datacenter.nodes {
                    nodes.append(
                        SourceNode(name: node.name.value, target: ["@ssh", ssh.user.value, node.address.value, ssh.options?.value ?? "-"]))
                }
            }
        }
        guard !nodes.isEmpty, !targetPods.isEmpty else { return nil }
        sourceNodes = nodes
        tag = "cmplan-\(plan.name.value)"
        maxMapCountDaemonSet = "cmplan-\(plan.name.value)-max-map-count"
        let replication = Replication(plan: plan)
        keyspaces = plan.userKeyspaces.map { keyspace in
            (keyspace.name.value, "\(targetDatacenter.name.value):\(replication.targetFactor(of: keyspace, in: targetDatacenter))")
        }
    }
}
