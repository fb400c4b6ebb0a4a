/// The storage probe of a datacenter-handover: a 1Gi claim of the target's StorageClass and a pod
/// that mounts it in the target cluster, then the same disk shown to the source cluster (a Retain
/// PersistentVolume template, a pre-bound claim) and mounted by a pod there, before anything of the
/// migration exists. The pods run `pause`: mounting is the proof, nothing reads the disk.
struct StorageProbeManifests {
    let layout: HandoverLayout
    let factory: ManifestFactory

    /// The probe's name: of the claims, pods and PersistentVolume alike.
    var name: String { layout.storageProbe }

    /// The target cluster's objects, in apply order: the claim, then the pod that makes it bind
    /// (a `WaitForFirstConsumer` class provisions only for a pod) and formats it.
    func target() -> [(kind: String, name: String, document: YAML)] {
        let namespace = layout.targetKubernetes.namespace.value
        var spec: [YAMLEntry] = [
            YAMLEntry("accessModes", ["ReadWriteOnce"]),
            YAMLEntry("resources", ["requests": ["storage": "1Gi"]]),
        ]
        if let storageClass = layout.targetDatacenter.storageClass?.value {
            spec.insert(YAMLEntry("storageClassName", .string(storageClass)), at: 0)
        }
        let claim: YAML = [
            "apiVersion": "v1", "kind": "PersistentVolumeClaim",
            "metadata": factory.metadata(name: name, namespace: namespace, component: name),
            "spec": .map(spec),
        ]
        return [("PersistentVolumeClaim", name, claim), ("Pod", name, pod(namespace: namespace))]
    }

    /// The source cluster's objects, in apply order: the borrowed PersistentVolume (a template the
    /// runbook fills from the target's probe volume), its pre-bound claim, the pod that mounts it.
    func source() -> [(kind: String, name: String, document: YAML, template: Bool)] {
        let namespace = layout.sourceKubernetes.namespace.value
        let volume = HandoverManifests.borrowedVolume(name: name, claimNamespace: namespace, claim: name, component: name, factory: factory)
        let claim = HandoverManifests.borrowedClaim(name: name, namespace: namespace, volume: name, size: "1Gi", component: name, factory: factory)
        return [
            ("PersistentVolume", name, volume, true), ("PersistentVolumeClaim", name, claim, false), ("Pod", name, pod(namespace: namespace), false),
        ]
    }

    /// A pod that only mounts the probe claim.
    private func pod(namespace: String) -> YAML {
        [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": factory.metadata(name: name, namespace: namespace, component: name),
            "spec": [
                "terminationGracePeriodSeconds": 5,
                "containers": [
                    [
                        "name": "probe", "image": "registry.k8s.io/pause:3.9",
                        "volumeMounts": [["name": "probe", "mountPath": "/probe"]],
                    ]
                ],
                "volumes": [["name": "probe", "persistentVolumeClaim": ["claimName": .string(name)]]],
            ],
        ]
    }
}
