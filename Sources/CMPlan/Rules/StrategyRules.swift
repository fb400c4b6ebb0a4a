/// What each strategy's generator can build (`strategy-placement`, `target-datacenters`,
/// `target-disk-missing`): `check` refuses every plan `build` would, at the text to change.
enum StrategyRules {
    static let all: [Rule] = [strategyPlacement, targetDatacenters, targetDiskMissing, numTokensChanged]

    /// Where a strategy needs each cluster to run, or nil when the plan's placement fits.
    static func misplacement(_ plan: Plan) -> (message: String, cluster: Cluster, help: String)? {
        let strategy = plan.settings.strategy.value
        let name = strategy.rawValue
        switch strategy {
        case .datacenterHandover, .datacenterExtend:
            for cluster in [plan.source, plan.target] where cluster.kubernetes == nil {
                return (
                    "\(name) runs between two Kubernetes clusters; cluster \(cluster.label.value) runs on machines", cluster,
                    "for a source on machines use volume-adoption (EBS volumes) or snapshot-load (sstableloader)")
            }
        case .snapshotLoad:
            if plan.target.kubernetes == nil {
                return ("snapshot-load loads into a cluster in Kubernetes; target \(plan.target.label.value) runs on machines", plan.target, "give the target a kubernetes block")
            }
        case .volumeAdoption:
            if plan.source.kubernetes != nil {
                return (
                    "volume-adoption moves Cassandra on machines with EBS volumes; source \(plan.source.label.value) runs in Kubernetes", plan.source,
                    "between two Kubernetes clusters use datacenter-handover or datacenter-extend")
            }
            if plan.target.kubernetes == nil {
                return ("volume-adoption moves the machines' volumes into Kubernetes; target \(plan.target.label.value) runs on machines", plan.target, "give the target a kubernetes block")
            }
            if plan.source.aws == nil {
                return ("volume-adoption copies EBS volumes: source \(plan.source.label.value) has no aws block naming their region", plan.source, "add aws { region = \"...\" } to the source")
            }
        }
        return nil
    }

    static let strategyPlacement = Rule(
        RuleDescription(
            name: .strategyPlacement, severity: .error,
            summary: "a cluster runs where the strategy cannot take or put it",
            checks: """
                datacenter-handover and datacenter-extend run between two clusters in Kubernetes; \
                snapshot-load loads into Kubernetes; volume-adoption moves machines (with an `aws` \
                block for their EBS volumes) into Kubernetes.
                """,
            why: """
                Each strategy's runbook is built from where the clusters run: a handover borrows \
                Kubernetes volumes, an adoption copies EBS volumes from machines. A plan placed \
                otherwise has no runbook, and must say so before anyone reviews it.
                """,
            fix: "Choose the strategy that moves between where the clusters really run, or correct the cluster's placement.",
            before: """
                plan "p" {
                  strategy = datacenter-handover
                }
                cluster "old" {
                  ssh { user = "ubuntu" }
                }
                """,
            after: """
                plan "p" {
                  strategy = snapshot-load
                }
                cluster "old" {
                  ssh { user = "ubuntu" }
                }
                """)
    ) { rule, context in
        guard let found = misplacement(context.plan) else { return [] }
        return [
            rule.finding(
                found.message, at: found.cluster.label.range, notes: [Note("the strategy", at: context.plan.settings.strategy.range)],
                help: found.help)
        ]
    }

    static let targetDatacenters = Rule(
        RuleDescription(
            name: .targetDatacenters, severity: .error,
            summary: "the strategy builds one target datacenter; the plan declares several",
            checks: """
                datacenter-handover and snapshot-load generate exactly one target datacenter \
                (volume-adoption keeps the source's datacenters); datacenter-extend generates one \
                new datacenter per moved source datacenter, so two target datacenters may not \
                rebuild from the same one.
                """,
            why: """
                A second target datacenter would need its own rebuild source, seeds, replication \
                and retirement order; generating only the first would leave the others' data \
                unplaced while the source is retired.
                """,
            fix: """
                With datacenter-handover or snapshot-load keep one target datacenter (a source \
                datacenter it does not move says `keep = false`), or use datacenter-extend, which \
                moves several; there give each new datacenter a source datacenter of its own.
                """,
            before: """
                cluster "new" {
                  datacenter "dc2" { nodes = 3 }
                  datacenter "dc3" { nodes = 3 }
                }
                """,
            after: """
                cluster "new" {
                  datacenter "dc2" { nodes = 3 }
                }
                """)
    ) { rule, context in
        guard context.strategy != .volumeAdoption, context.plan.target.datacenters.count > 1 else { return [] }
        if context.strategy == .datacenterExtend {
            // datacenter-extend moves several source datacenters, each into a new one of its own.
            var seen: [String: Datacenter] = [:]
            return context.plan.target.datacenters.compactMap { datacenter in
                guard let from = datacenter.from else { return nil }
                defer { if seen[from.value] == nil { seen[from.value] = datacenter } }
                guard let first = seen[from.value] else { return nil }
                return rule.finding(
                    "\(datacenter.name.value) and \(first.name.value) both rebuild from \(from.value): datacenter-extend moves each source datacenter into one new datacenter",
                    at: from.range, notes: [Note("\(first.name.value) rebuilds from it", at: first.from?.range ?? first.name.range)],
                    help: "give \(datacenter.name.value) another source datacenter in from, or move \(from.value) into one new datacenter")
            }
        }
        return context.plan.target.datacenters.dropFirst().map { datacenter in
            rule.finding(
                "\(context.strategy.rawValue) generates one target datacenter; \(datacenter.name.value) is a second",
                at: datacenter.name.range, notes: [Note("the first", at: context.plan.target.datacenters[0].name.range)],
                help: "keep one target datacenter (a source datacenter it does not move says keep = false), or move several with datacenter-extend")
        }
    }

    static let targetDiskMissing = Rule(
        RuleDescription(
            name: .targetDiskMissing, severity: .error,
            summary: "a new target datacenter has no disk size",
            checks: "Every target datacenter whose volumes cmplanc creates (all strategies but volume-adoption) sets `disk`.",
            why: """
                The new datacenter's claims are created with that size; without it there is no \
                size to ask for, and a guess too small fails the rebuild half-way.
                """,
            fix: "Add `disk = ...`, at least twice the expected load per node (compaction needs the room).",
            before: """
                datacenter "dc2" {
                  nodes = 3
                }
                """,
            after: """
                datacenter "dc2" {
                  nodes = 3
                  disk  = 2TiB
                }
                """)
    ) { rule, context in
        guard context.strategy != .volumeAdoption, context.plan.target.kubernetes != nil else { return [] }
        return context.plan.target.datacenters.filter { $0.disk == nil }.map { datacenter in
            rule.finding(
                "target datacenter \(datacenter.name.value) has no disk: its volumes are created with that size", at: datacenter.name.range,
                help: "add disk = ... (at least twice the expected load per node)")
        }
    }

    static let numTokensChanged = Rule(
        RuleDescription(
            name: .numTokensChanged, severity: .error,
            summary: "volume-adoption with another num_tokens than the adopted disks recorded",
            checks: "With volume-adoption, the target's `num_tokens` equals the source's (the default).",
            why: """
                An adopted disk keeps its node's tokens in its system keyspace; Cassandra refuses \
                to start with another count ("Cannot change the number of tokens from 256 to 16", \
                StorageService), inside the downtime window with the machines stopped.
                """,
            fix: "Remove num_tokens from the target, or set it to the source's.",
            before: """
                cluster "eks" {
                  num_tokens = 16
                }
                """,
            after: """
                cluster "eks" {
                }
                """)
    ) { rule, context in
        let plan = context.plan
        guard context.strategy == .volumeAdoption, plan.target.numTokens.value != plan.source.numTokens.value else { return [] }
        return [
            rule.finding(
                "the adopted disks own \(plan.source.numTokens.value) tokens each; the target asks for \(plan.target.numTokens.value)",
                at: plan.target.numTokens.range, notes: [Note("the source's", at: plan.source.numTokens.range)],
                help: "remove num_tokens from cluster \"\(plan.target.label.value)\" (it defaults to the source's)")
        ]
    }
}
