/// Replication and consistency: where the replicas are before, during and after, and what
/// clients may ask for while two datacenters are live.
enum ReplicationRules {
    static let all: [Rule] = [
        consistencyNotLocal, quorumNeedsAllReplicas, replicationUnknownDatacenter, keyspaceNotReplicated,
        replicationExceedsNodes, systemKeyspaceDeclared, systemAuthFragile, simpleStrategyDatacenters,
    ]

    static let simpleStrategyDatacenters = Rule(
        RuleDescription(
            name: .simpleStrategyDatacenters, severity: .error,
            summary: "a SimpleStrategy keyspace in a source with several datacenters",
            checks: "Refuses `replication = { class = \"SimpleStrategy\", ... }` when the source cluster declares more than one datacenter.",
            why: """
                SimpleStrategy places a keyspace's replicas on the next nodes of the ring, whatever \
                their datacenter: in a cluster of several datacenters each one holds an unknown \
                share of them. cmplanc converts a SimpleStrategy keyspace to NetworkTopologyStrategy \
                in the source's datacenter at the same factor before anything else, which is the \
                same placement only where that datacenter is the whole ring.
                """,
            fix: "Convert the keyspace to NetworkTopologyStrategy yourself (ALTER KEYSPACE, then nodetool repair --full), and declare the map it has then.",
            before: """
                keyspace "app" {
                  replication = { class = "SimpleStrategy", replication_factor = 3 }
                }
                """,
            after: """
                keyspace "app" {
                  replication = { dc1 = 3, dc2 = 3 }
                }
                """)
    ) { rule, context in
        guard context.plan.source.datacenters.count > 1 else { return [] }
        return context.plan.keyspaces.compactMap { keyspace in
            guard let factor = keyspace.simpleStrategyFactor else { return nil }
            return rule.finding(
                "keyspace \(keyspace.name.value) uses SimpleStrategy, and the source has \(context.plan.source.datacenters.count) datacenters",
                at: factor.range,
                help: "convert it to NetworkTopologyStrategy first (ALTER KEYSPACE, then nodetool repair --full) and declare its map")
        }
    }

    /// Keyspaces that can never be declared: the local and virtual system keyspaces.
    static let reservedKeyspaces = SystemKeyspaces.local

    static let consistencyNotLocal = Rule(
        RuleDescription(
            name: .consistencyNotLocal, severity: .error,
            summary: "datacenter-*: clients must use LOCAL_ONE or LOCAL_QUORUM while two datacenters are live",
            checks: "With datacenter-handover and datacenter-extend, `consistency` must be LOCAL_ONE or LOCAL_QUORUM.",
            why: """
                While the new datacenter is rebuilt it holds only part of the data. A non-local \
                level (ONE, QUORUM, ALL, EACH_QUORUM...) lets a read be answered by, or wait for, \
                replicas in the new datacenter: reads return missing rows, or time out when it is \
                far away. Seed 000: "Before starting the data migration, make sure that read and \
                write consistency types are set as LOCAL_ONE or LOCAL_QUORUM."
                """,
            fix: "Set the clients to LOCAL_QUORUM (or LOCAL_ONE) before the migration and write that in the plan.",
            before: """
                plan "move" {
                  consistency = QUORUM
                }
                """,
            after: """
                plan "move" {
                  consistency = LOCAL_QUORUM
                }
                """)
    ) { rule, context in
        guard context.strategy.isDatacenterStrategy, let consistency = context.plan.settings.consistency,
            consistency.value != .localOne, consistency.value != .localQuorum
        else { return [] }
        return [
            rule.finding(
                "consistency \(consistency.value.rawValue) reaches into the datacenter being rebuilt", at: consistency.range,
                help: "switch the clients to LOCAL_QUORUM before the migration and set consistency = LOCAL_QUORUM")
        ]
    }

    static let quorumNeedsAllReplicas = Rule(
        RuleDescription(
            name: .quorumNeedsAllReplicas, severity: .warning,
            summary: "LOCAL_QUORUM with replication factor 2: no replica may be down",
            checks: "Warns for each keyspace with 2 replicas in a datacenter (before or after) when clients use LOCAL_QUORUM or QUORUM.",
            why: """
                A quorum of 2 is 2. Every node restart during the migration (a rebuild that \
                crashes with errno=12, a pod moved by the operator) makes a third of the token \
                ranges unavailable to LOCAL_QUORUM clients. Seed 000's keyspace had 'x1': 2.
                """,
            fix: "Accept the risk knowingly, or raise the replication factor to 3 before migrating.",
            before: """
                keyspace "example" {
                  replication = { x1 = 2 }
                }
                """,
            after: """
                keyspace "example" {
                  replication = { x1 = 3 }
                }
                """)
    ) { rule, context in
        guard let consistency = context.plan.settings.consistency,
            consistency.value == .localQuorum || consistency.value == .quorum
        else { return [] }
        return context.plan.keyspaces.compactMap { keyspace in
            let sourceTwo = keyspace.replication.value.first { $0.factor.value == 2 }
            let targetTwo = context.plan.target.datacenters.first { context.replication.targetFactor(of: keyspace, in: $0) == 2 }
            guard sourceTwo != nil || targetTwo != nil else { return nil }
            let range = sourceTwo?.factor.range ?? keyspace.targetReplication?.range ?? keyspace.name.range
            let where_ = sourceTwo.map { "datacenter \($0.datacenter.value)" } ?? "datacenter \(targetTwo?.name.value ?? "")"
            return rule.warning(
                "keyspace \(keyspace.name.value) has 2 replicas in \(where_): \(consistency.value.rawValue) fails whenever one is down",
                at: range, notes: [Note("clients use \(consistency.value.rawValue)", at: consistency.range)],
                help: "raise the replication factor to 3, or make sure no node restarts while clients write")
        }
    }

    static let replicationUnknownDatacenter = Rule(
        RuleDescription(
            name: .replicationUnknownDatacenter, severity: .error,
            summary: "a keyspace names a datacenter the source does not have",
            checks: "Every datacenter in a keyspace's `replication` must be a datacenter of the source cluster.",
            why: """
                `replication` is what the keyspace is on the source today, and the runbook asserts \
                it before it changes anything. A DC that does not exist is a typo or a stale plan; \
                on Cassandra 4.0 and later, the ALTER KEYSPACE built from it would fail with \
                "Unrecognized strategy option {x3} passed to NetworkTopologyStrategy".
                """,
            fix: "Copy the replication from `DESCRIBE KEYSPACE` on the source.",
            before: """
                keyspace "example" {
                  replication = { x3 = 2 }
                }
                """,
            after: """
                keyspace "example" {
                  replication = { x1 = 2 }
                }
                """)
    ) { rule, context in
        let names = context.plan.source.datacenters.map(\.name.value)
        return context.plan.keyspaces.flatMap { keyspace in
            keyspace.replication.value.filter { !names.contains($0.datacenter.value) }.map { entry in
                rule.finding(
                    "keyspace \(keyspace.name.value) replicates to \"\(entry.datacenter.value)\", which is not a datacenter of the source",
                    at: entry.datacenter.range,
                    help: Suggestion.closest(to: entry.datacenter.value, in: names).map { "did you mean '\($0)'?" }
                        ?? "the source's datacenters are \(names.joined(separator: ", "))")
            }
        }
    }

    static let keyspaceNotReplicated = Rule(
        RuleDescription(
            name: .keyspaceNotReplicated, severity: .error,
            summary: "a keyspace has no replica in the datacenter a target datacenter rebuilds from",
            checks: """
                With datacenter-* strategies, every keyspace must have replicas in the source \
                datacenter each target datacenter rebuilds from (`from`).
                """,
            why: """
                `nodetool rebuild -- <dc>` streams only what that datacenter holds. A keyspace \
                with no replica there is silently skipped: the rebuild "succeeds", the new \
                datacenter has no copy, and retiring the source deletes the keyspace's only data.
                """,
            fix: "Rebuild the target datacenter from a datacenter that holds every keyspace, or replicate the keyspace there first.",
            before: """
                keyspace "reports" {
                  replication = { analytics = 2 }
                }
                """,
            after: """
                keyspace "reports" {
                  replication = { analytics = 2, x1 = 2 }
                }
                """)
    ) { rule, context in
        guard context.strategy.isDatacenterStrategy else { return [] }
        var findings: [Diagnostic] = []
        for target in context.plan.target.datacenters {
            guard let from = target.from, context.plan.source.datacenter(named: from.value) != nil else { continue }
            for keyspace in context.plan.keyspaces where (keyspace.factor(in: from.value)?.value ?? 0) == 0 {
                findings.append(
                    rule.finding(
                        "keyspace \(keyspace.name.value) has no replica in \(from.value), which datacenter \(target.name.value) rebuilds from",
                        at: keyspace.replication.range, notes: [Note("\(target.name.value) rebuilds from here", at: from.range)],
                        help: "add \(from.value) = N to its replication before migrating, or rebuild from a datacenter that holds it"))
            }
        }
        return findings
    }

    static let replicationExceedsNodes = Rule(
        RuleDescription(
            name: .replicationExceedsNodes, severity: .error,
            summary: "a replication factor larger than the datacenter's node count, before or after",
            checks: """
                Each keyspace's replicas in a source datacenter, and in each target datacenter \
                after the migration, must not outnumber that datacenter's nodes.
                """,
            why: """
                Cassandra places at most one replica per node. With RF 3 on two nodes, every \
                write at QUORUM or LOCAL_QUORUM needs a third replica that cannot exist and \
                fails as unavailable; a target datacenter smaller than its RF cannot serve the \
                clients after cutover.
                """,
            fix: "Add nodes to the datacenter or lower `target_replication` (after a deliberate decision).",
            before: """
                datacenter "x2" { nodes = 2 }
                keyspace "example" { replication = { x1 = 3 } }
                """,
            after: """
                datacenter "x2" { nodes = 3 }
                keyspace "example" { replication = { x1 = 3 } }
                """)
    ) { rule, context in
        var findings: [Diagnostic] = []
        for keyspace in context.plan.keyspaces {
            for entry in keyspace.replication.value {
                guard let datacenter = context.plan.source.datacenter(named: entry.datacenter.value),
                    entry.factor.value > datacenter.nodeCount.value
                else { continue }
                findings.append(
                    rule.finding(
                        "keyspace \(keyspace.name.value) has \(entry.factor.value) replicas in \(datacenter.name.value), which has \(datacenter.nodeCount.value) node\(datacenter.nodeCount.value == 1 ? "" : "s")",
                        at: entry.factor.range, notes: [Note("the datacenter's nodes", at: datacenter.nodeCount.range)],
                        help: "correct the replication factor to what DESCRIBE KEYSPACE shows, or the datacenter's node count"))
            }
            for target in context.plan.target.datacenters {
                let factor = context.replication.targetFactor(of: keyspace, in: target)
                guard factor > target.nodeCount.value else { continue }
                findings.append(
                    rule.finding(
                        "keyspace \(keyspace.name.value) would have \(factor) replicas in \(target.name.value), which has \(target.nodeCount.value) node\(target.nodeCount.value == 1 ? "" : "s")",
                        at: keyspace.targetReplication?.range ?? keyspace.name.range,
                        notes: [Note("the target datacenter's nodes", at: target.nodeCount.range)],
                        help: "give datacenter \(target.name.value) at least \(factor) nodes, or set target_replication"))
            }
        }
        return findings
    }

    static let systemKeyspaceDeclared = Rule(
        RuleDescription(
            name: .systemKeyspaceDeclared, severity: .error,
            summary: "system, system_schema and the virtual keyspaces are not user-modifiable",
            checks: "A plan must not declare `system`, `system_schema`, `system_views` or `system_virtual_schema`.",
            why: """
                These keyspaces are local to each node (LocalStrategy) or virtual: they have no \
                replication to alter, and ALTER KEYSPACE on them fails. Their content follows the \
                node, which is exactly what the migration preserves.
                """,
            fix: "Remove the block. (`system_auth`, `system_distributed` and `system_traces` may be declared.)",
            before: """
                keyspace "system_schema" {
                  replication = { x1 = 3 }
                }
                """,
            after: """
                keyspace "system_auth" {
                  replication = { x1 = 3 }
                }
                """)
    ) { rule, context in
        context.plan.keyspaces.filter { ReplicationRules.reservedKeyspaces.contains($0.name.value) }.map { keyspace in
            rule.finding(
                "keyspace \(keyspace.name.value) is managed by Cassandra itself and cannot be altered", at: keyspace.name.range,
                help: "remove the keyspace \"\(keyspace.name.value)\" block")
        }
    }

    static let systemAuthFragile = Rule(
        RuleDescription(
            name: .systemAuthFragile, severity: .warning,
            summary: "system_auth below RF 3 in a datacenter of three or more nodes",
            checks: """
                Warns when a declared `system_auth` has fewer than 3 replicas in a datacenter of \
                three or more nodes, before or after; and, with a datacenter-* strategy, when it is \
                not declared, so the new datacenter takes whatever it has today.
                """,
            why: """
                Logins read roles from system_auth. With one or two replicas, a node down during \
                the migration can lock every client (and cqlsh in the runbook) out with \
                "Unable to perform authentication" exactly when the cluster is most fragile.
                """,
            fix: "Raise system_auth to 3 replicas per datacenter (and run a repair of it) before migrating.",
            before: """
                keyspace "system_auth" {
                  replication = { x1 = 1 }
                }
                """,
            after: """
                keyspace "system_auth" {
                  replication = { x1 = 3 }
                }
                """)
    ) { rule, context in
        guard let auth = context.plan.keyspaces.first(where: { $0.name.value == "system_auth" }) else {
            // Undeclared, system_auth takes the replicas it has today into the new datacenter (at
            // most 3): often 1, Cassandra's SimpleStrategy default, without a word (issue 16.12).
            guard context.strategy.isDatacenterStrategy, let target = context.plan.target.datacenters.first, target.nodeCount.value >= 3 else {
                return []
            }
            return [
                rule.finding(
                    "system_auth is not declared: \(target.name.value) takes the replicas it has today, often 1 (SimpleStrategy's default)",
                    at: target.name.range,
                    help: "declare keyspace \"system_auth\" with its replication today and target_replication = 3, so the plan sets it")
            ]
        }
        var findings: [Diagnostic] = []
        for entry in auth.replication.value {
            guard let datacenter = context.plan.source.datacenter(named: entry.datacenter.value),
                datacenter.nodeCount.value >= 3, entry.factor.value < 3
            else { continue }
            findings.append(
                rule.finding(
                    "system_auth has \(entry.factor.value) replica\(entry.factor.value == 1 ? "" : "s") in \(datacenter.name.value) of \(datacenter.nodeCount.value) nodes",
                    at: entry.factor.range, help: "ALTER KEYSPACE system_auth to 3 replicas in \(datacenter.name.value) and repair it before migrating"))
        }
        for target in context.plan.target.datacenters where target.nodeCount.value >= 3 {
            let factor = context.replication.targetFactor(of: auth, in: target)
            guard factor < 3, auth.replication.value.allSatisfy({ $0.factor.value >= 3 }) || auth.targetReplication != nil else { continue }
            findings.append(
                rule.finding(
                    "system_auth would have \(factor) replica\(factor == 1 ? "" : "s") in \(target.name.value) of \(target.nodeCount.value) nodes",
                    at: auth.targetReplication?.range ?? auth.name.range, help: "set target_replication = 3 on system_auth"))
        }
        return findings
    }
}
