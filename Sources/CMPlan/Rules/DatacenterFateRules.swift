/// What becomes of each datacenter of a source with several (`source-datacenter-fate`,
/// `statefulset-datacenters`, issue 17.2): a plan says which source datacenters move, which
/// retire and which stay, and never names two datacenters' pods alike.
enum DatacenterFateRules {
    static let all: [Rule] = [sourceDatacenterFate, statefulSetDatacenters]

    /// One finding of `source-datacenter-fate`: where, what, and how to fix it.
    private struct Finding {
        var message: String
        var range: SourceRange
        var notes: [Note] = []
        var help: String
    }

    static let sourceDatacenterFate = Rule(
        RuleDescription(
            name: .sourceDatacenterFate, severity: .error,
            summary: "a source datacenter no target datacenter moves, without saying whether it stays",
            checks: """
                With datacenter-extend or datacenter-handover, every source datacenter that no \
                target datacenter names in `from` says `keep = true` (it stays as it is: its nodes, \
                its workloads and its place in every keyspace's replication untouched; \
                datacenter-extend only) or `keep = false` (it retires with the moved ones: it \
                leaves replication and its nodes are decommissioned). `keep` is refused on a \
                datacenter that is moved, on a target datacenter, with datacenter-handover when \
                true, and with the other strategies.
                """,
            why: """
                The runbook retires what it moves. A second source datacenter the plan only lists \
                (say an analytics datacenter) would otherwise be retired with the first, silently: \
                its replicas dropped, its nodes decommissioned, its clients left without a local \
                datacenter. Or it stays, and must then be left alone by every step. Only the plan's \
                author knows which. A handover stops every source node for its window and removes \
                them from the ring, so nothing of its source can stay.
                """,
            fix: """
                Add `keep = true` to a source datacenter that stays (datacenter-extend), \
                `keep = false` to one that retires with the moved one; to move it, give it a \
                target datacenter of its own in a plan of its own.
                """,
            before: """
                cluster "old" {
                  datacenter "x1" { nodes = 3 }
                  datacenter "analytics" { nodes = 3 }
                }
                cluster "new" {
                  datacenter "x2" {
                    nodes = 3
                    from  = x1
                  }
                }
                """,
            after: """
                cluster "old" {
                  datacenter "x1" { nodes = 3 }
                  datacenter "analytics" {
                    nodes = 3
                    keep  = true
                  }
                }
                """)
    ) { rule, context in
        fateFindings(context.plan, strategy: context.strategy).map {
            rule.finding($0.message, at: $0.range, notes: $0.notes, help: $0.help)
        }
    }

    private static func fateFindings(_ plan: Plan, strategy: Strategy) -> [Finding] {
        var findings: [Finding] = []
        for datacenter in plan.target.datacenters {
            if let keep = datacenter.keep {
                findings.append(
                    Finding(
                        message: "keep is for source datacenters; \(datacenter.name.value) is a target datacenter", range: keep.range,
                        help: "remove it: the target's datacenters are the ones the migration builds"))
            }
        }
        let written = plan.source.datacenters.compactMap { datacenter in datacenter.keep.map { (datacenter, $0) } }
        guard strategy == .datacenterExtend || strategy == .datacenterHandover else {
            return findings
                + written.map { datacenter, keep in
                    Finding(
                        message: "keep applies to datacenter-extend and datacenter-handover; \(strategy.rawValue) moves every source datacenter",
                        range: keep.range, help: "remove keep from \(datacenter.name.value)")
                }
        }
        var moved: [String: Datacenter] = [:]
        for target in plan.target.datacenters {
            if let from = target.from?.value, moved[from] == nil { moved[from] = target }
        }
        for datacenter in plan.source.datacenters {
            let name = datacenter.name.value
            if let keep = datacenter.keep {
                if keep.value, let target = moved[name] {
                    findings.append(
                        Finding(
                            message: "\(name) cannot both stay and move: target datacenter \(target.name.value) rebuilds from it and the source it moves from retires",
                            range: keep.range, notes: [Note("moved by \(target.name.value)", at: target.from?.range ?? target.name.range)],
                            help: "remove keep from \(name); to add a datacenter without retiring any, this tool has no strategy yet"))
                } else if keep.value, strategy == .datacenterHandover {
                    findings.append(
                        Finding(
                            message: "datacenter-handover stops every source node for its window and removes them all; \(name) cannot stay",
                            range: keep.range, notes: [Note("the strategy", at: plan.settings.strategy.range)],
                            help: "write keep = false to retire \(name) with the others, or use datacenter-extend, where it can stay"))
                }
            } else if moved[name] == nil && plan.source.datacenters.count > 1 {
                let movedNames = plan.source.datacenters.map(\.name.value).filter { moved[$0] != nil }
                findings.append(
                    Finding(
                        message: "no target datacenter moves \(name), and it does not say whether it stays or retires with \(movedNames.joined(separator: ", "))",
                        range: datacenter.name.range,
                        help: strategy == .datacenterExtend
                            ? "add keep = true to leave \(name) running as it is, or keep = false to retire it (its clients move to the new datacenter first)"
                            : "add keep = false: the handover retires it with the others (its clients move to the new datacenter)"))
            }
        }
        return findings
    }

    static let statefulSetDatacenters = Rule(
        RuleDescription(
            name: .statefulSetDatacenters, severity: .error,
            summary: "a cluster of plain StatefulSets with several datacenters",
            checks: """
                A cluster whose `operator = statefulset` has one datacenter: the kubernetes \
                block's `statefulset` (with `-<rack>` per rack) names its pods.
                """,
            why: """
                With a second datacenter both would be named by the same StatefulSet: the \
                runbook would address one datacenter's pods as the other's, drain or decommission \
                them twice, and read the wrong datacenter's nodes. Real clusters run each \
                datacenter under a StatefulSet of its own name, which a plan cannot state yet.
                """,
            fix: "Describe one datacenter per plain-StatefulSet cluster, or run the cluster under an operator that names each datacenter's StatefulSets.",
            before: """
                cluster "old" {
                  kubernetes { operator = statefulset }
                  datacenter "x1" { nodes = 3 }
                  datacenter "y1" { nodes = 3 }
                }
                """,
            after: """
                cluster "old" {
                  kubernetes { operator = cass-operator }
                  datacenter "x1" { nodes = 3 }
                  datacenter "y1" { nodes = 3 }
                }
                """)
    ) { rule, context in
        [context.plan.source, context.plan.target].flatMap { cluster -> [Diagnostic] in
            guard cluster.kubernetes?.operatorKind.value == .statefulset, cluster.datacenters.count > 1,
                let statefulSet = cluster.kubernetes?.statefulSet
            else { return [] }
            return cluster.datacenters.dropFirst().map { datacenter in
                rule.finding(
                    "\(datacenter.name.value) would run in the StatefulSet \(statefulSet.value) of \(cluster.datacenters[0].name.value): cluster \(cluster.label.value) runs plain StatefulSets, which name one datacenter",
                    at: datacenter.name.range, notes: [Note("the first datacenter", at: cluster.datacenters[0].name.range)],
                    help: "describe one datacenter per plain-StatefulSet cluster, or name the operator that runs these datacenters")
            }
        }
    }
}
