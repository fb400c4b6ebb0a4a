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

    /// The target datacenter's own resources, through its operator.
    func objects() -> [(kind: String, name: String, document: YAML)] {
        let namespace = kubernetes.namespace.value
        let clusterName = cluster.clusterName.value
        let resource = PodLayout.resourceName(clusterName)
        let disk = ManifestFactory.quantity(datacenter.disk?.value ?? Size(bytes: 0))
        let racks = datacenter.racks.value.map(\.value)
        switch kubernetes.operatorKind.value {
        case .casskop:
            let perRack = RackSplit.casskopNodesPerRack(nodes: datacenter.nodeCount.value, racks: racks.count)
            var spec: [YAMLEntry] = [
                YAMLEntry("cassandraImage", .string(cluster.image.value)),
                YAMLEntry("dataCapacity", .string(disk)),
            ]
            if let storageClass = datacenter.storageClass { spec.append(YAMLEntry("dataStorageClass", .string(storageClass.value))) }
            spec += [
                YAMLEntry("deletePVC", false),
                YAMLEntry("autoPilot", false),
                YAMLEntry("nodesPerRacks", .integer(perRack)),
                YAMLEntry(
                    "topology",
                    [
                        "dc": [
                            [
                                "name": .string(datacenter.name.value),
                                "nodesPerRacks": .integer(perRack),
                                "rack": .list(racks.map { ["name": .string($0)] }),
                            ]
                        ]
                    ]),
            ]
            return [
                (
                    "CassandraCluster", resource,
                    [
                        "apiVersion": "db.orange.com/v2",
                        "kind": "CassandraCluster",
                        "metadata": factory.metadata(name: resource, namespace: namespace, component: "cassandra"),
                        "spec": .map(spec),
                    ]
                )
            ]
        case .cassOperator:
            let name = PodLayout.resourceName(datacenter.name.value)
            var claim: [YAMLEntry] = [
                YAMLEntry("accessModes", ["ReadWriteOnce"]),
                YAMLEntry("resources", ["requests": ["storage": .string(disk)]]),
            ]
            if let storageClass = datacenter.storageClass { claim.insert(YAMLEntry("storageClassName", .string(storageClass.value)), at: 0) }
            var spec: [YAMLEntry] = [YAMLEntry("clusterName", .string(clusterName))]
            if name != datacenter.name.value { spec.append(YAMLEntry("datacenterName", .string(datacenter.name.value))) }
            spec += [
                YAMLEntry("serverType", "cassandra"),
                YAMLEntry("serverVersion", .string(cluster.cassandraVersion.value.description)),
                YAMLEntry("size", .integer(datacenter.nodeCount.value)),
                YAMLEntry("racks", .list(racks.map { ["name": .string($0)] })),
                YAMLEntry("storageConfig", ["cassandraDataVolumeClaimSpec": .map(claim)]),
            ]
            if let joining {
                // cass-operator's own way to join a running cluster: seeds outside its datacenter.
                spec.append(YAMLEntry("additionalSeeds", .list(joining.seeds.map { .string($0) })))
            }
            return [
                (
                    "CassandraDatacenter", name,
                    [
                        "apiVersion": "cassandra.datastax.com/v1beta1",
                        "kind": "CassandraDatacenter",
                        "metadata": factory.metadata(name: name, namespace: namespace, component: "cassandra"),
                        "spec": .map(spec),
                    ]
                )
            ]
        case .statefulset, .rook:
            let service = kubernetes.statefulSet.value
            let own = pods.prefix(3).map {
                PodLayout.dnsName(pod: $0.pod, service: service, namespace: namespace, domain: kubernetes.domain.value)
            }
            var objects: [(kind: String, name: String, document: YAML)] = [
                ("Service", service, factory.headlessService(name: service, namespace: namespace, selector: ["app.kubernetes.io/name": .string(service)]))
            ]
            for set in HandoverLayout.statefulSets(pods) {
                let container = factory.cassandraContainer(
                    image: cluster.image.value, clusterName: clusterName, datacenter: datacenter.name.value, rack: set.rack,
                    seeds: (joining?.seeds ?? []) + own, autoBootstrap: joining == nil, claim: kubernetes.claimTemplate.value)
                objects.append(
                    (
                        "StatefulSet", set.name,
                        factory.statefulSet(
                            name: set.name, namespace: namespace, service: service, selectorName: service, replicas: set.replicas,
                            container: container, claimTemplate: kubernetes.claimTemplate.value, storageClass: datacenter.storageClass?.value,
                            disk: disk)
                    ))
            }
            return objects
        }
    }
}
