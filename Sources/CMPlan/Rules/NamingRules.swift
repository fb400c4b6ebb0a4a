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
        var findings: [Diagnostic] = []
        switch kubernetes.operatorKind.value {
        case .casskop:
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
                if !Self.casskopAccepts(datacenter.name.value, first: true) {
                    findings.append(
                        rule.finding(
                            "CassKop creates no StatefulSet in datacenter \"\(datacenter.name.value)\": its <dc>-<rack> names must be lowercase letters and digits, starting with a letter",
                            at: datacenter.name.range, help: "rename it, e.g. \"\(Self.casskopSuggestion(datacenter.name.value))\""))
                    continue
                }
                for rack in datacenter.racks.value
                where !rack.value.contains("-") && (!Self.casskopAccepts(rack.value, first: false) || "\(datacenter.name.value)-\(rack.value)".count > 63) {
                    findings.append(
                        rule.finding(
                            "CassKop creates no StatefulSet for rack \"\(rack.value)\": \"\(datacenter.name.value)-\(rack.value)\" is not lowercase letters and digits",
                            at: rack.isExplicit ? rack.range : datacenter.name.range,
                            help: "rename it, e.g. \"\(Self.casskopSuggestion(rack.value))\""))
                }
            }
        case .statefulset:
            for datacenter in target.datacenters where datacenter.racks.value.count > 1 {
                for rack in datacenter.racks.value where !NameKind.dnsLabel.accepts(kubernetes.statefulSet.value + "-" + rack.value) {
                    findings.append(
                        rule.finding(
                            "rack \"\(rack.value)\" cannot name the StatefulSet \"\(kubernetes.statefulSet.value)-\(rack.value)\"",
                            at: rack.range, help: "with several racks each rack names a StatefulSet: use lowercase letters, digits and '-'"))
                }
            }
        case .cassOperator:
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
        case .rook:
            break
        }
        return findings
    }

    /// Whether a datacenter (`first`) or rack name can stand in CassKop's `<dc>-<rack>`, a
    /// DNS-1035 label: lowercase letters and digits (no `-`: its CRD forbids them), a
    /// datacenter starting with a letter (the whole at most 63 characters, checked per rack).
    static func casskopAccepts(_ name: String, first: Bool) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard let head = scalars.first else { return false }
        if first, !("a"..."z").contains(head) { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    /// A name CassKop accepts, close to the one given.
    static func casskopSuggestion(_ name: String) -> String {
        let kept = String(name.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) })
        return kept.first?.isLetter == true ? kept : "dc" + kept
    }
}
