/// cass-operator (k8ssandra/cass-operator): a CassandraDatacenter whose StatefulSets are
/// `<CleanupForKubernetes(cluster)>-<dc>-<rack>-sts`, claims `server-data-...`, one seed Service.
struct CassOperatorProfile: OperatorProfile {
    func statefulSetName(datacenter: String, rack: String, rackCount: Int, clusterName: String, kubernetes: KubernetesPlacement) -> String {
        "\(CassOperatorNames.cleanupForKubernetes(clusterName))-\(PodLayout.resourceName(datacenter))-\(CassOperatorNames.cleanupSubdomain(rack))-sts"
    }

    func claimTemplate(_ kubernetes: KubernetesPlacement) -> String { "server-data" }

    var cassandraContainer: String? { "cassandra" }

    /// SOURCE: cass-operator `SplitRacks`: the first racks take the remainder.
    func running(nodes: Int, racks: Int) -> [Int] { RackSplit.planned(nodes: nodes, racks: racks) }

    func derivedSeeds(pods: [PodLayout], clusterName: String, kubernetes: KubernetesPlacement, namespace: String, domain: String) -> [String] {
        ["\(CassOperatorNames.seedService(clusterName: clusterName)).\(namespace).svc.\(domain)"]
    }

    func namingFindings(_ rule: RuleDescription, target: Cluster, kubernetes: KubernetesPlacement) -> [Diagnostic] {
        var findings: [Diagnostic] = []
        // The CassandraDatacenter CRD: clusterName and every rack name need minLength 2.
        if target.clusterName.value.count < 2 {
            findings.append(
                rule.finding(
                    "cass-operator needs a cluster_name of at least 2 characters: \"\(target.clusterName.value)\"",
                    at: target.clusterName.range, help: "cass-operator's CRD sets minLength 2 on clusterName"))
        }
        for datacenter in target.datacenters {
            for rack in datacenter.racks.value where rack.value.count < 2 {
                findings.append(
                    rule.finding(
                        "cass-operator needs rack names of at least 2 characters: \"\(rack.value)\"", at: rack.range,
                        help: "rename the rack, e.g. \"rack-\(rack.value)\" (the CRD sets minLength 2 on rack names)"))
            }
        }
        return findings
    }

    func targetObjects(_ manifests: TargetDatacenterManifests) -> [(kind: String, name: String, document: YAML)] {
        manifests.cassOperatorDatacenter()
    }
}

extension TargetDatacenterManifests {
    /// A cass-operator CassandraDatacenter (joining: `additionalSeeds`).
    func cassOperatorDatacenter() -> [(kind: String, name: String, document: YAML)] {
        let namespace = kubernetes.namespace.value
        let clusterName = cluster.clusterName.value
        let disk = ManifestFactory.quantity(datacenter.disk?.value ?? Size(bytes: 0))
        let racks = datacenter.racks.value.map(\.value)
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
            // cass-operator renders spec.config's cassandra-yaml into cassandra.yaml.
            YAMLEntry("config", ["cassandra-yaml": cassandraYAML]),
        ]
        if let secret = factory.superuserSecret {
            // The source's login, copied by the runbook (copy-login-to-target): the role
            // cass-operator upserts is then the existing one (NodeSecurity.superuserSecret).
            spec.append(YAMLEntry("superuserSecretName", .string(secret)))
        }
        if let joining {
            // cass-operator's own way to join a running cluster: seeds outside its datacenter. Names
            // need 1.7.0+ (CHANGELOG "#232 Use hostnames and DNS lookups for AdditionalSeeds"): the
            // operator resolves them into the additional seed service's Endpoints
            // (reconcile_services.go newEndpointsForAdditionalSeeds) or, in newer releases, puts
            // them in an FQDN EndpointSlice (reconcile_endpoints.go) that management-api's
            // K8SeedProvider41x resolves in the pod. Either way the target cluster's DNS must
            // answer them, which preflight's check-seeds-reachable proves from a pod there.
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
    }
}
