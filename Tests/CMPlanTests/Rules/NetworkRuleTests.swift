import CMPlan
import Foundation
import Testing

/// Network, time and monitoring rules: each fires at the marked text, and not on a near miss.
@Suite struct NetworkRuleTests {
    func extend(source: String?, target: String?) -> String {
        var text = PlanFragments.handover().replacingOccurrences(of: "datacenter-handover", with: "datacenter-extend")
        if let source {
            text = text.replacingOccurrences(of: "operator  = rook", with: "operator  = rook\n    pod_cidr  = \(source)")
        }
        if let target {
            text = text.replacingOccurrences(of: "operator  = casskop", with: "operator  = casskop\n    pod_cidr  = \(target)")
        }
        return text
    }

    @Test func podCIDROverlap() {
        let found = expectRule(.podCIDROverlap, extend(source: "\"10.244.0.0/16\"", target: "‸\"10.244.128.0/17\""))
        #expect(found.first?.notes.first?.range != nil)
        expectRule(.podCIDROverlap, extend(source: "\"10.244.0.0/16\"", target: nil).replacingLast("  kubernetes {", with: "  ‸kubernetes {"))
        expectNoRule(.podCIDROverlap, extend(source: "\"10.244.0.0/16\"", target: "\"10.96.0.0/16\""))
        expectNoRule(.podCIDROverlap, PlanFragments.handover())  // handover needs no route between clusters
    }

    @Test func seedDomainShared() {
        let routed = extend(source: "\"10.244.0.0/16\"", target: "\"10.96.0.0/16\"")
        expectRule(.seedDomainShared, routed.replacingLast("  kubernetes {", with: "  ‸kubernetes {"))
        expectNoRule(.seedDomainShared, routed.replacingOccurrences(of: "operator  = rook", with: "operator  = rook\n    domain    = \"old.local\""))
        expectNoRule(.seedDomainShared, PlanFragments.handover())  // handover's seeds live in the source cluster
    }

    @Test func downtimeOverBudget() {
        let found = expectRule(.downtimeOverBudget, PlanFragments.handover().replacingOccurrences(of: "downtime_budget = 3m", with: "downtime_budget = ‸1m"))
        #expect(found.first?.message.contains("2m45s") == true, "the message shows the estimate: \(found.first?.message ?? "")")
        expectNoRule(.downtimeOverBudget, PlanFragments.handover())
    }

    @Test func snapshotLoadAtOneMegabytePerSecondIsRefused() {
        let found = expectRule(.downtimeOverBudget, PlanFragments.snapshotLoad(budget: "‸1h"))
        // The source runs on machines: handover and extend do not apply to it.
        #expect(found.first?.help?.contains("volume-adoption") == true && found.first?.help?.contains("handover") == false)
        #expect(found.first?.message.contains("sstableloader") == true)
        expectNoRule(.downtimeOverBudget, PlanFragments.snapshotLoad(budget: "30d", throughput: "100MB/s"))
        expectRule(.downtimeOverBudget, PlanFragments.snapshotLoad(keyspace: "").replacingOccurrences(of: "keyspace \"app\"", with: "keyspace ‸\"app\""))
    }

    @Test func parallelRebuildsExceedNodes() {
        let found = expectRule(.parallelRebuildsExceedNodes, PlanFragments.handover(plan: "parallel_rebuilds = ‸4"))
        #expect(found.first?.severity == .warning)
        expectNoRule(.parallelRebuildsExceedNodes, PlanFragments.handover(plan: "parallel_rebuilds = 3"))
    }

    @Test func metricsOverBudget() {
        let found = expectRule(
            .metricsOverBudget, PlanFragments.handover(extra: "monitoring {\n  exporter = casskop-jmx\n  max_series = ‸1000\n}"))
        #expect(found.first?.severity == .warning)
        expectNoRule(
            .metricsOverBudget,
            PlanFragments.handover(extra: "monitoring {\n  exporter = casskop-jmx\n  max_series = 1000\n  keep = [\"cassandra_storage_.*\"]\n}"))
        expectNoRule(.metricsOverBudget, PlanFragments.handover(extra: "monitoring {\n  exporter = none\n  max_series = 1\n}"))
    }
}
