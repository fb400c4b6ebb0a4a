/// No operator: plain StatefulSets of the official image, the plan's `statefulset` (one per
/// rack, `<statefulset>-<rack>`, when there are several) and `claim_template`.
struct PlainStatefulSetProfile: OperatorProfile {
    func statefulSetName(datacenter: String, rack: String, rackCount: Int, clusterName: String, kubernetes: KubernetesPlacement) -> String {
        rackCount > 1 ? "\(kubernetes.statefulSet.value)-\(PodLayout.resourceName(rack))" : kubernetes.statefulSet.value
    }

    func claimTemplate(_ kubernetes: KubernetesPlacement) -> String { kubernetes.claimTemplate.value }

    var cassandraContainer: String? { nil }

    func running(nodes: Int, racks: Int) -> [Int] { RackSplit.planned(nodes: nodes, racks: racks) }

    func derivedSeeds(pods: [PodLayout], clusterName: String, kubernetes: KubernetesPlacement, namespace: String, domain: String) -> [String] {
        pods.map { PodLayout.dnsName(pod: $0.pod, service: kubernetes.statefulSet.value, namespace: namespace, domain: domain) }
    }

    func namingFindings(_ rule: RuleDescription, target: Cluster, kubernetes: KubernetesPlacement) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for datacenter in target.datacenters where datacenter.racks.value.count > 1 {
            for rack in datacenter.racks.value where !NameKind.dnsLabel.accepts(kubernetes.statefulSet.value + "-" + rack.value) {
                findings.append(
                    rule.finding(
                        "rack \"\(rack.value)\" cannot name the StatefulSet \"\(kubernetes.statefulSet.value)-\(rack.value)\"",
                        at: rack.range, help: "with several racks each rack names a StatefulSet: use lowercase letters, digits and '-'"))
            }
        }
        return findings
    }

    func targetObjects(_ manifests: TargetDatacenterManifests) -> [(kind: String, name: String, document: YAML)] {
        manifests.plainStatefulSets()
    }
}

extension TargetDatacenterManifests {
    /// Plain StatefulSets, one per rack, with their headless Service (the official image's environment).
    func plainStatefulSets() -> [(kind: String, name: String, document: YAML)] {
        let namespace = kubernetes.namespace.value
        let clusterName = cluster.clusterName.value
        let disk = ManifestFactory.quantity(datacenter.disk?.value ?? Size(bytes: 0))
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
                seeds: (joining?.seeds ?? []) + own, autoBootstrap: joining == nil, claim: kubernetes.claimTemplate.value,
                numTokens: cluster.numTokens.value)
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
