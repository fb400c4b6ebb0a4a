/// Where one Cassandra node of a datacenter in Kubernetes lives: its rack, its StatefulSet,
/// its pod and its data claim, named as the cluster's operator names them (runbook.md,
/// "StatefulSet claims are named ..."). Every name in a generated runbook comes from here.
public struct PodLayout: Sendable, Hashable {
    /// The Cassandra rack.
    public var rack: String
    /// The StatefulSet that runs the pod.
    public var statefulSet: String
    /// The pod's ordinal in its StatefulSet.
    public var ordinal: Int
    /// The pod's name.
    public var pod: String
    /// The PersistentVolumeClaim holding its data.
    public var claim: String
    /// The container that runs Cassandra (nil: the pod's only or default container).
    public var container: String?

    /// The layout of every node of a datacenter, rack by rack, ordinal by ordinal.
    ///
    /// Nodes are spread round-robin over the racks; with one StatefulSet per rack (operators,
    /// or a plain StatefulSet with several racks) ordinals restart at 0 in each rack.
    public static func pods(
        of datacenter: Datacenter, clusterName: String, kubernetes: KubernetesPlacement
    ) -> [PodLayout] {
        let racks = datacenter.racks.value.map(\.value)
        let perRack = RackSplit.planned(nodes: datacenter.nodeCount.value, racks: racks.count)
        var layouts: [PodLayout] = []
        for (rackIndex, rack) in racks.enumerated() {
            let set = statefulSetName(
                datacenter: datacenter.name.value, rack: rack, rackCount: racks.count, clusterName: clusterName,
                kubernetes: kubernetes)
            for ordinal in 0..<perRack[rackIndex] {
                layouts.append(
                    PodLayout(
                        rack: rack, statefulSet: set, ordinal: ordinal, pod: "\(set)-\(ordinal)",
                        claim: "\(claimTemplate(kubernetes))-\(set)-\(ordinal)",
                        container: kubernetes.operatorKind.value.profile.cassandraContainer))
            }
        }
        return layouts
    }

    /// The StatefulSet of one rack, as the cluster's operator names it (OperatorProfile).
    public static func statefulSetName(
        datacenter: String, rack: String, rackCount: Int, clusterName: String, kubernetes: KubernetesPlacement
    ) -> String {
        kubernetes.operatorKind.value.profile.statefulSetName(
            datacenter: datacenter, rack: rack, rackCount: rackCount, clusterName: clusterName, kubernetes: kubernetes)
    }

    /// The volume claim template name the cluster's operator uses.
    public static func claimTemplate(_ kubernetes: KubernetesPlacement) -> String {
        kubernetes.operatorKind.value.profile.claimTemplate(kubernetes)
    }

    /// The Kubernetes resource name an operator derives from `cluster_name` (lowercase,
    /// anything outside DNS-1123 turned into `-`).
    public static func resourceName(_ clusterName: String) -> String {
        var name = ""
        for scalar in clusterName.lowercased().unicodeScalars {
            let allowed = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            name.unicodeScalars.append(allowed ? scalar : "-")
        }
        while name.hasPrefix("-") { name.removeFirst() }
        while name.hasSuffix("-") { name.removeLast() }
        return name.isEmpty ? "cassandra" : name
    }

    /// The stable DNS name of a pod behind its StatefulSet's headless service.
    public static func dnsName(pod: String, service: String, namespace: String, domain: String) -> String {
        "\(pod).\(service).\(namespace).svc.\(domain)"
    }
}
