import CMPlan
import Foundation
import Testing

/// Identity and topology rules: each fires at the marked text, and not on a near miss.
@Suite struct IdentityRuleTests {
    @Test func clusterNameMismatch() {
        let found = expectRule(.clusterNameMismatch, PlanFragments.handover(new: "cluster_name = ‸\"cassandra2\""))
        #expect(found.first?.notes.first?.range != nil, "a note points at the source's cluster_name")
        expectNoRule(.clusterNameMismatch, PlanFragments.handover(new: "cluster_name = \"cassandra\""))
    }

    @Test func datacenterNameClash() {
        expectRule(.datacenterNameClash, PlanFragments.handover().replacingLast("datacenter \"x2\"", with: "datacenter ‸\"x1\""))
        expectNoRule(.datacenterNameClash, PlanFragments.handover())
        expectNoRule(.datacenterNameClash, PlanFragments.adoption())
    }

    @Test func datacenterRenamed() {
        expectRule(.datacenterRenamed, PlanFragments.adoption().replacingLast("datacenter \"dc1\"", with: "datacenter ‸\"dc2\""))
        expectNoRule(.datacenterRenamed, PlanFragments.adoption())
    }

    @Test func rackRenamed() {
        expectRule(.rackRenamed, PlanFragments.adoption(targetRacks: "‸[\"r1\", \"r3\"]"))
        // Three pods round-robin over r1, r2 put two in r1, which has one source node.
        expectRule(.rackRenamed, PlanFragments.adoption(targetNodes: "3", targetRacks: "‸[\"r1\", \"r2\"]"))
        expectNoRule(.rackRenamed, PlanFragments.adoption(targetRacks: "[\"r2\", \"r1\", \"r9\"]"))
        expectNoRule(.rackRenamed, PlanFragments.adoption())
    }

    @Test func nodeCountMismatch() {
        expectRule(.nodeCountMismatch, PlanFragments.adoption(targetNodes: "‸3"))
        expectNoRule(.nodeCountMismatch, PlanFragments.adoption(targetNodes: "2"))
    }

    @Test func operatorUnsupported() {
        expectRule(.operatorUnsupported, PlanFragments.handover().replacingOccurrences(of: "operator  = casskop", with: "operator  = ‸rook"))
        expectNoRule(.operatorUnsupported, PlanFragments.handover())  // rook as the source is fine
    }

    @Test func seedIsIP() {
        expectRule(.seedIsIP, PlanFragments.handover(old: "seeds = [\"cassandra-0.cassandra\", ‸\"10.244.1.7\"]"))
        expectNoRule(.seedIsIP, PlanFragments.handover(old: "seeds = [\"cassandra-0.cassandra.cassandra.svc.cluster.local\"]"))
    }

    @Test func versionMismatch() {
        expectRule(.versionMismatch, PlanFragments.handover(new: "cassandra_version = ‸\"4.0.11\""))
        expectNoRule(.versionMismatch, PlanFragments.handover(new: "cassandra_version = \"3.11.16\""))
    }

    @Test func invalidNames() {
        expectRule(.invalidName, PlanFragments.handover(extra: "keyspace ‸\"app;drop\" {\n  replication = { x1 = 3 }\n}"))
        expectRule(.invalidName, PlanFragments.handover().replacingOccurrences(of: "context   = \"new-ctx\"", with: "context   = ‸\"new ctx$(id)\""))
        expectRule(.invalidName, PlanFragments.handover().replacingLast("namespace = \"cassandra\"", with: "namespace = ‸\"Cassandra\""))
        expectRule(.invalidName, PlanFragments.adoption(node: "").replacingOccurrences(of: "\"vol-0123456789abcdef0\"", with: "‸\"vol-xyz\""))
        expectRule(.invalidName, PlanFragments.handover(new: "cluster_name = ‸\" cassandra\""))
        expectRule(.invalidName, PlanFragments.handover().replacingOccurrences(of: "plan \"move\"", with: "plan ‸\"Move_1\""))
        expectNoRule(.invalidName, PlanFragments.handover(new: "cluster_name = \"cassandra\"", extra: "keyspace \"App_2\" {\n  replication = { x1 = 3 }\n}"))
        expectNoRule(.invalidName, PlanFragments.adoption())
        let awkward = PlanFragments.handover()
            .replacingOccurrences(of: "\"cassandra\"\n  cassandra_version", with: "\"Bob's Cluster\"\n  cassandra_version")
            .replacingOccurrences(of: "\"new-ctx\"", with: "\"arn:aws:eks:eu-west-1:111122223333:cluster/prod\"")
        expectNoRule(.invalidName, awkward)
    }

    @Test func operatorNaming() {
        expectRule(.operatorNaming, PlanFragments.handover().replacingLast("datacenter \"x2\"", with: "datacenter ‸\"x-2\""))
        expectRule(.operatorNaming, PlanFragments.handover(newDC: "racks = [‸\"rack-a\"]"))
        let cassOperator = PlanFragments.handover().replacingOccurrences(of: "operator  = casskop", with: "operator  = cass-operator")
        expectRule(.operatorNaming, cassOperator.replacingLast("nodes = 3", with: "nodes = 3\nracks = [‸\"a\"]"))
        expectNoRule(.operatorNaming, cassOperator.replacingLast("datacenter \"x2\"", with: "datacenter \"x-2\""))
        expectNoRule(.operatorNaming, PlanFragments.handover())
        // CassKop's GetDCRackName: `dc-rack` must be a DNS-1035 label (issue 15, item 4).
        expectRule(.operatorNaming, PlanFragments.handover().replacingLast("datacenter \"x2\"", with: "datacenter ‸\"X_2\""))
        expectRule(.operatorNaming, PlanFragments.handover(newDC: "racks = [‸\"Rack1\"]"))
        expectRule(.operatorNaming, PlanFragments.handover().replacingLast("datacenter \"x2\"", with: "datacenter ‸\"2x\""))
        expectNoRule(.operatorNaming, PlanFragments.handover(newDC: "racks = [\"rack1\", \"r2\"]"))
    }

    /// CassKop runs one nodesPerRacks in every rack (issue 14, issue 15 item 3): 4 nodes over
    /// 3 racks would run 6 pods.
    @Test func operatorRackSplit() {
        let found = expectRule(
            .operatorRackSplit, PlanFragments.handover(newDC: "racks = [\"r1\", \"r2\", \"r3\"]").replacingLast("nodes = 3", with: "nodes = ‸4"))
        #expect(found.first?.message.contains("6 pods for the 4 nodes") == true)
        #expect(found.first?.help?.contains("nodes = 3 or 6") == true)
        expectNoRule(.operatorRackSplit, PlanFragments.handover(newDC: "racks = [\"r1\", \"r2\", \"r3\"]"))
        let cassOperator = PlanFragments.handover(newDC: "racks = [\"r1\", \"r2\", \"r3\"]").replacingLast("nodes = 3", with: "nodes = 4")
            .replacingOccurrences(of: "operator  = casskop", with: "operator  = cass-operator")
        expectNoRule(.operatorRackSplit, cassOperator)  // SplitRacks runs 2, 1, 1: exactly the plan's nodes
    }

    /// cass-operator's default install watches only its own namespace (issue 15, item 7).
    @Test func operatorWatchNamespace() {
        let cassOperator = PlanFragments.handover().replacingOccurrences(of: "operator  = casskop", with: "operator  = cass-operator")
        expectRule(.operatorWatchNamespace, cassOperator.replacingLast("namespace = \"cassandra\"", with: "namespace = ‸\"cassandra\""))
        expectNoRule(
            .operatorWatchNamespace,
            cassOperator.replacingOccurrences(of: "operator  = cass-operator", with: "operator  = cass-operator\n    operator_deployment = \"cassandra/cass-operator-controller-manager\""))
        expectNoRule(.operatorWatchNamespace, PlanFragments.handover())
    }
}
