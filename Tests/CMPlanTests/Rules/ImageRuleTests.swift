import CMPlan
import Testing

/// The official image's entrypoint writes cluster_name with an unescaped sed (issue 15, item 11).
@Suite struct ImageRuleTests {
    func withClusterName(_ marked: String, operator kind: String = "casskop") -> String {
        PlanFragments.handover()
            .replacingOccurrences(of: "cluster_name      = \"cassandra\"", with: "cluster_name      = \(marked)")
            .replacingOccurrences(of: "operator  = casskop", with: "operator  = \(kind)")
    }

    @Test func namesTheEntrypointCannotCarry() {
        for name in ["‸\"prod/eu\"", "‸\"a&b\"", "‸\"*prod\"", "‸\"prod: eu\"", "‸\"prod #2\""] {
            expectRule(.clusterNameUnsafe, withClusterName(name))
        }
    }

    @Test func namesItCarries() {
        for name in ["\"Bob's Cluster\"", "\"Test Cluster\"", "\"prod-eu_1.2\""] {
            expectNoRule(.clusterNameUnsafe, withClusterName(name))
        }
    }

    /// Only where a plain StatefulSet runs the official image: datacenter-extend into
    /// cass-operator never does.
    @Test func onlyWhereThePlainImageRuns() {
        let extend = withClusterName("\"prod/eu\"", operator: "cass-operator")
            .replacingOccurrences(of: "strategy        = datacenter-handover", with: "strategy        = datacenter-extend")
        expectNoRule(.clusterNameUnsafe, extend)
    }

    /// The Kubernetes example's image keeps its data in /cassandra_data (issue 15, item 9).
    @Test func imageDataPath() {
        expectRule(.imageDataPath, PlanFragments.handover(new: "image = ‸\"gcr.io/google-samples/cassandra:v13\""))
        #expect(expectWarning(.imageDataPath, PlanFragments.handover(new: "image = \"example.com/team/cassandra:3.11.6\"")))
        for official in ["cassandra:3.11.6", "docker.io/library/cassandra:3.11.6", "cassandra@sha256:0123"] {
            expectNoRule(.imageDataPath, PlanFragments.handover(new: "image = \"\(official)\""))
        }
    }

    /// Whether a plan raises a rule as a warning (and decodes).
    func expectWarning(_ rule: RuleName, _ text: String) -> Bool {
        Frontend.run(SourceFile(path: "t.cmplan", text: text)).diagnostics.diagnostics.contains { $0.rule == rule && $0.severity == .warning }
    }
}
