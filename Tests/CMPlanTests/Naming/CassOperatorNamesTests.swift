@testable import CMPlan
import Testing

/// The compiler's port of cass-operator's name cleanup (issue 15, item 6): the runbook must
/// name the objects cass-operator really creates.
@Suite struct CassOperatorNamesTests {
    /// Pairs of input and `CleanupForKubernetes` output, worked by hand from the Go function:
    /// a valid label is kept; otherwise lowercase, `_` to `-`, matches concatenated.
    @Test(arguments: [
        ("cassandra", "cassandra"), ("Bob's Cluster", "bobscluster"), ("Test Cluster", "testcluster"),
        ("my_cluster", "my-cluster"), ("Cluster1", "cluster1"), ("1st-cluster", "st-cluster"), ("a--b", "a--b"),
        ("prod.eu", "prodeu"), ("--x-", "x"),
    ])
    func cleanupForKubernetes(input: String, expected: String) {
        #expect(CassOperatorNames.cleanupForKubernetes(input) == expected)
    }

    /// `CleanupSubdomain` keeps dots between labels and lets digits start one.
    @Test(arguments: [("rack-a", "rack-a"), ("Rack_1", "rack-1"), ("r1.eu", "r1.eu"), ("Rack A", "racka"), ("1a", "1a")])
    func cleanupSubdomain(input: String, expected: String) {
        #expect(CassOperatorNames.cleanupSubdomain(input) == expected)
    }

    /// The StatefulSet and seed Service of a cluster named with a space and an apostrophe.
    @Test func statefulSetAndSeedServiceOfAnAwkwardClusterName() throws {
        #expect(CassOperatorNames.seedService(clusterName: "Bob's Cluster") == "bobscluster-seed-service")
    }
}
