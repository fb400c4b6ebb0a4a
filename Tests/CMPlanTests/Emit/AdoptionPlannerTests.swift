@testable import CMPlan
import Testing

/// volume-adoption's planner, directly (issue 14, part 3; issue 17, part 4).
@Suite struct AdoptionPlannerTests {
    func steps() throws -> [Step] {
        let file = SourceFile(path: "t.cmplan", text: PlanFragments.adoption())
        let plan = try #require(Frontend.run(file).plan)
        return try RunbookCompiler.compile(plan, source: file, warnings: []).get().steps
    }

    /// Every volume's final snapshot starts before the step waits, once, for all of them: the
    /// window waits for the slowest snapshot, not for their sum, as PLAN.md's estimate assumes.
    @Test func finalSnapshotsAreTakenAllAtOnce() throws {
        for id in ["final-snapshots", "warm-up-snapshots"] {
            let step = try #require(try steps().first { $0.id.hasSuffix(id) })
            let helpers = step.action.map(\.helper)
            #expect(helpers == [.startSnapshot, .startSnapshot, .waitSnapshots], "\(id): \(helpers)")
            #expect(step.action.last?.arguments.suffix(2) == ["n1", "n2"], "\(id) waits for both nodes")
        }
    }

    /// The host ids and filesystems are recorded before the window, and the final snapshots and
    /// every step after them lie inside it.
    @Test func recordsBeforeTheWindowAndSnapshotsInside() throws {
        let steps = try steps()
        let record = try #require(steps.firstIndex { $0.id.hasSuffix("record-host-ids") })
        let window = try #require(steps.firstIndex { $0.inDowntime })
        let final = try #require(steps.firstIndex { $0.id.hasSuffix("final-snapshots") })
        #expect(record < window && window < final && steps[final].inDowntime)
        #expect(steps[record].action.map(\.helper).contains(.recordFilesystem))
    }
}
