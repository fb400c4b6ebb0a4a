/// The objects a volume-adoption runbook applies in the target cluster: a headless Service,
/// a PersistentVolume per adopted disk (CSI, Retain, zone affinity, bound to its claim;
/// handle and size filled at run time), the claims pre-bound by name, one StatefulSet per rack.
struct AdoptionManifests {
    let layout: AdoptionLayout
    let factory: ManifestFactory

    func objects() -> [(kind: String, name: String, document: YAML, template: Bool)] {
        let namespace = layout.kubernetes.namespace.value
        let service = layout.kubernetes.statefulSet.value
        var objects: [(kind: String, name: String, document: YAML, template: Bool)] = [
            ("Service", service, factory.headlessService(name: service, namespace: namespace, selector: ["app.kubernetes.io/name": .string(service)]), false)
        ]
        for pair in layout.pairs {
            objects.append(("PersistentVolume", pair.volumeName, volume(pair, namespace: namespace), true))
        }
        for pair in layout.pairs {
            objects.append(("PersistentVolumeClaim", pair.pod.claim, claim(pair, namespace: namespace), false))
        }
        let seeds = layout.pairs.prefix(3).map {
            PodLayout.dnsName(pod: $0.pod.pod, service: service, namespace: namespace, domain: layout.kubernetes.domain.value)
        }
        for set in layout.statefulSets {
            let disk = size(for: set.datacenter)
            let container = factory.cassandraContainer(
                image: layout.plan.target.image.value, clusterName: layout.plan.target.clusterName.value, datacenter: set.datacenter,
                rack: set.rack, seeds: seeds, autoBootstrap: true, claim: layout.kubernetes.claimTemplate.value,
                numTokens: layout.plan.target.numTokens.value)
            objects.append(
                (
                    "StatefulSet", set.name,
                    factory.statefulSet(
                        name: set.name, namespace: namespace, service: service, selectorName: service, replicas: set.replicas,
                        container: container, claimTemplate: layout.kubernetes.claimTemplate.value, storageClass: "", disk: disk),
                    false
                ))
        }
        return objects
    }

    /// The claim size: the source datacenter's disk, or its load, or 1Gi (a pre-bound claim
    /// only needs to be no larger than its volume, whose size is filled at run time).
    func size(for datacenter: String) -> String {
        let source = layout.plan.source.datacenter(named: datacenter)
        return ManifestFactory.quantity(source?.disk?.value ?? source?.load?.value ?? Size(bytes: 1 << 30))
    }

    private func volume(_ pair: AdoptionLayout.Pair, namespace: String) -> YAML {
        [
            "apiVersion": "v1",
            "kind": "PersistentVolume",
            "metadata": factory.metadata(name: pair.volumeName, namespace: nil, component: layout.kubernetes.statefulSet.value),
            "spec": [
                "capacity": ["storage": .string(HandoverManifests.Placeholder.capacity.rawValue)],
                "accessModes": ["ReadWriteOnce"],
                "persistentVolumeReclaimPolicy": "Retain",
                "storageClassName": "",
                "claimRef": ["namespace": .string(namespace), "name": .string(pair.pod.claim)],
                "csi": [
                    "driver": "ebs.csi.aws.com",
                    "volumeHandle": .string(HandoverManifests.Placeholder.volumeHandle.rawValue),
                    // Read from the machine at preflight (record-host-ids), filled in when applied.
                    "fsType": .string(HandoverManifests.Placeholder.fsType.rawValue),
                ],
                "nodeAffinity": [
                    "required": [
                        "nodeSelectorTerms": [
                            [
                                "matchExpressions": [
                                    ["key": "topology.ebs.csi.aws.com/zone", "operator": "In", "values": [.string(pair.zone)]]
                                ]
                            ]
                        ]
                    ]
                ],
            ],
        ]
    }

    private func claim(_ pair: AdoptionLayout.Pair, namespace: String) -> YAML {
        [
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": factory.metadata(name: pair.pod.claim, namespace: namespace, component: layout.kubernetes.statefulSet.value),
            "spec": [
                "accessModes": ["ReadWriteOnce"],
                "storageClassName": "",
                "volumeName": .string(pair.volumeName),
                "resources": ["requests": ["storage": "1Gi"]],
            ],
        ]
    }
}
