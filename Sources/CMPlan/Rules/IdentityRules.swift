/// Identity and topology: the target must be recognisably the same Cassandra cluster, with
/// names and shapes that Cassandra and the target operator accept.
enum IdentityRules {
    static let all: [Rule] = [
        clusterNameMismatch, datacenterNameClash, datacenterRenamed, rackRenamed, nodeCountMismatch,
        operatorUnsupported, seedIsIP, versionMismatch,
    ]

    static let clusterNameMismatch = Rule(
        RuleDescription(
            name: .clusterNameMismatch, severity: .error,
            summary: "the target's cluster_name differs from the source's",
            checks: """
                The target cluster's `cluster_name`, when written, must equal the source's. Left \
                out, it defaults to the source's, which is always right.
                """,
            why: """
                Cassandra stores the cluster name in its system keyspace and refuses to start a \
                node whose configuration says otherwise: "Saved cluster name cassandra != \
                configured name cassandra2". A temporary or new datacenter that joins the source \
                cluster must carry its name, and adopted volumes carry the old name on disk; a \
                different name means pods that crash-loop in the middle of the downtime window.
                """,
            fix: "Remove `cluster_name` from the target cluster, or make it equal to the source's.",
            before: """
                cluster "new" {
                  cluster_name = "cassandra2"
                }
                """,
            after: """
                cluster "new" {
                  # cluster_name defaults to the source's
                }
                """)
    ) { rule, context in
        let source = context.plan.source
        let target = context.plan.target
        guard target.clusterName.isExplicit, target.clusterName.value != source.clusterName.value else { return [] }
        return [
            rule.finding(
                "target cluster_name \"\(target.clusterName.value)\" differs from the source's \"\(source.clusterName.value)\"",
                at: target.clusterName.range,
                notes: [
                    Note("the source's cluster_name", at: source.clusterName.range),
                    Note("Cassandra refuses to start a node whose saved cluster name differs from its configuration"),
                ],
                help: "remove cluster_name from cluster \"\(target.label.value)\"; it defaults to the source's")
        ]
    }

    static let datacenterNameClash = Rule(
        RuleDescription(
            name: .datacenterNameClash, severity: .error,
            summary: "datacenter-*: a target datacenter has a source datacenter's name",
            checks: """
                With datacenter-handover and datacenter-extend the new datacenter joins the source \
                cluster beside the old one, so each target datacenter needs a name no source \
                datacenter has.
                """,
            why: """
                Nodes with the same datacenter name are one datacenter to Cassandra. New, empty \
                nodes would take token ranges in the old datacenter, serve reads for data they do \
                not have, and `nodetool rebuild` would have nothing to rebuild from.
                """,
            fix: "Give the target datacenter a new name (for example x2 beside a source datacenter x1).",
            before: """
                cluster "new" {
                  datacenter "x1" { nodes = 3 }
                }
                """,
            after: """
                cluster "new" {
                  datacenter "x2" { nodes = 3 }
                }
                """)
    ) { rule, context in
        guard context.strategy.isDatacenterStrategy else { return [] }
        return context.plan.target.datacenters.compactMap { target in
            guard let clash = context.plan.source.datacenter(named: target.name.value) else { return nil }
            return rule.finding(
                "target datacenter \"\(target.name.value)\" has the name of a source datacenter", at: target.name.range,
                notes: [Note("the source datacenter", at: clash.name.range)],
                help: "rename the target datacenter, e.g. \"\(target.name.value)-new\"; both run in one cluster until cutover")
        }
    }

    static let datacenterRenamed = Rule(
        RuleDescription(
            name: .datacenterRenamed, severity: .error,
            summary: "volume-adoption: a target datacenter name differs from the source's",
            checks: """
                With volume-adoption every pod starts on a copy of a source node's disk, so every \
                target datacenter must have the name of a source datacenter.
                """,
            why: """
                A node remembers its datacenter in its system keyspace and will not start under \
                another: "Cannot start node if snitch's data center (dc2) differs from previous \
                data center (dc1). Please fix the snitch configuration, decommission and \
                rebootstrap this node or use the flag -Dcassandra.ignore_dc=true." Every adopted \
                pod would fail in the downtime window.
                """,
            fix: "Name the target datacenter exactly as the source's (`nodetool status` prints it).",
            before: """
                cluster "eks" {
                  datacenter "eks-dc" { nodes = 3 }
                }
                """,
            after: """
                cluster "eks" {
                  datacenter "datacenter1" { nodes = 3 }
                }
                """)
    ) { rule, context in
        guard context.strategy == .volumeAdoption else { return [] }
        let sourceNames = context.plan.source.datacenters.map(\.name.value)
        return context.plan.target.datacenters.compactMap { target in
            guard !sourceNames.contains(target.name.value) else { return nil }
            let suggestion = Suggestion.closest(to: target.name.value, in: sourceNames) ?? sourceNames.first ?? "dc1"
            return rule.finding(
                "target datacenter \"\(target.name.value)\" is not a source datacenter; adopted nodes keep their datacenter",
                at: target.name.range,
                notes: [Note("the source's datacenters are \(sourceNames.joined(separator: ", "))")],
                help: "rename it to \"\(suggestion)\"")
        }
    }

    static let rackRenamed = Rule(
        RuleDescription(
            name: .rackRenamed, severity: .error,
            summary: "volume-adoption: racks must be kept, node by node",
            checks: """
                With volume-adoption, the target datacenter's racks must hold as many pods as the \
                source has nodes in each rack: every source node's rack must be among the target's \
                `racks`, and spreading the target's nodes round-robin over its racks must give \
                each rack the same count as the source.
                """,
            why: """
                Like the datacenter, the rack is stored on the node's disk and checked at start: \
                "Cannot start node if snitch's rack (r2) differs from previous rack (r1)". A pod \
                that receives a volume from another rack does not start, and racks decide replica \
                placement, so changing them would also move data.
                """,
            fix: "List the source's racks in the target datacenter and give it one node per source node.",
            before: """
                cluster "eks" {
                  datacenter "dc1" {
                    nodes = 3
                    racks = ["rack1"]
                  }
                }
                """,
            after: """
                cluster "eks" {
                  datacenter "dc1" {
                    nodes = 3
                    racks = ["r1", "r2", "r3"]
                  }
                }
                """)
    ) { rule, context in
        guard context.strategy == .volumeAdoption else { return [] }
        var findings: [Diagnostic] = []
        for target in context.plan.target.datacenters {
            guard let source = context.plan.source.datacenter(named: target.name.value) else { continue }
            let sourceCounts = RackSplit.byRack(source)
            let targetCounts = RackSplit.byRack(target)
            let targetRacks = target.racks.value.map(\.value)
            for (rack, count) in sourceCounts.sorted(by: { $0.key < $1.key }) {
                let node = source.nodes.first { $0.rack.value == rack }
                if !targetRacks.contains(rack) {
                    findings.append(
                        rule.finding(
                            "rack \"\(rack)\" of the source's datacenter \"\(source.name.value)\" is missing from the target's racks",
                            at: target.racks.range, notes: node.map { [Note("a node in rack \(rack)", at: $0.rack.range)] } ?? [],
                            help: "add \"\(rack)\" to racks of datacenter \"\(target.name.value)\""))
                } else if targetCounts[rack, default: 0] != count {
                    findings.append(
                        rule.finding(
                            "rack \"\(rack)\" has \(count) source node\(count == 1 ? "" : "s") but would get \(targetCounts[rack, default: 0]) pod\(targetCounts[rack, default: 0] == 1 ? "" : "s")",
                            at: target.racks.range,
                            help: "keep the racks in the source's order and one pod per source node: nodes round-robin over racks"))
                }
            }
        }
        return findings
    }

    static let nodeCountMismatch = Rule(
        RuleDescription(
            name: .nodeCountMismatch, severity: .error,
            summary: "volume-adoption: one pod per source node, no more, no fewer",
            checks: """
                With volume-adoption each target datacenter must have exactly as many nodes as the \
                source datacenter of the same name has node blocks.
                """,
            why: """
                Each pod is one source node, identified by the host id on its volume. A pod without \
                a volume would bootstrap as a new, empty node inside the adopted datacenter; a \
                volume without a pod is a node that simply disappears, with the token ranges only \
                it held.
                """,
            fix: "Set the target datacenter's `nodes` to the number of source machines.",
            before: """
                datacenter "dc1" {
                  nodes = 5
                }
                """,
            after: """
                datacenter "dc1" {
                  nodes = 3
                }
                """)
    ) { rule, context in
        guard context.strategy == .volumeAdoption else { return [] }
        return context.plan.target.datacenters.compactMap { target in
            guard let source = context.plan.source.datacenter(named: target.name.value),
                source.nodeCount.value != target.nodeCount.value
            else { return nil }
            return rule.finding(
                "datacenter \"\(target.name.value)\" would have \(target.nodeCount.value) pods for \(source.nodeCount.value) source nodes",
                at: target.nodeCount.range, notes: [Note("the source datacenter", at: source.name.range)],
                help: "set nodes = \(source.nodeCount.value)")
        }
    }

    static let operatorUnsupported = Rule(
        RuleDescription(
            name: .operatorUnsupported, severity: .error,
            summary: "the target's operator cannot run the migrated cluster",
            checks: """
                The target cluster's `operator` must be one cmplanc can hand a cluster to: casskop, \
                cass-operator or statefulset; volume-adoption hands it to a plain StatefulSet, and \
                datacenter-extend cannot point CassKop at the source's seeds.
                """,
            why: """
                Rook's Cassandra operator was removed from Rook in release 1.8 and is unmaintained: \
                it is fine as a source to move away from (seed 000 did), but a target on it could \
                not be upgraded or repaired, and its configuration is compiled into the operator.
                """,
            fix: "Use casskop, cass-operator or statefulset for the target.",
            before: """
                kubernetes {
                  operator = rook
                }
                """,
            after: """
                kubernetes {
                  operator = casskop
                }
                """)
    ) { rule, context in
        guard let kubernetes = context.plan.target.kubernetes else { return [] }
        let kind = kubernetes.operatorKind.value
        if kind == .rook {
            return [
                rule.finding(
                    "Rook's Cassandra operator cannot be a target: it was removed from Rook in 1.8", at: kubernetes.operatorKind.range,
                    help: "use operator = casskop, cass-operator or statefulset")
            ]
        }
        if context.strategy == .volumeAdoption, kind != .statefulset {
            return [
                rule.finding(
                    "volume-adoption into \(kind.rawValue) is not generated: the adopted volumes are bound to a StatefulSet's claims by name",
                    at: kubernetes.operatorKind.range, notes: [Note("the strategy", at: context.plan.settings.strategy.range)],
                    help: "use operator = statefulset for the target")
            ]
        }
        if context.strategy == .datacenterExtend, kind == .casskop {
            return [
                rule.finding(
                    "datacenter-extend into casskop is not generated: CassKop computes its seed list itself (status.seedlist), so it cannot be pointed at the source's seeds",
                    at: kubernetes.operatorKind.range, notes: [Note("the strategy", at: context.plan.settings.strategy.range)],
                    help: "use cass-operator (additionalSeeds) or statefulset (CASSANDRA_SEEDS) for the new datacenter")
            ]
        }
        return []
    }

    static let seedIsIP = Rule(
        RuleDescription(
            name: .seedIsIP, severity: .error,
            summary: "a seed is an IP address in Kubernetes",
            checks: "A cluster in Kubernetes must name its seeds by DNS name, never by IP address.",
            why: """
                Pod IPs change whenever a pod restarts (seed 004: "the IP addresses will not \
                necessarily be preserved"). A seed list of IPs goes stale at the first restart; \
                nodes that restart then cannot find the cluster, and a new datacenter gossips \
                with nobody.
                """,
            fix: "Use the pods' stable DNS names (`<pod>.<service>.<namespace>.svc.<domain>`) or leave `seeds` out to derive them.",
            before: """
                cluster "old" {
                  seeds = ["10.244.1.7"]
                }
                """,
            after: """
                cluster "old" {
                  seeds = ["cassandra-0.cassandra.db.svc.cluster.local"]
                }
                """)
    ) { rule, context in
        context.plan.clusters.flatMap { cluster -> [Diagnostic] in
            guard cluster.kubernetes != nil, let seeds = cluster.seeds else { return [] }
            return seeds.value.filter { CIDR.isAddress($0.value) }.map { seed in
                rule.finding(
                    "seed \(seed.value) is a pod IP address, which changes when the pod restarts", at: seed.range,
                    help: "name the seed by its DNS name, e.g. cassandra-0.cassandra.<namespace>.svc.cluster.local")
            }
        }
    }

    static let versionMismatch = Rule(
        RuleDescription(
            name: .versionMismatch, severity: .error,
            summary: "source and target differ in Cassandra major.minor version",
            checks: "The target's `cassandra_version`, when written, must have the source's major and minor version.",
            why: """
                Streaming between versions is not supported, and sstables and system tables \
                change format between major versions: a rebuild across versions fails part-way, \
                and an adopted volume is upgraded in place with no way back. Upgrade before or \
                after the migration, never during.
                """,
            fix: "Remove `cassandra_version` from the target (it defaults to the source's) or match major.minor.",
            before: """
                cluster "new" {
                  cassandra_version = "4.1.3"
                }
                """,
            after: """
                cluster "new" {
                  cassandra_version = "3.11.16"
                }
                """)
    ) { rule, context in
        let source = context.plan.source.cassandraVersion
        let target = context.plan.target.cassandraVersion
        guard source.value.major != target.value.major || source.value.minor != target.value.minor else { return [] }
        return [
            rule.finding(
                "target Cassandra \(target.value.major).\(target.value.minor) differs from the source's \(source.value.major).\(source.value.minor)",
                at: target.range, notes: [Note("the source's version", at: source.range)],
                help: "migrate on \(source.value.major).\(source.value.minor) and upgrade afterwards")
        ]
    }
}
