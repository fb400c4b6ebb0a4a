import CMPlan
import Testing

/// Where each operator runs (issue 15, items 1 and 5): the documented installs by default,
/// `operator_deployment` or `operator_statefulset` when the plan says otherwise.
@Suite struct OperatorWorkloadTests {
    func workload(_ text: String, _ cluster: (Plan) -> Cluster) throws -> OperatorWorkload? {
        let plan = try #require(decodeClean(text))
        return cluster(plan).kubernetes?.operatorWorkload?.value
    }

    /// Rook's operator is a StatefulSet (rook/cassandra operator.yaml); CassKop's Helm release
    /// `casskop` is the Deployment `casskop-cassandra-operator` in the namespace it watches.
    @Test func theDocumentedInstallsByDefault() throws {
        let text = PlanFragments.handover()
        #expect(try workload(text, \.source) == OperatorWorkload(kind: .statefulset, namespace: "rook-cassandra-system", name: "rook-cassandra-operator"))
        #expect(try workload(text, \.target) == OperatorWorkload(kind: .deployment, namespace: "cassandra", name: "casskop-cassandra-operator"))
        // The default install's namespace is not the target's: decodes, with a warning.
        let cassOperator = text.replacingOccurrences(of: "operator  = casskop", with: "operator  = cass-operator")
        let plan = try #require(Frontend.run(SourceFile(path: "t.cmplan", text: cassOperator)).plan)
        #expect(
            plan.target.kubernetes?.operatorWorkload?.value
                == OperatorWorkload(kind: .deployment, namespace: "cass-operator", name: "cass-operator-controller-manager"))
    }

    @Test func thePlanCanNameEitherKind() throws {
        let statefulSet = PlanFragments.handover().replacingOccurrences(
            of: "operator  = casskop", with: "operator  = casskop\n    operator_statefulset = \"ops/casskop\"")
        #expect(try workload(statefulSet, \.target) == OperatorWorkload(kind: .statefulset, namespace: "ops", name: "casskop"))
        let deployment = PlanFragments.handover().replacingOccurrences(
            of: "operator  = casskop", with: "operator  = casskop\n    operator_deployment = \"ops/casskop\"")
        #expect(try workload(deployment, \.target) == OperatorWorkload(kind: .deployment, namespace: "ops", name: "casskop"))
    }

    @Test func bothKindsAtOnceIsAnError() {
        let text = PlanFragments.handover().replacingOccurrences(
            of: "operator  = casskop", with: "operator  = casskop\n    operator_deployment = \"ops/a\"\n    operator_statefulset = ‸\"ops/b\"")
        let diagnostics = expectDiagnostics(text, [.duplicateAttribute])
        #expect(diagnostics.first?.notes.first?.message == "operator_deployment")
    }
}
