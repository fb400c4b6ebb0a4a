/// Names as a security boundary (`invalid-name`) and the target operator's own naming
/// limits (`operator-naming`).
enum NamingRules {
    static let all: [Rule] = [invalidName, operatorNaming]

    /// Every name in a plan that reaches a command, a CQL statement or a manifest, with its kind.
    static func names(in plan: Plan) -> [(what: String, name: Located<String>, kind: NameKind)] {
        var names: [(String, Located<String>, NameKind)] = [("plan name", plan.name, .dnsLabel)]
        for cluster in plan.clusters {
            names.append(("cluster label", cluster.label, .topology))
            names.append(("cluster_name", cluster.clusterName, .clusterName))
            names.append(("image", cluster.image, .image))
            for seed in cluster.seeds?.value ?? [] { names.append(("seed", seed, .host)) }
            switch cluster.placement {
            case .kubernetes(let kubernetes):
                names.append(("context", kubernetes.context, .context))
                names.append(("namespace", kubernetes.namespace, .dnsLabel))
                names.append(("domain", kubernetes.domain, .dnsSubdomain))
                names.append(("statefulset", kubernetes.statefulSet, .dnsLabel))
                names.append(("claim_template", kubernetes.claimTemplate, .dnsLabel))
                if let workload = kubernetes.operatorWorkload, workload.isExplicit {
                    for part in [workload.value.namespace, workload.value.name] {
                        names.append(("operator_\(workload.value.kind.rawValue)", workload.map { _ in part }, .dnsLabel))
                    }
                }
            case .machines(let ssh):
                names.append(("ssh user", ssh.user, .user))
                if let options = ssh.options { names.append(("ssh options", options, .sshOptions)) }
            }
            if let aws = cluster.aws { names.append(("region", aws.region, .zone)) }
            for datacenter in cluster.datacenters {
                names.append(("datacenter", datacenter.name, .topology))
                for rack in datacenter.racks.value where rack.isExplicit { names.append(("rack", rack, .topology)) }
                if let storageClass = datacenter.storageClass { names.append(("storage_class", storageClass, .dnsSubdomain)) }
                for zone in datacenter.zones?.value ?? [] { names.append(("zone", zone, .zone)) }
                if let volumeType = datacenter.volumeType { names.append(("volume_type", volumeType, .zone)) }
                for node in datacenter.nodes {
                    names.append(("node", node.name, .topology))
                    names.append(("address", node.address, .host))
                    if let volume = node.volume { names.append(("volume", volume, .ebsVolume)) }
                    if let zone = node.zone { names.append(("zone", zone, .zone)) }
                }
            }
        }
        for keyspace in plan.keyspaces {
            names.append(("keyspace", keyspace.name, .keyspace))
            for entry in keyspace.replication.value { names.append(("datacenter", entry.datacenter, .topology)) }
        }
        return names
    }

    static let invalidName = Rule(
        RuleDescription(
            name: .invalidName, severity: .error,
            summary: "a name that cannot safely go where it must",
            checks: """
                Every name that reaches a shell command, a CQL statement or a manifest is checked \
                against what its destination accepts: plan names, namespaces, StatefulSet and \
                claim names are DNS-1123 labels; keyspaces are letters, digits and underscores up \
                to 48 characters; datacenters and racks letters, digits, `_`, `.`, `-`; EBS volume \
                ids `vol-` and hex; zones and regions lowercase; contexts, images, hosts, ssh users \
                and options free of quotes, `$`, `;`, backslashes and control characters; \
                cluster names free of control characters (Cassandra allows "Bob's Cluster", so \
                emitters quote it).
                """,
            why: """
                The runbook runs these names as root against production. A keyspace called \
                `x'; DROP KEYSPACE app; --` or a context holding `$(rm -rf ~)` must be impossible \
                to express, not merely quoted correctly by every emitter. A namespace with capitals \
                is rejected by the API server half-way through a migration; a DC name with a quote \
                breaks the `ALTER KEYSPACE` that moves replication.
                """,
            fix: "Use the name as Cassandra, Kubernetes or AWS really spell it; the help line says which characters are allowed.",
            before: """
                keyspace "app; DROP KEYSPACE app" {
                  replication = { dc1 = 3 }
                }
                """,
            after: """
                keyspace "app" {
                  replication = { dc1 = 3 }
                }
                """)
    ) { rule, context in
        NamingRules.names(in: context.plan).compactMap { entry in
            guard !entry.kind.accepts(entry.name.value) else { return nil }
            return rule.finding(
                "\(entry.what) \"\(Lexer.shown(entry.name.value))\" is not a valid \(entry.what)", at: entry.name.range,
                help: "a \(entry.what) may hold \(entry.kind.requirement)")
        }
    }

    static let operatorNaming = Rule(
        RuleDescription(
            name: .operatorNaming, severity: .error,
            summary: "a name the target operator cannot use",
            checks: """
                The target operator derives Kubernetes object names from Cassandra names. CassKop \
                names its CassandraCluster after `cluster_name`, which must then be a DNS-1123 \
                label, its CRD forbids `-` in datacenter and rack names (`pattern: ^[^-]+$`), and \
                it creates a rack's StatefulSet only when `<dc>-<rack>` is a DNS-1035 label \
                (lowercase letters and digits, the datacenter starting with a letter); \
                cass-operator's CRD wants cluster and rack names of at least two characters. \
                A plain StatefulSet with several racks runs one StatefulSet per rack, named \
                `<statefulset>-<rack>`, so racks must be DNS-1123 labels.
                """,
            why: """
                The API server rejects an object whose name or fields break these patterns. The \
                target's resources are created during the migration; a rejection there leaves a \
                half-built target and, with datacenter-handover, volumes already provisioned for a \
                cluster that cannot be declared.
                """,
            fix: "Rename the datacenter or rack (with datacenter-handover the target DC is new, so any name works).",
            before: """
                cluster "new" {
                  datacenter "dc-2" { nodes = 3 }
                }
                """,
            after: """
                cluster "new" {
                  datacenter "dc2" { nodes = 3 }
                }
                """)
    ) { rule, context in
        let target = context.plan.target
        guard let kubernetes = target.kubernetes else { return [] }
        return kubernetes.operatorKind.value.profile.namingFindings(rule, target: target, kubernetes: kubernetes)
    }
}
