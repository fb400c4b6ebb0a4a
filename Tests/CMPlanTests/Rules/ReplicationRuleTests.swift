import CMPlan
import Foundation
import Testing

/// Replication and consistency rules: each fires at the marked text, and not on a near miss.
@Suite struct ReplicationRuleTests {
    @Test func consistencyNotLocal() {
        expectRule(.consistencyNotLocal, PlanFragments.handover().replacingOccurrences(of: "LOCAL_QUORUM", with: "‸QUORUM"))
        expectNoRule(.consistencyNotLocal, PlanFragments.handover().replacingOccurrences(of: "LOCAL_QUORUM", with: "LOCAL_ONE"))
    }

    @Test func quorumNeedsAllReplicas() {
        let found = expectRule(.quorumNeedsAllReplicas, PlanFragments.handover().replacingOccurrences(of: "x1 = 3", with: "x1 = ‸2"))
        #expect(found.allSatisfy { $0.severity == .warning })
        let localOne = PlanFragments.handover().replacingOccurrences(of: "LOCAL_QUORUM", with: "LOCAL_ONE")
        expectNoRule(.quorumNeedsAllReplicas, localOne.replacingOccurrences(of: "x1 = 3", with: "x1 = 2"))
    }

    @Test func replicationUnknownDatacenter() {
        let found = expectRule(
            .replicationUnknownDatacenter, PlanFragments.handover(extra: "keyspace \"k\" {\n  replication = { x1 = 3, ‸x9 = 1 }\n}"))
        #expect(found.first?.help?.contains("x1") == true)
        expectNoRule(.replicationUnknownDatacenter, PlanFragments.handover())
    }

    @Test func keyspaceNotReplicated() {
        let twoSourceDCs = PlanFragments.handover(old: "datacenter \"x9\" {\n  nodes = 3\n}", newDC: "from = x1")
        expectRule(.keyspaceNotReplicated, twoSourceDCs + "\nkeyspace \"only9\" {\n  replication = ‸{ x9 = 3 }\n}\n")
        expectNoRule(.keyspaceNotReplicated, twoSourceDCs + "\nkeyspace \"both\" {\n  replication = { x1 = 3, x9 = 3 }\n}\n")
    }

    @Test func replicationExceedsNodes() {
        expectRule(.replicationExceedsNodes, PlanFragments.handover(extra: "keyspace \"k\" {\n  replication = { x1 = ‸4 }\n  target_replication = 3\n}"))
        expectRule(.replicationExceedsNodes, PlanFragments.handover(keyspace: "target_replication = ‸4"))
        expectNoRule(.replicationExceedsNodes, PlanFragments.handover(keyspace: "target_replication = 3"))
    }

    @Test func systemKeyspaceDeclared() {
        expectRule(.systemKeyspaceDeclared, PlanFragments.handover(extra: "keyspace ‸\"system_schema\" {\n  replication = { x1 = 3 }\n}"))
        expectNoRule(.systemKeyspaceDeclared, PlanFragments.handover(extra: "keyspace \"system_auth\" {\n  replication = { x1 = 3 }\n}"))
    }

    /// SimpleStrategy is declared as DESCRIBE shows it (issue 16.10): accepted with one source
    /// datacenter (converted first), refused with several; a malformed map says what to write.
    @Test func simpleStrategyDatacenters() {
        let simple = "keyspace \"s\" {\n  replication = { class = \"SimpleStrategy\", replication_factor = ‸3 }\n}"
        let twoSourceDCs = PlanFragments.handover(old: "datacenter \"x9\" {\n  nodes = 3\n}", newDC: "from = x1")
        expectRule(.simpleStrategyDatacenters, twoSourceDCs + "\n" + simple + "\n")
        expectNoRule(.simpleStrategyDatacenters, PlanFragments.handover(extra: simple.replacingOccurrences(of: "‸", with: "")))
        for (text, rule, message) in [
            ("{ class = \"OldNetworkTopologyStrategy\" }", RuleName.invalidValue, "a replication map with a class must be SimpleStrategy's"),
            ("{ class = \"SimpleStrategy\" }", RuleName.missingAttribute, "SimpleStrategy needs its replication_factor"),
        ] {
            let plan = PlanFragments.handover(extra: "keyspace \"s\" {\n  replication = \(text)\n}")
            let found = Frontend.run(SourceFile(path: "simple.cmplan", text: plan)).diagnostics.diagnostics
            #expect(found.map(\.rule) == [rule], "\(found.map(\.message))")
            #expect(found.first?.message == message)
        }
    }

    @Test func systemAuthFragile() {
        let found = expectRule(
            .systemAuthFragile,
            PlanFragments.handover(extra: "keyspace \"system_auth\" {\n  replication = { x1 = ‸1 }\n  target_replication = 3\n}"))
        #expect(found.allSatisfy { $0.severity == .warning })
        expectNoRule(.systemAuthFragile, PlanFragments.handover(extra: "keyspace \"system_auth\" {\n  replication = { x1 = 3 }\n}"))
        // Undeclared, the new datacenter takes whatever it has today (issue 16.12).
        expectRule(.systemAuthFragile, PlanFragments.handover().replacingLast("datacenter \"x2\"", with: "datacenter ‸\"x2\""))
        expectNoRule(.systemAuthFragile, PlanFragments.adoption())
    }
}
