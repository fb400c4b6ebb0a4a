/// CassKop (Orange-OpenSource/casskop): a CassandraCluster whose StatefulSets are
/// `<cluster>-<dc>-<rack>`, one `nodesPerRacks` for every rack, claims `data-...`.
struct CassKopProfile: OperatorProfile {
    func statefulSetName(datacenter: String, rack: String, rackCount: Int, clusterName: String, kubernetes: KubernetesPlacement) -> String {
        "\(PodLayout.resourceName(clusterName))-\(PodLayout.resourceName(datacenter))-\(PodLayout.resourceName(rack))"
    }

    func claimTemplate(_ kubernetes: KubernetesPlacement) -> String { "data" }

    var cassandraContainer: String? { "cassandra" }

    /// SOURCE: casskop `cassandracluster_types.go`, `GetNodesPerRacks`: one number for every rack.
    func running(nodes: Int, racks: Int) -> [Int] {
        Array(repeating: RackSplit.casskopNodesPerRack(nodes: nodes, racks: racks), count: racks)
    }

    func derivedSeeds(pods: [PodLayout], clusterName: String, kubernetes: KubernetesPlacement, namespace: String, domain: String) -> [String] {
        pods.map { PodLayout.dnsName(pod: $0.pod, service: PodLayout.resourceName(clusterName), namespace: namespace, domain: domain) }
    }

    func namingFindings(_ rule: RuleDescription, target: Cluster, kubernetes: KubernetesPlacement) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        if !NameKind.dnsLabel.accepts(target.clusterName.value) {
            findings.append(
                rule.finding(
                    "CassKop names its CassandraCluster after cluster_name \"\(target.clusterName.value)\", which is not a DNS-1123 label",
                    at: target.clusterName.range, notes: [Note("the target's operator", at: kubernetes.operatorKind.range)],
                    help: "CassKop needs lowercase letters, digits and '-' in cluster_name; choose another operator or strategy"))
        }
        for datacenter in target.datacenters {
            if datacenter.name.value.contains("-") {
                findings.append(
                    rule.finding(
                        "CassKop forbids '-' in datacenter names: \"\(datacenter.name.value)\"", at: datacenter.name.range,
                        help: "rename it without '-', e.g. \"\(datacenter.name.value.filter { $0 != "-" })\""))
            }
            for rack in datacenter.racks.value where rack.value.contains("-") {
                findings.append(
                    rule.finding(
                        "CassKop forbids '-' in rack names: \"\(rack.value)\"", at: rack.range,
                        help: "rename it without '-', e.g. \"\(rack.value.filter { $0 != "-" })\""))
            }
            // CassKop's GetDCRackName: `dc-rack` must match ^[a-z]([-a-z0-9]*[a-z0-9])?$ or it
            // logs an error and creates no StatefulSet for the rack (casskop cassandracluster_types.go).
            guard !datacenter.name.value.contains("-") else { continue }
            if !Self.accepts(datacenter.name.value, first: true) {
                findings.append(
                    rule.finding(
                        "CassKop creates no StatefulSet in datacenter \"\(datacenter.name.value)\": its <dc>-<rack> names must be lowercase letters and digits, starting with a letter",
                        at: datacenter.name.range, help: "rename it, e.g. \"\(Self.suggestion(datacenter.name.value))\""))
                continue
            }
            for rack in datacenter.racks.value
            where !rack.value.contains("-") && (!Self.accepts(rack.value, first: false) || "\(datacenter.name.value)-\(rack.value)".count > 63) {
                findings.append(
                    rule.finding(
                        "CassKop creates no StatefulSet for rack \"\(rack.value)\": \"\(datacenter.name.value)-\(rack.value)\" is not lowercase letters and digits",
                        at: rack.isExplicit ? rack.range : datacenter.name.range,
                        help: "rename it, e.g. \"\(Self.suggestion(rack.value))\""))
            }
        }
        return findings
    }

    func targetObjects(_ manifests: TargetDatacenterManifests) -> [(kind: String, name: String, document: YAML)] {
        manifests.casskopCluster()
    }

    /// Whether a datacenter (`first`) or rack name can stand in CassKop's `<dc>-<rack>`, a
    /// DNS-1035 label: lowercase letters and digits (no `-`: its CRD forbids them), a
    /// datacenter starting with a letter (the whole at most 63 characters, checked per rack).
    static func accepts(_ name: String, first: Bool) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard let head = scalars.first else { return false }
        if first, !("a"..."z").contains(head) { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    /// A name CassKop accepts, close to the one given.
    static func suggestion(_ name: String) -> String {
        let kept = String(name.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) })
        return kept.first?.isLetter == true ? kept : "dc" + kept
    }
}

extension TargetDatacenterManifests {
    /// A CassKop CassandraCluster holding the datacenter (one `nodesPerRacks` for every rack).
    func casskopCluster() -> [(kind: String, name: String, document: YAML)] {
        let namespace = kubernetes.namespace.value
        let resource = PodLayout.resourceName(cluster.clusterName.value)
        let disk = ManifestFactory.quantity(datacenter.disk?.value ?? Size(bytes: 0))
        let racks = datacenter.racks.value.map(\.value)
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
                            // CassKop v2 hands the DC's config to cass-config-builder, which writes
                            // cassandra.yaml (its CRD: topology.dc[].config, preserved as given; v2
                            // dropped v1alpha1's numTokens).
                            "config": ["cassandra-yaml": cassandraYAML],
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
    }
}
