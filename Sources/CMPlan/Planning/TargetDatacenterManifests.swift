/// A new datacenter's resources in the target cluster, through its operator: a CassKop
/// CassandraCluster, a cass-operator CassandraDatacenter, or plain StatefulSets with their
/// headless Service. A datacenter that joins a running cluster (datacenter-extend) carries
/// the source's seeds by the operator's own mechanism and starts without bootstrapping.
struct TargetDatacenterManifests {
    /// How a new datacenter joins a running cluster.
    struct Joining {
        /// Seeds of the running cluster, by names the target resolves.
        var seeds: [String]
    }

    let cluster: Cluster
    let kubernetes: KubernetesPlacement
    let datacenter: Datacenter
    /// The datacenter's pods, rack by rack.
    let pods: [PodLayout]
    let factory: ManifestFactory
    /// Set when the datacenter joins the source cluster over the network; nil when it starts alone.
    let joining: Joining?

    /// The target datacenter's own resources, through its operator (OperatorProfile).
    func objects() -> [(kind: String, name: String, document: YAML)] {
        kubernetes.operatorKind.value.profile.targetObjects(self)
    }
}
