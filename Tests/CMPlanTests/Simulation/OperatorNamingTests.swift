@testable import CMPlanSim
import Testing

/// The simulator's own ports of the operators' naming: a second implementation, checked
/// against the same hand-worked cases as the compiler's, so the two are never one belief.
@Suite struct OperatorNamingTests {
    @Test(arguments: [
        ("cassandra", "cassandra"), ("Bob's Cluster", "bobscluster"), ("Test Cluster", "testcluster"),
        ("my_cluster", "my-cluster"), ("Cluster1", "cluster1"), ("1st-cluster", "st-cluster"), ("a--b", "a--b"),
        ("prod.eu", "prodeu"), ("--x-", "x"),
    ])
    func cassOperatorCleanupForKubernetes(input: String, expected: String) {
        #expect(OperatorNaming.cleanupForKubernetes(input) == expected)
    }

    @Test(arguments: [("rack-a", "rack-a"), ("Rack_1", "rack-1"), ("r1.eu", "r1.eu"), ("Rack A", "racka"), ("1a", "1a")])
    func cassOperatorCleanupSubdomain(input: String, expected: String) {
        #expect(OperatorNaming.cleanupSubdomain(input) == expected)
    }

    @Test func cassOperatorStatefulSet() {
        #expect(
            OperatorNaming.cassOperatorStatefulSet(clusterName: "Bob's Cluster", datacenterObject: "eu-west-2", rack: "rack-a")
                == "bobscluster-eu-west-2-rack-a-sts")
    }

    /// CassKop names `dc-rack` only when it is a DNS-1035 label; otherwise it creates nothing.
    @Test func casskopRefusesNamesThatAreNoLabel() {
        #expect(OperatorNaming.casskopStatefulSet(cluster: "c", datacenter: "dc1", rack: "rack1") == "c-dc1-rack1")
        #expect(OperatorNaming.casskopStatefulSet(cluster: "c", datacenter: "X_2", rack: "rack1") == nil)
        #expect(OperatorNaming.casskopStatefulSet(cluster: "c", datacenter: "dc1", rack: "Rack1") == nil)
    }

    /// Rook cleans nothing.
    @Test func rookJoinsItsNamesAsTheyAre() {
        #expect(OperatorNaming.rookStatefulSet(cluster: "rook-cassandra", datacenter: "us-east-1", rack: "us-east-1a") == "rook-cassandra-us-east-1-us-east-1a")
    }

    /// SplitRacks: the first racks take the remainder.
    @Test func splitRacks() {
        #expect(OperatorNaming.splitRacks(nodes: 4, racks: 3) == [2, 1, 1])
        #expect(OperatorNaming.splitRacks(nodes: 6, racks: 3) == [2, 2, 2])
        #expect(OperatorNaming.splitRacks(nodes: 1, racks: 2) == [1, 0])
    }
}
