/// Network, time and monitoring: the paths between clusters, the downtime window, and the
/// load the new cluster puts on Prometheus.
enum NetworkRules {
    static let all: [Rule] = [podCIDROverlap, seedDomainShared, downtimeOverBudget, parallelRebuildsExceedNodes, metricsOverBudget]

    static let seedDomainShared = Rule(
        RuleDescription(
            name: .seedDomainShared, severity: .warning,
            summary: "datacenter-extend: the source's seeds would be looked up in the target's own DNS",
            checks: """
                With datacenter-extend and no `seeds` in either cluster, the new datacenter's seeds                 are the source pods' DNS names under the source's `domain`. Warns when that domain                 is also the target's.
                """,
            why: """
                A Kubernetes cluster answers names under its own domain itself: with both clusters                 on cluster.local the target never asks the source's DNS, the names do not resolve                 (or resolve to the wrong pods), and a new datacenter whose first node finds no seed                 starts a second cluster of the same name. The runbook's preflight probe stops                 there, but the plan can say the right names before anyone runs it.
                """,
            fix: "Set `seeds` in the target cluster block to names the target resolves, or give the source a domain of its own that the target's DNS forwards to the source.",
            before: """
                cluster "old" { kubernetes { domain = "cluster.local" } }
                cluster "new" { kubernetes { domain = "cluster.local" } }
                """,
            after: """
                cluster "old" { kubernetes { domain = "old.local" } }
                cluster "new" { kubernetes { domain = "cluster.local" } }
                """)
    ) { rule, context in
        guard context.strategy == .datacenterExtend, context.plan.source.seeds == nil, context.plan.target.seeds == nil,
            let source = context.plan.source.kubernetes, let target = context.plan.target.kubernetes,
            source.domain.value == target.domain.value
        else { return [] }
        return [
            rule.finding(
                "the source's seeds would be looked up as <pod>.<service>.\(source.namespace.value).svc.\(source.domain.value), a domain cluster \"\(context.plan.target.label.value)\" answers from its own DNS",
                at: target.range, notes: [Note("the source's domain", at: source.range)],
                help: "set seeds = [\"...\"] in cluster \"\(context.plan.target.label.value)\" to names it resolves, or give cluster \"\(context.plan.source.label.value)\" a domain of its own")
        ]
    }

    static let podCIDROverlap = Rule(
        RuleDescription(
            name: .podCIDROverlap, severity: .error,
            summary: "datacenter-extend: pod networks overlap, or are not declared",
            checks: """
                With datacenter-extend between two Kubernetes clusters, both must declare \
                `pod_cidr`, and the two networks must not overlap.
                """,
            why: """
                The new datacenter gossips and streams pod to pod across clusters, so each side \
                must route the other's pod addresses. Overlapping networks make that impossible \
                without per-pod routes that break at every restart (seed 000: "the networks in \
                Kubernetes overlap, so it was difficult to establish a connection").
                """,
            fix: "Declare both pod networks; if they overlap, use datacenter-handover, which needs no path between clusters.",
            before: """
                kubernetes { pod_cidr = "10.244.0.0/16" }
                kubernetes { pod_cidr = "10.244.128.0/17" }
                """,
            after: """
                kubernetes { pod_cidr = "10.244.0.0/16" }
                kubernetes { pod_cidr = "10.96.0.0/16" }
                """)
    ) { rule, context in
        guard context.strategy == .datacenterExtend, let source = context.plan.source.kubernetes,
            let target = context.plan.target.kubernetes
        else { return [] }
        var findings: [Diagnostic] = []
        for (cluster, kubernetes) in [(context.plan.source, source), (context.plan.target, target)] where kubernetes.podCIDR == nil {
            findings.append(
                rule.finding(
                    "cluster \"\(cluster.label.value)\" declares no pod_cidr: routing between the clusters cannot be checked",
                    at: kubernetes.range, help: "add pod_cidr = \"...\" (the cluster's pod network) to its kubernetes block"))
        }
        if let sourceCIDR = source.podCIDR, let targetCIDR = target.podCIDR, sourceCIDR.value.overlaps(targetCIDR.value) {
            findings.append(
                rule.finding(
                    "the target's pod network \(targetCIDR.value) overlaps the source's \(sourceCIDR.value)", at: targetCIDR.range,
                    notes: [Note("the source's pod network", at: sourceCIDR.range)],
                    help: "use strategy = datacenter-handover, which needs no network path between the clusters"))
        }
        return findings
    }

    static let downtimeOverBudget = Rule(
        RuleDescription(
            name: .downtimeOverBudget, severity: .error,
            summary: "the estimated outage exceeds downtime_budget",
            checks: """
                The outage of the plan's strategy is estimated (docs/estimates.md) and compared with \
                `downtime_budget`; the message shows the estimate and its parts. A snapshot-load \
                plan whose keyspaces have no sizes cannot be estimated and is refused too.
                """,
            why: """
                The budget is what the business agreed to. Seed 004's sstableloader moved "about \
                one million bytes every second": at that rate a 1.8 TiB keyspace with three \
                replicas freezes writes for months. Seed 000 fitted 2-3 minutes because only pods \
                stopped and started. The compiler does that arithmetic before anyone starts.
                """,
            fix: "Choose a strategy with a shorter outage that applies where the source runs (volume-adoption from machines on EBS; datacenter-extend or datacenter-handover from Kubernetes), raise the throughput, or agree a larger budget.",
            before: """
                plan "move" {
                  strategy        = snapshot-load
                  downtime_budget = 1h
                  load_throughput = 1MB/s
                }
                """,
            after: """
                plan "move" {
                  strategy        = volume-adoption
                  downtime_budget = 1h
                }
                """)
    ) { rule, context in
        let budget = context.plan.settings.downtimeBudget
        if context.strategy == .snapshotLoad, context.estimates.loadDuration == nil {
            let unsized = context.plan.keyspaces.first { $0.size == nil }
            return [
                rule.finding(
                    "the write freeze of snapshot-load cannot be estimated: keyspace \(unsized?.name.value ?? "sizes") has no size",
                    at: unsized?.name.range ?? budget.range,
                    help: "add size = ... to every keyspace (nodetool tablestats shows the live data)")
            ]
        }
        let outage = context.estimates.outage
        guard outage.total > budget.value else { return [] }
        return [
            rule.finding(
                "estimated outage \(outage.total) exceeds the downtime budget of \(budget.value): \(outage.arithmetic)",
                at: budget.range, notes: [Note("what stops: \(outage.whatStops)")],
                help: context.strategy == .snapshotLoad
                    ? "use \(shorterOutage(context.plan)), or raise load_throughput, or agree a budget of at least \(outage.total)"
                    : "agree a budget of at least \(outage.total), or use \(shorterOutage(context.plan))")
        ]
    }

    /// The strategies with a shorter outage that apply where the source runs: from machines only
    /// volume-adoption (it copies EBS volumes); from Kubernetes datacenter-extend (no outage)
    /// or datacenter-handover.
    static func shorterOutage(_ plan: Plan) -> String {
        plan.source.kubernetes == nil
            ? "volume-adoption (for machines whose data is on EBS volumes)"
            : "datacenter-extend (no outage, when the clusters' pod networks are routed) or datacenter-handover"
    }

    static let parallelRebuildsExceedNodes = Rule(
        RuleDescription(
            name: .parallelRebuildsExceedNodes, severity: .warning,
            summary: "parallel_rebuilds exceeds the target's node count",
            checks: "Warns when `parallel_rebuilds` is larger than the number of target nodes that rebuild.",
            why: """
                Only one rebuild per node can run, so the excess does nothing but suggests a \
                faster migration than the estimate (which caps it) will show. It often means the \
                target datacenter's `nodes` is wrong.
                """,
            fix: "Set `parallel_rebuilds` to at most the target's node count.",
            before: """
                plan "move" {
                  parallel_rebuilds = 6
                }
                """,
            after: """
                plan "move" {
                  parallel_rebuilds = 3
                }
                """)
    ) { rule, context in
        guard context.strategy.isDatacenterStrategy else { return [] }
        let parallel = context.plan.settings.parallelRebuilds
        let nodes = context.plan.target.datacenters.reduce(0) { $0 + $1.nodeCount.value }
        guard parallel.value > nodes else { return [] }
        return [
            rule.finding(
                "parallel_rebuilds = \(parallel.value) but the target has \(nodes) node\(nodes == 1 ? "" : "s") to rebuild",
                at: parallel.range, help: "set parallel_rebuilds = \(nodes)")
        ]
    }

    static let metricsOverBudget = Rule(
        RuleDescription(
            name: .metricsOverBudget, severity: .warning,
            summary: "the estimated Prometheus series count exceeds max_series",
            checks: """
                With an exporter and `max_series`, the series the target cluster will publish are \
                estimated (nodes × metric families, per keyspace and per table for those families, \
                after `keep`; docs/estimates.md) and compared with the budget.
                """,
            why: """
                Per-table metrics multiply by every table on every node. Seed 000's new cluster \
                published 500K+ series an hour after the start and took Prometheus down; trimming \
                the exporter's configuration brought it to 120K.
                """,
            fix: "Keep fewer metric families (`keep`), drop per-table metrics you do not alert on, or raise the budget.",
            before: """
                monitoring {
                  exporter   = casskop-jmx
                  max_series = 120000
                }
                """,
            after: """
                monitoring {
                  exporter   = casskop-jmx
                  max_series = 120000
                  keep       = ["cassandra_clientrequest_.*", "cassandra_storage_.*"]
                }
                """)
    ) { rule, context in
        guard let maxSeries = context.plan.monitoring?.maxSeries, let estimate = MetricsEstimate(plan: context.plan),
            estimate.series > maxSeries.value
        else { return [] }
        return [
            rule.finding(
                "about \(estimate.series) series expected, over the budget of \(maxSeries.value): \(estimate.nodes) nodes × (\(estimate.keptFamilies) metric families, \(estimate.tables) tables, \(estimate.keyspaces) keyspaces)",
                at: maxSeries.range,
                help: "keep only the families you alert on, e.g. keep = [\"cassandra_clientrequest_.*\", \"cassandra_storage_.*\"]")
        ]
    }
}
