/// Every name a datacenter-handover runbook uses, derived once from the plan: the source's
/// pods, the target's StatefulSets and claims, and the temporary datacenter's StatefulSets,
/// claims and PersistentVolumes in the source cluster, pairing each temporary pod with the
/// target pod whose disk it borrows (same rack, same ordinal).
struct HandoverLayout {
    /// One node of the temporary datacenter and the target node whose volume it mounts.
    struct Pair {
        /// The target pod (in the target cluster) that owns the volume.
        var target: PodLayout
        /// The temporary pod (in the source cluster) that borrows it.
        var temporary: PodLayout
        /// The PersistentVolume that shows the target's volume in the source cluster.
        var borrowedVolume: String
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
    /// Pods of every source datacenter, by datacenter name.
    let sourcePods: [(datacenter: Datacenter, pods: [PodLayout])]
    /// Target pods paired with temporary pods.
    let pairs: [Pair]
    /// The temporary datacenter's StatefulSets, one per rack, with their replicas.
    let temporaryStatefulSets: [(name: String, rack: String, replicas: Int)]
    /// The target's StatefulSets, one per rack, with their replicas.
    let targetStatefulSets: [(name: String, rack: String, replicas: Int)]
    /// The temporary datacenter's headless Service.
    let temporaryService: String
    /// DNS names of the source's seeds, as the temporary datacenter reaches them.
    let seeds: [String]
    /// The DaemonSet that raises vm.max_map_count in the source cluster.
    let maxMapCountDaemonSet: String
    /// The storage probe's claims, pods and PersistentVolume (StorageProbeManifests).
    let storageProbe: String

    /// A pod of the source datacenter to run nodetool and cqlsh in.
    var sourceAnchor: PodLayout { sourcePods.first { $0.datacenter.name.value == sourceDatacenter.name.value }?.pods[0] ?? pairs[0].temporary }
    /// A temporary pod to run nodetool in.
    var temporaryAnchor: PodLayout { pairs[0].temporary }
    /// A target pod to run nodetool in after cutover.
    var targetAnchor: PodLayout { pairs[0].target }

    /// Derives the layout; nil when the plan is not a Kubernetes-to-Kubernetes handover.
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
        let targetPods = PodLayout.pods(of: targetDatacenter, clusterName: plan.target.clusterName.value, kubernetes: targetKubernetes)
        let prefix = "cmplan-\(plan.name.value)-\(PodLayout.resourceName(targetDatacenter.name.value))"
        temporaryService = prefix
        maxMapCountDaemonSet = "cmplan-\(plan.name.value)-max-map-count"
        storageProbe = "cmplan-\(plan.name.value)-storage-probe"
        var pairs: [Pair] = []
        for pod in targetPods {
            let set = "\(prefix)-\(PodLayout.resourceName(pod.rack))"
            let temporary = PodLayout(
                rack: pod.rack, statefulSet: set, ordinal: pod.ordinal, pod: "\(set)-\(pod.ordinal)",
                claim: "data-\(set)-\(pod.ordinal)", container: "cassandra")
            pairs.append(Pair(target: pod, temporary: temporary, borrowedVolume: "\(set)-\(pod.ordinal)"))
        }
        self.pairs = pairs
        temporaryStatefulSets = Self.statefulSets(pairs.map(\.temporary))
        targetStatefulSets = Self.statefulSets(targetPods)
        let domain = sourceKubernetes.domain.value
        let namespace = sourceKubernetes.namespace.value
        if let written = plan.source.seeds {
            seeds = written.value.map(\.value)
        } else {
            let pods = sourcePods.first { $0.datacenter.name.value == sourceDatacenter.name.value }?.pods ?? []
            seeds = Self.derivedSeeds(
                pods: Array(pods.prefix(3)), clusterName: plan.source.clusterName.value, kubernetes: sourceKubernetes,
                namespace: namespace, domain: domain)
        }
    }

    /// StatefulSets in order of first appearance with their replica counts.
    static func statefulSets(_ pods: [PodLayout]) -> [(name: String, rack: String, replicas: Int)] {
        var sets: [(name: String, rack: String, replicas: Int)] = []
        for pod in pods {
            if let index = sets.firstIndex(where: { $0.name == pod.statefulSet }) {
                sets[index].replicas += 1
            } else {
                sets.append((pod.statefulSet, pod.rack, 1))
            }
        }
        return sets
    }

    /// Seeds by stable DNS name, as each operator publishes its pods (OperatorProfile).
    static func derivedSeeds(
        pods: [PodLayout], clusterName: String, kubernetes: KubernetesPlacement, namespace: String, domain: String
    ) -> [String] {
        kubernetes.operatorKind.value.profile.derivedSeeds(pods: pods, clusterName: clusterName, kubernetes: kubernetes, namespace: namespace, domain: domain)
    }
}
