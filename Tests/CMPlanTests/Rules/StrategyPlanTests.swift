import CMPlan
import Testing

/// Correct plans of every strategy compile with no error (warnings allowed).
@Suite struct StrategyPlanTests {
    @Test(arguments: [
        "Plans/k8s-to-k8s.cmplan", "Plans/ec2-to-eks.cmplan",
        "Tests/CMPlanTests/Rules/Fixtures/extend.cmplan", "Tests/CMPlanTests/Rules/Fixtures/snapshot-load.cmplan",
    ])
    func compiles(path: String) throws {
        let file = try #require(PlanFile.read(Repository.path(path)))
        let result = Frontend.run(file)
        let errors = result.diagnostics.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(path): \(errors.map { "\($0.rule.rawValue): \($0.message)" })")
        #expect(result.plan != nil)
    }

    @Test func everyStrategyIsCovered() throws {
        var strategies = Set<Strategy>()
        for path in [
            "Plans/k8s-to-k8s.cmplan", "Plans/ec2-to-eks.cmplan", "Tests/CMPlanTests/Rules/Fixtures/extend.cmplan",
            "Tests/CMPlanTests/Rules/Fixtures/snapshot-load.cmplan",
        ] {
            let file = try #require(PlanFile.read(Repository.path(path)))
            if let plan = Frontend.run(file).plan { strategies.insert(plan.settings.strategy.value) }
        }
        #expect(strategies == Set(Strategy.allCases))
    }
}
