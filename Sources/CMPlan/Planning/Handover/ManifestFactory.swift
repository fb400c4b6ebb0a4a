/// Shared pieces of the manifests cmplanc writes: metadata with the plan's labels, sizes in
/// Kubernetes quantity form, and the Cassandra container of plain StatefulSets.
struct ManifestFactory {
    let planName: String
    /// The authenticator and authorizer every new Cassandra node runs.
    var security: NodeSecurity? = nil
    /// The Secret a cass-operator target names as its superuser (the source's login).
    var superuserSecret: String? = nil

    /// The labels every generated object carries.
    func labels(name: String, extra: [(String, YAML)] = []) -> YAML {
        .map(
            [
                YAMLEntry("app.kubernetes.io/name", .string(name)),
                YAMLEntry("app.kubernetes.io/managed-by", "cmplanc"),
                YAMLEntry("app.kubernetes.io/part-of", .string(planName)),
            ] + extra.map { YAMLEntry($0.0, $0.1) })
    }

    /// `metadata` of a namespaced object.
    func metadata(name: String, namespace: String?, component: String) -> YAML {
        var entries = [YAMLEntry("name", .string(name))]
        if let namespace { entries.append(YAMLEntry("namespace", .string(namespace))) }
        entries.append(YAMLEntry("labels", labels(name: component)))
        return .map(entries)
    }

    /// A size as a Kubernetes quantity in whole GiB, rounded up (`2048Gi`).
    static func quantity(_ size: Size) -> String {
        let gibibyte: UInt64 = 1 << 30
        return "\(size.bytes / gibibyte + (size.bytes % gibibyte == 0 ? 0 : 1))Gi"
    }

    /// The Cassandra container of a plain StatefulSet (the official image's environment).
    ///
    /// `CASSANDRA_NUM_TOKENS` is set always: the image's own default (256 before 4.0, 16 from
    /// 4.0) is not what a borrowed or adopted disk recorded, and Cassandra refuses to start with
    /// another token count than it saved (docker-library/cassandra docker-entrypoint.sh writes
    /// it into cassandra.yaml's num_tokens).
    func cassandraContainer(
        image: String, clusterName: String, datacenter: String, rack: String, seeds: [String], autoBootstrap: Bool,
        claim: String, numTokens: Int
    ) -> YAML {
        var environment: [YAML] = [
            ["name": "CASSANDRA_CLUSTER_NAME", "value": .string(clusterName)],
            ["name": "CASSANDRA_SEEDS", "value": .string(seeds.joined(separator: ","))],
            ["name": "CASSANDRA_DC", "value": .string(datacenter)],
            ["name": "CASSANDRA_RACK", "value": .string(rack)],
            ["name": "CASSANDRA_NUM_TOKENS", "value": .string(String(numTokens))],
            ["name": "CASSANDRA_ENDPOINT_SNITCH", "value": "GossipingPropertyFileSnitch"],
        ]
        if !autoBootstrap {
            environment.append(["name": "JVM_EXTRA_OPTS", "value": "-Dcassandra.auto_bootstrap=false"])
        }
        var container: [YAMLEntry] = [YAMLEntry("name", "cassandra"), YAMLEntry("image", .string(image))]
        // The image configures only what its environment names: authentication is set here.
        if let command = security?.imageCommand { container.append(YAMLEntry("command", .list(command.map { .string($0) }))) }
        return .map(container + [
            YAMLEntry("env", .list(environment)),
            YAMLEntry(
                "ports",
                [
                    ["name": "intra-node", "containerPort": 7000],
                    ["name": "tls-intra-node", "containerPort": 7001],
                    ["name": "jmx", "containerPort": 7199],
                    ["name": "cql", "containerPort": 9042],
                ]),
            YAMLEntry("lifecycle", ["preStop": ["exec": ["command": ["nodetool", "drain"]]]]),
            YAMLEntry("readinessProbe", ["tcpSocket": ["port": 9042], "initialDelaySeconds": 30, "periodSeconds": 15]),
            YAMLEntry("volumeMounts", .list(mounts(claim: claim))),
        ])
    }

    /// The data volume's mount, and the keystores' (read-only) when the nodes encrypt.
    func mounts(claim: String) -> [YAML] {
        var mounts: [YAML] = [["name": .string(claim), "mountPath": "/var/lib/cassandra"]]
        if security?.tls != nil {
            mounts.append(["name": "cmplan-tls", "mountPath": .string(NodeSecurity.tlsMount), "readOnly": true])
        }
        return mounts
    }

    /// A headless Service for a StatefulSet's stable pod DNS names.
    func headlessService(name: String, namespace: String, selector: YAML) -> YAML {
        [
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": metadata(name: name, namespace: namespace, component: "cassandra"),
            "spec": [
                "clusterIP": "None",
                "publishNotReadyAddresses": true,
                "selector": selector,
                "ports": [["name": "intra-node", "port": 7000], ["name": "cql", "port": 9042]],
            ],
        ]
    }

    /// A StatefulSet running one Cassandra container with one data claim template.
    func statefulSet(
        name: String, namespace: String, service: String, selectorName: String, replicas: Int, container: YAML, claimTemplate: String,
        storageClass: String?, disk: String
    ) -> YAML {
        var claimSpec: [YAMLEntry] = [
            YAMLEntry("accessModes", ["ReadWriteOnce"]),
            YAMLEntry("resources", ["requests": ["storage": .string(disk)]]),
        ]
        if let storageClass { claimSpec.insert(YAMLEntry("storageClassName", .string(storageClass)), at: 0) }
        return [
            "apiVersion": "apps/v1",
            "kind": "StatefulSet",
            "metadata": metadata(name: name, namespace: namespace, component: selectorName),
            "spec": [
                "serviceName": .string(service),
                "replicas": .integer(replicas),
                "selector": ["matchLabels": ["app.kubernetes.io/name": .string(selectorName), "app.kubernetes.io/instance": .string(name)]],
                "template": [
                    "metadata": [
                        "labels": labels(name: selectorName, extra: [("app.kubernetes.io/instance", .string(name))])
                    ],
                    "spec": .map(
                        [YAMLEntry("terminationGracePeriodSeconds", 300), YAMLEntry("containers", [container])]
                            // The tls Secret's keystores and passwords, which the container's command reads.
                            + (security?.tls.map { [YAMLEntry("volumes", [["name": "cmplan-tls", "secret": ["secretName": .string($0.secret.value)]]])] } ?? [])),
                ],
                "volumeClaimTemplates": [["metadata": ["name": .string(claimTemplate)], "spec": .map(claimSpec)]],
            ],
        ]
    }

}
