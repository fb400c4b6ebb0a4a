/// Every name a volume-adoption runbook uses: each source machine paired with the target pod
/// that adopts a copy of its disk (same datacenter, same rack, same place within the rack),
/// the PersistentVolume and claim between them, and the zone that pins both.
struct AdoptionLayout {
    /// One machine and the pod that becomes it.
    struct Pair {
        /// The source datacenter.
        var datacenter: Datacenter
        /// The machine.
        var node: Node
        /// The pod that adopts its disk.
        var pod: PodLayout
        /// The PersistentVolume for the new disk.
        var volumeName: String
        /// The source disk.
        var volume: String
        /// The zone of the source disk, the new disk and the pod.
        var zone: String
    }

    let plan: Plan
    let ssh: SSHAccess
    let region: String
    let kubernetes: KubernetesPlacement
    let pairs: [Pair]
    /// StatefulSets of the target, one per rack, with replicas.
    let statefulSets: [(name: String, rack: String, replicas: Int, datacenter: String)]

    /// Derives the layout; nil when the plan is not machines-with-EBS into a plain StatefulSet.
    init?(plan: Plan) {
        guard case .machines(let ssh) = plan.source.placement, let region = plan.source.aws?.region.value,
            let kubernetes = plan.target.kubernetes
        else { return nil }
        self.plan = plan
        self.ssh = ssh
        self.region = region
        self.kubernetes = kubernetes
        var pairs: [Pair] = []
        var sets: [(name: String, rack: String, replicas: Int, datacenter: String)] = []
        for datacenter in plan.source.datacenters {
            guard let target = plan.target.datacenter(named: datacenter.name.value) else { return nil }
            let pods = PodLayout.pods(of: target, clusterName: plan.target.clusterName.value, kubernetes: kubernetes)
            for rack in target.racks.value.map(\.value) {
                let machines = datacenter.nodes.filter { $0.rack.value == rack }
                let rackPods = pods.filter { $0.rack == rack }
                guard machines.count == rackPods.count else { return nil }
                for (node, pod) in zip(machines, rackPods) {
                    guard let volume = node.volume?.value, let zone = node.zone?.value else { return nil }
                    pairs.append(
                        Pair(
                            datacenter: datacenter, node: node, pod: pod,
                            volumeName: "cmplan-\(plan.name.value)-\(PodLayout.resourceName(node.name.value))", volume: volume, zone: zone))
                }
            }
            for set in HandoverLayout.statefulSets(pods) { sets.append((set.name, set.rack, set.replicas, datacenter.name.value)) }
        }
        self.pairs = pairs
        statefulSets = sets
    }

    /// The ssh target of a machine, as the library's Cassandra helpers take it.
    func machine(_ node: Node) -> [String] {
        ["@ssh", ssh.user.value, node.address.value, ssh.options?.value ?? "-"]
    }

    /// The kubectl target of a pod.
    func pod(_ pod: PodLayout) -> [String] {
        [kubernetes.context.value, kubernetes.namespace.value, pod.pod, pod.container ?? "-"]
    }

    /// Labels of the machines, unique and DNS-safe, used in tags and state files.
    func label(_ node: Node) -> String { PodLayout.resourceName(node.name.value) }
}
