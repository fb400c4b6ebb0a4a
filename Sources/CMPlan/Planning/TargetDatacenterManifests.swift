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

    /// What an operator renders into cassandra.yaml: num_tokens, and the authenticator and
    /// authorizer the ring runs (set even where they are AllowAll: the operators' own defaults
    /// are not the image's, and a new node must run what the source's nodes run).
    var cassandraYAML: YAML {
        var entries = [YAMLEntry("num_tokens", .integer(cluster.numTokens.value))]
        for (key, value) in factory.security?.cassandraYAML ?? [] { entries.append(YAMLEntry(key, .string(value))) }
        return .map(entries)
    }

    /// The target datacenter's own resources, through its operator (OperatorProfile).
    func objects() -> [(kind: String, name: String, document: YAML)] {
        kubernetes.operatorKind.value.profile.targetObjects(self)
    }
}
