/// What the target operator really runs of the plan's datacenters (`operator-rack-split`).
enum OperatorRules {
    static let all: [Rule] = [operatorRackSplit, operatorWatchNamespace]

    static let operatorRackSplit = Rule(
        RuleDescription(
            name: .operatorRackSplit, severity: .error,
            summary: "the target operator would run another number of pods than the plan's nodes",
            checks: """
                CassKop runs one `nodesPerRacks` in every rack of a datacenter. A target \
                datacenter on CassKop whose nodes do not divide evenly over its racks is refused: \
                CassKop would run more pods than the plan has nodes.
                """,
            why: """
                4 nodes over 3 racks becomes `nodesPerRacks: 2`, six pods. The runbook moves data \
                to the four nodes the plan names; the two extra pods join empty, own token \
                ranges, and serve reads without the data, or, with datacenter-handover, stop the \
                run inside the downtime window when the operator starts them.
                """,
            fix: "Give the datacenter a node count that is a multiple of its racks, or as many racks as divide it.",
            before: """
                datacenter "dc2" {
                  nodes = 4
                  racks = ["r1", "r2", "r3"]
                }
                """,
            after: """
                datacenter "dc2" {
                  nodes = 6
                  racks = ["r1", "r2", "r3"]
                }
                """)
    ) { rule, context in
        guard let kubernetes = context.plan.target.kubernetes else { return [] }
        let kind = kubernetes.operatorKind.value
        return context.plan.target.datacenters.compactMap { datacenter -> Diagnostic? in
            let nodes = datacenter.nodeCount.value
            let racks = datacenter.racks.value.count
            let running = kind.profile.running(nodes: nodes, racks: racks)
            guard racks > 0, running != RackSplit.planned(nodes: nodes, racks: racks) else { return nil }
            let perRack = running.first ?? 0
            let lower = (nodes / racks) * racks
            let upper = perRack * racks
            let suggestion = lower > 0 && lower != upper ? "nodes = \(lower) or \(upper)" : "nodes = \(upper)"
            return rule.finding(
                "CassKop would run \(running.reduce(0, +)) pods for the \(nodes) nodes of \(datacenter.name.value): nodesPerRacks \(perRack) in each of \(racks) racks",
                at: datacenter.nodeCount.range, notes: [Note("the target's operator", at: kubernetes.operatorKind.range)],
                help: "use a multiple of the \(racks) racks (\(suggestion)), or change the racks")
        }
    }

    static let operatorWatchNamespace = Rule(
        RuleDescription(
            name: .operatorWatchNamespace, severity: .warning,
            summary: "the target operator's documented install would not watch the target namespace",
            checks: """
                Warns when the plan does not say where the target's operator runs and its \
                documented install watches only its own namespace, which is not the target's: \
                cass-operator's default install (namespace `cass-operator`) sets WATCH_NAMESPACE \
                from its own namespace. The runbook checks the real WATCH_NAMESPACE at preflight.
                """,
            why: """
                An operator reconciles only the namespaces it watches: a CassandraDatacenter \
                created elsewhere is never turned into pods, and the runbook waits for a \
                datacenter that never starts. (SOURCE: k8ssandra/cass-operator \
                `config/manager/manager.yaml`, WATCH_NAMESPACE from metadata.namespace; \
                `cmd/main.go`, an empty value watches every namespace.)
                """,
            fix: """
                Name the operator where it really runs with `operator_deployment` (installed in \
                the target namespace, or cluster-wide with an empty WATCH_NAMESPACE), or put the \
                target in the operator's namespace.
                """,
            before: """
                kubernetes {
                  namespace = "cassandra"
                  operator  = cass-operator
                }
                """,
            after: """
                kubernetes {
                  namespace           = "cassandra"
                  operator            = cass-operator
                  operator_deployment = "cassandra/cass-operator-controller-manager"
                }
                """)
    ) { rule, context in
        guard let kubernetes = context.plan.target.kubernetes, let workload = kubernetes.operatorWorkload,
            !workload.isExplicit, workload.value.namespace != kubernetes.namespace.value,
            kubernetes.operatorKind.value == .cassOperator
        else { return [] }
        return [
            rule.warning(
                "cass-operator's default install runs in namespace \(workload.value.namespace) and watches only it; the target is in \(kubernetes.namespace.value)",
                at: kubernetes.namespace.range, notes: [Note("the target's operator", at: kubernetes.operatorKind.range)],
                help: "say where the operator runs: operator_deployment = \"\(kubernetes.namespace.value)/\(workload.value.name)\" if it is installed there (the runbook checks WATCH_NAMESPACE at preflight)")
        ]
    }
}
