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
    @Test func statefulSetAndSeedServiceOfAnAwkwardClusterName() {
        #expect(CassOperatorNames.seedService(clusterName: "Bob's Cluster") == "bobscluster-seed-service")
        let placement = PlanFragments.handover().replacingOccurrences(of: "operator  = casskop", with: "operator  = cass-operator")
        let kubernetes = Frontend.run(SourceFile(path: "t", text: placement)).plan?.target.kubernetes
        #expect(
            kubernetes.map { PodLayout.statefulSetName(datacenter: "eu_west_2", rack: "Rack_A", rackCount: 2, clusterName: "Bob's Cluster", kubernetes: $0) }
                == "bobscluster-eu-west-2-rack-a-sts")
    }
}
