/// Rook's Cassandra operator (rook/cassandra, removed from Rook in 1.8): a source only; its
/// StatefulSets are `<cluster>-<dc>-<rack>`, every member has a Service of its pod's name.
struct RookProfile: OperatorProfile {
    func statefulSetName(datacenter: String, rack: String, rackCount: Int, clusterName: String, kubernetes: KubernetesPlacement) -> String {
        "\(PodLayout.resourceName(clusterName))-\(PodLayout.resourceName(datacenter))-\(PodLayout.resourceName(rack))"
    }

    /// The example Cluster's template (a Cluster names its own in `storage.volumeClaimTemplates`).
    func claimTemplate(_ kubernetes: KubernetesPlacement) -> String { "rook-cassandra-data" }

    var cassandraContainer: String? { "cassandra" }

    /// Members per rack are written per rack in the Cluster: the plan's spread.
    func running(nodes: Int, racks: Int) -> [Int] { RackSplit.planned(nodes: nodes, racks: racks) }

    /// Rook gives every member a Service named after its pod.
    func derivedSeeds(pods: [PodLayout], clusterName: String, kubernetes: KubernetesPlacement, namespace: String, domain: String) -> [String] {
        pods.map { "\($0.pod).\(namespace).svc.\(domain)" }
    }

    /// Rook cannot be a target (`operator-unsupported`), so it refuses no target name here.
    func namingFindings(_ rule: RuleDescription, target: Cluster, kubernetes: KubernetesPlacement) -> [Diagnostic] { [] }

    /// Never a target (`operator-unsupported`); the plain StatefulSets stand in should a layout ask.
    func targetObjects(_ manifests: TargetDatacenterManifests) -> [(kind: String, name: String, document: YAML)] {
        manifests.plainStatefulSets()
    }
}
