/// Every name a datacenter-extend runbook uses, derived once from the plan: the source's
/// pods, the new datacenter's pods and StatefulSets in the target cluster, and the seeds by
/// which the new datacenter finds the source over the routed pod networks.
struct ExtendLayout {
    /// One source datacenter moved to a new one: the new datacenter, the source datacenter it
    /// rebuilds from, and the new datacenter's pods and StatefulSets in the target cluster.
    struct Move {
        /// The new datacenter as the plan declares it.
        let target: Datacenter
        /// The source datacenter it rebuilds from (its `from`).
        let source: Datacenter
        /// The new datacenter's pods, rack by rack.
        let pods: [PodLayout]
        /// Its StatefulSets, one per rack, with their replicas.
        let statefulSets: [(name: String, rack: String, replicas: Int)]
    }

    let plan: Plan
    let source: Cluster
    let target: Cluster
    let sourceKubernetes: KubernetesPlacement
    let targetKubernetes: KubernetesPlacement
    /// The source datacenter the new one rebuilds from.
    let sourceDatacenter: Datacenter
    /// The new datacenter.
    let targetDatacenter: Datacenter
    /// Pods of every source datacenter, by datacenter.
    let sourcePods: [(datacenter: Datacenter, pods: [PodLayout])]
    /// The new datacenter's pods, rack by rack.
    let targetPods: [PodLayout]
    /// Every new datacenter with the source datacenter it moves, in plan order (the first is
    /// `targetDatacenter`).
    let moves: [Move]
    /// The new datacenter's StatefulSets, one per rack, with their replicas.
    let targetStatefulSets: [(name: String, rack: String, replicas: Int)]
    /// Seeds of the source, by names the target cluster resolves.
    let seeds: [String]
    /// The DaemonSet that raises vm.max_map_count in the target cluster.
    let maxMapCountDaemonSet: String
    /// The one-off pod that probes the source's seeds from inside the target cluster.
    let probePod: String

    /// A pod of the source datacenter, to run nodetool and cqlsh in.
    let sourceAnchor: PodLayout
    /// A pod of the new datacenter to run nodetool and cqlsh in.
    var targetAnchor: PodLayout { targetPods[0] }

    /// Derives the layout; nil unless the plan runs between two Kubernetes clusters.
    init?(plan: Plan) {
        guard let sourceKubernetes = plan.source.kubernetes, let targetKubernetes = plan.target.kubernetes,
            let targetDatacenter = plan.target.datacenters.first,
            let fromName = targetDatacenter.from?.value, let sourceDatacenter = plan.source.datacenter(named: fromName)
        else { return nil }
        self.plan = plan
        source = plan.source
        target = plan.target
        self.sourceKubernetes = sourceKubernetes
        self.targetKubernetes = targetKubernetes
        self.sourceDatacenter = sourceDatacenter
        self.targetDatacenter = targetDatacenter
        sourcePods = plan.source.datacenters.map {
            ($0, PodLayout.pods(of: $0, clusterName: plan.source.clusterName.value, kubernetes: sourceKubernetes))
        }
        targetPods = PodLayout.pods(of: targetDatacenter, clusterName: plan.target.clusterName.value, kubernetes: targetKubernetes)
        var moves: [Move] = []
        for datacenter in plan.target.datacenters {
            guard let from = datacenter.from?.value, let source = plan.source.datacenter(named: from) else { return nil }
            let pods = PodLayout.pods(of: datacenter, clusterName: plan.target.clusterName.value, kubernetes: targetKubernetes)
            guard !pods.isEmpty else { return nil }
            moves.append(Move(target: datacenter, source: source, pods: pods, statefulSets: HandoverLayout.statefulSets(pods)))
        }
        self.moves = moves
        guard !targetPods.isEmpty,
            let anchor = sourcePods.first(where: { $0.datacenter.name.value == sourceDatacenter.name.value })?.pods.first
        else { return nil }
        sourceAnchor = anchor
        targetStatefulSets = HandoverLayout.statefulSets(targetPods)
        maxMapCountDaemonSet = "cmplan-\(plan.name.value)-max-map-count"
        probePod = "cmplan-\(plan.name.value)-seed-probe"
        // The target's own `seeds` name the source as the target sees it; else the source's
        // `seeds`; else the source pods' DNS names under the source's domain.
        if let written = plan.target.seeds ?? plan.source.seeds {
            seeds = written.value.map(\.value)
        } else {
            let pods = sourcePods.first { $0.datacenter.name.value == sourceDatacenter.name.value }?.pods ?? []
            seeds = HandoverLayout.derivedSeeds(
                pods: Array(pods.prefix(3)), clusterName: plan.source.clusterName.value, kubernetes: sourceKubernetes,
                namespace: sourceKubernetes.namespace.value, domain: sourceKubernetes.domain.value)
        }
    }
}
