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

    /// The target cluster's manifests, in apply order: the storage probe's, the vm.max_map_count
    /// DaemonSet the new datacenter needs after cutover, then its resources.
    func target() -> [(kind: String, name: String, document: YAML)] {
        StorageProbeManifests(layout: layout, factory: factory).target()
            + [("DaemonSet", layout.maxMapCountDaemonSet, maxMapCount(namespace: layout.targetKubernetes.namespace.value))]
            + RunbookCompiler.exporterManifest(layout.plan, namespace: layout.targetKubernetes.namespace.value, factory: factory).map {
                (kind: $0.0, name: $0.1, document: $0.2)
            }
            + TargetDatacenterManifests(
                cluster: layout.target, kubernetes: layout.targetKubernetes, datacenter: layout.targetDatacenter,
                pods: layout.pairs.map(\.target), factory: factory, joining: nil
            ).objects()
    }

    /// The source cluster's manifests (the storage probe's, then the temporary datacenter and what
    /// it needs), in apply order.
    func source() -> [(kind: String, name: String, document: YAML, template: Bool)] {
        let namespace = layout.sourceKubernetes.namespace.value
        var objects = StorageProbeManifests(layout: layout, factory: factory).source()
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
                datacenter: layout.targetDatacenter.name.value, rack: set.rack, seeds: layout.seeds, autoBootstrap: false, claim: "data",
                // The disks first booted under the target's operator with the target's count.
                numTokens: layout.target.numTokens.value)
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
        Self.borrowedVolume(name: pair.borrowedVolume, claimNamespace: namespace, claim: pair.temporary.claim, component: "cassandra-temporary", factory: factory)
    }

    /// The claim the temporary pod uses, pre-bound to the borrowed volume.
    private func borrowedClaim(_ pair: HandoverLayout.Pair, namespace: String) -> YAML {
        Self.borrowedClaim(
            name: pair.temporary.claim, namespace: namespace, volume: pair.borrowedVolume,
            size: ManifestFactory.quantity(layout.targetDatacenter.disk?.value ?? Size(bytes: 0)), component: "cassandra-temporary", factory: factory)
    }

    /// A target volume shown in the source cluster as a Retain PersistentVolume pre-bound to a
    /// claim, its driver, handle, filesystem, capacity and zone left as placeholders.
    static func borrowedVolume(name: String, claimNamespace: String, claim: String, component: String, factory: ManifestFactory) -> YAML {
        [
            "apiVersion": "v1",
            "kind": "PersistentVolume",
            "metadata": factory.metadata(name: name, namespace: nil, component: component),
            "spec": [
                "capacity": ["storage": .string(Placeholder.capacity.rawValue)],
                "accessModes": ["ReadWriteOnce"],
                "persistentVolumeReclaimPolicy": "Retain",
                "storageClassName": "",
                "claimRef": ["namespace": .string(claimNamespace), "name": .string(claim)],
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

    /// A claim pre-bound to a borrowed volume.
    static func borrowedClaim(name: String, namespace: String, volume: String, size: String, component: String, factory: ManifestFactory) -> YAML {
        [
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": factory.metadata(name: name, namespace: namespace, component: component),
            "spec": [
                "accessModes": ["ReadWriteOnce"],
                "storageClassName": "",
                "volumeName": .string(volume),
                "resources": ["requests": ["storage": .string(size)]],
            ],
        ]
    }

    /// Raises vm.max_map_count on a cluster's nodes (seed 000's errno=12 restarts).
    private func maxMapCount(namespace: String) -> YAML {
        Self.maxMapCount(name: layout.maxMapCountDaemonSet, namespace: namespace, factory: factory)
    }

    /// A DaemonSet whose privileged init container sets vm.max_map_count=1048575 on every node.
    static func maxMapCount(name: String, namespace: String, factory: ManifestFactory) -> YAML {
        [
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
