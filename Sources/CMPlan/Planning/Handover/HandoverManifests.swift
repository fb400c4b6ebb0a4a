/// The objects a datacenter-handover runbook applies: the target datacenter through its
/// operator in the target cluster, and in the source cluster the borrowed volumes, their
/// pre-bound claims, the vm.max_map_count DaemonSet and the temporary datacenter.
struct HandoverManifests {
    let layout: HandoverLayout
    let factory: ManifestFactory

    /// Placeholders the runbook fills from the target's PersistentVolume before applying.
    enum Placeholder: String, CaseIterable {
        /// The CSI driver of the target's volume.
        case driver = "__CMPLAN_CSI_DRIVER__"
        /// The volume handle (the disk's id).
        case volumeHandle = "__CMPLAN_VOLUME_HANDLE__"
        /// The filesystem type.
        case fsType = "__CMPLAN_FS_TYPE__"
        /// The capacity the target's volume reports.
        case capacity = "__CMPLAN_CAPACITY__"
        /// The topology key of the volume's node affinity (its zone label).
        case zoneKey = "__CMPLAN_ZONE_KEY__"
        /// The zone the volume lives in.
        case zone = "__CMPLAN_ZONE__"
    }

    /// The target cluster's manifests, in apply order: the vm.max_map_count DaemonSet the new
    /// datacenter needs after cutover, then its resources.
    func target() -> [(kind: String, name: String, document: YAML)] {
        [("DaemonSet", layout.maxMapCountDaemonSet, maxMapCount(namespace: layout.targetKubernetes.namespace.value))]
            + targetDatacenter()
    }

    /// The target datacenter's own resources, through its operator.
    private func targetDatacenter() -> [(kind: String, name: String, document: YAML)] {
        let kubernetes = layout.targetKubernetes
        let datacenter = layout.targetDatacenter
        let namespace = kubernetes.namespace.value
        let clusterName = layout.target.clusterName.value
        let resource = PodLayout.resourceName(clusterName)
        let disk = ManifestFactory.quantity(datacenter.disk?.value ?? Size(bytes: 0))
        let racks = datacenter.racks.value.map(\.value)
        switch kubernetes.operatorKind.value {
        case .casskop:
            let perRack = (datacenter.nodeCount.value + racks.count - 1) / racks.count
            var spec: [YAMLEntry] = [
                YAMLEntry("cassandraImage", .string(layout.target.image.value)),
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
                YAMLEntry("serverVersion", .string(layout.target.cassandraVersion.value.description)),
                YAMLEntry("size", .integer(datacenter.nodeCount.value)),
                YAMLEntry("racks", .list(racks.map { ["name": .string($0)] })),
                YAMLEntry("storageConfig", ["cassandraDataVolumeClaimSpec": .map(claim)]),
            ]
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
            let seeds = layout.pairs.prefix(3).map {
                PodLayout.dnsName(pod: $0.target.pod, service: service, namespace: namespace, domain: kubernetes.domain.value)
            }
            var objects: [(kind: String, name: String, document: YAML)] = [
                ("Service", service, factory.headlessService(name: service, namespace: namespace, selector: ["app.kubernetes.io/name": .string(service)]))
            ]
            for set in layout.targetStatefulSets {
                let container = factory.cassandraContainer(
                    image: layout.target.image.value, clusterName: clusterName, datacenter: datacenter.name.value, rack: set.rack,
                    seeds: seeds, autoBootstrap: true, claim: kubernetes.claimTemplate.value)
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

    /// The source cluster's manifests (the temporary datacenter and what it needs), in apply order.
    func source() -> [(kind: String, name: String, document: YAML, template: Bool)] {
        let namespace = layout.sourceKubernetes.namespace.value
        var objects: [(kind: String, name: String, document: YAML, template: Bool)] = []
        for pair in layout.pairs {
            objects.append(("PersistentVolume", pair.borrowedVolume, borrowedVolume(pair, namespace: namespace), true))
        }
        for pair in layout.pairs {
            objects.append(("PersistentVolumeClaim", pair.temporary.claim, borrowedClaim(pair, namespace: namespace), false))
        }
        objects.append(("DaemonSet", layout.maxMapCountDaemonSet, maxMapCount(namespace: namespace), false))
        let service = layout.temporaryService
        objects.append(
            ("Service", service, factory.headlessService(name: service, namespace: namespace, selector: ["app.kubernetes.io/name": .string(service)]), false))
        let disk = ManifestFactory.quantity(layout.targetDatacenter.disk?.value ?? Size(bytes: 0))
        for set in layout.temporaryStatefulSets {
            let container = factory.cassandraContainer(
                image: layout.target.image.value, clusterName: layout.source.clusterName.value,
                datacenter: layout.targetDatacenter.name.value, rack: set.rack, seeds: layout.seeds, autoBootstrap: false, claim: "data")
            objects.append(
                (
                    "StatefulSet", set.name,
                    factory.statefulSet(
                        name: set.name, namespace: namespace, service: service, selectorName: service, replicas: set.replicas,
                        container: container, claimTemplate: "data", storageClass: "", disk: disk),
                    false
                ))
        }
        return objects
    }

    /// The target's volume shown in the source cluster: same disk, Retain, bound to the claim
    /// the temporary StatefulSet will use; driver, handle, size and zone filled at run time.
    private func borrowedVolume(_ pair: HandoverLayout.Pair, namespace: String) -> YAML {
        [
            "apiVersion": "v1",
            "kind": "PersistentVolume",
            "metadata": factory.metadata(name: pair.borrowedVolume, namespace: nil, component: "cassandra-temporary"),
            "spec": [
                "capacity": ["storage": .string(Placeholder.capacity.rawValue)],
                "accessModes": ["ReadWriteOnce"],
                "persistentVolumeReclaimPolicy": "Retain",
                "storageClassName": "",
                "claimRef": ["namespace": .string(namespace), "name": .string(pair.temporary.claim)],
                "csi": [
                    "driver": .string(Placeholder.driver.rawValue),
                    "volumeHandle": .string(Placeholder.volumeHandle.rawValue),
                    "fsType": .string(Placeholder.fsType.rawValue),
                ],
                "nodeAffinity": [
                    "required": [
                        "nodeSelectorTerms": [
                            [
                                "matchExpressions": [
                                    [
                                        "key": .string(Placeholder.zoneKey.rawValue), "operator": "In",
                                        "values": [.string(Placeholder.zone.rawValue)],
                                    ]
                                ]
                            ]
                        ]
                    ]
                ],
            ],
        ]
    }

    /// The claim the temporary pod uses, pre-bound to the borrowed volume.
    private func borrowedClaim(_ pair: HandoverLayout.Pair, namespace: String) -> YAML {
        [
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": factory.metadata(name: pair.temporary.claim, namespace: namespace, component: "cassandra-temporary"),
            "spec": [
                "accessModes": ["ReadWriteOnce"],
                "storageClassName": "",
                "volumeName": .string(pair.borrowedVolume),
                "resources": ["requests": ["storage": .string(ManifestFactory.quantity(layout.targetDatacenter.disk?.value ?? Size(bytes: 0)))]],
            ],
        ]
    }

    /// Raises vm.max_map_count on the source cluster's nodes (seed 000's errno=12 restarts).
    private func maxMapCount(namespace: String) -> YAML {
        let name = layout.maxMapCountDaemonSet
        return [
            "apiVersion": "apps/v1",
            "kind": "DaemonSet",
            "metadata": factory.metadata(name: name, namespace: namespace, component: name),
            "spec": [
                "selector": ["matchLabels": ["app.kubernetes.io/name": .string(name)]],
                "template": [
                    "metadata": ["labels": factory.labels(name: name)],
                    "spec": [
                        "initContainers": [
                            [
                                "name": "sysctl",
                                "image": "busybox:1.36",
                                "command": ["sysctl", "-w", "vm.max_map_count=1048575"],
                                "securityContext": ["privileged": true],
                            ]
                        ],
                        "containers": [["name": "pause", "image": "registry.k8s.io/pause:3.9"]],
                    ],
                ],
            ],
        ]
    }
}
